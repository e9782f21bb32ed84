"""Whether the scanner's report on a file agrees with the file's label, and if not, how not.

The kinds of disagreement (also the vocabulary of known_failures.txt):

- ``false_alarm``: a clean or review file got a risk finding.
- ``miss``: a risky file got no risk finding at all.
- ``wrong_reason``: a risky file was flagged, but by none of the codes that explain its risk,
  or also by a code its label rules out (a Danish CPR number reported as Swedish).
- ``not_judged``: a clean file came out unscannable or rejected (it goes to control for
  nothing), or a risky one did (it is held, but nobody is told why).
- ``passed_unjudged``: a file that cannot be judged from its content passed with no review
  finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scanners.model import REVIEW, RISK, ScanReport
from tests.corpus_real.labels import CLEAN, Label
from tests.corpus_real.labels import RISK as RISK_LABEL

KINDS = ("false_alarm", "miss", "wrong_reason", "not_judged", "passed_unjudged")


@dataclass(frozen=True)
class Judgement:
    label: Label
    verdict: str
    risk_codes: frozenset[str]
    review_codes: frozenset[str]
    disagreement: str | None  # one of KINDS, or None when the scanner agrees with the label

    @property
    def risk_families(self) -> frozenset[str]:
        return frozenset(code.split(".", 1)[0] for code in self.risk_codes)

    def explained_by(self, code: str) -> bool:
        return any(c == code or c.startswith(code + ".") for c in self.risk_codes)


def judge(label: Label, report: ScanReport) -> Judgement:
    risky = frozenset(f.code for f in report.findings if f.severity == RISK)
    review = frozenset(f.code for f in report.findings if f.severity == REVIEW)
    verdict = report.verdict
    disagreement: str | None = None
    if label.expect == RISK_LABEL:
        if not risky:
            disagreement = "miss" if verdict == "clean" else "not_judged"
        elif not any(_matches(code, risky) for code in label.codes) or any(
            _matches(code, risky) for code in label.not_codes
        ):
            disagreement = "wrong_reason"
    elif risky:
        disagreement = "false_alarm"
    elif label.expect == CLEAN:
        if verdict != "clean":
            disagreement = "not_judged"
    elif verdict == "clean" and not review:
        disagreement = "passed_unjudged"
    return Judgement(label, verdict, risky, review, disagreement)


def _matches(prefix: str, codes: frozenset[str]) -> bool:
    return any(code == prefix or code.startswith(prefix + ".") for code in codes)


KNOWN_FAILURES_FILE = Path(__file__).with_name("known_failures.txt")


def known_failures(path: Path = KNOWN_FAILURES_FILE) -> dict[str, tuple[str, str]]:
    """file name -> (kind, what the scanner gets wrong), from known_failures.txt."""
    known: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, kind, *note = line.split(maxsplit=2)
        if kind not in KINDS:
            raise ValueError(f"{path.name} line {number}: unknown kind {kind!r}")
        if name in known:
            raise ValueError(f"{path.name} line {number}: {name} listed twice")
        known[name] = (kind, note[0] if note else "")
    return known
