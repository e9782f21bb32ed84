"""Fault tests: real gunicorn, two Celery workers, beat, Redis and PostgreSQL on 127.0.0.1.

Each test starts what it breaks (its own redis-server, its own PostgreSQL cluster), so the
machine's shared services are never stopped under other tests.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

import scanners
from tests.faults.services import OwnPostgres, OwnRedis, postgres_bin
from tests.support.processes import (
    POSTGRES_ADMIN_URL,
    PY,
    ROOT,
    Installation,
    installation,
    postgres_available,
)

REQUIRE_SERVICES = os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"

# Short periods so a fault test ends in about a minute: the sweeper looks every 2 s for files
# waiting over 5 s, and a claim on a scan (its lease, the soft time limit) lasts 25 s.
FAST_RECOVERY = {
    "AIRLOCK_SWEEP_AFTER_SECONDS": "5",
    "AIRLOCK_SWEEP_INTERVAL_SECONDS": "2",
    "AIRLOCK_SCAN_SOFT_TIME_LIMIT": "25",
}


def missing(message: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def own_redis(tmp_path) -> Iterator[OwnRedis]:
    if not shutil.which("redis-server"):
        missing("redis-server is not installed")
    redis = OwnRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def own_postgres() -> Iterator[OwnPostgres]:
    if postgres_bin() is None:
        missing("PostgreSQL server binaries are not installed")
    postgres = OwnPostgres()
    postgres.start()
    yield postgres
    postgres.destroy()


@pytest.fixture
def shared_postgres_url() -> Iterator[str]:
    """A fresh database on the machine's PostgreSQL (which is never stopped)."""
    if not postgres_available():
        missing("PostgreSQL not reachable on 127.0.0.1")
    import psycopg

    name = f"airlock_faults_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def production_like(
    tmp_path: Path, *, database_url: str, broker_url: str, **env: str
) -> Iterator[Installation]:
    """An installation on PostgreSQL and Redis with gunicorn, two workers and beat running."""
    with installation(
        tmp_path,
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        **{**FAST_RECOVERY, **env},
    ) as inst:
        yield inst


def start_beat(inst: Installation) -> subprocess.Popen:
    log = (inst.data_dir / "beat.log").open("ab")
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "celery",
            "-A",
            "airlock",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(inst.data_dir / "celerybeat-schedule"),
        ],
        cwd=ROOT,
        env=inst.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    inst.processes.append(process)
    return process


def start_everything(inst: Installation, *, web_workers: int = 2) -> str:
    url = inst.start_web(workers=web_workers)
    inst.start_worker("worker-a")
    inst.start_worker("worker-b")
    start_beat(inst)
    return url


def expected_verdict(tmp_path: Path, name: str, content: bytes) -> str:
    """What the scanner library says about these bytes: the verdict the service must record."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / name
    path.write_bytes(content)
    return scanners.scan(str(path), filename=name).verdict


def query(inst: Installation, sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(inst.env["DATABASE_URL"]) as conn:
        return conn.execute(sql, params).fetchall()


def scan_records(inst: Installation) -> dict[int, dict]:
    """Every output file with its status, verdict and number of scan_finished audit events."""
    rows = query(
        inst,
        """
        SELECT f.id, f.name, f.status, f.verdict, f.storage_key,
               (SELECT count(*) FROM airlock_audit_auditevent e
                 WHERE e.action = 'scan_finished' AND e.object_type = 'output_file'
                   AND e.object_id = f.id::text)
        FROM airlock_outputs_outputfile f ORDER BY f.id
        """,
    )
    return {
        row[0]: {
            "name": row[1],
            "status": row[2],
            "verdict": row[3],
            "key": row[4],
            "finished": row[5],
        }
        for row in rows
    }


def wait_for_verdicts(inst: Installation, ids: list[int], timeout: float = 150) -> dict[int, dict]:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records = scan_records(inst)
        if all(records.get(i, {}).get("status") not in (None, "uploaded", "scanning") for i in ids):
            return records
        time.sleep(0.5)
    raise AssertionError(
        f"not every file got its verdict in {timeout}s: {scan_records(inst)}\n"
        f"--- worker-a\n{inst.log('worker-a')[-4000:]}\n"
        f"--- worker-b\n{inst.log('worker-b')[-4000:]}"
        f"\n--- beat\n{inst.log('beat')[-2000:]}"
    )


def assert_each_scanned_once_with_its_verdict(
    records: dict[int, dict], expected: dict[int, str]
) -> None:
    for file_id, verdict in expected.items():
        record = records[file_id]
        assert record["status"] == "scanned", record
        assert record["finished"] == 1, f"{record['name']} scanned {record['finished']} times"
        assert record["verdict"] == verdict, f"{record['name']}: {record['verdict']} != {verdict}"


def assert_nothing_half_written(
    inst: Installation, records: dict[int, dict], quarantine: Path
) -> None:
    """Every file in quarantine belongs to a row and the reverse; no temporary upload is left."""
    stored = {str(path.relative_to(quarantine)) for path in quarantine.rglob("*") if path.is_file()}
    keys = {record["key"] for record in records.values()}
    assert stored == keys, (
        f"stored but not recorded: {stored - keys}; recorded, not stored: {keys - stored}"
    )
    leftovers = [p.name for p in (inst.data_dir / "uploads").rglob("*") if p.is_file()]
    assert leftovers == [], f"temporary uploads left behind: {leftovers}"


def pool_processes(worker: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(worker.pid).children()


def scanning_pool_processes(worker: subprocess.Popen) -> list[psutil.Process]:
    """Pool processes that are scanning now: the isolated scanner runs as their child."""
    busy = []
    for child in pool_processes(worker):
        try:
            if child.children():
                busy.append(child)
        except psutil.NoSuchProcess:
            pass
    return busy
