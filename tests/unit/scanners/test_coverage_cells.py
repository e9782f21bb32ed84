"""Column-at-a-time cell parsing gives exactly what cell-at-a-time parsing gives."""

from __future__ import annotations

import random

import pytest

from scanners.readers.cell_text import parse_cell, parse_column

_AWKWARD = [
    "", " ", "0", "00", "01", "1", "-1", "+5", "-0", "12", "1.5", ".5", "1,5", ",5", "1.234,5",
    "1,234.5", "12 ", " 12", "abc", "1e5", "123456789012345678", "1234567890123456789", "0.0",
    "-.5", "5.", "1.2.3", "1\n2", "0707614285", "9" * 25, "1.00", "3,0", "100", "²", "١٢",
]  # fmt: skip
_PLAIN = [
    ["1", "22", "", "4", "0", "905"],
    ["1.5", "", "-2.25", ".5", "0.0"],
    ["1,5", "", "-2,25", ",5", "0,0"],
]


@pytest.mark.parametrize("decimal", [".", ","])
def test_parse_column_matches_parse_cell(decimal: str) -> None:
    rng = random.Random(3)
    for _ in range(4000):
        if rng.random() < 0.5:
            kind = rng.choice(_PLAIN)
            cells = [rng.choice(kind) for _ in range(rng.randint(1, 9))]
        else:
            cells = [rng.choice(_AWKWARD) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.2:
            cells.append(rng.choice(_AWKWARD))
        if rng.random() < 0.3:
            cells.insert(0, rng.choice(["antal", "", "0012", "1.5", "9" * 30, *_AWKWARD]))
        expected = [parse_cell(c, decimal=decimal) for c in cells]
        got = parse_column(cells, decimal=decimal)
        assert [(type(v), v) for v in got] == [(type(v), v) for v in expected], cells


def test_a_leading_zero_keeps_a_column_as_text() -> None:
    assert parse_column(["0707614285", "12", "0"]) == ["0707614285", 12, 0]
    assert parse_column(["12", "0", ""]) == [12, 0, None]
