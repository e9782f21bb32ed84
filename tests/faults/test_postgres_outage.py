"""PostgreSQL stops for a few seconds while researchers upload."""

import threading
import time
import urllib.error

import pytest

from tests.faults.conftest import (
    assert_each_scanned_once_with_its_verdict,
    assert_nothing_half_written,
    expected_verdict,
    production_like,
    start_everything,
    wait_for_verdicts,
)
from tests.faults.files import small_files
from tests.support.http_api import HttpApi

pytestmark = [pytest.mark.faults, pytest.mark.services, pytest.mark.worker]


def test_uploads_during_a_database_outage_are_kept_whole_or_refused_clearly(
    tmp_path, own_redis, own_postgres
):
    database_url = own_postgres.create_database("airlock_outage")
    with production_like(tmp_path, database_url=database_url, broker_url=own_redis.url) as inst:
        url = start_everything(inst)
        api = HttpApi(url, inst.token("researcher"))
        catalogue = small_files()
        expected_by_name = {
            name: expected_verdict(tmp_path, name, content) for name, content in catalogue
        }
        outcomes: list[tuple[str, int, dict | None]] = []
        stop = threading.Event()

        def researcher() -> None:
            n = 0
            while not stop.is_set():
                name, content = catalogue[n % len(catalogue)]
                n += 1
                try:
                    reply = api.upload("demo", [(name, content)])
                    outcomes.append((name, reply.status, reply.json()))
                except (urllib.error.URLError, ConnectionError) as exc:
                    outcomes.append((name, 0, {"error": repr(exc)}))
                time.sleep(0.25)

        def wait_for(*, stored: bool, after: int) -> int:
            """Wait until an upload after the first `after` ones was stored (201) or, with
            stored=False, refused; how many uploads have been answered then."""
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if stored in [status == 201 for _name, status, _body in outcomes[after:]]:
                    return len(outcomes)
                time.sleep(0.1)
            raise AssertionError(f"no upload {'stored' if stored else 'refused'} in 60 s")

        uploader = threading.Thread(target=researcher)
        uploader.start()
        try:
            stored_before = wait_for(stored=True, after=0)
            own_postgres.stop()
            wait_for(stored=False, after=stored_before)  # an upload met the outage
            outage_ready = api.get("/readyz")
            restarted_at = len(outcomes)
            own_postgres.start()
            wait_for(stored=True, after=restarted_at)  # and one after it is stored again
        finally:
            stop.set()
            uploader.join(timeout=60)

        statuses = [status for _name, status, _body in outcomes]
        assert 201 in statuses
        refused = [body for _name, status, body in outcomes if status != 201]
        assert refused, "no upload met the outage"
        for body in refused:
            # Refused with a message that says what happened and what to do, never a 500.
            assert body is not None and "try again" in body["error"].lower(), body
        assert set(statuses) <= {201, 503}, statuses
        assert outage_ready.status == 503
        assert outage_ready.json()["checks"]["database"].startswith("failed")

        kept = {body[0]["id"]: name for name, status, body in outcomes if status == 201}
        records = wait_for_verdicts(inst, list(kept), timeout=120)
        assert set(records) == set(kept), "a refused upload left a file behind"
        assert_each_scanned_once_with_its_verdict(
            records, {file_id: expected_by_name[name] for file_id, name in kept.items()}
        )
        assert_nothing_half_written(inst, records, inst.data_dir / "quarantine")
        assert api.get("/readyz").status == 200
