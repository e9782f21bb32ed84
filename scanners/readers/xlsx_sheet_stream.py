"""Excel worksheets streamed: every cell of every sheet, in chunks, in bounded memory.

Each worksheet part is inflated through ``GuardedZip`` (its limits hold) a megabyte at a time
and cut into blocks of whole rows. A block in the plain form every common writer uses is read
by ``xlsx_plain_rows``; any other block by expat with Python handlers. The part's head (up to
``<sheetData>``) and tail are parsed by expat as one document, so the whole part is checked
for well-formedness; a part with comments, CDATA or processing instructions among its rows,
or not in UTF-8, is read by expat from its start. No DTD is allowed, so no entity is ever
expanded. ``xlsx_cell_values`` types the cells as python-calamine did; ``xlsx_sheet_grid``
lays them out as calamine did and hands them over in chunks.

A sheet that is not well-formed or is cut short makes the file ``unscannable``, as does a
shared string index that points nowhere or a cell reference that is not one; the deadline is
checked between megabytes and between chunks. docs/adr/0001-scan-engine.md, "xlsx: streaming
sheets", gives the measurements.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from scanners.errors import Unscannable
from scanners.limits import GuardedZip
from scanners.model import Table
from scanners.readers.context import ReadContext
from scanners.readers.ooxml import relationships
from scanners.readers.xlsx_cell_values import (
    EMPTY,
    CellTyper,
    cell_formats,
    final,
    parse_stream,
    refuse_doctype,
    shared_strings,
    unescape,
)
from scanners.readers.xlsx_plain_rows import is_plain, read_plain
from scanners.readers.xlsx_sheet_grid import SheetGrid

# Read by expat from the start: the plain reading found no <sheetData> or no row end in this.
_MAX_UNCUT_BYTES = 16 * 1024 * 1024
_SHEET_DATA = re.compile(rb"<sheetData(?:[ \t\r\n][^<>]*)?(/?)>")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([^"']*)["']""")
_XML_SPACE = " \t\n\r"
_DIGITS = "0123456789"


def sheet_tables(
    path: Path,
    workbook_part: str,
    sheets: list[tuple[str, bool, str]],
    context: ReadContext,
) -> Iterator[Table]:
    """Every worksheet ``(name, hidden, part)`` as Table chunks ("Skjult!B2" locations)."""
    with GuardedZip(path, context.policy) as archive:
        formats, is_1904 = cell_formats(archive, workbook_part)
        typer = CellTyper(shared_strings(archive, workbook_part), formats, is_1904)
        for name, hidden, part in sheets:
            context.deadline.check()
            if not archive.has(part):
                continue
            with tempfile.TemporaryFile(dir=context.temp_dir()) as spool:
                grid = SheetGrid(spool, context)
                _read_sheet(archive, part, name, grid, typer, context)
                grid.finish()
                yield from grid.chunks(name, hidden)


def worksheet_parts(archive: GuardedZip, workbook_part: str) -> list[tuple[str, bool, str]]:
    """The workbook's worksheets ``(name, hidden, part)`` in its order: chart, dialog and
    macro sheets hold no cells (calamine read worksheets only too). Elements are matched by
    local name, as calamine matched them, so Strict Open XML workbooks are read as well."""
    rels = relationships(archive, workbook_part)
    found: list[tuple[str, bool, str]] = []
    for sheet in archive.xml(workbook_part).iter("{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if str(k).endswith("}id")), "")
        kind, part = rels.get(rid, ("", ""))
        if kind == "worksheet" and part:
            found.append((sheet.get("name", "?"), sheet.get("state", "visible") != "visible", part))
    return found


class _NotPlain(Exception):
    """The part is read by expat from its start instead."""


# When False, every sheet is read by expat alone (the tests compare both ways).
PLAIN_BLOCKS = True


def _read_sheet(
    archive: GuardedZip,
    part: str,
    name: str,
    grid: SheetGrid,
    typer: CellTyper,
    context: ReadContext,
) -> None:
    where = f"sheet {name!r}"
    if PLAIN_BLOCKS:
        try:
            _read_in_blocks(_checked(archive.stream(part), context), name, grid, typer)
            return
        except _NotPlain:
            grid.reset()
    parser = expat.ParserCreate()
    _set_handlers(parser, grid, typer, [0, 0], name, inside=False)
    parse_stream(parser, _checked(archive.stream(part), context), where)


def _checked(chunks: Iterator[bytes], context: ReadContext) -> Iterator[bytes]:
    for chunk in chunks:
        context.deadline.check()
        yield chunk


def _read_in_blocks(  # noqa: C901
    chunks: Iterator[bytes], name: str, grid: SheetGrid, typer: CellTyper
) -> None:
    """Head and tail to one expat parser, the rows between in blocks of whole rows."""
    where = f"sheet {name!r}"
    frame = expat.ParserCreate()
    frame.StartDoctypeDeclHandler = refuse_doctype
    frame.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    position = [0, 0]
    buffer = b""
    state = "head"
    try:
        for chunk in chunks:
            buffer += chunk
            if state == "head":
                if buffer[:2] in (b"\xff\xfe", b"\xfe\xff"):
                    raise _NotPlain
                declared = _DECLARED_ENCODING.match(buffer.lstrip(b"\xef\xbb\xbf"))
                if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
                    raise _NotPlain
                found = _SHEET_DATA.search(buffer)
                if found is None:
                    if len(buffer) > _MAX_UNCUT_BYTES:
                        raise _NotPlain
                    continue
                frame.Parse(buffer[: found.end()], False)
                buffer = buffer[found.end() :]
                state = "tail" if found.group(1) else "rows"
            if state == "rows":
                end = buffer.find(b"</sheetData")
                region = buffer if end < 0 else buffer[:end]
                if b"<!" in region or b"<?" in region:
                    raise _NotPlain
                if end < 0:
                    cut = region.rfind(b"</row>")
                    if cut < 0:
                        if len(buffer) > _MAX_UNCUT_BYTES:
                            raise _NotPlain
                        continue
                    block, buffer = buffer[: cut + 6], buffer[cut + 6 :]
                else:
                    block, buffer = region, buffer[end:]
                    state = "tail"
                _read_block(block, grid, typer, position, name)
            if state == "tail":
                frame.Parse(buffer, False)
                buffer = b""
        if state == "rows" and buffer:
            _read_block(buffer, grid, typer, position, name)  # cut short: not well-formed
        if state == "head":
            raise _NotPlain
        frame.Parse(b"", True)
    except expat.ExpatError as error:
        raise Unscannable(f"{where} is not well-formed XML ({error})") from error


def _read_block(
    block: bytes, grid: SheetGrid, typer: CellTyper, position: list[int], name: str
) -> None:
    if is_plain(block):
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _NotPlain from error
        read_plain(text, grid, typer, position, name)
        return
    parser = expat.ParserCreate("utf-8")
    _set_handlers(parser, grid, typer, position, name, inside=True)
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.Parse(b"<rows>", False)
    parser.Parse(block, False)
    parser.Parse(b"</rows>", True)


def _set_handlers(  # noqa: C901, PLR0915
    parser: Any,
    grid: SheetGrid,
    typer: CellTyper,
    position: list[int],
    name: str,
    *,
    inside: bool,
) -> None:
    """Expat handlers that read cells as calamine did: element names without their prefix,
    a row without ``r`` after the one before, a cell without ``r`` after the cell before, the
    cell's last child giving its value, ``<rPh>`` phonetic runs left out, nothing outside
    ``<sheetData>``."""
    in_data = [inside]
    cell: list[Any] = [None, None, None]  # r, t, s
    value: list[Any] = [None]  # what the cell's last child gave: (kind, text) or None
    text: list[str] = []
    collecting = [False]
    inline: list[str] = []
    depth = [0, 0]  # inside <is>, inside <rPh>
    preserve = [False]
    codes = {"c": 1, "v": 2, "row": 3, "is": 4, "t": 5, "f": 6, "rPh": 7, "sheetData": 8}
    dispatch: dict[str, int] = {}
    columns: dict[str, int] = {}
    put = grid.put
    typed = typer.typed

    def code_of(qualified: str) -> int:
        code = codes.get(qualified.rpartition(":")[2], 0)
        dispatch[qualified] = code
        return code

    def start(qualified: str, attrs: dict[str, str]) -> None:
        code = dispatch.get(qualified)
        if code is None:
            code = code_of(qualified)
        if code == 8:
            in_data[0] = True
        if not in_data[0]:
            return
        if code == 1:
            cell[0] = attrs.get("r")
            cell[1] = attrs.get("t")
            cell[2] = attrs.get("s")
            value[0] = None
        elif code == 2:
            collecting[0] = True
            text.clear()
        elif code == 3:
            number = attrs.get("r")
            if number is not None:
                position[0] = _row_number(number, name)
        elif code == 4:
            depth[0] += 1
            inline.clear()
        elif code == 5:
            if depth[0] and not depth[1]:
                collecting[0] = True
                preserve[0] = attrs.get("xml:space") == "preserve"
                text.clear()
        elif code == 6:
            value[0] = None
        elif code == 7:
            depth[1] += 1

    def end(qualified: str) -> None:  # noqa: C901
        code = dispatch.get(qualified)
        if code is None:
            code = code_of(qualified)
        if code == 8:
            in_data[0] = False
        if not in_data[0]:
            return
        if code == 2:
            collecting[0] = False
            value[0] = (2, "".join(text))
        elif code == 1:
            ref, kind, style = cell
            if ref is None:
                row, column = position
            else:
                letters = ref.rstrip(_DIGITS)
                column = columns.get(letters, -1)
                if column < 0:
                    column = columns[letters] = _column(letters, name)
                row = _row_number(ref[len(letters) :], name)
            position[1] = column + 1
            held = value[0]
            if held is None:
                return
            got = held[1] if held[0] == 4 else typed(held[1], kind, style)
            if got is not EMPTY:
                put(row, column, final(got))
        elif code == 3:
            position[0] += 1
            position[1] = 0
        elif code == 5:
            if collecting[0] and depth[0]:
                collecting[0] = False
                joined = "".join(text)
                inline.append(joined if preserve[0] else joined.strip(_XML_SPACE))
        elif code == 4:
            depth[0] -= 1
            value[0] = (4, unescape("".join(inline)))
        elif code == 6:
            value[0] = None
        elif code == 7:
            depth[1] -= 1

    def characters(data: str) -> None:
        if collecting[0]:
            text.append(data)

    parser.buffer_text = True
    parser.buffer_size = 1 << 20
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters


def _column(letters: str, sheet: str) -> int:
    if not letters or not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        raise Unscannable(f"sheet {sheet!r} has a cell reference that is not one")
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _row_number(digits: str, sheet: str) -> int:
    if not digits.isascii() or not digits.isdigit() or int(digits) == 0:
        raise Unscannable(f"sheet {sheet!r} has a row number that is not one")
    return int(digits) - 1
