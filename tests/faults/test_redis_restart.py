"""Redis crashes (kill -9, no persistence) while files are queued, and comes back empty."""

import time

import pytest

from tests.faults.conftest import (
    assert_each_scanned_once_with_its_verdict,
    assert_nothing_half_written,
    expected_verdict,
    production_like,
    start_everything,
    wait_for_verdicts,
)
from tests.faults.files import slow_table, small_files
from tests.support.http_api import HttpApi

pytestmark = [pytest.mark.faults, pytest.mark.services, pytest.mark.worker]


def test_files_queued_when_redis_restarts_are_all_scanned_once(
    tmp_path, own_redis, shared_postgres_url
):
    with production_like(
        tmp_path, database_url=shared_postgres_url, broker_url=own_redis.url
    ) as inst:
        url = start_everything(inst)
        api = HttpApi(url, inst.token("researcher"))
        before = [
            (f"queued-{i}.csv", slow_table(150_000, seed=i)) for i in range(3)
        ] + small_files()
        during = [(f"while-down-{name}", content) for name, content in small_files()]
        expected_by_name = {
            name: expected_verdict(tmp_path, name, content) for name, content in before + during
        }
        ids: dict[int, str] = {}
        for name, content in before:
            reply = api.upload("demo", [(name, content)])
            assert reply.status == 201, reply.body
            ids[reply.json()[0]["id"]] = name

        own_redis.crash()  # with scans queued behind the slow ones
        # While Redis is down an upload still succeeds: the file is kept, its scan waits.
        for name, content in during:
            started = time.monotonic()
            reply = api.upload("demo", [(name, content)])
            assert reply.status == 201, reply.body
            assert time.monotonic() - started < 15, "the upload hung on the broker"
            assert reply.json()[0]["status"] == "uploaded"
            ids[reply.json()[0]["id"]] = name
        ready = api.get("/readyz")
        assert ready.status == 503
        assert ready.json()["checks"]["broker"].startswith("failed")

        time.sleep(2)
        own_redis.start()  # empty: every message it held is lost
        records = wait_for_verdicts(inst, list(ids), timeout=150)
        assert_each_scanned_once_with_its_verdict(
            records, {file_id: expected_by_name[name] for file_id, name in ids.items()}
        )
        assert_nothing_half_written(inst, records, inst.data_dir / "quarantine")
        assert api.get("/readyz").status == 200
