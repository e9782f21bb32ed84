"""The real corpus through the whole scanner: each file's verdict against its label.

Files are made by the real tools (see build.py) the first time and cached under
var/corpus_real/. A tool that is not installed skips its files, except in CI (CI=true), where
it is a failure. Files in known_failures.txt are expected failures: strict, so a fix shows up.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from pathlib import Path

import pytest

from scanners import scan
from tests.corpus_real.build import Generator, ToolMissing, all_labels
from tests.corpus_real.judging import KINDS, judge, known_failures
from tests.corpus_real.labels import CLEAN, RISK, Label

KNOWN = known_failures()
IN_CI = os.environ.get("CI", "").lower() == "true"


@functools.cache
def _folder(generator: Generator) -> Path | str:
    try:
        return generator.folder()
    except ToolMissing as missing:
        return str(missing)


def _params() -> list[object]:
    params = []
    for generator, label in all_labels():
        marks = []
        if label.name in KNOWN:
            kind, note = KNOWN[label.name]
            reason = f"known {kind}: {note}"
            marks.append(pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError))
        params.append(pytest.param(generator, label, id=label.name, marks=marks))
    return params


@pytest.mark.parametrize(("generator", "label"), _params())
def test_real_file(generator: Generator, label: Label) -> None:
    folder = _folder(generator)
    if isinstance(folder, str):
        if IN_CI:
            pytest.fail(f"{generator.tool} files cannot be made: {folder}")
        pytest.skip(f"{generator.tool} files cannot be made: {folder}")
    report = scan(folder / label.name, isolate=False)
    judged = judge(label, report)
    findings = [(f.code, f.severity, f.location, f.message[:120]) for f in report.findings]
    listed = KNOWN.get(label.name)
    if listed and judged.disagreement and judged.disagreement != listed[0]:
        pytest.fail(
            f"listed in known_failures.txt as {listed[0]}, but the scanner now gives "
            f"{judged.disagreement}: {findings}"
        )
    assert judged.disagreement is None, (
        f"{judged.disagreement}: expected {label.expect} ({label.reason}); "
        f"verdict {report.verdict}, findings {findings}"
    )


def test_known_failures_name_corpus_files() -> None:
    names = {label.name for _, label in all_labels()}
    assert set(KNOWN) <= names, sorted(set(KNOWN) - names)
    assert {kind for kind, _ in KNOWN.values()} <= set(KINDS)


def test_corpus_is_broad() -> None:
    labels = [label for _, label in all_labels()]
    assert len({label.name for label in labels}) == len(labels), "file names must be unique"
    expected = Counter(label.expect for label in labels)
    assert expected[CLEAN] >= 20 and expected[RISK] >= 15, expected
    assert len({label.format for label in labels}) >= 6
