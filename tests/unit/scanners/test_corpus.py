"""The labelled corpus through the whole pipeline: verdict and finding codes of every file."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import CORPUS, CorpusItem

from scanners import scan
from scanners.model import RISK

# Items the scanner gets wrong today (a missing reader, or a known weakness of a rule):
# name -> reason. Keep the item (it documents the gap); do not delete it. strict=True makes
# the test fail once the gap is closed, so the entry gets removed.
KNOWN_GAPS: dict[str, str] = {}


def _params() -> list[object]:
    params = []
    for item in CORPUS:
        marks = (
            [pytest.mark.xfail(reason=KNOWN_GAPS[item.name], strict=True)]
            if item.name in KNOWN_GAPS
            else []
        )
        params.append(pytest.param(item, id=item.name, marks=marks))
    return params


def test_corpus_is_broad() -> None:
    kinds = {item.name.rsplit(".", 1)[1] for item in CORPUS}
    assert len(CORPUS) >= 60
    assert {
        "csv",
        "txt",
        "xlsx",
        "docx",
        "pptx",
        "html",
        "tex",
        "log",
        "smcl",
        "sas",
        "do",
        "dta",
        "sav",
        "pdf",
    } <= kinds
    assert len({item.name for item in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("item", _params())
def test_corpus_item(item: CorpusItem, tmp_path: Path) -> None:
    path = tmp_path / item.name
    path.write_bytes(item.build())
    report = scan(path, isolate=False)
    found = {f.code for f in report.findings}
    risky = {f.code for f in report.findings if f.severity == RISK}
    summary = [(f.code, f.severity, f.location) for f in report.findings]
    assert report.verdict == item.verdict, summary
    assert item.codes <= found, summary
    assert risky <= item.codes | item.also, summary
