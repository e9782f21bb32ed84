"""The disk that holds uploads and the quarantine store fills up during uploads.

Honest ENOSPC: a small tmpfs is mounted as that disk (the quarantine folder and the folder of
temporary uploads), and filled with a ballast file. Mounting needs root; elsewhere the test
is skipped (or fails in CI, which runs as root).
"""

import os
import subprocess
from contextlib import contextmanager

import pytest

from tests.faults.conftest import (
    assert_each_scanned_once_with_its_verdict,
    assert_nothing_half_written,
    expected_verdict,
    missing,
    production_like,
    start_everything,
    wait_for_verdicts,
)
from tests.faults.files import CLEAN, slow_table
from tests.support.http_api import HttpApi

pytestmark = [pytest.mark.faults, pytest.mark.services, pytest.mark.worker]

DISK_MB = 12


@contextmanager
def mounted(*args: str):
    target = args[-1]
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        missing(f"cannot mount a small disk here ({result.stderr.strip()}): needs root")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", target], capture_output=True)


def fill(disk, leave_bytes: int) -> None:
    """Take all the free space of the disk but ``leave_bytes``."""
    ballast = disk / "ballast"
    ballast.unlink(missing_ok=True)
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    with ballast.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave_bytes))


def test_an_upload_that_meets_a_full_disk_is_refused_clearly_and_leaves_nothing(
    tmp_path, own_redis, shared_postgres_url
):
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted("-t", "tmpfs", "-o", f"size={DISK_MB}m,mode=0700", "tmpfs", str(disk)):
        (disk / "uploads").mkdir()
        quarantine = disk / "quarantine"
        with production_like(
            tmp_path,
            database_url=shared_postgres_url,
            broker_url=own_redis.url,
            AIRLOCK_QUARANTINE_DIR=str(quarantine),
            AIRLOCK_RELEASED_DIR=str(disk / "released"),
        ) as inst:
            uploads = inst.data_dir / "uploads"
            with mounted("--bind", str(disk / "uploads"), str(uploads)):
                url = start_everything(inst)
                api = HttpApi(url, inst.token("researcher"))
                table = slow_table(150_000)  # about 3 MB
                assert 2_500_000 < len(table) < 4_000_000

                # 1. Not even room for the request body's temporary file.
                fill(disk, leave_bytes=1_000_000)
                refused = api.upload("demo", [("table.csv", table)])
                assert refused.status == 507, refused.body
                assert "nothing of this upload was kept" in refused.json()["error"].lower()

                # 2. Room for the temporary file, not for the copy in quarantine.
                fill(disk, leave_bytes=len(table) + 1_000_000)
                refused = api.upload("demo", [("table.csv", table)])
                assert refused.status == 507, refused.body
                assert "try again" in refused.json()["error"].lower()

                assert api.get("/api/inside/projects/demo/files").json() == []
                assert [p for p in quarantine.rglob("*") if p.is_file()] == []
                assert [p for p in uploads.rglob("*") if p.is_file()] == []

                # 3. Space is freed: the same upload now goes through and is scanned once.
                (disk / "ballast").unlink()
                accepted = api.upload("demo", [("table.csv", table), ("small.csv", CLEAN)])
                assert accepted.status == 201, accepted.body
                ids = {f["id"]: f["name"] for f in accepted.json()}
                expected = {
                    "table.csv": expected_verdict(tmp_path, "table.csv", table),
                    "small.csv": expected_verdict(tmp_path, "small.csv", CLEAN),
                }
                records = wait_for_verdicts(inst, list(ids), timeout=90)
                assert set(records) == set(ids)
                assert_each_scanned_once_with_its_verdict(
                    records, {i: expected[name] for i, name in ids.items()}
                )
                assert_nothing_half_written(inst, records, quarantine)
                inst.stop()
