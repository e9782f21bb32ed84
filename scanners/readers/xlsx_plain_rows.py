"""Rows of a sheet in the plain form every common writer uses, read by two regular expressions.

A block of whole ``<row>`` elements is read here only when the whole block matches ``_GRAMMAR``:
unprefixed ``row``/``c``/``f``/``v``/``is``/``t`` elements, double-quoted attributes without
``<``, ``>``, ``&``, tabs or line breaks, text with no ``<``, no carriage return and only the
five XML entities or character references, at most a formula before one ``<v>`` or one
``<is>`` holding one ``<t>``, nothing between a cell's children. Such a block is well-formed
XML by construction (RE2 checks the grammar), and ``_CELLS`` or ``_TOKEN`` read its rows and
cells in order as an XML parser would; a rectangle of rows goes on to
``xlsx_plain_columns``. Anything else (rich text runs, a formula after the value, prefixes,
single quotes, comments) goes to the XML parser instead.
"""

from __future__ import annotations

import re
from typing import Any

from scanners.errors import Unscannable
from scanners.readers.xlsx_cell_values import EMPTY, CellTyper, final, unescape
from scanners.readers.xlsx_plain_columns import read_rectangle
from scanners.readers.xlsx_sheet_grid import SheetGrid

try:  # google-re2: the grammar check in linear time (C++); without it Python's re, slower
    import re2
except ImportError:  # pragma: no cover - a pinned dependency
    re2 = None

_W = r"[ \t\r\n]*"
_ATTRIBUTES = r'(?:[ \t\r\n]+[A-Za-z_][\w.:-]*="[^"<>&\t\n\r]*")*[ \t\r\n]*'
_TEXT = r"[^<&\r]*(?:&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});[^<&\r]*)*"
_FORMULA = rf"<f{_ATTRIBUTES}(?:/>|>{_TEXT}</f>)"
_VALUE = rf"<v>{_TEXT}</v>"
_INLINE = rf'<is><t(?: xml:space="preserve")?>{_TEXT}</t></is>'
_CELL = rf"<c{_ATTRIBUTES}(?:/>|>(?:{_FORMULA})?(?:{_VALUE}|{_INLINE})?</c>)"
_ROW = rf"<row{_ATTRIBUTES}(?:/>|>{_W}(?:{_CELL}{_W})*</row>)"
# The grammar of a plain block (no capturing group: RE2 checks it as a DFA).
_GRAMMAR = rf"{_W}(?:{_ROW}{_W})*"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Within a plain block these read every row and cell in order (attribute values hold no >,
# a cell's children follow each other with nothing between).
_CELL_PATTERN = (
    r'<c(?: r="([A-Z]{1,3})([0-9]{1,7})")?([^>]*)>(?:<f[^>]*>(?:[^<]*</f>)?)?'
    r'(?:(<v>)([^<]*)|(<is>)<t( xml:space="preserve")?>([^<]*))?'
)
# A block whose every cell starts with r="...": its cells alone. Groups: 1 and 2 the r
# (column, row), 3 the other attributes ("/" last when empty), 4 <v>, 5 its text, 6 <is>,
# 7 xml:space, 8 its text.
_CELLS = re.compile(_CELL_PATTERN)
# The same without the parts a block may not need (faster to match), giving the same groups.
_CELLS_NO_FORMULA = re.compile(_CELL_PATTERN.replace(r"(?:<f[^>]*>(?:[^<]*</f>)?)?", ""))
# Any plain block: its rows too. Groups: 1 <row, 2 its leading r, 3 its other attributes
# ("/" last when empty); 4 </row>; then the cell's, as in _CELLS.
_TOKEN = re.compile(rf'(<row)(?: r="([0-9]{{1,7}})")?([^>]*)>|(</row>)|{_CELL_PATTERN}')
_ROW_R = re.compile(r'<row r="([0-9]{1,7})"')
_SPACED_VALUE = [f"<v>{c}" for c in " \t\r\n"] + [f"{c}</v>" for c in " \t\r\n"]
_R_ATTRIBUTE = re.compile(r'[ \t\r\n]r="([^"]*)"')
_T_ATTRIBUTE = re.compile(r'[ \t\r\n]t="([^"]*)"')
_S_ATTRIBUTE = re.compile(r'[ \t\r\n]s="([^"]*)"')
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_XML_SPACE = " \t\n\r"


def _grammar() -> Any:
    if re2 is None:  # pragma: no cover
        return re.compile(_GRAMMAR.encode())
    options = re2.Options()
    options.never_capture = True
    options.max_mem = 64 * 1024 * 1024
    return re2.compile(_GRAMMAR.encode(), options)


_BLOCK = _grammar()


def is_plain(block: bytes) -> bool:
    """Does the block (UTF-8) match the plain grammar, with no character XML refuses?"""
    return (
        _BLOCK.fullmatch(block) is not None
        and _CONTROL_BYTES.search(block) is None
        and b"\xef\xbf\xbe" not in block  # U+FFFE and U+FFFF, not characters in XML
        and b"\xef\xbf\xbf" not in block
    )


def read_plain(
    block: str, grid: SheetGrid, typer: CellTyper, position: list[int], sheet: str
) -> None:
    """Put the cells of a plain block (``is_plain``) into ``grid``; ``position`` is the
    reader's (row, column) for a row or cell without ``r``, carried from block to block."""
    last = block.rfind("<row")
    last_r = _ROW_R.match(block, last) if last >= 0 else None
    if block.count("<c") == block.count('<c r="') and (last < 0 or last_r is not None):
        # Every cell says where it is: no row needs counting.
        _read_cells(block, grid, typer, sheet)
        if last_r is not None:
            position[0] = int(last_r.group(1))  # after the block's last row
            position[1] = 0
        return
    _read_tokens(block, grid, typer, position, sheet)


def _read_cells(block: str, grid: SheetGrid, typer: CellTyper, sheet: str) -> None:  # noqa: C901
    """The cells of a plain block in which every cell starts with its ``r``."""
    attributes: dict[str, tuple[int, int, str | None, str | None]] = {}
    columns: dict[str, int] = {}
    last_digits = ""
    row = 0
    plain_numbers = not typer.formats
    cells = _cells_pattern(block).findall(block)
    if "&" not in block and "_x" not in block:

        def kind_of(rest: str) -> tuple[str | None, str | None]:
            parsed = _cell_attributes(rest, sheet)
            return parsed[2], parsed[3]

        if read_rectangle(cells, kind_of, grid, typer):
            return
    strict = _strict(block)
    current, row_at, widest = grid.current, grid.row_at, grid.last_column
    for letters, digits, rest, v, raw, inline, preserve, text in cells:
        parsed = attributes.get(rest)
        if parsed is None:
            parsed = attributes[rest] = _cell_attributes(rest, sheet)
        kind, style = parsed[2], parsed[3]
        if not letters:  # its r is not upper-case letters and digits: read from the rest
            row, column = parsed[0], parsed[1]
            last_digits = ""
        else:
            column = columns.get(letters, -1)
            if column < 0:
                column = columns[letters] = _column(letters)
            if digits != last_digits:
                row = _row_number(digits, sheet)
                last_digits = digits
        if v and kind is None and (style is None or plain_numbers) and raw and "&" not in raw:
            try:
                value: Any = float(raw)
            except ValueError:
                value = raw
            else:
                if strict and (raw.strip() is not raw or "_" in raw or not raw.isascii()):
                    value = raw
                elif value.is_integer() and -1e15 < value < 1e15:
                    value = int(value)
        else:
            value = _cell_value(typer, kind, style, v, raw, inline, preserve, text)
            if value is EMPTY:
                continue
        if row == row_at and column == len(current) and row <= grid.last_row:
            current.append(value)
            if column > widest:
                widest = grid.last_column = column
        else:
            grid.put(row, column, value)
            current, row_at, widest = grid.current, grid.row_at, grid.last_column


def _read_tokens(  # noqa: C901, PLR0912
    block: str, grid: SheetGrid, typer: CellTyper, position: list[int], sheet: str
) -> None:
    """Any plain block: rows are counted for the rows and cells without ``r``."""
    attributes: dict[str, tuple[int, int, str | None, str | None]] = {}
    columns: dict[str, int] = {}
    for token in _TOKEN.findall(block):
        (row_start, number, row_rest, row_end, letters, digits, rest, v, raw, inline,
         preserve, text) = token  # fmt: skip
        if row_end:
            position[0] += 1
            position[1] = 0
            continue
        if row_start:
            if number:
                position[0] = _row_number(number, sheet)
            elif ' r="' in row_rest or "\tr=" in row_rest or "\nr=" in row_rest:
                found = _R_ATTRIBUTE.search(row_rest)
                if found:
                    position[0] = _row_number(found.group(1), sheet)
            if row_rest.endswith("/"):
                position[0] += 1
                position[1] = 0
            continue
        parsed = attributes.get(rest)
        if parsed is None:
            parsed = attributes[rest] = _cell_attributes(rest, sheet)
        row, column, kind, style = parsed
        if letters:
            column = columns.get(letters, -1)
            if column < 0:
                column = columns[letters] = _column(letters)
            row = _row_number(digits, sheet)
        elif row < 0:
            row, column = position
        position[1] = column + 1
        value = _cell_value(typer, kind, style, v, raw, inline, preserve, text)
        if value is not EMPTY:
            grid.put(row, column, value)


def _cell_value(
    typer: CellTyper,
    kind: str | None,
    style: str | None,
    v: str,
    raw: str,
    inline: str,
    preserve: str,
    text: str,
) -> Any:
    """A cell's value as the rules get it, or EMPTY when calamine left the cell out."""
    if v:
        value = typer.typed(_xml_text(raw) if "&" in raw else raw, kind, style)
        return value if value is EMPTY else final(value)
    if inline:
        if "&" in text:
            text = _xml_text(text)
        return final(unescape(text if preserve else text.strip(_XML_SPACE)))
    return EMPTY


def _strict(block: str) -> bool:
    """Might a value hold what Python's float takes and Rust's does not (white space around
    the number, "_", digits that are not ASCII)? Asked of the block once."""
    return "_" in block or not block.isascii() or any(s in block for s in _SPACED_VALUE)


def _cells_pattern(block: str) -> re.Pattern[str]:
    return _CELLS if "<f" in block else _CELLS_NO_FORMULA


def _cell_attributes(rest: str, sheet: str) -> tuple[int, int, str | None, str | None]:
    """(row, column, t, s) of a cell's attributes; row -1 when it has no ``r``."""
    found = [p.search(rest) for p in (_R_ATTRIBUTE, _T_ATTRIBUTE, _S_ATTRIBUTE)]
    row, column = _reference(found[0].group(1), sheet) if found[0] else (-1, -1)
    return (
        row,
        column,
        found[1].group(1) if found[1] else None,
        found[2].group(1) if found[2] else None,
    )


def _xml_text(text: str) -> str:
    return _ENTITY.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _NAMED:
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0 or _CONTROL.match(chr(code)):
        raise Unscannable(f"a sheet is not well-formed XML (reference to character {code})")
    return chr(code)


def _column(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _row_number(digits: str, sheet: str) -> int:
    if not digits.isascii() or not digits.isdigit() or int(digits) == 0:
        raise Unscannable(f"sheet {sheet!r} has a row number that is not one")
    return int(digits) - 1


def _reference(ref: str, sheet: str) -> tuple[int, int]:
    """A cell reference ("B7", "b7") as 0-based (row, column)."""
    letters = ref.rstrip("0123456789")
    if not letters or not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        raise Unscannable(f"sheet {sheet!r} has a cell reference that is not one")
    return _row_number(ref[len(letters) :], sheet), _column(letters.upper())
