"""Excel 97-2003 (.xls) and macro sheets (.xlm): cells by calamine, every sheet including hidden
ones; hidden rows, columns and cell notes by xlrd; the VBA project (``_VBA_PROJECT_CUR``) by
``vba.read_macros``; pictures in the Workbook stream's drawing group by OCR; every other stream
(embedded objects) by ``embedded.sweep_ole``. An .xls that is really SpreadsheetML XML or HTML
(Excel saves both under .xls) is read as what it is."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from scanners.errors import Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock, column_letter
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, pictures_in, sweep_ole
from scanners.readers.spreadsheet_cells import calamine_tables
from scanners.readers.text_encoding import read_head

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xlm(path: Path, context: ReadContext) -> Extraction:
    head = read_head(path, 8)
    if head.startswith(b"PK"):
        from scanners.readers.xlsx import read_xlsx

        return read_xlsx(path, context)
    return read_xls(path, context)


def read_xls(path: Path, context: ReadContext) -> Extraction:
    head = read_head(path, 4096)
    if not head.startswith(_OLE_MAGIC):
        lowered = head.lower()
        spreadsheet_ml = b"urn:schemas-microsoft-com:office:spreadsheet" in lowered
        if not spreadsheet_ml and (b"<html" in lowered or b"<table" in lowered):
            from scanners.readers.html import read_html

            return read_html(path, context)
        from scanners.readers.xml import read_xml

        return read_xml(path, context)
    text, hidden, hidden_sheets = _xlrd_parts(path)
    macros = _other_streams(path, context)
    return Extraction(
        file_type=context.file_type,
        text=text + macros.text,
        tables=_chain(calamine_tables(path, hidden_sheets=hidden_sheets, context=context), macros),
        hidden=hidden + macros.hidden,
    )


def _other_streams(path: Path, context: ReadContext) -> Embedded:
    """What the cells are not: the VBA project (``_VBA_PROJECT_CUR``, by ``vba.read_macros``),
    the pictures in the Workbook stream (OCR'd), and every other stream (embedded objects in
    the ``MBD...`` storages, properties) by ``embedded.sweep_ole``."""
    import olefile

    from scanners.readers.vba import read_macros

    try:
        with olefile.OleFileIO(str(path)) as ole:
            found, macro_streams = read_macros(ole, context)
            workbook = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if workbook is not None:
                drawings = _drawing_group(ole.openstream(workbook).read())
                pictures_in(drawings, f"stream {workbook}, drawings", context, found)
            rest = sweep_ole(
                ole, already_read={"Workbook", "Book", *macro_streams}, context=context
            )
    except OSError:  # olefile cannot open it; calamine's verdict on the workbook stands
        return Embedded()
    found.text.extend(rest.text)
    found.tables.extend(rest.tables)
    found.hidden.extend(rest.hidden)
    return found


_DRAWING_GROUP, _CONTINUE = 0x00EB, 0x003C


def _drawing_group(data: bytes) -> bytes:
    """The workbook's drawing group (MSODRAWINGGROUP records and their CONTINUE records, joined:
    the pictures of every sheet, cut into records of at most 8224 bytes)."""
    parts: list[bytes] = []
    at = 0
    joining = False
    while at + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, at)
        if kind == _DRAWING_GROUP or (joining and kind == _CONTINUE):
            parts.append(data[at + 4 : at + 4 + size])
            joining = True
        else:
            joining = False
        at += 4 + size
    return b"".join(parts)


def _chain(cells: Iterator[Table], macros: Embedded) -> Iterator[Table]:
    yield from cells
    yield from macros.tables


def _xlrd_parts(path: Path) -> tuple[list[TextBlock], list[HiddenPart], set[str]]:
    import xlrd

    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    hidden_sheets: set[str] = set()
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise Unscannable("the workbook is encrypted (password-protected)") from error
        return text, hidden, hidden_sheets  # calamine may still read it
    except Exception:
        return text, hidden, hidden_sheets
    for index in range(book.nsheets):
        sheet = book.get_sheet(index)
        name = sheet.name
        if sheet.visibility:
            hidden_sheets.add(name)
            hidden.append(
                HiddenPart(kind="sheet", location=name, description=f"hidden sheet {name!r}")
            )
        rows = sorted(r for r, info in sheet.rowinfo_map.items() if info.hidden)
        if rows:
            hidden.append(
                HiddenPart(
                    kind="rows_columns",
                    location=f"{name}!{rows[0] + 1}:{rows[-1] + 1}",
                    description=f"hidden rows in sheet {name!r}",
                )
            )
        columns = sorted(c for c, info in sheet.colinfo_map.items() if info.hidden)
        if columns:
            hidden.append(
                HiddenPart(
                    kind="rows_columns",
                    location=f"{name}!{column_letter(columns[0])}:{column_letter(columns[-1])}",
                    description=f"hidden columns in sheet {name!r}",
                )
            )
        for (row, column), note in sheet.cell_note_map.items():
            location = f"{name}!{column_letter(column)}{row + 1}"
            text.append(
                TextBlock(
                    text=note.text, location=f"{location} comment", part="comment", hidden=True
                )
            )
            hidden.append(
                HiddenPart(
                    kind="comment", location=location, description=f"a cell comment on {location}"
                )
            )
    book.release_resources()
    return text, hidden, hidden_sheets
