"""CSV, TAB and TXT: delimited tables in any common encoding, or plain text.

The delimiter is sniffed (``;`` with decimal comma in Danish exports, ``,``, tab, ``|``). A
file up to ``FULL_READ_BYTES`` is read in full, streamed in chunks of ``CHUNK_ROWS`` rows.
A larger one is judged on a sample (its first ``SAMPLE_ROWS`` rows, enough for the row-level
and table rules) plus a full pass over every byte for identifier-shaped values
(``identifier_shapes``), whose lines are handed over as further rows with their line numbers.
Either way memory stays bounded.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from scanners.model import Extraction, Table, TextBlock
from scanners.readers.cell_text import guess_decimal, parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.identifier_shapes import candidate_positions, line_spans
from scanners.readers.text_encoding import (
    detect_encoding,
    is_ascii_compatible,
    numbered_lines,
    open_text,
    read_head,
)
from scanners.readers.text_tables import text_and_tables

FULL_READ_BYTES = 16 * 1024 * 1024
CHUNK_ROWS = 20_000
SAMPLE_ROWS = 5_000
SAMPLE_MAX_BYTES = 8 * 1024 * 1024
MAX_CANDIDATE_ROWS = 20_000
_PASS_CHUNK_BYTES = 16 * 1024 * 1024
_DELIMITERS = (";", "\t", ",", "|")
_SNIFF_LINES = 200
_CSV_LOCATION = "line {row_number}, column {col_number}"
_TABLE_NAME = "data"

csv.field_size_limit(16 * 1024 * 1024)


def read_delimited(path: Path, context: ReadContext) -> Extraction:
    head = read_head(path)
    encoding = detect_encoding(head)
    sample_lines = _sample_lines(head, encoding)
    delimiter = sniff_delimiter(sample_lines, prefer_tab=context.file_type == "tab")
    large = path.stat().st_size > FULL_READ_BYTES
    fast = large and is_ascii_compatible(encoding)
    if delimiter is None and context.file_type == "txt":
        if fast:
            return Extraction(file_type="txt", text=_large_text(path, encoding, context))
        return _plain_text(path, context)
    delimiter = delimiter or ","
    decimal = guess_decimal(_cells_of(sample_lines, delimiter)) if delimiter != "," else "."
    if fast:
        tables = _large_table(path, encoding, delimiter, decimal, context)
    else:
        tables = _streamed_table(path, delimiter, decimal, context)
    return Extraction(file_type=context.file_type, tables=tables)


def _sample_lines(head: bytes, encoding: str) -> list[str]:
    text = head.decode(encoding, errors="replace")
    lines = text.splitlines()
    if len(head) >= 64 * 1024 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    return lines[:_SNIFF_LINES]


def sniff_delimiter(lines: list[str], *, prefer_tab: bool = False) -> str | None:
    """The delimiter that splits most lines into the same number (2+) of fields, or None."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    order = ("\t",) + tuple(d for d in _DELIMITERS if d != "\t") if prefer_tab else _DELIMITERS
    best: tuple[float, int, str] | None = None
    for delimiter in order:
        if delimiter not in "".join(lines[:50]):
            continue
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        width, count = Counter(widths).most_common(1)[0]
        share = count / len(widths)
        if width < 2 or share < 0.8:
            continue
        if best is None or (share, width) > (best[0], best[1]):
            best = (share, width, delimiter)
    return best[2] if best else None


def _cells_of(lines: list[str], delimiter: str) -> list[str]:
    return [cell for row in csv.reader(lines[1:], delimiter=delimiter) for cell in row]


def _parse_row(cells: list[str], decimal: str) -> list[object]:
    return [parse_cell(cell, decimal=decimal) for cell in cells]


def _streamed_table(
    path: Path, delimiter: str, decimal: str, context: ReadContext
) -> Iterator[Table]:
    stream, _ = open_text(path)
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        rows: list[list[object]] = []
        numbers: list[int] = []
        offset = 0
        pending: Table | None = None
        for cells in reader:
            rows.append(_parse_row(cells, decimal))
            numbers.append(reader.line_num)
            if len(rows) >= CHUNK_ROWS:
                context.deadline.check()
                if pending is not None:
                    yield pending
                pending = _chunk(rows, numbers, offset, last=False)
                offset += len(rows)
                rows, numbers = [], []
        if pending is not None:
            if not rows:
                pending.is_last_chunk = True
                pending.total_rows = offset
                yield pending
                return
            yield pending
        yield _chunk(rows, numbers, offset, last=True, total=offset + len(rows))


def _chunk(
    rows: list[list[object]],
    numbers: list[int],
    offset: int,
    *,
    last: bool,
    total: int | None = None,
) -> Table:
    # Multi-line quoted fields shift lines from rows: keep the real line numbers then.
    consecutive = numbers == list(range(offset + 1, offset + 1 + len(numbers)))
    return Table(
        name=_TABLE_NAME,
        rows=rows,
        cell_location_format=_CSV_LOCATION,
        row_offset=offset,
        is_last_chunk=last,
        source="csv",
        total_rows=total,
        row_numbers=None if consecutive else numbers,
    )


def _read_sample(path: Path, encoding: str) -> tuple[list[str], int]:
    """The first lines of a large file (as text) and the byte offset where they end."""
    with path.open("rb") as handle:
        data = handle.read(SAMPLE_MAX_BYTES)
    end = 0
    count = 0
    while count < SAMPLE_ROWS:
        newline = data.find(b"\n", end)
        if newline < 0:
            break
        end = newline + 1
        count += 1
    text = data[:end].decode(encoding, errors="replace")
    return text.splitlines(), end


def _identifier_lines(
    path: Path, start: int, first_line: int, context: ReadContext
) -> Iterator[tuple[int, bytes] | int]:
    """(line number, line) for each line after ``start`` with an identifier-shaped value; at
    the end, the total number of lines in the file (an int)."""
    found = 0
    line_number = first_line  # 1-based number of the first line in the next chunk
    with path.open("rb") as handle:
        handle.seek(start)
        carry = b""
        while True:
            context.deadline.check()
            data = handle.read(_PASS_CHUNK_BYTES)
            if not data:
                break
            data = carry + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data
                continue
            carry = data[cut:]
            buf = data[:cut]
            if found < MAX_CANDIDATE_ROWS:
                for index, begin, end in line_spans(buf, candidate_positions(buf)):
                    yield line_number + index, buf[begin:end]
                    found += 1
                    if found >= MAX_CANDIDATE_ROWS:
                        break
            line_number += buf.count(b"\n")
        if carry.strip():
            if found < MAX_CANDIDATE_ROWS:
                for index, begin, end in line_spans(carry, candidate_positions(carry)):
                    yield line_number + index, carry[begin:end]
            line_number += 1
    yield line_number - 1


def _large_table(
    path: Path, encoding: str, delimiter: str, decimal: str, context: ReadContext
) -> Iterator[Table]:
    lines, end = _read_sample(path, encoding)
    sample = [_parse_row(cells, decimal) for cells in csv.reader(lines, delimiter=delimiter)]
    rows: list[list[object]] = []
    numbers: list[int] = []
    total = len(lines)
    for item in _identifier_lines(path, end, len(lines) + 1, context):
        if isinstance(item, int):
            total = item
            continue
        number, raw = item
        text = raw.decode(encoding, errors="replace").rstrip("\r")
        for cells in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(_parse_row(cells, decimal))
            numbers.append(number)
    first = Table(
        name=_TABLE_NAME,
        rows=sample,
        cell_location_format=_CSV_LOCATION,
        source="csv",
        total_rows=total,
        is_last_chunk=not rows,
    )
    yield first
    if rows:
        yield Table(
            name=_TABLE_NAME,
            rows=rows,
            cell_location_format=_CSV_LOCATION,
            source="csv",
            row_offset=numbers[0] - 1,
            is_last_chunk=True,
            total_rows=total,
            row_numbers=numbers,
        )


def _plain_text(path: Path, context: ReadContext) -> Extraction:
    items = list(text_and_tables(numbered_lines(path), source="text"))
    return Extraction(
        file_type=context.file_type,
        text=[i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if isinstance(i, Table)],
    )


def _large_text(path: Path, encoding: str, context: ReadContext) -> Iterator[TextBlock]:
    lines, end = _read_sample(path, encoding)
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield TextBlock(text=line.strip(), location=f"line {number}")
    for item in _identifier_lines(path, end, len(lines) + 1, context):
        if isinstance(item, tuple):
            number, raw = item
            yield TextBlock(
                text=raw.decode(encoding, errors="replace").strip(), location=f"line {number}"
            )
