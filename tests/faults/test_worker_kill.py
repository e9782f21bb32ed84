"""kill -9 of worker pool processes (and of a whole worker) in the middle of scans."""

import time
from collections.abc import Callable

import psutil
import pytest

from tests.faults.conftest import (
    assert_each_scanned_once_with_its_verdict,
    assert_nothing_half_written,
    expected_verdict,
    pool_processes,
    production_like,
    scanning_pool_processes,
    start_everything,
    wait_for_verdicts,
)
from tests.faults.files import slow_table, small_files
from tests.support.http_api import HttpApi

pytestmark = [pytest.mark.faults, pytest.mark.services, pytest.mark.worker]


def until(condition: Callable[[], list[psutil.Process]], *, timeout: float) -> list:
    """Poll ``condition`` every 20 ms until it gives a non-empty list, or [] at the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.02)
    return []


def test_files_being_scanned_by_killed_workers_are_scanned_once_by_the_others(
    tmp_path, own_redis, shared_postgres_url
):
    with production_like(
        tmp_path, database_url=shared_postgres_url, broker_url=own_redis.url
    ) as inst:
        url = start_everything(inst)
        api = HttpApi(url, inst.token("researcher"))
        # Slow files go up in waves, so that worker-a has slow work whenever it is to be killed,
        # however fast the scanner has become and whichever worker a requeued message reaches.
        slow = [(f"slow-{i}.csv", slow_table(250_000, seed=i)) for i in range(6)]
        files = slow + small_files()
        expected_by_name = {
            name: expected_verdict(tmp_path, name, content) for name, content in files
        }

        ids: dict[int, str] = {}

        def upload(batch: list[tuple[str, bytes]]) -> None:
            for name, content in batch:  # one request each, as a researcher adding files
                reply = api.upload("demo", [(name, content)])
                assert reply.status == 201, reply.body
                ids[reply.json()[0]["id"]] = name

        worker_a, worker_b = inst.processes[1], inst.processes[2]
        upload(small_files())
        # kill -9 the pool process of worker-a while it scans, twice.
        killed: set[int] = set()
        waves = (slow[0:2], slow[2:5])
        for number, wave in enumerate(waves, start=1):
            # Work goes up once worker-a has a pool process that can take it (the killed one
            # replaced), so the other worker cannot have taken it all before.
            until(lambda: [p for p in pool_processes(worker_a) if p.pid not in killed], timeout=60)
            upload(wave)
            busy = until(lambda: scanning_pool_processes(worker_a), timeout=60)
            assert busy, f"worker-a never scanned anything (wave {number})"
            time.sleep(0.05)  # inside the scan: its sandbox child is running
            for process in busy:
                process.kill()
                killed.add(process.pid)
        upload(slow[5:])

        # kill -9 all of worker-b (its main process first) while it scans: the message it held
        # stays unacknowledged in Redis for the visibility timeout; the sweeper takes it back.
        deadline = time.monotonic() + 60
        while not scanning_pool_processes(worker_b) and time.monotonic() < deadline:
            time.sleep(0.1)
        victims = [psutil.Process(worker_b.pid), *psutil.Process(worker_b.pid).children()]
        for process in victims:
            process.kill()
        worker_b.wait(timeout=10)
        inst.start_worker("worker-b-restarted")  # as systemd or compose would restart it

        records = wait_for_verdicts(inst, list(ids), timeout=180)
        assert_each_scanned_once_with_its_verdict(
            records, {file_id: expected_by_name[name] for file_id, name in ids.items()}
        )
        assert_nothing_half_written(inst, records, inst.data_dir / "quarantine")
        assert "WorkerLostError" in inst.log("worker-a") or "exited with 'signal 9" in inst.log(
            "worker-a"
        )
        # The researcher sees every file with its verdict.
        listed = {f["id"]: f for f in api.get("/api/inside/projects/demo/files").json()}
        assert {i: listed[i]["verdict"] for i in ids} == {
            i: expected_by_name[name] for i, name in ids.items()
        }
