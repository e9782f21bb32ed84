"""How well the scanner is calibrated, from reviewers' decisions (no database here).

- The miss rate: the share of randomly sampled files (no other reason to control them) that
  reviewers found to be breaches. Those files are a random sample of the unflagged transfers,
  so the share estimates how many unflagged transfers hold a breach the scanner missed.
- The false-alarm rate per finding code: of the decided files that carried the code (as a
  risk or a reason for control), the share reviewers judged no breach.

Both come with a 95% Wilson interval, which stays sound with few decisions and with none found.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from airlock.review.models import BREACH_DECISIONS, Decision
from airlock.review.statistics import Proportion, wilson_interval

# Findings of these severities flag a file: a risk warning, or a reason for control.
FLAGGING_SEVERITIES = frozenset({"risk", "review"})


@dataclass(frozen=True)
class DecidedFile:
    """A transferred file a reviewer decided on, with the finding codes it was flagged by."""

    decision: str
    flagged_codes: frozenset[str] = frozenset()
    random_only: bool = False  # drawn at random, with no other reason to control it


@dataclass(frozen=True)
class FalseAlarmRate:
    code: str
    rate: Proportion  # successes: decided "no breach"; trials: decided files with the code


@dataclass(frozen=True)
class Calibration:
    miss_rate: Proportion  # successes: breaches; trials: decided random-sample files
    unflagged_transfers: int
    false_alarms: list[FalseAlarmRate]

    @property
    def undetected_estimate(self) -> tuple[float, float, float] | None:
        """Breaches estimated among the unflagged transfers: (estimate, low, high)."""
        if not self.miss_rate.trials:
            return None
        n = self.unflagged_transfers
        rate = self.miss_rate.rate or 0.0
        return (rate * n, self.miss_rate.low * n, self.miss_rate.high * n)


def flagged_codes(findings: Iterable[dict]) -> frozenset[str]:
    return frozenset(
        str(f.get("code")) for f in findings if f.get("severity") in FLAGGING_SEVERITIES
    )


def calibration(files: Iterable[DecidedFile], *, unflagged_transfers: int) -> Calibration:
    random_decided = random_breaches = 0
    flagged: dict[str, int] = {}
    no_breach: dict[str, int] = {}
    for row in files:
        if row.random_only:
            random_decided += 1
            random_breaches += row.decision in BREACH_DECISIONS
        for code in row.flagged_codes:
            flagged[code] = flagged.get(code, 0) + 1
            no_breach[code] = no_breach.get(code, 0) + (row.decision == Decision.NO_BREACH)
    return Calibration(
        miss_rate=wilson_interval(random_breaches, random_decided),
        unflagged_transfers=unflagged_transfers,
        false_alarms=[
            FalseAlarmRate(code=code, rate=wilson_interval(no_breach[code], flagged[code]))
            for code in sorted(flagged)
        ],
    )
