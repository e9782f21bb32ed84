"""What an xlsx cell's XML means, the way python-calamine read it: shared strings, date styles.

The streaming sheet reader (``xlsx_sheet_stream.py``) types every cell as calamine 0.9 did, so
that the rules see the same values: numbers as floats (a whole one below 1e15 as an int, as
``spreadsheet_cells`` made of calamine's floats), dates by the cell's number format (the
built-in date formats and any custom format with a date or time code), the 1904 date system,
``_xHHHH_`` escapes, and ``<t>`` text trimmed of XML white space unless it is preserved.
``tests/unit/scanners/test_xlsx_sheet_stream.py`` compares both readers cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any, Final
from xml.parsers import expat

from scanners.errors import LimitExceeded, Unscannable
from scanners.limits import GuardedZip
from scanners.readers.ooxml import relationships

DATE: Final = 1
DURATION: Final = 2

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_SPACE = " \t\n\r"
# Built-in number formats that are dates: 14-22, 45 and 47, and the East Asian 27-36, 50-58.
_BUILTIN_DATES = {str(i) for i in (*range(14, 23), *range(27, 37), 45, 47, *range(50, 59))}
_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 (naive, as calamine gave dates)
_MS_PER_DAY = 86_400_000.0
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?")
_ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?")


def unescape(text: str) -> str:
    """``_x000D_`` -> "\\r" (OOXML's escape for characters XML cannot hold); a code that is not
    a character (a surrogate) stays as written."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def date_kind(code: str) -> int:
    """DATE, DURATION or 0 for a custom number format: a date or time code outside quotes,
    escapes and brackets in its first section, or an elapsed-time bracket such as ``[h]``."""
    escaped = quoted = after_a = hms = False
    brackets = 0
    previous = " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return 0
        elif char == "[":
            brackets += 1
        elif char == "]" and brackets == 1 and hms:
            return DURATION
        elif char == "]":
            brackets = max(0, brackets - 1)
        elif brackets == 0 and not after_a and char in "aA":
            after_a = True
        elif brackets == 0 and after_a and char in "pmPM/":
            return DATE
        elif brackets == 0 and not after_a and char in "dmhysDMHYS":
            return DATE
        elif not (hms and char.lower() == previous.lower()):
            hms = previous == "[" and char in "mhsMHS"
        previous = char
    return 0


def cell_formats(archive: GuardedZip, workbook_part: str) -> tuple[list[int], bool]:
    """The date kind of each cell style (``cellXfs``), and whether dates count from 1904."""
    rels = relationships(archive, workbook_part)
    styles = next((t for k, t in rels.values() if k == "styles"), "xl/styles.xml")
    workbook = archive.xml(workbook_part)
    is_1904 = False
    for properties in workbook.iter("{*}workbookPr"):  # by local name: Strict files too
        is_1904 = properties.get("date1904", "") in ("1", "true")
    if not archive.has(styles):
        return [], is_1904
    root = archive.xml(styles)
    custom = {f.get("numFmtId", ""): f.get("formatCode", "") for f in root.iter("{*}numFmt")}
    kinds: list[int] = []
    for group in root.iter("{*}cellXfs"):
        for xf in group.iter("{*}xf"):
            number_format = xf.get("numFmtId")
            if number_format is None:
                kinds.append(0)
            elif number_format in custom:
                kinds.append(date_kind(custom[number_format]))
            elif number_format in _BUILTIN_DATES:
                kinds.append(DATE)
            else:
                kinds.append(DURATION if number_format == "46" else 0)
    return kinds, is_1904


def excel_date(value: float, kind: int, is_1904: bool) -> Any:
    """A serial date as python-calamine gave it: timedelta, time (below 1), date (whole) or
    datetime; the number itself when it is no date Python can hold."""
    if not math.isfinite(value):
        return value
    try:
        if kind == DURATION:
            return dt.timedelta(milliseconds=_rounded(value * _MS_PER_DAY))
        serial = value + 1462.0 if is_1904 else value
        if serial < 60.0:
            serial += 1.0  # Excel's 29 February 1900
        moment = _EPOCH + dt.timedelta(milliseconds=_rounded(serial * _MS_PER_DAY))
    except (OverflowError, ValueError):
        return value
    if value < 1.0:
        return moment.time()
    if value == float(int(value)):
        return moment.date()
    return moment


def _rounded(value: float) -> int:
    """Rounded half away from zero, as Rust's ``f64::round``."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def iso_date(text: str) -> Any:
    """A ``t="d"`` cell: an ISO 8601 date, time or date and time, else its text."""
    try:
        if "T" in text:
            if _ISO_DATETIME.fullmatch(text):
                return dt.datetime.fromisoformat(text[:26])
        elif ":" in text:
            if _ISO_TIME.fullmatch(text):
                return dt.time.fromisoformat(text[:15])
        elif _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return text


def refuse_doctype(*_: object) -> None:
    raise LimitExceeded("a part of the workbook declares a DTD (XML entities are not allowed)")


def parse_stream(parser: Any, chunks: Iterator[bytes], where: str) -> None:
    """Feed a part to an expat parser; not well-formed or cut short is ``Unscannable``."""
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise Unscannable(f"{where} is not well-formed XML ({error})") from error


def shared_strings(archive: GuardedZip, workbook_part: str) -> list[str]:
    """Every ``<si>`` of the shared string table, in order (runs joined, phonetic runs left
    out). Read as a stream; its size is bounded by the scan's memory cap."""
    rels = relationships(archive, workbook_part)
    part = next((t for k, t in rels.values() if k == "sharedStrings"), "xl/sharedStrings.xml")
    if not archive.has(part):
        return []
    strings: list[str] = []
    pieces: list[str] = []
    text: list[str] = []
    state = {"phonetic": 0, "in_t": False, "preserve": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "t" and not state["phonetic"]:
            state["in_t"] = True
            state["preserve"] = attrs.get("xml:space") == "preserve"
            text.clear()
        elif local == "rPh":
            state["phonetic"] += 1
        elif local == "si":
            pieces.clear()

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "t" and state["in_t"]:
            state["in_t"] = False
            joined = "".join(text)
            pieces.append(joined if state["preserve"] else joined.strip(_XML_SPACE))
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "si":
            strings.append(unescape("".join(pieces)))

    def characters(data: str) -> None:
        if state["in_t"]:
            text.append(data)

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parse_stream(parser, archive.stream(part), part)
    return strings


class _Marker:
    __slots__ = ()


EMPTY: Any = _Marker()  # a cell calamine left out: it neither widens nor lengthens the sheet
ERROR: Any = _Marker()  # an error value (#N/A): read as None, but the cell is there


class CellTyper:
    """A ``<v>``'s text typed by the cell's ``t`` and ``s`` as calamine typed it."""

    def __init__(self, strings: list[str], formats: list[int], is_1904: bool) -> None:
        self.strings = strings
        self.formats = formats
        self.is_1904 = is_1904

    def typed(self, raw: str, kind: str | None, style: str | None) -> Any:
        if kind is None or kind == "n":
            if raw == "":
                return EMPTY
            number = _number(raw)
            if number is None:
                return raw  # calamine: text when there is no t, an error for t="n"
            if style is not None and self.formats:
                index = int(style) if style.isascii() and style.isdigit() else 0
                date = self.formats[index] if index < len(self.formats) else 0
                if date:
                    return excel_date(number, date, self.is_1904)
            return number
        if kind == "s":
            if raw == "":
                return EMPTY
            index = int(raw) if raw.isascii() and raw.isdigit() else 0
            if index >= len(self.strings):
                raise Unscannable("a cell points to a shared string the workbook does not hold")
            return self.strings[index]
        if kind == "str":
            return unescape(raw)
        if kind == "b":
            return raw.strip(_XML_SPACE).lower() not in ("0", "false")
        if kind == "e":
            return ERROR
        if kind == "d":
            return iso_date(raw)
        if kind == "inlineStr":
            return EMPTY  # its value is in <is>
        return raw  # a type calamine refused: its text is read all the same


def final(value: Any) -> Any:
    """As ``spreadsheet_cells`` handed calamine's values on: a whole float below 1e15 an int,
    an empty string or an error None."""
    if type(value) is float:
        return int(value) if value.is_integer() and -1e15 < value < 1e15 else value
    if value == "" or value is ERROR:
        return None
    return value


def _number(raw: str) -> float | None:
    """``raw`` as a float when Rust's float parser takes it: Python's ``float`` also takes
    white space around it, ``_`` between digits and digits that are not ASCII."""
    try:
        number = float(raw)
    except ValueError:
        return None
    if raw.strip() is not raw or "_" in raw or not raw.isascii():
        return None
    return number
