"""A table too large for the policy's time is unscannable with that reason, never clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import scan
from scanners.model import Policy
from tests.unit.scanners.test_needles import (
    issue_rows,
    write_data_file,
    write_delimited,
    write_xlsx,
)


def _unscannable_for_time(path: Path) -> None:
    report = scan(path, isolate=False, policy=Policy(scan_time_limit_seconds=0.001))
    assert report.verdict == "unscannable"
    reasons = [f.message for f in report.findings if f.code == "scan.unscannable"]
    assert any("longer than the limit" in reason for reason in reasons), reasons


@pytest.mark.parametrize("extension", ["csv", "tab"])
def test_a_csv_past_the_time_limit_is_unscannable(tmp_path: Path, extension: str) -> None:
    _unscannable_for_time(write_delimited(tmp_path / f"tabel.{extension}", issue_rows(), ";"))


def test_a_sheet_past_the_time_limit_is_unscannable(tmp_path: Path) -> None:
    _unscannable_for_time(write_xlsx(tmp_path / "tabel.xlsx", [("Tabel", "visible", issue_rows())]))


def test_a_data_file_past_the_time_limit_is_unscannable(tmp_path: Path) -> None:
    _unscannable_for_time(write_data_file(tmp_path / "data.dta", issue_rows()))
