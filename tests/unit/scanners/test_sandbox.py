"""The warm sandbox: a fresh child per file, forked from a warm process, that fails closed."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from scanners import Policy, scan
from scanners import sandbox as sandbox_module
from scanners.model import Extraction, TextBlock

RISKY = "kommune;antal\nOdder;2\nAarhus;300\n"


def _table(tmp_path: Path, name: str = "tabel.csv", text: str = RISKY) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _preview(tmp_path: Path, **limits: object) -> dict:
    """The reviewer's preview of the risky table, drawn as the worker draws it."""
    import scanners.preview as preview

    out = tmp_path / "out"
    out.mkdir()
    return preview.preview_isolated(
        _table(tmp_path), file_type="csv", findings=[], out_dir=out, policy=Policy(), **limits
    )


@pytest.fixture
def without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system where no process can be forked: the sandbox starts a new interpreter."""

    def no_fork() -> int:
        raise OSError("fork is not possible here")

    monkeypatch.setattr(sandbox_module.os, "fork", no_fork)


def _reader_patch(monkeypatch: pytest.MonkeyPatch, reader: object) -> None:
    """Make every file read by ``reader``; the forked child inherits the patch."""
    from scanners import content

    monkeypatch.setattr(content, "reader_for", lambda file_type: reader)


def test_a_warm_scan_starts_no_new_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is read in a child forked from this warm process; no Python is started for it
    (the time that saves is measured by `make bench`, not asserted here)."""
    sandbox_module.preload()
    path = _table(tmp_path)

    def no_interpreter(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a new interpreter was started: {args}")

    monkeypatch.setattr(sandbox_module.subprocess, "Popen", no_interpreter)
    for _ in range(3):
        assert scan(path).verdict == "risk"


def test_the_file_is_read_in_a_child_in_its_own_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "where.txt"

    def reader(path: Path, context: object) -> Extraction:
        where.write_text(f"{os.getpid()} {os.getpgrp()} {os.getppid()}")
        return Extraction(file_type="csv", text=[TextBlock(text="tabel ok", location="line 1")])

    _reader_patch(monkeypatch, reader)
    assert scan(_table(tmp_path)).verdict == "clean"
    pid, group, parent = (int(v) for v in where.read_text().split())
    assert pid != os.getpid() and parent == os.getpid()
    assert group == pid  # its own process group: one kill stops it and its helpers


def test_no_state_is_carried_from_one_file_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a reader leaves behind in its process is gone when the next file is read."""
    marker = "airlock_left_behind"

    def reader(path: Path, context: object) -> Extraction:
        if hasattr(sys, marker):
            raise RuntimeError(f"state left behind by {getattr(sys, marker)}")
        setattr(sys, marker, path.name)
        return Extraction(file_type="csv", text=[TextBlock(text="tabel ok", location="line 1")])

    _reader_patch(monkeypatch, reader)
    for name in ("first.csv", "second.csv", "third.csv"):
        report = scan(_table(tmp_path, name))
        assert report.verdict == "clean", report.findings
    assert not hasattr(sys, marker)  # and the parent never ran the reader


def test_a_child_that_crashes_is_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reader(path: Path, context: object) -> Extraction:
        os.kill(os.getpid(), signal.SIGSEGV)
        raise AssertionError("not reached")

    _reader_patch(monkeypatch, reader)
    report = scan(_table(tmp_path))
    assert report.verdict == "unscannable"
    assert "SIGSEGV" in report.findings[0].message


def test_a_child_that_exits_without_an_answer_is_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reader(path: Path, context: object) -> Extraction:
        os._exit(0)

    _reader_patch(monkeypatch, reader)
    assert scan(_table(tmp_path)).verdict == "unscannable"


def test_a_child_that_ignores_the_clock_is_killed_with_its_helpers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "helper.pid"

    def reader(path: Path, context: object) -> Extraction:
        import subprocess

        helper = subprocess.Popen(["sleep", "60"])
        pid_file.write_text(str(helper.pid))
        time.sleep(60)
        raise AssertionError("not reached")

    _reader_patch(monkeypatch, reader)
    monkeypatch.setattr(sys.modules["scanners.scan"], "_STARTUP_GRACE_SECONDS", 0.5)
    started = time.monotonic()
    report = scan(_table(tmp_path), policy=Policy(scan_time_limit_seconds=0.5))
    assert time.monotonic() - started < 5
    assert report.verdict == "unscannable"
    assert "longer than the limit" in report.findings[0].message
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(helper):
        time.sleep(0.05)
    assert not _running(helper), "the reader's helper outlived the scan"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_a_child_over_its_cpu_cap_is_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reader(path: Path, context: object) -> Extraction:
        while True:
            pass

    _reader_patch(monkeypatch, reader)
    monkeypatch.setattr(sandbox_module, "_CPU_GRACE_SECONDS", 0)
    report = scan(_table(tmp_path), policy=Policy(scan_time_limit_seconds=1))
    assert report.verdict == "unscannable"
    message = report.findings[0].message
    assert "processor time" in message or "longer than the limit" in message


def test_a_child_over_its_memory_cap_is_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reader(path: Path, context: object) -> Extraction:
        hog = bytearray(512 * 1024 * 1024)
        return Extraction(file_type="csv", text=[TextBlock(text=str(len(hog)), location="x")])

    _reader_patch(monkeypatch, reader)
    cap = sandbox_module._address_space_in_use() + 256 * 1024 * 1024
    report = scan(_table(tmp_path), policy=Policy(max_scan_memory_bytes=cap))
    assert report.verdict == "unscannable"
    assert "memory" in report.findings[0].message


def test_without_fork_a_new_interpreter_reads_the_file(tmp_path: Path, without_fork: None) -> None:
    report = scan(_table(tmp_path))
    assert report.verdict == "risk"
    assert {f.code for f in report.findings} == {"table.small_cell"}


def test_the_scan_logs_where_its_time_went(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="scanners.timing"):
        report = scan(_table(tmp_path))
    lines = [r.getMessage() for r in caplog.records if r.name == "scanners.timing"]
    assert lines and lines[-1].startswith(f"scan timings sha256={report.sha256[:16]} ")
    for part in ("gate_ms=", "sandbox_ms=", "read_ms=", "detect_ms=", "total_ms="):
        assert part in lines[-1]


def test_the_child_holds_no_connection_or_secret_of_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    seen = tmp_path / "seen.txt"
    left, right = socket.socketpair()  # stands for the worker's database connection
    monkeypatch.setenv("DATABASE_URL", "postgres://airlock:hunter2@db/airlock")
    monkeypatch.setenv("AIRLOCK_SECRET_KEY", "not-for-readers")

    def reader(path: Path, context: object) -> Extraction:
        open_fds = []
        for fd in (left.fileno(), right.fileno()):
            try:
                os.fstat(fd)
                open_fds.append(fd)
            except OSError:
                pass
        secrets = [v for v in ("DATABASE_URL", "AIRLOCK_SECRET_KEY") if v in os.environ]
        seen.write_text(f"{open_fds} {secrets} {'PATH' in os.environ}")
        return Extraction(file_type="csv", text=[TextBlock(text="tabel ok", location="line 1")])

    _reader_patch(monkeypatch, reader)
    try:
        scan(_table(tmp_path))
    finally:
        left.close()
        right.close()
    assert seen.read_text() == "[] [] True"


def test_a_reviewers_preview_is_drawn_in_a_warm_child_not_a_new_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's cells come from a child forked from this warm process, in its own process
    group; no Python is started for it (a new interpreter cost 100-200 ms of CPU a file)."""
    import scanners.preview as preview

    sandbox_module.preload()
    where = tmp_path / "where.txt"
    original = preview.build_preview

    def recording(*args: object, **kwargs: object) -> object:
        where.write_text(f"{os.getpid()} {os.getpgrp()}")
        return original(*args, **kwargs)

    def no_interpreter(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a new interpreter was started: {args}")

    monkeypatch.setattr(preview, "build_preview", recording)
    monkeypatch.setattr(sandbox_module.subprocess, "Popen", no_interpreter)
    drawn = _preview(tmp_path)
    assert drawn["kind"] == "table"
    assert "Odder" in str(drawn)
    pid, group = (int(v) for v in where.read_text().split())
    assert pid != os.getpid() and group == pid


def test_without_fork_a_new_interpreter_draws_the_preview(
    tmp_path: Path, without_fork: None
) -> None:
    drawn = _preview(tmp_path)
    assert drawn["kind"] == "table" and "Odder" in str(drawn)


def test_a_preview_past_its_time_limit_is_killed_and_offers_the_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scanners.preview as preview

    def stalls(*args: object, **kwargs: object) -> None:
        time.sleep(60)

    monkeypatch.setattr(preview, "build_preview", stalls)
    started = time.monotonic()
    drawn = _preview(tmp_path, time_limit=1)
    assert time.monotonic() - started < 30
    assert drawn["kind"] == "download"
    assert "longer than 1 seconds" in drawn["message"]
