"""Tables printed as aligned text (Stata logs, SAS listings, OCR, plain text) and the prose around.

A line is cut into cells at ``|`` and at runs of two or more spaces (the right of a ``|`` at any
whitespace, where Stata puts numbers). Consecutive lines of two or more cells, with rules of
``-+=|`` between them, form a table when at least two of them hold a number. Every line goes
either into a table or into a text block, never both, so nothing is reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scanners.model import Part, Table, TextBlock
from scanners.readers.cell_text import is_number_text, parse_cell

_RULE = re.compile(r"^[\s\-+=|_~:.]*$")
_WIDE_GAP = re.compile(r"\s{2,}|\t")
_SPACE = re.compile(r"\s+")
# Stata's `list` puts "  12. |" before each observation.
_OBSERVATION = re.compile(r"^\s*\d+\.\s*(?=\|)")
_MIN_NUMBERED_ROWS = 2


def split_cells(line: str) -> list[str]:
    if "|" in line:
        pieces = line.split("|")
        cells: list[str] = []
        observation = _OBSERVATION.match(line)
        if observation:  # the observation number is not a value: drop it so columns align
            pieces = line[observation.end() :].split("|")
        for index, piece in enumerate(pieces):
            piece = piece.strip()
            if not piece:
                continue
            if index == 0 and not observation:
                cells.append(piece)  # a row label may hold single spaces
            else:
                cells.extend(_SPACE.split(piece))
        return cells
    return [c for c in _WIDE_GAP.split(line.strip()) if c]


def _continues(block: _Block, line: str, cells: list[str]) -> bool:
    """Below numbered rows, a line without a number or a ``|`` is prose, not another row."""
    if "|" in line or any(is_number_text(c) for c in cells):
        return True
    return block.numbered_rows() == 0


@dataclass
class _Block:
    lines: list[tuple[int, str]] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    numbered: int = 0
    decimal: str = "."

    def add_row(self, number: int, line: str, cells: list[str]) -> None:
        values = [parse_cell(c, decimal=self.decimal) for c in cells]
        self.lines.append((number, line))
        self.rows.append((number, values))
        if any(v is not None and not isinstance(v, str) for v in values):
            self.numbered += 1

    def numbered_rows(self) -> int:
        return self.numbered


def text_and_tables(
    lines: Iterable[tuple[int, str]],
    *,
    table_name: str = "table {n}",
    location: str = "line {line}",
    part: Part = "body",
    source: str = "text",
    decimal: str = ".",
    hidden: bool = False,
    cell_location: str | None = None,
) -> Iterator[TextBlock | Table]:
    """Text blocks (one per non-blank line) and tables, in the order they appear.

    Table cells are located by source line (``location`` + ", column N"), or, when
    ``cell_location`` is given, by that format with rows counted within the table.
    """
    block = _Block(decimal=decimal)
    count = 0
    for number, line in lines:
        if line.strip() and (_RULE.match(line) and ("-" in line or "=" in line)):
            if block.rows:
                block.lines.append((number, line))
                continue
        cells = split_cells(line) if line.strip() else []
        if len(cells) >= 2 and _continues(block, line, cells):
            block.add_row(number, line, cells)
            continue
        count, produced = _close(
            block, count, table_name, location, part, source, decimal, hidden, cell_location
        )
        yield from produced
        block = _Block(decimal=decimal)
        if line.strip() and not _RULE.match(line):
            yield TextBlock(
                text=line.strip(),
                location=location.format(line=number),
                part=part,
                hidden=hidden,
            )
    _, produced = _close(
        block, count, table_name, location, part, source, decimal, hidden, cell_location
    )
    yield from produced


def _close(
    block: _Block,
    count: int,
    table_name: str,
    location: str,
    part: Part,
    source: str,
    decimal: str,
    hidden: bool,
    cell_location: str | None,
) -> tuple[int, list[TextBlock | Table]]:
    if not block.lines:
        return count, []
    if block.numbered_rows() >= _MIN_NUMBERED_ROWS:
        count += 1
        name = table_name.format(n=count)
        fmt = location.replace("{line}", "{row_number}").replace("{", "{{").replace("}", "}}")
        fmt = fmt.replace("{{row_number}}", "{row_number}") + ", column {col_number}"
        table = Table(
            name=name,
            rows=[values for _, values in block.rows],
            cell_location_format=cell_location or fmt,
            hidden=hidden,
            part=part,
            source=source,
            row_numbers=None if cell_location else [n for n, _ in block.rows],
        )
        return count, [table]
    produced: list[TextBlock | Table] = [
        TextBlock(text=line.strip(), location=location.format(line=n), part=part, hidden=hidden)
        for n, line in block.lines
        if line.strip() and not _RULE.match(line)
    ]
    return count, produced
