"""The sandbox leaves nothing behind: its working folder goes, its child is reaped (woken by
the child's exit where the kernel has pidfds, by polling where it has not)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from scanners import Policy, scan
from scanners import sandbox as sandbox_module
from scanners.model import Extraction, TextBlock

RISKY = "kommune;antal\nOdder;2\nAarhus;300\n"


def _folders(where: Path) -> list[Path]:
    return sorted(where.glob("airlock-sandbox-*"))


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


def test_a_scan_leaves_no_working_folder(tmp_path: Path, own_tmp: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text(RISKY)

    assert scan(path).verdict == "risk"

    assert _folders(own_tmp) == []


def test_what_a_reader_leaves_in_its_folder_goes_with_it(
    tmp_path: Path, own_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scanners import content

    def messy_reader(path: Path, context: object) -> Extraction:
        Path("converted").mkdir()  # the child works in its folder
        Path("converted/page-1.txt").write_text("x")
        Path("left-over.tmp").write_text("x")
        return Extraction(file_type="csv", text=[TextBlock(text="tabel ok", location="line 1")])

    monkeypatch.setattr(content, "reader_for", lambda file_type: messy_reader)
    path = tmp_path / "tabel.csv"
    path.write_text(RISKY)

    assert scan(path).verdict == "clean"

    assert _folders(own_tmp) == []


@pytest.mark.parametrize("pidfd", [True, False], ids=["pidfd", "polling"])
def test_the_child_is_reaped_with_its_exit_status(
    monkeypatch: pytest.MonkeyPatch, pidfd: bool
) -> None:
    if not pidfd:
        monkeypatch.delattr(os, "pidfd_open", raising=False)
    elif not hasattr(os, "pidfd_open"):
        pytest.skip("no pidfd on this system")
    pid = os.fork()
    if pid == 0:
        os._exit(3)

    assert sandbox_module._reap(pid, deadline=float("inf")) == 3
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_the_policy_reaches_the_child_whole() -> None:
    policy = Policy(
        min_cell_count=5,
        extra_key_variables=("pnr",),
        released_tables=(
            {"file_name": "a.csv", "transferred_on": "2026-01-02", "fingerprint": {}},
        ),
    )

    assert Policy.from_dict(sandbox_module._fields(policy)) == policy
