"""table.differencing: a suppressed cell that can be recomputed from a total.

A line (row or column) that has a total and exactly one suppressed cell, all its other cells
shown: total minus the others gives the suppressed value back. Suppressed means a mark
(".", "..", "x", "*", "<3", "-") or, in an otherwise filled line, an empty cell; an empty cell
whose recomputed value is 0 is a structural zero left blank and is not reported.

Only lines that add up are considered: counts, and amounts that are not averages, shares or
extremes (a mean cannot be recomputed from a total of means).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import cell_text, is_empty, is_suppression_mark, parse_number
from scanners.detectors.evidence import FindingCap
from scanners.detectors.table_book import TableBook
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock

_NOT_ADDITIVE = re.compile(
    r"gns|gennemsnit|mean|avg|average|median|\b(?:min|max|std|sd|rate|p\d\d)\b|index|indeks|"
    r"andel|pct|%",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Line:
    cells: list[tuple[int, int]]  # (row, column) of the parts
    total: tuple[int, int]
    label: str


class DifferencingDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.book = book
        self.cap = FindingCap()
        self.reported: set[str] = set()

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        chunk = self.book.observe(table)
        shape = chunk.entry.shape
        if shape.kind not in (ts.FREQUENCY, ts.MAGNITUDE_TABLE):
            return
        if shape.total_column is None and not shape.total_rows:
            return
        # Every row of every chunk: a row with a total column is a line by itself. The total
        # rows the shape found are row numbers of the first chunk, so columns summed to a
        # total row are checked there (a table with a total row is one chunk in practice).
        rows = table.rows
        body_start = chunk.body_start if chunk.first else 0
        for line in _lines(shape, rows, body_start, total_rows_apply=chunk.first):
            self._check(table, rows, line)

    def _check(self, table: Table, rows: list[list[Any]], line: _Line) -> None:
        total = parse_number(_cell(rows, *line.total))
        if total is None:
            return
        hidden: list[tuple[int, int]] = []
        shown = 0.0
        for r, c in line.cells:
            value = _cell(rows, r, c)
            number = parse_number(value)
            if number is not None:
                shown += number.value
            elif is_suppression_mark(value) or is_empty(value):
                hidden.append((r, c))
            else:
                return  # text in the line: not a line of numbers
        if len(hidden) != 1 or len(line.cells) < 2:
            return
        r, c = hidden[0]
        value = _cell(rows, r, c)
        if is_empty(value) and abs(total.value - shown) < 1e-9:
            return
        mark = cell_text(value) or "an empty cell"
        location = table.cell_location(r, c)
        if location in self.reported:
            return  # found from its row already; its column says the same
        self.reported.add(location)
        self.cap.add(
            table.name,
            Finding(
                code="table.differencing",
                severity=RISK,
                location=location,
                message=(
                    f"The suppressed cell ({mark}) in {line.label} is the only one hidden in a "
                    "line with a total, so it can be recomputed: total minus the other cells. "
                    "Suppress at least one more cell in the line (and in its column), or "
                    "aggregate further."
                ),
                evidence=mark,
            ),
        )

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()


def _cell(rows: list[list[Any]], r: int, c: int) -> Any:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _additive_columns(shape: ts.TableShape) -> list[int]:
    columns = []
    for c, role in enumerate(shape.roles):
        label = shape.label_of(c)
        if _NOT_ADDITIVE.search(label):
            continue
        if role in (ts.COUNT, ts.INTEGER, ts.MAGNITUDE, ts.DECIMAL):
            columns.append(c)
        elif role == ts.EMPTY and label:  # a labelled column whose cells are all suppressed
            columns.append(c)
    return columns


def _lines(
    shape: ts.TableShape, rows: list[list[Any]], body_start: int, *, total_rows_apply: bool = True
) -> Iterator[_Line]:
    columns = _additive_columns(shape)
    share_rows = shape.share_rows if total_rows_apply else frozenset()
    body = [
        r for r in range(body_start, len(rows))
        if r not in share_rows and any(not is_empty(_cell(rows, r, c)) for c in columns)
    ]  # fmt: skip
    total_rows = [r for r in body if r in shape.total_rows] if total_rows_apply else []
    part_rows = [r for r in body if r not in shape.total_rows]
    label_columns = shape.columns_with(ts.LABEL)
    total_column = shape.total_column
    if total_column is not None:
        parts = [c for c in columns if c != total_column]
        for r in part_rows + total_rows:
            label = " ".join(cell_text(_cell(rows, r, k)) for k in label_columns).strip()
            yield _Line([(r, c) for c in parts], (r, total_column), f"row '{label or r + 1}'")
    for total_row in total_rows[-1:]:
        for c in columns:
            label = shape.label_of(c) or f"column {c + 1}"
            yield _Line([(r, c) for r in part_rows], (total_row, c), f"column '{label}'")
