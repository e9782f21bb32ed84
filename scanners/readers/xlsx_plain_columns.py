"""A block of plain rows that is a rectangle, converted a column at a time.

Most large sheets are a table: every row holds the same columns A, B, C... in order, each cell
a number, a shared string or an inline string. Such a block (its cells as ``_CELLS`` found
them) is transposed, each column converted in bulk (``map(float)`` over the column, shared
strings looked up by index), and the rows put into the grid whole. The result is the one the
cell-at-a-time reading gives; a block that is anything else (a gap, a cell calamine would
leave out, a date style, an entity or ``_x`` escape, a value Python's float reads differently)
returns False and is read a cell at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanners.model import column_letter
from scanners.readers.xlsx_cell_values import CellTyper
from scanners.readers.xlsx_sheet_grid import SheetGrid

_XML_SPACE = " \t\n\r"
_NOT_IN_NUMBERS = "_ \t\n\r"
_LETTERS = tuple(column_letter(i) for i in range(64))
Cell = tuple[str, str, str, str, str, str, str, str]


def read_rectangle(  # noqa: C901, PLR0911, PLR0912
    cells: list[Cell],
    kind_of: Callable[[str], tuple[str | None, str | None]],
    grid: SheetGrid,
    typer: CellTyper,
) -> bool:
    """Put a rectangular block's rows into ``grid``; False (nothing put) if it is not one.
    ``kind_of`` gives (t, s) of a cell's attribute text (all but its leading r)."""
    if not cells:
        return False
    letters, digits, rests, values, raws, inlines, preserves, texts = zip(*cells, strict=True)
    kinds = {rest: kind_of(rest) for rest in set(rests)}
    width = letters.index(letters[0], 1) if letters.count(letters[0]) > 1 else len(cells)
    if width > len(_LETTERS) or len(cells) % width or letters[0] != "A":
        return False
    if letters != _LETTERS[:width] * (len(cells) // width):
        return False
    starts = digits[::width]
    if any(digits[k::width] != starts for k in range(1, width)):
        return False
    numbers = [int(d) - 1 for d in starts]
    if numbers[0] <= grid.row_at and grid.last_row >= 0 or numbers[0] < 0:
        return False
    if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        return False
    columns: list[list[Any]] = []
    for c in range(width):
        column_kinds = {kinds[rest] for rest in set(rests[c::width])}
        if len(column_kinds) != 1:
            return False
        kind, style = column_kinds.pop()
        if style is not None and typer.formats:
            index = int(style) if style.isascii() and style.isdigit() else 0
            if index < len(typer.formats) and typer.formats[index]:
                return False  # a date style
        if kind in (None, "n") and all(values[c::width]):
            raw = raws[c::width]
            if not all(raw):
                return False  # an empty <v>: calamine left the cell out
            joined = "".join(raw)
            if not joined.isascii() or any(char in joined for char in _NOT_IN_NUMBERS):
                return False  # Python's float takes what Rust's does not
            if joined.isdigit() and max(map(len, raw)) <= 15:
                columns.append(list(map(int, raw)))
                continue
            try:
                floats = list(map(float, raw))
            except ValueError:
                return False
            if any(map(float.is_integer, floats)):
                floats = [int(x) if x.is_integer() and -1e15 < x < 1e15 else x for x in floats]
            columns.append(floats)
        elif kind == "s" and all(values[c::width]):
            raw = raws[c::width]
            if not "".join(raw).isascii() or not all(map(str.isdigit, raw)):
                return False
            indexes = list(map(int, raw))
            if max(indexes) >= len(typer.strings):
                return False  # the cell-at-a-time reading says why
            found = list(map(typer.strings.__getitem__, indexes))
            columns.append(found if all(found) else [text or None for text in found])
        elif all(inlines[c::width]) and not any(values[c::width]):
            column = list(texts[c::width])
            if not all(preserves[c::width]):
                column = [
                    text if preserve else text.strip(_XML_SPACE)
                    for text, preserve in zip(column, preserves[c::width], strict=True)
                ]
            columns.append(column if all(column) else [text or None for text in column])
        else:
            return False
    grid.put_rows(numbers, list(map(list, zip(*columns, strict=True))))
    return True
