"""Calibration figures from known decisions; every interval is worked out here by hand.

The 95% Wilson score interval for k successes in n trials, z = 1.959963984540054:
centre = (p + z²/2n) / (1 + z²/n), half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
"""

import math

import pytest

from airlock.review.calibration import DecidedFile, calibration, flagged_codes

Z = 1.959963984540054


def random_file(decision):
    return DecidedFile(decision=decision, random_only=True)


def flagged(decision, *codes):
    return DecidedFile(decision=decision, flagged_codes=frozenset(codes))


def test_the_miss_rate_is_the_breach_share_of_the_random_sample_with_its_interval():
    files = (
        [random_file("minor_breach"), random_file("severe_breach")]
        + [random_file("no_breach")] * 38
        + [flagged("severe_breach", "table.small_cell")] * 5  # flagged: not in the sample
    )

    figures = calibration(files, unflagged_transfers=200)

    miss = figures.miss_rate
    assert (miss.successes, miss.trials) == (2, 40)
    assert miss.rate == 0.05
    # p = 0.05, n = 40: z²/n = 0.0960386, centre = 0.0980193 / 1.0960386 = 0.0894307,
    # half = 1.96 · sqrt(0.0011875 + 0.0006002) / 1.0960386 = 0.0756090.
    assert miss.low == pytest.approx(0.0138207, abs=1e-6)
    assert miss.high == pytest.approx(0.1650388, abs=1e-6)
    estimate, low, high = figures.undetected_estimate
    assert estimate == pytest.approx(10.0)  # 5% of 200 unflagged transfers
    assert low == pytest.approx(2.76413, abs=1e-4)
    assert high == pytest.approx(33.00776, abs=1e-4)


def test_false_alarms_per_finding_code():
    files = [
        flagged("no_breach", "table.small_cell"),
        flagged("no_breach", "table.small_cell"),
        flagged("no_breach", "table.small_cell", "table.dominance"),
        flagged("no_breach", "table.small_cell"),
        flagged("minor_breach", "table.small_cell"),
        flagged("severe_breach", "identifier.cpr"),
        flagged("severe_breach", "identifier.cpr"),
        flagged("minor_breach", "identifier.cpr"),
        random_file("no_breach"),  # flagged by nothing: no code's count
    ]

    rows = {row.code: row.rate for row in calibration(files, unflagged_transfers=1).false_alarms}

    assert list(rows) == ["identifier.cpr", "table.dominance", "table.small_cell"]
    small = rows["table.small_cell"]
    assert (small.successes, small.trials) == (4, 5)
    # p = 0.8, n = 5: centre = (0.8 + 0.3841459) / 1.7682918 = 0.6696552,
    # half = 1.96 · sqrt(0.032 + 0.0384146) / 1.7682918 = 0.2941206.
    assert small.low == pytest.approx(0.3755346, abs=1e-6)
    assert small.high == pytest.approx(0.9637759, abs=1e-6)
    cpr = rows["identifier.cpr"]
    assert (cpr.successes, cpr.trials, cpr.rate, cpr.low) == (0, 3, 0.0, 0.0)
    # With no successes the upper bound is z² / (n + z²).
    assert cpr.high == pytest.approx(Z * Z / (3 + Z * Z), abs=1e-9)
    assert math.isclose(cpr.high, 0.5614970, abs_tol=1e-6)
    dominance = rows["table.dominance"]
    assert (dominance.successes, dominance.trials, dominance.high) == (1, 1, 1.0)


def test_nothing_decided_gives_no_estimate():
    figures = calibration([], unflagged_transfers=12)
    assert figures.miss_rate.trials == 0
    assert figures.undetected_estimate is None
    assert figures.false_alarms == []


def test_only_risk_and_review_findings_flag_a_file():
    findings = [
        {"code": "table.small_cell", "severity": "risk"},
        {"code": "content.comment", "severity": "review"},
        {"code": "table.rounded", "severity": "info"},
    ]
    assert flagged_codes(findings) == {"table.small_cell", "content.comment"}
