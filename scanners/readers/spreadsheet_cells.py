"""Sheet cells through python-calamine (xls, ods), chunked, with true cell addresses.

xlsx and xlsm are streamed instead (``xlsx_sheet_stream``); their tests still read every
workbook through ``calamine_tables`` too, as the reference the streaming reader must match.

Every row of every sheet (hidden and very hidden ones too) goes to the detectors, in chunks of
``CHUNK_ROWS`` rows; the deadline is checked between chunks, so a sheet too large to finish in
time makes the file ``unscannable``, never judged on part of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from scanners.errors import Unscannable
from scanners.model import Table
from scanners.readers.context import ReadContext

CHUNK_ROWS = 20_000


def calamine_tables(
    path: Path, *, hidden_sheets: set[str] | None = None, context: ReadContext
) -> Iterator[Table]:
    """Every sheet as Table chunks named after the sheet ("Skjult!B2" locations)."""
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as error:
        raise Unscannable("the workbook is encrypted (password-protected)") from error
    except Exception as error:
        raise Unscannable(f"the workbook cannot be read ({error})") from error
    hidden = set(hidden_sheets or ())
    for metadata in workbook.sheets_metadata:
        if str(metadata.visible).rsplit(".", 1)[-1] != "Visible":
            hidden.add(metadata.name)
    for metadata in workbook.sheets_metadata:
        if str(metadata.typ).rsplit(".", 1)[-1] != "WorkSheet":
            continue
        context.deadline.check()
        try:
            sheet = workbook.get_sheet_by_name(metadata.name)
        except Exception as error:
            raise Unscannable(f"sheet {metadata.name!r} cannot be read ({error})") from error
        yield from _sheet_chunks(sheet, metadata.name, metadata.name in hidden, context)


def _sheet_chunks(sheet: Any, name: str, hidden: bool, context: ReadContext) -> Iterator[Table]:
    """Every row in chunks; one chunk is held back so that the last one can say it is last."""
    start = sheet.start
    if start is None:
        return  # an empty sheet
    pad: list[Any] = [None] * start[1]
    offset = 0
    pending: Table | None = None
    # iter_rows yields rows from the first row of the sheet, columns from the first used one.
    rows_in = sheet.iter_rows()
    while True:
        context.deadline.check()
        rows = [pad + _row_values(row) for row in islice(rows_in, CHUNK_ROWS)]
        if not rows:
            break
        if pending is not None:
            yield pending
        pending = _table(name, rows, offset, hidden, last=False)
        offset += len(rows)
    if pending is None:
        pending = _table(name, [], 0, hidden, last=False)
    pending.is_last_chunk = True
    pending.total_rows = offset
    yield pending


def _table(
    name: str,
    rows: list[list[Any]],
    offset: int,
    hidden: bool,
    *,
    last: bool,
    total: int | None = None,
) -> Table:
    return Table(
        name=name,
        rows=rows,
        hidden=hidden,
        row_offset=offset,
        is_last_chunk=last,
        source="sheet",
        total_rows=total,
    )


def _row_values(row: list[Any]) -> list[Any]:
    """A row as values: "" is None, a whole float is an int (one comprehension: it runs for
    every cell of every sheet)."""
    return [
        None
        if v == "" or v is None
        else int(v)
        if type(v) is float and v.is_integer() and -1e15 < v < 1e15
        else v
        for v in row
    ]
