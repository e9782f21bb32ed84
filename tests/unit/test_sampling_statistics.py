"""Control statistics per month and the Wilson interval of the random-sample breach rate."""

from datetime import date

import pytest

from airlock.review.statistics import SampledFile, control_statistics, wilson_interval

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


def test_wilson_interval_known_values():
    p = wilson_interval(5, 100)
    assert p.rate == 0.05
    assert p.low == pytest.approx(0.0215, abs=1e-3)
    assert p.high == pytest.approx(0.1118, abs=1e-3)


def test_no_breach_found_still_has_an_upper_bound():
    p = wilson_interval(0, 50)
    assert p.low == 0.0
    assert 0.05 < p.high < 0.08  # "rule of three"-like bound, never zero


def test_statistics_per_month():
    rows = [
        SampledFile(JAN, ()),
        SampledFile(JAN, ("random",), "no_breach", random_only=True),
        SampledFile(JAN, ("random",), "minor_breach", random_only=True),
        SampledFile(JAN, ("risk", "size"), "severe_breach"),
        SampledFile(JAN, ("unscannable",)),
        SampledFile(FEB, ("random",), "", random_only=True),
        SampledFile(FEB, ("reported",), "no_breach"),
    ]
    months, total = control_statistics(rows)
    jan, feb = months
    assert (jan.month, feb.month) == (JAN, FEB)
    assert jan.transferred == 5 and jan.sampled_total == 4
    assert jan.sampled == {"random": 2, "risk": 1, "size": 1, "unscannable": 1}
    assert jan.decisions == {"no_breach": 1, "minor_breach": 1, "severe_breach": 1}
    assert jan.pending == 1
    # Only the random sample estimates what the scanner misses: 1 breach in 2 decided.
    assert (jan.random_breaches, jan.random_decided) == (1, 2)
    assert feb.random_decided == 0 and feb.pending == 1
    assert total.transferred == 7 and total.breaches == 2
