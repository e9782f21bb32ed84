"""Planted needles for the table rules that read whole lines: dominance and differencing see
every row of a large CSV, not only its first rows or first chunk."""

from __future__ import annotations

from pathlib import Path

from scanners import scan as scan_with_policy
from scanners.model import Policy, ScanReport

ROWS = 45_000  # past the readers' 20,000-row chunks and the old 2,000-row window


# These tests show that a needle far down a large file is found; how fast is the benches' job
# (`make bench`). So they scan with a time limit no loaded test machine reaches, and a slow
# run cannot turn into an `unscannable` verdict here.
UNHURRIED = Policy(scan_time_limit_seconds=1800.0)


def scan(path: Path, **options) -> ScanReport:
    options.setdefault("policy", UNHURRIED)
    return scan_with_policy(path, **options)


def _csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


# Where the needles are: in the first chunk past the old window, in the second chunk, and in
# the last row. One file holds all three (one scan instead of three): each must be found where
# it is, and no other row (so the rows around them are the clean table).
NEEDLES = [2_500, 30_000, ROWS - 1]


def _business_rows() -> list[str]:
    return [f"Branche {i};{1000 + i}.0;{200 + i % 50}.0;{100 + i % 40}.0;{40 + i % 9}"
            for i in range(ROWS)]  # fmt: skip


def test_dominant_units_far_down_a_business_table_are_found(tmp_path: Path) -> None:
    rows = _business_rows()
    for at in NEEDLES:
        rows[at] = f"Branche {at};1000.0;700.0;200.0;5"
    header = "Branche;Omsætning i alt;Største;Næststørste;Antal"
    path = _csv(tmp_path / "brancher.csv", header, rows)
    report = scan(path, isolate=False)
    found = [f for f in report.findings if f.code == "table.dominance"]
    assert report.verdict == "risk"
    assert [f.location for f in found] == [f"line {at + 2}, column 3" for at in NEEDLES]


def _municipality_rows() -> list[str]:
    men = [100 + (i * 37) % 900 for i in range(ROWS)]
    women = [120 + (i * 53) % 800 for i in range(ROWS)]
    return [f"Kommune {i};{m};{w};{m + w}" for i, (m, w) in enumerate(zip(men, women))]


def test_recomputable_suppressed_cells_far_down_are_found(tmp_path: Path) -> None:
    rows = _municipality_rows()
    for at in NEEDLES:
        rows[at] = f"Kommune {at};40;x;122"
    path = _csv(tmp_path / "kommuner.csv", "Kommune;Mænd;Kvinder;I alt", rows)
    report = scan(path, isolate=False)
    found = [f for f in report.findings if f.code == "table.differencing"]
    assert report.verdict == "risk"
    assert [f.location for f in found] == [f"line {at + 2}, column 3" for at in NEEDLES]
