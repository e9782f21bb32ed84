"""kill -9 of worker pool processes (and of a whole worker) in the middle of scans."""

import time

import psutil
import pytest

from tests.faults.conftest import (
    assert_each_scanned_once_with_its_verdict,
    assert_nothing_half_written,
    expected_verdict,
    production_like,
    scanning_pool_processes,
    start_everything,
    wait_for_verdicts,
)
from tests.faults.files import slow_table, small_files
from tests.support.http_api import HttpApi

pytestmark = [pytest.mark.faults, pytest.mark.services, pytest.mark.worker]


def test_files_being_scanned_by_killed_workers_are_scanned_once_by_the_others(
    tmp_path, own_redis, shared_postgres_url
):
    with production_like(
        tmp_path, database_url=shared_postgres_url, broker_url=own_redis.url
    ) as inst:
        url = start_everything(inst)
        api = HttpApi(url, inst.token("researcher"))
        # Six slow files for two workers of one process each: after a kill, worker-a still has
        # slow work to take, whichever worker the requeued message goes to.
        files = [(f"slow-{i}.csv", slow_table(250_000, seed=i)) for i in range(6)] + small_files()
        expected_by_name = {
            name: expected_verdict(tmp_path, name, content) for name, content in files
        }

        ids: dict[int, str] = {}
        for name, content in files:  # one request each, as a researcher adding files one by one
            reply = api.upload("demo", [(name, content)])
            assert reply.status == 201, reply.body
            ids[reply.json()[0]["id"]] = name

        worker_a, worker_b = inst.processes[1], inst.processes[2]
        # kill -9 the pool process of worker-a while it scans, twice.
        killed = 0
        deadline = time.monotonic() + 60
        while killed < 2 and time.monotonic() < deadline:
            busy = scanning_pool_processes(worker_a)
            if busy:
                time.sleep(0.05)  # inside the scan: its sandbox child is running
                for process in busy:
                    process.kill()
                killed += 1
                time.sleep(1)
            time.sleep(0.02)
        assert killed == 2, "worker-a never scanned anything"

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
