"""A delimited file that holds several tables, one after another, is read as those tables.

PSPP's CSV output writes each table under a ``Table: <title>`` line with a blank line between
tables; R scripts append tables to one file with ``write.table(..., append = TRUE)``. Read as
one grid, the tables' headers land in the middle of the body and the first table's header
stands for all of them. A file read in one chunk whose blank lines separate blocks of different
widths, or blocks that start with a title line, is split there; each block keeps its lines'
numbers (``line 14, column 3`` as before).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from scanners.detectors.cell_values import is_empty
from scanners.model import Table

_MIN_ROWS = 2


def split_sections(tables: Iterable[Table]) -> Iterator[Table]:
    for table in tables:
        sections = _sections(table) if table.row_offset == 0 and table.is_last_chunk else None
        if sections is None:
            yield table
            continue
        for k, (numbers, rows) in enumerate(sections, start=1):
            yield Table(
                name=f"{table.name}, table {k} (line {numbers[0]})",
                rows=rows,
                cell_location_format=table.cell_location_format,
                hidden=table.hidden,
                part=table.part,
                source=table.source,
                total_rows=len(rows),
                row_numbers=numbers,
            )


def _sections(table: Table) -> list[tuple[list[int], list[list[Any]]]] | None:
    sections: list[tuple[list[int], list[list[Any]]]] = []
    numbers: list[int] = []
    rows: list[list[Any]] = []
    for index, row in enumerate(table.rows):
        number = table.row_numbers[index] if table.row_numbers else index + 1
        if all(is_empty(cell) for cell in row):
            if rows:
                sections.append((numbers, rows))
            numbers, rows = [], []
            continue
        numbers.append(number)
        rows.append(row)
    if rows:
        sections.append((numbers, rows))
    if len([s for s in sections if len(s[1]) >= _MIN_ROWS]) < 2:
        return None
    widths = {_width(rows) for _, rows in sections}
    titled = any(sum(not is_empty(cell) for cell in rows[0]) == 1 for _, rows in sections)
    return sections if len(widths) > 1 or titled else None


def _width(rows: list[list[Any]]) -> int:
    filled = (max((c + 1 for c, v in enumerate(row) if not is_empty(v)), default=0) for row in rows)
    return max(filled, default=0)
