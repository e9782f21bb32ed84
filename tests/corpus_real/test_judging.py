"""How a scan report is held against a label: the kinds of disagreement the corpus reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners.model import Finding, ScanReport, verdict_for
from tests.corpus_real.judging import judge, known_failures
from tests.corpus_real.labels import SMALL_CELL, Label, clean, review, risk


def _report(*findings: Finding) -> ScanReport:
    return ScanReport(
        path="x", name="x", size=1, sha256="0", file_type="txt", mime="text/plain",
        verdict=verdict_for(findings), findings=list(findings),
    )  # fmt: skip


def _finding(code: str, severity: str = "risk") -> Finding:
    return Finding(code=code, severity=severity, location="line 1", message="m")  # type: ignore[arg-type]


UNSCANNABLE = _finding("scan.unscannable", "review")


@pytest.mark.parametrize(
    ("label", "findings", "expected"),
    [
        (clean("a.txt", "r"), [], None),
        (clean("a.txt", "r"), [_finding("table.small_cell")], "false_alarm"),
        (clean("a.txt", "r"), [UNSCANNABLE], "not_judged"),
        (clean("a.txt", "r"), [_finding("size.review", "review")], None),
        (risk("a.txt", "r", SMALL_CELL), [_finding("table.small_cell")], None),
        (risk("a.txt", "r", SMALL_CELL), [], "miss"),
        (risk("a.txt", "r", SMALL_CELL), [UNSCANNABLE], "not_judged"),
        (risk("a.txt", "r", SMALL_CELL), [_finding("microdata.row_level")], "wrong_reason"),
        (risk("a.txt", "r", "identifier"), [_finding("identifier.dk_cpr")], None),
        (
            risk("a.txt", "r", "identifier.dk_cpr", not_codes=("identifier.se_pnr",)),
            [_finding("identifier.dk_cpr"), _finding("identifier.se_pnr")],
            "wrong_reason",
        ),
        (review("a.png", "r"), [], "passed_unjudged"),
        (review("a.png", "r"), [_finding("image.review", "review")], None),
        (review("a.png", "r"), [UNSCANNABLE], None),
        (review("a.png", "r"), [_finding("table.small_cell")], "false_alarm"),
    ],
)
def test_disagreement(label: Label, findings: list[Finding], expected: str | None) -> None:
    assert judge(label, _report(*findings)).disagreement == expected


def test_a_prefix_matches_whole_code_parts_only() -> None:
    label = risk("a.txt", "r", "table.small")
    assert judge(label, _report(_finding("table.small_cell"))).disagreement == "wrong_reason"


def test_known_failures_file_is_checked(tmp_path: Path) -> None:
    listed = tmp_path / "known.txt"
    listed.write_text("# comment\n\na.txt  miss  caught by nothing\n", encoding="utf-8")
    assert known_failures(listed) == {"a.txt": ("miss", "caught by nothing")}
    listed.write_text("a.txt  sometimes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        known_failures(listed)
    listed.write_text("a.txt miss\na.txt miss\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        known_failures(listed)


def test_a_risk_label_names_its_reason() -> None:
    with pytest.raises(ValueError):
        Label("a.txt", "risk", "no codes")
    with pytest.raises(ValueError):
        Label("a.txt", "clean", "codes on a clean file", (SMALL_CELL,))
