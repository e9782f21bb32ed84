"""Hidden parts: a code and a severity for each kind."""

from __future__ import annotations

import pytest
from detector_feed import run

from scanners.model import HiddenPart, Table, verdict_for


@pytest.mark.parametrize(
    ("kind", "code", "severity"),
    [
        ("pivot_cache", "hidden.pivot_cache", "risk"),
        ("sheet", "hidden.sheet", "risk"),
        ("rows_columns", "hidden.rows_columns", "risk"),
        ("tracked_changes", "hidden.tracked_changes", "risk"),
        ("embedded_object", "hidden.embedded_object", "risk"),
        ("attachment", "hidden.attachment", "risk"),
        ("hidden_text", "hidden.text", "risk"),
        ("comment", "hidden.comment", "review"),
        ("external_link", "hidden.external_link", "review"),
        ("data_connection", "hidden.data_connection", "review"),
        ("metadata", "hidden.metadata", "info"),
    ],
)
def test_hidden_kinds(kind: str, code: str, severity: str) -> None:
    found = run(hidden=[HiddenPart(kind=kind, location="Ark2", description="Something hidden")])  # type: ignore[arg-type]
    assert [(f.code, f.severity, f.location) for f in found] == [(code, severity, "Ark2")]
    assert found[0].message.startswith("Something hidden.")


def test_metadata_and_comments_alone_leave_the_file_clean() -> None:
    parts = [
        HiddenPart(kind="metadata", location="docProps/core.xml", description="Author: jdoe"),
        HiddenPart(kind="comment", location="Ark1!B2", description="A comment"),
    ]
    assert verdict_for(run(hidden=parts)) == "clean"


def test_content_of_a_hidden_sheet_is_judged_too() -> None:
    rows = [["Køn", "Antal"], ["M", 2], ["K", 50]]
    found = run(
        hidden=[HiddenPart(kind="sheet", location="Skjult", description="Hidden sheet 'Skjult'")],
        tables=[Table(name="Skjult", rows=rows, hidden=True)],
    )
    assert {f.code for f in found} == {"hidden.sheet", "table.small_cell"}
