"""Work done a column at a time gives exactly what it gives a value at a time: the unit-record
tallies of a column of numbers, and the conversion of a column of plain numbers."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from typing import Any

import pytest

from scanners.detectors import unit_records
from scanners.detectors.unit_records import ColumnTally
from scanners.readers.cell_text import parse_cell, parse_column


def _one_by_one(chunks: list[list[Any]]) -> ColumnTally:
    tally = ColumnTally()
    for column in chunks:
        counted = Counter(column)
        counted.pop(None, None)
        for value, times in counted.items():
            tally.add(value, times)
    return tally


def _in_bulk(chunks: list[list[Any]]) -> ColumnTally:
    tally = ColumnTally()
    for column in chunks:
        counted = Counter(column)
        counted.pop(None, None)
        assert tally.add_numbers(counted)
    return tally


def _numbers(rng: random.Random, kind: type, n: int) -> list[Any]:
    if kind is int:
        return [rng.choice([rng.randint(-2000, 2000), rng.randint(0, 10**9), 999, 1000, -1000])
                for _ in range(n)]  # fmt: skip
    return [rng.choice([rng.uniform(-5000, 5000), float(rng.randint(-3000, 3000)), 1000.0,
                        -999.5, float("inf"), 0.5]) for _ in range(n)]  # fmt: skip


@pytest.mark.parametrize("kind", [int, float])
def test_the_tallies_of_a_column_of_numbers(kind: type, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unit_records, "MAX_DISTINCT", 300)  # saturate inside a chunk
    rng = random.Random(4)
    for _ in range(40):
        chunks = [
            _numbers(rng, kind, rng.randint(0, 200)) + [None] * rng.randint(0, 3)
            for _ in range(rng.randint(1, 6))
        ]
        assert dataclasses.asdict(_in_bulk(chunks)) == dataclasses.asdict(_one_by_one(chunks))


def test_other_columns_are_tallied_one_value_at_a_time() -> None:
    tally = ColumnTally()
    for column in (["a", 1], [1, 2.5], [True, False], [float("nan"), 1.0], [1, None]):
        counted = Counter(column)
        if None in counted:
            assert tally.add_numbers(Counter({k: v for k, v in counted.items() if k is not None}))
        else:
            assert not tally.add_numbers(counted)
    assert tally.filled == 1


@pytest.mark.parametrize("decimal", [".", ","])
def test_plain_columns_without_empty_cells(decimal: str) -> None:
    rng = random.Random(6)
    other = "," if decimal == "." else "."
    for _ in range(2000):
        if rng.random() < 0.5:
            cells = [str(rng.randint(0, 10**6)) for _ in range(rng.randint(1, 8))]
        else:
            cells = [
                f"{rng.choice(['', '-', '+'])}{rng.randint(0, 999)}{decimal}{rng.randint(0, 99)}"
                for _ in range(rng.randint(1, 8))
            ]
        if rng.random() < 0.3:
            cells[rng.randrange(len(cells))] = rng.choice(
                ["1\n2", f"1{decimal}5\n2{decimal}5", f"1{other}5", "", "01", "x", "1e5"]
            )
        expected = [parse_cell(c, decimal=decimal) for c in cells]
        got = parse_column(cells, decimal=decimal)
        assert [(type(v), v) for v in got] == [(type(v), v) for v in expected], cells
