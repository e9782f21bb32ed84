"""Excel 97-2003 (.xls) and macro sheets (.xlm): cells by calamine, every sheet including hidden
ones; hidden rows, columns and cell notes by xlrd; the VBA project (``_VBA_PROJECT_CUR``) by
``vba.read_macros``. An .xls that is really SpreadsheetML XML or HTML (Excel saves both under
.xls) is read as what it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scanners.errors import Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock, column_letter
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded
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
    macros = _macros(path, context)
    return Extraction(
        file_type=context.file_type,
        text=text + macros.text,
        tables=_chain(calamine_tables(path, hidden_sheets=hidden_sheets, context=context), macros),
        hidden=hidden + macros.hidden,
    )


def _macros(path: Path, context: ReadContext) -> Embedded:
    """The VBA project (``_VBA_PROJECT_CUR``), by ``vba.read_macros``."""
    import olefile

    from scanners.readers.vba import read_macros

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return read_macros(ole, context)[0]
    except OSError:  # olefile cannot open it; calamine's verdict on the workbook stands
        return Embedded()


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
