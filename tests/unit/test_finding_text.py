"""Scanner findings read in Danish: the real scanner's English messages, translated with their
details (counts, columns, limits), and a translated explanation for a message shape no pattern
knows."""

from pathlib import Path

import pytest
from django.utils import translation

from airlock.finding_text import finding_for_display
from scanners.model import Policy
from scanners.scan import scan

ENGLISH_WORDS = ("below the minimum", "Aggregate", "Identifiers may never", "Column '", "line ")


def findings_of(tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = scan(path, filename=name, policy=Policy(), isolate=False)
    return [finding.to_dict() for finding in report.findings]


@pytest.fixture
def danish():
    with translation.override("da"):
        yield


def test_a_small_cell_reads_in_danish_with_its_count_row_and_column(tmp_path, danish):
    findings = findings_of(
        tmp_path, "counts.csv", "region,persons\nAarhus,2\nOdense,150\nAalborg,340\n"
    )
    small = [f for f in findings if f["code"] == "table.small_cell"]
    assert small, findings
    shown = finding_for_display(small[0])
    assert "Antal 2" in shown["message"]
    assert "“Aarhus”" in shown["message"] and "“persons”" in shown["message"]
    assert "mindst 3 observationer" in shown["message"]
    assert shown["location"] == "linje 2, kolonne 2"
    assert not any(word in shown["message"] for word in ENGLISH_WORDS), shown["message"]


def test_identifiers_read_in_danish_with_the_scheme_and_column(tmp_path, danish):
    findings = findings_of(
        tmp_path,
        "people.csv",
        "cpr,kommune,income\n0101901238,101,312000\n1505804321,147,287000\n",
    )
    messages = {f["code"]: finding_for_display(f)["message"] for f in findings}
    assert "dansk CPR-nummer" in messages["identifier.dk_cpr"]
    assert "Kolonnen “cpr”" in messages["identifier.dk_cpr"]
    assert "nøglevariablen CPR" in messages["identifier.column"]
    for message in messages.values():
        assert not any(word in message for word in ENGLISH_WORDS), message


def test_an_unknown_message_shape_gets_the_codes_danish_explanation(danish):
    finding = {
        "code": "table.small_cell",
        "severity": "risk",
        "location": "page 3, table 1, row 4",
        "message": "A wholly new wording from a later scanner.",
    }
    shown = finding_for_display(finding)
    assert shown["message"].startswith("En tabelcelle har færre observationer")
    assert shown["location"] == "side 3, tabel 1, række 4"
    assert shown["severity_label"] == "Risiko"


def test_an_unknown_code_gets_a_general_danish_text(danish):
    shown = finding_for_display({"code": "new.kind", "severity": "review", "message": "Eh?"})
    assert shown["message"].startswith("Scanneren fandt noget")


def test_in_english_the_scanners_own_message_is_shown(tmp_path):
    with translation.override("en"):
        finding = {"code": "x.y", "severity": "info", "location": "line 2", "message": "As is."}
        shown = finding_for_display(finding)
    assert shown["message"] == "As is." and shown["location"] == "line 2"


def test_quoted_names_in_a_location_are_not_translated(danish):
    shown = finding_for_display(
        {"code": "x", "severity": "info", "location": "sheet 'row data', row 3", "message": ""}
    )
    assert shown["location"] == "ark 'row data', række 3"
