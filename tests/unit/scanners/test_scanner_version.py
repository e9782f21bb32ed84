"""Version discipline: the corpus's verdicts and codes change only with SCANNER_VERSION."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import fingerprint
from scanners.version import SCANNER_VERSION


def test_corpus_verdicts_change_only_with_the_scanner_version() -> None:
    recorded = fingerprint.recorded()
    current = fingerprint.digest(fingerprint.corpus_outcomes())
    how = (
        f"bump SCANNER_VERSION in scanners/version.py, add the change to scanners/CHANGELOG.md, "
        f"then run `{fingerprint.UPDATE_COMMAND}` (see `python -m scanners.fingerprint --list`)"
    )
    assert SCANNER_VERSION in recorded, (
        f"No corpus fingerprint is recorded for scanner version {SCANNER_VERSION}: {how}."
    )
    assert current == recorded[SCANNER_VERSION], (
        f"The corpus's verdicts or finding codes changed, but SCANNER_VERSION is still "
        f"{SCANNER_VERSION}: {how}."
    )


def test_the_digest_sees_a_changed_verdict_or_code() -> None:
    base = [("a.csv", "clean", ()), ("b.csv", "risk", ("table.small_cell",))]
    verdict = [("a.csv", "risk", ()), base[1]]
    code = [base[0], ("b.csv", "risk", ("identifier.dk_cpr",))]
    digests = {fingerprint.digest(outcomes) for outcomes in (base, verdict, code)}
    assert len(digests) == 3
    assert fingerprint.digest(list(base)) == fingerprint.digest(base)


def test_update_records_one_line_per_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fingerprint, "FINGERPRINT_FILE", tmp_path / "corpus_fingerprint.txt")
    fingerprint.record("1.0.0", "a" * 64)
    fingerprint.record("1.10.0", "c" * 64)
    fingerprint.record("1.2.0", "b" * 64)
    fingerprint.record("1.2.0", "d" * 64)
    assert fingerprint.recorded() == {"1.0.0": "a" * 64, "1.2.0": "d" * 64, "1.10.0": "c" * 64}
    text = (tmp_path / "corpus_fingerprint.txt").read_text()
    assert fingerprint.UPDATE_COMMAND in text
    assert [line.split()[0] for line in text.splitlines() if not line.startswith("#")] == [
        "1.0.0",
        "1.2.0",
        "1.10.0",
    ]
