"""Sampling for control (docs/design.md, "Sampling for control"; seed 001): no database."""

import math
import secrets

import pytest

from airlock.outputs.models import OutputFile
from airlock.projects.models import Project
from airlock.review import sampling
from airlock.review.sampling import sample_for_control

MB = 1024 * 1024


def a_file(*, verdict: str = "clean", size: int = 5000, rate: float = 0.10) -> OutputFile:
    project = Project(code="p", sampling_rate=rate, review_size_bytes=MB)
    return OutputFile(project=project, verdict=verdict, size=size, name="t.csv")


def binomial_interval_999(n: int, p: float) -> tuple[float, float]:
    """A 99.9% interval for the count of successes: mean ± 3.29 standard deviations."""
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    return mean - 3.29 * sd, mean + 3.29 * sd


def test_random_share_is_within_binomial_bounds_over_2000_files():
    results = [sample_for_control(output_file=a_file()) for _ in range(2000)]
    sampled = sum(1 for r in results if r.reasons == ["random"])
    low, high = binomial_interval_999(2000, 0.10)
    assert low <= sampled <= high, f"{sampled} of 2000 sampled at rate 0.10"
    # Every clean file has its draw stored, sampled or not, and the rate it was compared with.
    assert all(r.random_draw is not None and 0 <= r.random_draw < 1 for r in results)
    assert all(r.sampling_rate == 0.10 for r in results)
    assert all((r.random_draw < 0.10) == (r.reasons == ["random"]) for r in results)


@pytest.mark.parametrize("rate", [0.05, 0.25])
def test_the_projects_rate_is_used(rate):
    sampled = sum(
        1 for _ in range(2000) if sample_for_control(output_file=a_file(rate=rate)).reasons
    )
    low, high = binomial_interval_999(2000, rate)
    assert low <= sampled <= high


@pytest.mark.parametrize(
    ("verdict", "size", "expected"),
    [
        ("risk", 100, ["risk"]),
        ("unscannable", 100, ["unscannable"]),
        ("clean", MB + 1, ["size"]),
        ("risk", 5 * MB, ["risk", "size"]),
        ("unscannable", 2 * MB, ["unscannable", "size"]),
    ],
)
def test_flagged_large_and_unscannable_files_are_always_queued(verdict, size, expected):
    for _ in range(200):  # never left to chance, even at a rate of zero
        result = sample_for_control(output_file=a_file(verdict=verdict, size=size, rate=0.0))
        assert result.reasons == expected
        assert result.random_draw is None  # no draw: the file goes to control anyway


def test_a_file_of_exactly_the_review_size_is_not_over_it():
    result = sample_for_control(output_file=a_file(size=MB, rate=0.0))
    assert result.reasons == []


def test_the_draw_comes_from_the_operating_systems_random_source():
    # secrets.SystemRandom cannot be seeded: a researcher cannot predict which file is drawn.
    assert isinstance(sampling._RANDOM, secrets.SystemRandom)
