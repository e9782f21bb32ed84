"""Every row of a CSV in chunks, with the line numbers a user sees in an editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import scan
from scanners.readers import delimited
from tests.unit.scanners.test_needles import needle_cpr


def test_a_quoted_line_break_keeps_later_rows_on_their_own_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 7)
    lines = ["kommune;note;antal", '101;"to\nlinjer";40']
    lines += [f"{102 + i};ok;{50 + i}" for i in range(40)]
    lines.append(f"999;kontakt {needle_cpr()};41")
    path = tmp_path / "noter.csv"
    path.write_text("\n".join(lines) + "\n")
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    # 43 rows, but the second one spans two lines: the last row is on line 44.
    assert [f.location for f in report.findings if f.code == "identifier.dk_cpr"] == [
        "line 44, column 2"
    ]


def test_a_ragged_chunk_is_read_row_by_row(tmp_path: Path) -> None:
    lines = ["Tabel 1: Antal personer", "kommune;antal", "101;40", "102;2", "Kilde: DST"]
    path = tmp_path / "tabel.csv"
    path.write_text("\n".join(lines) + "\n")
    report = scan(path, isolate=False)
    assert [f.location for f in report.findings if f.code == "table.small_cell"] == [
        "line 4, column 2"
    ]
