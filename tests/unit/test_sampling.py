"""Sampling for control (docs/design.md, "Sampling for control"; seed 001): no database.

The draws come from a source the test gives (``sample_for_control(source=...)``): a scripted
one for exact draws, a seeded ``random.Random`` for the share over many files. No test here
depends on luck: each one gives the same answer on every run.
"""

import random
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


class Scripted(random.Random):
    """Gives the draws it was handed, in order, and counts how many were taken."""

    def __init__(self, *draws: float) -> None:
        super().__init__(0)
        self.draws = list(draws)
        self.taken = 0

    def random(self) -> float:
        self.taken += 1
        return self.draws.pop(0)


class Untouchable(random.Random):
    def random(self) -> float:
        raise AssertionError("a file with a reason of its own must not be drawn")


@pytest.mark.parametrize(
    ("draw", "rate", "sampled"),
    [
        (0.0, 0.10, True),
        (0.0999, 0.10, True),
        (0.10, 0.10, False),  # the draw must be under the rate, not equal to it
        (0.5, 0.10, False),
        (0.9999, 0.10, False),
        (0.9999, 1.0, True),  # a rate of 1 sends every file
        (0.0, 0.0, False),  # a rate of 0 sends none
    ],
)
def test_a_clean_file_is_sampled_when_its_draw_is_under_the_projects_rate(draw, rate, sampled):
    source = Scripted(draw)
    result = sample_for_control(output_file=a_file(rate=rate), source=source)
    assert result.reasons == (["random"] if sampled else [])
    # The draw is stored as drawn, with the rate it was compared with.
    assert result.random_draw == draw
    assert result.sampling_rate == rate
    assert source.taken == 1


@pytest.mark.parametrize("rate", [0.05, 0.10, 0.25])
def test_over_2000_files_the_share_sampled_follows_the_projects_rate(rate):
    # A seeded source: the same 2000 draws on every run, so the bound below cannot be missed
    # by chance, and each file's decision is checked against its own draw.
    source = random.Random(20260101)
    results = [
        sample_for_control(output_file=a_file(rate=rate), source=source) for _ in range(2000)
    ]
    same_seed = random.Random(20260101)
    assert [r.random_draw for r in results] == [same_seed.random() for _ in range(2000)]
    sampled = sum(1 for r in results if r.reasons == ["random"])
    assert all((r.random_draw < rate) == (r.reasons == ["random"]) for r in results)
    assert abs(sampled / 2000 - rate) < 0.02, f"{sampled} of 2000 sampled at rate {rate}"


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
    # Never left to chance, even at a rate of zero: the source is not even asked.
    result = sample_for_control(
        output_file=a_file(verdict=verdict, size=size, rate=0.0), source=Untouchable()
    )
    assert result.reasons == expected
    assert result.random_draw is None  # no draw: the file goes to control anyway


def test_a_file_of_exactly_the_review_size_is_not_over_it():
    result = sample_for_control(output_file=a_file(size=MB, rate=0.0), source=Scripted(0.5))
    assert result.reasons == []
    assert result.random_draw == 0.5  # drawn, as a file under the size is


def test_without_a_source_the_draw_comes_from_the_operating_systems_random_source(monkeypatch):
    # secrets.SystemRandom cannot be seeded: a researcher cannot predict which file is drawn.
    assert isinstance(sampling._RANDOM, secrets.SystemRandom)
    taken = []
    monkeypatch.setattr(sampling._RANDOM, "random", lambda: taken.append(1) or 0.01)
    result = sample_for_control(output_file=a_file(rate=0.10))
    assert taken == [1] and result.reasons == ["random"] and result.random_draw == 0.01
