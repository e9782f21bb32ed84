"""Control statistics per month (no database here: the selector hands in plain rows).

The breach rate in the random sample estimates how often the scanner lets a breach through:
random-sampled files are those with no other reason, so they are the scanner's "clean" files.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from airlock.review.models import BREACH_DECISIONS, Decision, ReviewReason

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class SampledFile:
    """One transferred file: its month, its sampling reasons and the decision, if any."""

    month: date  # first day of the month it was transferred
    reasons: tuple[str, ...]  # drawn at transfer, plus "reported" if the researcher reported it
    decision: str = ""
    random_only: bool = False  # drawn at random at transfer, with no other reason then


@dataclass(frozen=True)
class Proportion:
    successes: int
    trials: int
    low: float
    high: float

    @property
    def rate(self) -> float | None:
        return self.successes / self.trials if self.trials else None


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> Proportion:
    """The Wilson score interval: sound with few trials and with no breaches found."""
    if trials == 0:
        return Proportion(0, 0, 0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Proportion(successes, trials, low, high)


@dataclass
class MonthStatistics:
    month: date
    transferred: int = 0
    sampled: dict[str, int] = field(default_factory=dict)  # by reason; a file may have several
    sampled_total: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    random_decided: int = 0
    random_breaches: int = 0

    @property
    def random_breach_rate(self) -> Proportion:
        return wilson_interval(self.random_breaches, self.random_decided)

    @property
    def breaches(self) -> int:
        return sum(n for d, n in self.decisions.items() if d in BREACH_DECISIONS)


REASONS = [str(r) for r in ReviewReason]
DECISIONS = [str(d) for d in Decision]


def control_statistics(
    files: Iterable[SampledFile],
) -> tuple[list[MonthStatistics], MonthStatistics]:
    """Statistics per month (oldest first) and for all months together."""
    months: dict[date, MonthStatistics] = {}
    total = MonthStatistics(month=date.min)
    for row in files:
        for stats in (months.setdefault(row.month, MonthStatistics(month=row.month)), total):
            stats.transferred += 1
            if row.reasons:
                stats.sampled_total += 1
                for reason in row.reasons:
                    stats.sampled[reason] = stats.sampled.get(reason, 0) + 1
                if not row.decision:
                    stats.pending += 1
            if row.decision:
                stats.decisions[row.decision] = stats.decisions.get(row.decision, 0) + 1
            if row.random_only and row.decision:
                stats.random_decided += 1
                stats.random_breaches += row.decision in BREACH_DECISIONS
    return [months[m] for m in sorted(months)], total
