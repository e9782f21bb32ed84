"""Sheet cells through python-calamine (xlsx, xlsm, xls, ods), chunked, with true cell addresses."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import Unscannable
from scanners.model import Table
from scanners.readers.context import ReadContext

CHUNK_ROWS = 20_000
FULL_ROWS = 100_000
MAX_CANDIDATE_ROWS = 20_000
# Identifier-shaped text (the detectors decide whether it is one).
_SHAPE = re.compile(r"\d{6}[-+A-FU-Y]?\d{3}[\dA-Z]|\d{8,12}")


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
    """The first ``FULL_ROWS`` rows in chunks; past them, only rows holding an identifier-shaped
    value (with their true row numbers), so a sheet of a million rows is judged in bounded time.
    """
    start = sheet.start
    if start is None:
        return  # an empty sheet
    pad: list[Any] = [None] * start[1]
    rows: list[list[Any]] = []
    offset = 0
    pending: Table | None = None
    candidates: list[list[Any]] = []
    numbers: list[int] = []
    count = 0
    # iter_rows yields rows from the first row of the sheet, columns from the first used one.
    for count, row in enumerate(sheet.iter_rows(), start=1):
        if count > FULL_ROWS:
            if len(candidates) < MAX_CANDIDATE_ROWS and _identifier_shaped(row):
                candidates.append(pad + [_value(v) for v in row])
                numbers.append(count)
            if count % CHUNK_ROWS == 0:
                context.deadline.check()
            continue
        rows.append(pad + [_value(v) for v in row])
        if len(rows) >= CHUNK_ROWS:
            context.deadline.check()
            if pending is not None:
                yield pending
            pending = _table(name, rows, offset, hidden, last=False)
            offset += len(rows)
            rows = []
    if rows or pending is None:
        if pending is not None:
            yield pending
        pending = _table(name, rows, offset, hidden, last=False)
    pending.total_rows = count
    if candidates:
        yield pending
        pending = _table(name, candidates, numbers[0] - 1, hidden, last=True)
        pending.row_numbers = numbers
        pending.total_rows = count
    pending.is_last_chunk = True
    yield pending


def _identifier_shaped(row: list[Any]) -> bool:
    for value in row:
        if type(value) is str:
            if len(value) >= 8 and _SHAPE.search(value):
                return True
        elif type(value) is float and 1e7 <= value < 1e12 and value.is_integer():
            return True
    return False


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


def _value(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return value
    return value
