"""CSV, TAB and TXT: delimited tables in any common encoding, or plain text.

The delimiter is sniffed (``;`` with decimal comma in Danish exports, ``,``, tab, ``|``). Every
row of the file goes to the detectors, whatever its size: it is streamed in chunks of
``CHUNK_ROWS`` rows (memory stays bounded), a chunk is converted column by column (integer and
decimal columns in bulk, other cells once per distinct text), and the deadline is checked
between chunks, so a file too large to finish in time becomes ``unscannable``, never judged on
a part of it. After the first chunk (which holds the header and decides the table's shape), a
chunk of plain lines is handed over unconverted (``csv_chunks``: ``LazyRows`` and its raw
bytes); it is converted when a rule reads its rows, and a rule that can tell from the bytes
that it has nothing to do there skips it. A text file without a delimiter is text; a large one
is streamed in blocks of ``TEXT_BLOCK_LINES`` lines.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, cast

from scanners.model import Extraction, Table, TextBlock
from scanners.readers.cell_text import guess_decimal, parse_cell, parse_column
from scanners.readers.context import ReadContext
from scanners.readers.csv_chunks import LazyRows, LineSource, RawCsvChunk
from scanners.readers.table_sections import split_sections
from scanners.readers.text_encoding import (
    detect_encoding,
    is_ascii_compatible,
    numbered_lines,
    open_text,
    read_head,
)
from scanners.readers.text_tables import text_and_tables

# Plain text up to this size is also searched for aligned tables (it is held in memory).
TEXT_TABLES_BYTES = 16 * 1024 * 1024
CHUNK_ROWS = 20_000
# Chunks after the first handed over as raw lines where they can be (``csv_chunks``). Off, every
# chunk is converted as it is read: the full path, which tests hold the raw one to.
RAW_CHUNKS = True
TEXT_BLOCK_LINES = 2_000
_CACHE_LIMIT = 200_000
_UNSEEN = object()
_DELIMITERS = (";", "\t", ",", "|")
_BOX_RULE = re.compile(r"^\+[-=+]{3,}\+$")
# A comma between two digits (``241.305,2``): a decimal comma, if it is the line's only kind.
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
# Columns set apart by runs of spaces or by ``|`` (aligned text, a Markdown table).
_ALIGNED = re.compile(r"\S(?: {2,}| *\| *)\S")
_SNIFF_LINES = 200
_CSV_LOCATION = "line {row_number}, column {col_number}"
_TABLE_NAME = "data"

csv.field_size_limit(16 * 1024 * 1024)


def read_delimited(path: Path, context: ReadContext) -> Extraction:
    head = read_head(path)
    encoding = detect_encoding(head)
    sample_lines = _sample_lines(head, encoding)
    delimiter = sniff_delimiter(
        sample_lines, prefer_tab=context.file_type == "tab", titled=context.file_type != "txt"
    )
    if delimiter is None and context.file_type == "txt":
        if path.stat().st_size > TEXT_TABLES_BYTES:
            return Extraction(file_type="txt", text=_streamed_text(path, context))
        return _plain_text(path, context)
    delimiter = delimiter or ","
    decimal = guess_decimal(_cells_of(sample_lines, delimiter)) if delimiter != "," else "."
    if RAW_CHUNKS and is_ascii_compatible(encoding):
        chunks = _raw_chunked_table(path, delimiter, decimal, context, encoding)
    else:
        chunks = _streamed_table(path, delimiter, decimal, context)
    tables = split_sections(chunks)
    return Extraction(file_type=context.file_type, tables=tables)


def _sample_lines(head: bytes, encoding: str) -> list[str]:
    text = head.decode(encoding, errors="replace")
    lines = text.splitlines()
    if len(head) >= 64 * 1024 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    return lines[:_SNIFF_LINES]


def sniff_delimiter(
    lines: list[str], *, prefer_tab: bool = False, titled: bool = False
) -> str | None:
    """The delimiter that splits most lines into the same number (2+) of fields, or None.

    ``titled`` (a .csv or .tab, which is a table whatever it holds): lines without the
    delimiter (a title above the table, a source line below it) do not count against it, as
    long as at least half the lines have it.
    """
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    if sum(1 for line in lines if _BOX_RULE.match(line.strip())) >= 2:
        return None  # tables drawn with +---+ rules (PSPP, SPSS text output) are aligned text
    order = ("\t",) + tuple(d for d in _DELIMITERS if d != "\t") if prefer_tab else _DELIMITERS
    best: tuple[float, int, str] | None = None
    for delimiter in order:
        if delimiter not in "".join(lines[:50]):
            continue
        if delimiter == "," and not titled and _decimal_commas(lines):
            continue
        counted = [line for line in lines if delimiter in line] if titled else lines
        if len(counted) < 0.5 * len(lines):
            continue
        widths = [len(row) for row in csv.reader(counted, delimiter=delimiter)]
        width, count = Counter(widths).most_common(1)[0]
        share = count / len(widths)
        if width < 2 or share < 0.8:
            continue
        if best is None or (share, width) > (best[0], best[1]):
            best = (share, width, delimiter)
    return best[2] if best else None


def _decimal_commas(lines: list[str]) -> bool:
    """Are the commas of most lines that hold one decimal commas in aligned text?

    A text report in Danish notation (``Læsø  Ph.d.  2  688.150,0``, or the same in a Markdown
    table) has one comma per number: split there, its columns are cut through the numbers and
    the decimals read as counts. A comma-separated line has commas between fields that are not
    all digits on both sides, or no columns of its own set apart by spaces or ``|``.
    """
    with_commas = [line for line in lines if "," in line]
    aligned = sum(
        1
        for line in with_commas
        if len(_DIGIT_COMMA.findall(line)) == line.count(",") and _ALIGNED.search(line)
    )
    return bool(with_commas) and aligned >= 0.5 * len(with_commas)


def _cells_of(lines: list[str], delimiter: str) -> list[str]:
    return [cell for row in csv.reader(lines[1:], delimiter=delimiter) for cell in row]


def _last_marked(chunks: Iterator[tuple[Table, int]]) -> Iterator[Table]:
    """The chunks, one held back so that the last can say it is the last, and how many rows
    the table has."""
    pending: Table | None = None
    total = 0
    for chunk, count in chunks:
        if pending is not None:
            yield pending
        pending = chunk
        total += count
    if pending is None:
        pending = _chunk([], [], 0, last=False)
    pending.is_last_chunk = True
    pending.total_rows = total
    yield pending


def _streamed_table(
    path: Path, delimiter: str, decimal: str, context: ReadContext
) -> Iterator[Table]:
    """Every row of the file, in chunks of ``CHUNK_ROWS``."""
    return _last_marked(_csv_chunks(path, delimiter, decimal, context))


def _csv_chunks(
    path: Path, delimiter: str, decimal: str, context: ReadContext
) -> Iterator[tuple[Table, int]]:
    stream, _ = open_text(path)
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        offset = 0
        while True:
            context.deadline.check()
            raw: list[list[str]] = []
            numbers: list[int] = []
            for cells in islice(reader, CHUNK_ROWS):
                raw.append(cells)
                numbers.append(reader.line_num)
            if not raw:
                break
            chunk = _chunk(parse_rows(raw, decimal), numbers, offset, last=False)
            offset += len(raw)
            yield chunk, len(raw)


def _raw_chunked_table(
    path: Path, delimiter: str, decimal: str, context: ReadContext, encoding: str
) -> Iterator[Table]:
    """``_streamed_table``'s chunks, the same rows and line numbers; after the first, a chunk
    of plain lines (``LineSource.take_plain``) is handed over unconverted."""
    return _last_marked(_raw_chunks(path, delimiter, decimal, context, encoding))


def _raw_chunks(
    path: Path, delimiter: str, decimal: str, context: ReadContext, encoding: str
) -> Iterator[tuple[Table, int]]:
    convert = functools.partial(parse_rows, decimal=decimal)
    with path.open("rb") as stream:
        source = LineSource(stream, encoding)
        reader = csv.reader(source, delimiter=delimiter)
        offset = 0
        while True:
            context.deadline.check()
            plain = source.take_plain(CHUNK_ROWS) if offset else None
            if plain is not None:
                data, count = plain
                if not count:
                    break
                first = reader.line_num + source.lines_taken - count + 1
                raw = RawCsvChunk(
                    data,
                    count,
                    delimiter=delimiter,
                    decimal=decimal,
                    encoding=source.encoding,
                    convert=convert,
                )
                rows = cast(list[list[object]], LazyRows(raw))
                chunk = _chunk(rows, range(first, first + count), offset, last=False)
                chunk.raw = raw
            else:
                cells: list[list[str]] = []
                numbers: list[int] = []
                for row in islice(reader, CHUNK_ROWS):
                    cells.append(row)
                    numbers.append(reader.line_num + source.lines_taken)
                if not cells:
                    break
                count = len(cells)
                chunk = _chunk(parse_rows(cells, decimal), numbers, offset, last=False)
            offset += count
            yield chunk, count


def parse_rows(raw: list[list[str]], decimal: str) -> list[list[object]]:
    """Cells as values (``parse_cell``). A chunk whose rows are all as wide is converted column
    by column (``parse_column``: integer and decimal columns in bulk); a ragged one row by row,
    each distinct text parsed once."""
    if not raw:
        return []
    width = len(raw[0])
    if all(len(cells) == width for cells in raw):
        columns = [parse_column(list(column), decimal=decimal) for column in zip(*raw, strict=True)]
        return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in raw]
    cache: dict[str, object] = {}
    get = cache.get
    rows: list[list[object]] = []
    for cells in raw:
        row: list[object] = []
        for cell in cells:
            value = get(cell, _UNSEEN)
            if value is _UNSEEN:
                value = cache[cell] = parse_cell(cell, decimal=decimal)
            row.append(value)
        rows.append(row)
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
    return rows


def _chunk(
    rows: list[list[Any]],
    numbers: Sequence[int],
    offset: int,
    *,
    last: bool,
    total: int | None = None,
) -> Table:
    # Multi-line quoted fields shift lines from rows: keep the real line numbers then.
    consecutive = not numbers or (numbers[0] == offset + 1 and numbers[-1] == offset + len(numbers))
    return Table(
        name=_TABLE_NAME,
        rows=rows,
        cell_location_format=_CSV_LOCATION,
        row_offset=offset,
        is_last_chunk=last,
        source="csv",
        total_rows=total,
        row_numbers=None if consecutive else list(numbers),
    )


def _plain_text(path: Path, context: ReadContext) -> Extraction:
    items = list(text_and_tables(numbered_lines(path), source="text"))
    return Extraction(
        file_type=context.file_type,
        text=[i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if isinstance(i, Table)],
    )


def _streamed_text(path: Path, context: ReadContext) -> Iterator[TextBlock]:
    """Every line of a large text file, ``TEXT_BLOCK_LINES`` lines to a block (the identifier
    rule numbers the lines inside a block from its first)."""
    lines: list[str] = []
    first = 1
    for number, line in numbered_lines(path):
        if not lines:
            first = number
        lines.append(line)
        if len(lines) >= TEXT_BLOCK_LINES:
            context.deadline.check()
            yield TextBlock(text="\n".join(lines), location=f"line {first}")
            lines = []
    if lines:
        yield TextBlock(text="\n".join(lines), location=f"line {first}")
