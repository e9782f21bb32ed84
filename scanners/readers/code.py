"""Program code (SAS, R, Stata do/ado/doh, SPSS syntax): text with part="code", and the data
people paste into code as tables with part="data":

- SAS ``datalines;``/``cards;`` blocks, with names from the ``input`` statement;
- Stata ``input ... end`` blocks;
- SPSS ``BEGIN DATA`` ... ``END DATA``, with names from ``DATA LIST``;
- R ``data.frame(...)``/``tibble(...)``/``data.table(...)`` literals, ``c(...)`` vectors of three
  or more literals, and ``read.table(text = "...")``.

Lines that hold data are given only as tables, so nothing is reported twice.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanners.model import Extraction, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.text_encoding import numbered_lines

_SAS_DATALINES = re.compile(r"^\s*(datalines4?|cards4?|parmcards4?|lines4?)\s*;", re.IGNORECASE)
_SAS_INPUT = re.compile(r"\binput\b(.*?);", re.IGNORECASE | re.DOTALL)
_STATA_INPUT = re.compile(r"^\s*input\b(.*)$", re.IGNORECASE)
_STATA_END = re.compile(r"^\s*end\s*$", re.IGNORECASE)
_STATA_TYPES = re.compile(r"^(str\d*|strL|byte|int|long|float|double)$")
_SPSS_BEGIN = re.compile(r"^\s*begin\s+data\b", re.IGNORECASE)
_SPSS_END = re.compile(r"^\s*end\s+data\b", re.IGNORECASE)
_SPSS_DATA_LIST = re.compile(r"\bdata\s+list\b(.*?)\.\s*$", re.IGNORECASE | re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_R_FRAME = re.compile(r"\b(data\.frame|tibble|data\.table|tribble)\s*\(")
_R_VECTOR = re.compile(r"(?:([A-Za-z_.][A-Za-z0-9_.]*)\s*(?:<-|=)\s*)?\bc\s*\(")
_R_TEXT_TABLE = re.compile(
    r"\bread\.(?:table|csv2?|delim2?)\s*\([^)]*?text\s*=\s*(['\"])(.*?)\1", re.DOTALL
)
_MIN_VECTOR = 3


@dataclass
class _Data:
    table: Table
    lines: range  # 1-based line numbers the data occupies


def read_code(path: Path, context: ReadContext) -> Extraction:
    lines = [line for _, line in numbered_lines(path)]
    language = {"sas": "sas", "r": "r", "sps": "spss"}.get(context.file_type, "stata")
    found: list[_Data] = []
    if language == "sas":
        found = _sas_datalines(lines)
    elif language == "stata":
        found = _stata_input(lines)
    elif language == "spss":
        found = _spss_data(lines)
    else:
        found = _r_literals(lines)
    data_lines = {n for item in found for n in item.lines}
    text = [
        TextBlock(text=line.strip(), location=f"line {number}", part="code")
        for number, line in enumerate(lines, start=1)
        if line.strip() and number not in data_lines
    ]
    return Extraction(file_type=context.file_type, text=text, tables=[d.table for d in found])


def _line_table(name: str, rows: list[list[Any]], numbers: list[int]) -> Table:
    return Table(
        name=name,
        rows=rows,
        cell_location_format="line {row_number}, column {col_number}",
        part="data",
        source="code",
        header_rows=1 if rows and numbers and len(numbers) == len(rows) else None,
        row_numbers=numbers,
    )


def _sas_datalines(lines: list[str]) -> list[_Data]:
    found: list[_Data] = []
    number = 0
    while number < len(lines):
        match = _SAS_DATALINES.match(lines[number])
        if not match:
            number += 1
            continue
        start = number
        terminator = ";;;;" if match.group(1).endswith("4") else ";"
        number += 1
        rows: list[list[Any]] = []
        numbers: list[int] = []
        before = "\n".join(lines[max(0, start - 30) : start])
        delimiter = "," if re.search(r"\b(dlm\s*=\s*['\"],|dsd)\b", before, re.I) else None
        while (
            number < len(lines)
            and lines[number].strip() != terminator
            and not (terminator == ";" and lines[number].strip().endswith(";"))
        ):
            if lines[number].strip():
                rows.append(_split(lines[number], delimiter))
                numbers.append(number + 1)
            number += 1
        end = number
        inputs = _SAS_INPUT.findall(before)
        names = _input_names(inputs[-1]) if inputs else []
        if names:
            rows.insert(0, names)
            numbers.insert(0, start)
        found.append(
            _Data(
                _line_table(f"datalines at line {start + 1}", rows, numbers),
                range(start + 2, end + 1),
            )
        )
    return found


def _input_names(statement: str) -> list[Any]:
    names: list[Any] = []
    for token in statement.replace("$", " ").split():
        if _NAME.fullmatch(token) and "." not in token and not token.startswith("@"):
            names.append(token)
    return names


def _stata_input(lines: list[str]) -> list[_Data]:
    found: list[_Data] = []
    number = 0
    while number < len(lines):
        match = _STATA_INPUT.match(lines[number])
        if not match:
            number += 1
            continue
        start = number
        names: list[Any] = [
            t for t in match.group(1).split() if _NAME.fullmatch(t) and not _STATA_TYPES.match(t)
        ]
        rows: list[list[Any]] = [names]
        numbers = [start + 1]
        number += 1
        while number < len(lines) and not _STATA_END.match(lines[number]):
            if lines[number].strip():
                rows.append(_split(lines[number], None))
                numbers.append(number + 1)
            number += 1
        found.append(
            _Data(
                _line_table(f"input at line {start + 1}", rows, numbers),
                range(start + 2, number + 1),
            )
        )
    return found


def _spss_data(lines: list[str]) -> list[_Data]:
    found: list[_Data] = []
    number = 0
    while number < len(lines):
        if not _SPSS_BEGIN.match(lines[number]):
            number += 1
            continue
        start = number
        before = "\n".join(lines[max(0, start - 30) : start])
        lists = _SPSS_DATA_LIST.findall(before)
        names: list[Any] = []
        if lists:
            spec = lists[-1].split("/", 1)[-1]
            spec = re.sub(r"\([^)]*\)", " ", spec)  # formats: "foed_dato (EDATE10) koen (F1)"
            spec = re.sub(r"\b\d+(?:-\d+)?\b", " ", spec)  # columns of FIXED: "koen 7-7"
            names = [
                t
                for t in _NAME.findall(spec)
                if t.upper() not in ("FREE", "LIST", "FIXED", "RECORDS", "A", "F")
            ]
        rows: list[list[Any]] = [names] if names else []
        numbers = [start] if names else []
        number += 1
        while number < len(lines) and not _SPSS_END.match(lines[number]):
            if lines[number].strip():
                rows.append(_split(lines[number], "," if "," in lines[number] else None))
                numbers.append(number + 1)
            number += 1
        found.append(
            _Data(
                _line_table(f"data at line {start + 1}", rows, numbers),
                range(start + 2, number + 1),
            )
        )
    return found


def _split(line: str, delimiter: str | None) -> list[Any]:
    if delimiter:
        cells = next(csv.reader([line.strip()], delimiter=delimiter), [])
    else:
        try:
            cells = shlex.split(line, posix=True)
        except ValueError:
            cells = line.split()
    return [parse_cell(c) for c in cells]


# --- R -----------------------------------------------------------------------------------


def _r_literals(lines: list[str]) -> list[_Data]:
    source = "\n".join(lines)
    starts = _line_starts(source)
    found: list[_Data] = []
    covered: list[tuple[int, int]] = []
    for match in _R_FRAME.finditer(source):
        open_at = match.end() - 1
        close_at = _closing(source, open_at)
        if close_at < 0:
            continue
        columns = _frame_columns(source[open_at + 1 : close_at], match.group(1) == "tribble")
        if not columns:
            continue
        covered.append((match.start(), close_at))
        first, last = _line_of(starts, match.start()), _line_of(starts, close_at)
        found.append(
            _Data(
                _column_table(f"{match.group(1)} at line {first}", columns), range(first, last + 1)
            )
        )
    for match in _R_VECTOR.finditer(source):
        if any(a <= match.start() <= b for a, b in covered):
            continue
        open_at = match.end() - 1
        close_at = _closing(source, open_at)
        if close_at < 0:
            continue
        values = _literals(source[open_at + 1 : close_at])
        if values is None or len(values) < _MIN_VECTOR:
            continue
        first, last = _line_of(starts, match.start()), _line_of(starts, close_at)
        name = match.group(1) or "c()"
        found.append(
            _Data(
                _column_table(f"{name} at line {first}", [(name, values)]), range(first, last + 1)
            )
        )
    for match in _R_TEXT_TABLE.finditer(source):
        text = match.group(2)
        dialect = ";" if text.count(";") > text.count(",") else ("," if "," in text else None)
        rows = [_split(line, dialect) for line in text.splitlines() if line.strip()]
        first, last = _line_of(starts, match.start()), _line_of(starts, match.end())
        table = Table(
            name=f"read.table text at line {first}",
            rows=rows,
            cell_location_format="{name}, row {row_number}, column {col_number}",
            part="data",
            source="code",
        )
        found.append(_Data(table, range(first, last + 1)))
    return found


def _column_table(name: str, columns: list[tuple[str, list[Any]]]) -> Table:
    height = max(len(values) for _, values in columns)
    rows: list[list[Any]] = [[column for column, _ in columns]]
    for index in range(height):
        rows.append([values[index] if index < len(values) else None for _, values in columns])
    return Table(
        name=name,
        rows=rows,
        cell_location_format="{name}, row {row_index}, column {col_number}",
        part="data",
        source="code",
        header_rows=1,
    )


def _frame_columns(body: str, tribble: bool) -> list[tuple[str, list[Any]]]:
    arguments = _top_level_split(body)
    if tribble:
        names = [a.strip().lstrip("~").strip() for a in arguments if a.strip().startswith("~")]
        values = [_literal(a) for a in arguments if not a.strip().startswith("~")]
        if not names:
            return []
        return [(n, values[i :: len(names)]) for i, n in enumerate(names)]
    columns: list[tuple[str, list[Any]]] = []
    for argument in arguments:
        name, equals, value = argument.partition("=")
        if not equals or not _NAME.fullmatch(name.strip().strip("`\"'")):
            continue
        value = value.strip()
        vector = re.match(r"c\s*\(", value)
        if vector:
            close_at = _closing(value, vector.end() - 1)
            literals = _literals(value[vector.end() : close_at]) if close_at > 0 else None
        else:
            single = _literal(value)
            literals = [single] if single is not None else None
        if literals is not None:
            columns.append((name.strip().strip("`\"'"), literals))
    return columns


def _literals(body: str) -> list[Any] | None:
    values = [_literal(a) for a in _top_level_split(body)]
    if any(v is None for v in values):
        return None
    return [None if v == "NA" else v for v in values]


def _literal(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if text[0] in "'\"" and text[-1] == text[0] and len(text) >= 2:
        return text[1:-1]
    if text in ("NA", "TRUE", "FALSE"):
        return text
    value = parse_cell(text.rstrip("L"))
    return None if isinstance(value, str) else value


def _top_level_split(body: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    quote = ""
    current = io.StringIO()
    for char in body:
        if quote:
            current.write(char)
            if char == quote:
                quote = ""
            continue
        if char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.getvalue())
            current = io.StringIO()
            continue
        current.write(char)
    if current.getvalue().strip():
        parts.append(current.getvalue())
    return parts


def _closing(source: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at`` (strings and comments skipped)."""
    depth = 0
    quote = ""
    index = open_at
    while index < len(source):
        char = source[index]
        if quote:
            if char == quote and source[index - 1] != "\\":
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            newline = source.find("\n", index)
            if newline < 0:
                return -1
            index = newline
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def _line_of(starts: list[int], position: int) -> int:
    import bisect

    return bisect.bisect_right(starts, position)
