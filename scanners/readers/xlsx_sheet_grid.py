"""A streamed sheet's cells laid out as python-calamine laid them out, in bounded memory.

Rows run from the sheet's first row to its last non-empty one; each is as wide as the sheet's
widest non-empty column, empty cells None. A cell calamine left out (an empty ``<v>``, a bare
formula, a styled empty cell) neither widens nor lengthens the sheet. The width is known only
at the sheet's end, so rows are spooled (pickled, unpadded, ``CHUNK_ROWS`` at a time) to a
temporary file and handed back padded, in chunks, from there.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import IO, Any

from scanners.errors import Unscannable
from scanners.model import Table
from scanners.readers import spreadsheet_cells
from scanners.readers.context import ReadContext

# Cells held in one chunk at most: a sheet 16,384 columns wide comes in chunks of fewer rows.
MAX_CHUNK_CELLS = 2_000_000
# Cells written to a row above one already passed (rows out of order), held until the end.
MAX_LATE_CELLS = 1_000_000


class SheetGrid:
    """Cells put in reading order (``put``), rows read back padded (``chunks``)."""

    def __init__(self, spool: IO[bytes], context: ReadContext) -> None:
        self.spool = spool
        self.context = context
        self.block_rows = spreadsheet_cells.CHUNK_ROWS
        self.reset()

    def reset(self) -> None:
        """Forget every cell (the sheet is read again from its start)."""
        self.spool.seek(0)
        self.spool.truncate()
        self.blocks = 0
        self.block: list[list[Any]] = []
        self.block_start = 0
        self.current: list[Any] = []  # the row being filled: row ``row_at``
        self.row_at = 0
        self.last_row = -1  # the last row holding a non-empty cell
        self.last_column = -1
        self.late: dict[int, list[tuple[int, Any]]] = {}
        self.late_count = 0

    def put(self, row: int, column: int, value: Any) -> None:
        """A non-empty cell (its value None for an error value or an empty string)."""
        if row == self.row_at:
            current = self.current
            if column == len(current):
                current.append(value)
            elif column > len(current):
                current.extend([None] * (column - len(current)))
                current.append(value)
            else:
                current[column] = value
        elif row > self.row_at:
            self._next_row(self.current)
            for _ in range(row - self.row_at - 1):
                self._next_row([])
            self.row_at = row
            self.current = [None] * column
            self.current.append(value)
        else:
            self._late(row, column, value)
        if row > self.last_row:
            self.last_row = row
        if column > self.last_column:
            self.last_column = column

    def put_rows(self, numbers: list[int], rows: list[list[Any]]) -> None:
        """Whole rows, all cells non-empty, below every row put so far (``numbers``: their
        0-based rows, rising)."""
        first = numbers[0]
        if numbers[-1] - first == len(numbers) - 1 and first > self.row_at:
            # Consecutive rows after the one being filled: into the block in slices.
            self._next_row(self.current)
            for _ in range(first - self.row_at - 1):
                self._next_row([])
            body, done = rows[:-1], 0
            while done < len(body):
                room = self.block_rows - len(self.block)
                self.block.extend(body[done : done + room])
                done += room
                if len(self.block) >= self.block_rows:
                    self._dump()
            self.current = rows[-1]
            self.row_at = numbers[-1]
            numbers, rows = [], []
        for number, row in zip(numbers, rows, strict=True):
            if number == self.row_at and self.last_row < 0 and not self.current:
                self.current = row
            else:
                self._next_row(self.current)
                for _ in range(number - self.row_at - 1):
                    self._next_row([])
                self.current = row
            self.row_at = number
        self.last_row = max(self.last_row, self.row_at)
        self.last_column = max(self.last_column, len(self.current) - 1)

    def _next_row(self, row: list[Any]) -> None:
        self.block.append(row)
        if len(self.block) >= self.block_rows:
            self._dump()

    def _dump(self) -> None:
        # One pickle per block: no memo is kept across them.
        pickle.dump((self.block_start, self.block), self.spool, protocol=pickle.HIGHEST_PROTOCOL)
        self.blocks += 1
        self.block_start += len(self.block)
        self.block = []
        self.context.deadline.check()

    def _late(self, row: int, column: int, value: Any) -> None:
        """A cell for a row already passed (rows out of order): placed when the rows are read
        back, as calamine placed it; a sheet with too many is refused."""
        self.late.setdefault(row, []).append((column, value))
        self.late_count += 1
        if self.late_count > MAX_LATE_CELLS:
            raise Unscannable("a sheet's rows are out of order in more cells than can be held")

    def finish(self) -> None:
        if self.last_row >= 0:
            self.block.append(self.current)
            self._dump()

    def chunks(self, name: str, hidden: bool) -> Iterator[Table]:
        """The spooled rows, padded to the sheet's width, in chunks; the last says so."""
        if self.last_row < 0:
            return  # an empty sheet
        width = self.last_column + 1
        size = max(1, min(spreadsheet_cells.CHUNK_ROWS, MAX_CHUNK_CELLS // width))
        self.spool.seek(0)
        pending: Table | None = None
        offset = 0
        rows: list[list[Any]] = []
        for _ in range(self.blocks):
            self.context.deadline.check()
            start, block = pickle.load(self.spool)  # noqa: S301 (our own spool)
            for index, row in enumerate(block, start):
                if len(row) < width:
                    row.extend([None] * (width - len(row)))
                for column, value in self.late.pop(index, ()):
                    row[column] = value
                rows.append(row)
                if len(rows) == size:
                    if pending is not None:
                        yield pending
                    pending = _table(name, rows, offset, hidden)
                    offset += len(rows)
                    rows = []
        if rows or pending is None:
            if pending is not None:
                yield pending
            pending = _table(name, rows, offset, hidden)
            offset += len(rows)
        pending.is_last_chunk = True
        pending.total_rows = offset
        yield pending


def _table(name: str, rows: list[list[Any]], offset: int, hidden: bool) -> Table:
    return Table(
        name=name, rows=rows, hidden=hidden, row_offset=offset, is_last_chunk=False,
        source="sheet",
    )  # fmt: skip
