"""Tables printed as aligned text (Stata logs, SAS listings, OCR, plain text) and the prose around.

A line is cut into cells at ``|`` and at runs of two or more spaces (the right of a ``|`` at any
whitespace, where Stata puts numbers). Consecutive lines of two or more cells, with rules of
``-+=|`` between them, form a table when at least two of them hold a number. Every line goes
either into a table or into a text block, never both, so nothing is reported twice.

A table printed without ``|`` (R's console output, Stata's ``sts list``, SAS listings) is then
cut again at its gutters: the character positions that are blank in every line of the table.
Such output aligns its columns, so single spaces between columns ("time n.risk n.event") and
headers of two lines ("At" above "risk") land in the right column.

Stata's ``list`` and SAS's ``PROC PRINT`` number their observations (``  12. |``, an ``Obs``
column): such a table is a listing of unit records and is handed over with ``source`` set to
``LISTING_SOURCE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from scanners.model import Part, Table, TextBlock
from scanners.readers.cell_text import parse_cell

_RULE = re.compile(r"^[\s\-+=|_~:.]*$")
_WIDE_GAP = re.compile(r"\s{2,}|\t")
_SPACE = re.compile(r"\s+")
# Stata's `list` puts "  12. |" before each observation.
_OBSERVATION = re.compile(r"^\s*\d+\.\s*(?=\|)")
_MIN_NUMBERED_ROWS = 2
# A statistic with its spread or share in brackets, as a paper's Table 1 prints its cells:
# "47.30 (14.10)", "612 (50.8)", "48 (36, 59)", "0.71 [0.69-0.73]".
_STATISTIC_CELL = re.compile(r"^[-+]?\d[\d.,]*\s*%?\s*[(\[]\s*[-+]?\d[^()\[\]]*[)\]]$")
# A printed data frame's row: its number, then values cut by single spaces (a tibble prints
# " 1 1982-08-22     9000 M     DE119": no cell is a lone number when cut at wide gaps).
_ROW_NAME = re.compile(r"^\s*\d+\s+\S")
# The source of a table whose rows are numbered observations (Stata ``list``).
LISTING_SOURCE = "listing_output"


@lru_cache(maxsize=8192)
def _value(text: str, decimal: str) -> Any:
    """``parse_cell``, each distinct cell text once: a cell is parsed when its row is read,
    again when its table is cut at the gutters, and tested as a number on the way (values
    are immutable, so one object may stand in several rows)."""
    return parse_cell(text, decimal=decimal)


def _is_number_text(text: str) -> bool:
    """``cell_text.is_number_text`` through the cache."""
    return not isinstance(_value(text, "."), str) and bool(text.strip())


def split_cells(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        # A box drawn around every cell (PSPP, SPSS text, Markdown): one cell per box, empty
        # ones kept so that the columns stay aligned.
        return [piece.strip() for piece in stripped.strip("|").split("|")]
    if "|" in line:
        pieces = line.split("|")
        cells: list[str] = []
        observation = _OBSERVATION.match(line)
        if observation:  # the observation number is not a value: drop it so columns align
            pieces = line[observation.end() :].split("|")
        for index, piece in enumerate(pieces):
            piece = piece.strip()
            if not piece:
                continue
            if index == 0 and not observation:
                cells.append(piece)  # a row label may hold single spaces
            elif observation and _WIDE_GAP.search(piece):
                cells.extend(_WIDE_GAP.split(piece))  # `list` values with spaces ("AMC Concord")
            else:
                cells.extend(_SPACE.split(piece))
        return cells
    return [c for c in _WIDE_GAP.split(line.strip()) if c]


def _continues(block: _Block, line: str, cells: list[str]) -> bool:
    """Below numbered rows, a line without a number or a ``|`` is prose, not another row."""
    if "|" in line or any(_is_number_text(c) or _STATISTIC_CELL.match(c) for c in cells):
        return True
    if _ROW_NAME.match(line) and _holds_values(cells):
        return True
    return block.numbered_rows() == 0


def _holds_values(cells: list[str]) -> bool:
    """Some word of the cells past the row's number is a number or a date."""
    words = " ".join(cells).split()[1:]
    return any(_is_number_text(w) or _DATE_TEXT.match(w) for w in words)


@dataclass
class _Block:
    lines: list[tuple[int, str]] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    numbered: int = 0
    observations: int = 0
    decimal: str = "."
    candidate: int | None = None  # line number of a held-back prose line tried as the header
    gaps: int = 0  # blank lines passed between header rows and the first number

    def add_row(self, number: int, line: str, cells: list[str]) -> None:
        values = [_value(c, self.decimal) for c in cells]
        self.lines.append((number, line))
        self.rows.append((number, values))
        self.observations += bool(_OBSERVATION.match(line))
        if any(
            v is not None and (not isinstance(v, str) or _STATISTIC_CELL.match(v)) for v in values
        ) or (_ROW_NAME.match(line) and _holds_values(cells)):
            self.numbered += 1

    def numbered_rows(self) -> int:
        return self.numbered


def text_and_tables(
    lines: Iterable[tuple[int, str]],
    *,
    table_name: str = "table {n}",
    location: str = "line {line}",
    part: Part = "body",
    source: str = "text",
    decimal: str = ".",
    hidden: bool = False,
    cell_location: str | None = None,
) -> Iterator[TextBlock | Table]:
    """Text blocks (one per non-blank line) and tables, in the order they appear.

    Table cells are located by source line (``location`` + ", column N"), or, when
    ``cell_location`` is given, by that format with rows counted within the table.
    """
    block = _Block(decimal=decimal)
    count = 0
    # The last line of prose, held back: a header of single-spaced names (R prints
    # "time n.risk n.event") cannot be told from prose until a table follows it.
    pending: tuple[int, str] | None = None

    def text_of(number: int, line: str) -> TextBlock:
        return TextBlock(
            text=line.strip(), location=location.format(line=number), part=part, hidden=hidden
        )

    command = False  # inside a command R echoes: "> " and the "+ " lines that continue it
    for number, line in lines:
        command = line.startswith("> ") or (command and line.startswith("+ "))
        if line.strip() and _RULE.match(line) and ("-" in line or "=" in line or "|" in line):
            if block.rows:
                block.lines.append((number, line))
                continue
        if command:  # code, never a table's row or header
            count, produced = _close(
                block, count, table_name, location, part, source, decimal, hidden, cell_location
            )
            yield from produced
            block = _Block(decimal=decimal)
            if pending is not None:
                yield text_of(*pending)
                pending = None
            yield text_of(number, line)
            continue
        cells = split_cells(line) if line.strip() else []
        if len(cells) >= 2 and _continues(block, line, cells):
            if pending is not None:
                if not block.rows and _names_header(pending[1]):
                    block.add_row(pending[0], pending[1], [pending[1].strip()])
                    block.candidate = pending[0]
                else:
                    yield text_of(*pending)
                pending = None
            block.add_row(number, line, cells)
            continue
        if not line.strip() and block.rows and not block.numbered and block.gaps < len(block.rows):
            # SAS leaves a blank line between a table's header lines and its rows
            # ("-----Lowest-----  -----Highest-----", blank, "Value  Obs  Value  Obs", blank)
            block.gaps += 1
            continue
        count, produced = _close(
            block, count, table_name, location, part, source, decimal, hidden, cell_location
        )
        yield from produced
        block = _Block(decimal=decimal)
        if line.strip() and not _RULE.match(line):
            if pending is not None:
                yield text_of(*pending)
            pending = (number, line)
        elif not line.strip() and pending is not None:
            yield text_of(*pending)
            pending = None
    _, produced = _close(
        block, count, table_name, location, part, source, decimal, hidden, cell_location
    )
    yield from produced
    if pending is not None:
        yield text_of(*pending)


def _names_header(line: str) -> bool:
    """A line of two or more single-spaced names, as R prints above its columns."""
    words = line.split()
    return len(words) >= 2 and "|" not in line and not line.rstrip().endswith(":")


def _close(
    block: _Block,
    count: int,
    table_name: str,
    location: str,
    part: Part,
    source: str,
    decimal: str,
    hidden: bool,
    cell_location: str | None,
) -> tuple[int, list[TextBlock | Table]]:
    if not block.lines:
        return count, []
    produced: list[TextBlock | Table] = []
    if block.candidate is not None and not _header_fits(block):
        # The prose line above is a title, not the table's header: it stays text.
        number, line = block.lines[0]
        produced.append(
            TextBlock(
                text=line.strip(), location=location.format(line=number), part=part, hidden=hidden
            )
        )
        block.lines, block.rows, block.candidate = block.lines[1:], block.rows[1:], None
    pairs = _name_value_pairs(block)
    if pairs is None and block.numbered_rows() == 1 and len(block.rows) % 2:
        # A stray line of words above names over numbers (OCR of a chart's bar tops).
        first, rest = block.rows[0], _Block(decimal=block.decimal)
        rest.lines = [(n, line) for n, line in block.lines if n != first[0]]
        rest.rows = block.rows[1:]
        pairs = _name_value_pairs(rest)
        if pairs is not None:
            line = dict(block.lines)[first[0]]
            produced.append(
                TextBlock(
                    text=line.strip(),
                    location=location.format(line=first[0]),
                    part=part,
                    hidden=hidden,
                )  # fmt: skip
            )
    if block.numbered_rows() >= _MIN_NUMBERED_ROWS or pairs or _one_row_table(block):
        count += 1
        name = table_name.format(n=count)
        fmt = location.replace("{line}", "{row_number}").replace("{", "{{").replace("}", "}}")
        fmt = fmt.replace("{{row_number}}", "{row_number}") + ", column {col_number}"
        if pairs:
            table = Table(
                name=name,
                rows=[[label, value] for _, label, value in pairs],
                cell_location_format=cell_location or fmt,
                hidden=hidden,
                part=part,
                source=source,
                row_numbers=None if cell_location else [n for n, _, _ in pairs],
            )
            return count, [*produced, table]
        rows = _aligned_rows(block) or [values for _, values in block.rows]
        table = Table(
            name=name,
            rows=rows,
            cell_location_format=cell_location or fmt,
            hidden=hidden,
            part=part,
            source=LISTING_SOURCE if block.observations >= _MIN_NUMBERED_ROWS else source,
            row_numbers=None if cell_location else [n for n, _ in block.rows],
        )
        return count, [*produced, table]
    produced.extend(
        TextBlock(text=line.strip(), location=location.format(line=n), part=part, hidden=hidden)
        for n, line in block.lines
        if line.strip() and not _RULE.match(line)
    )
    return count, produced


def _one_row_table(block: _Block) -> bool:
    """A header, a rule and one row of numbers under it (Stata's ``summarize`` of a single
    variable, "Obs 2" included): a table of one row, not prose."""
    if block.numbered_rows() != 1 or len(block.rows) < 2:
        return False
    (_, head), (_, last) = block.rows[0], block.rows[-1]
    ruled = any(_RULE.match(line) and "-" in line for _, line in block.lines)
    words = [v for v in head if isinstance(v, str)]
    numbers = [v for v in last if v is not None and not isinstance(v, str)]
    return ruled and len(words) >= 3 and len(numbers) >= 2


def _header_fits(block: _Block) -> bool:
    """Whether the held-back first line names the columns below it: its words, grouped by the
    column they fall to, each end at that column's right edge or start at its left edge (R,
    Stata and SAS align names so); a title above the table does not."""
    head = block.lines[0][1].expandtabs().rstrip()
    below = [
        line.expandtabs().rstrip()
        for (n, line), (_, values) in zip(block.lines[1:], block.rows[1:], strict=False)
        if any(v is not None and not isinstance(v, str) for v in values)
    ]
    if not below or "|" in head or any(line.lstrip().startswith("|") for line in below):
        return False  # a boxed table names its columns inside the box
    width = max(len(line) for line in below)
    blank = _blank_columns(below, width)
    spans = _runs(blank)
    if len(spans) < 2:
        return False
    groups: dict[int, list[tuple[int, int]]] = {}
    for match in re.finditer(r"\S+", head):
        start, end = match.span()
        overlaps = [max(0, min(end, e) - max(start, s)) for s, e in spans]
        best = max(range(len(spans)), key=lambda k: overlaps[k])
        if overlaps[best] == 0:
            best = next((k for k, (_, e) in enumerate(spans) if e >= end), len(spans) - 1)
        groups.setdefault(best, []).append((start, end))
    for k, words in groups.items():
        first, last = words[0][0], words[-1][1]
        if abs(last - spans[k][1]) > 1 and abs(first - spans[k][0]) > 1:
            return False
    return len(groups) >= 2


# A line as a bit mask: a space is "0", any other character "1" (a character outside
# Latin-1 is first encoded as "?"), one byte per character.
_BITS = bytes(0x30 if byte == 0x20 else 0x31 for byte in range(256))


def _blank_columns(lines: list[str], width: int) -> list[bool]:
    """For each position below ``width``, whether it holds a space (or lies past the end) in
    every line. The lines are or-ed as bit masks (a character other than a space is a 1), so
    the work is in C, not a Python test per position and line."""
    used = 0
    for line in lines:
        used |= int(line.encode("latin-1", "replace").translate(_BITS)[::-1] or b"0", 2)
    bits = format(used, "b")[::-1].ljust(width, "0")[:width]
    return [bit == "0" for bit in bits]


def _runs(blank: list[bool]) -> list[tuple[int, int]]:
    """The (start, end) of each run of non-blank positions."""
    spans: list[tuple[int, int]] = []
    start = None
    for p, gutter in enumerate([*blank, True]):
        if not gutter and start is None:
            start = p
        elif gutter and start is not None:
            spans.append((start, p))
            start = None
    return spans


def _aligned_rows(block: _Block) -> list[list[Any]] | None:
    """The rows cut at the gutters of a table, or None to keep the cut at wide gaps (a boxed
    or listed table, ragged text, or fewer columns found than before).

    The gutters are the positions blank in every line that holds a number; a header line's
    words go to the column they overlap most (headers may be wider than their numbers).
    Stata's tables put the row labels left of a ``|`` in one column: what is left of the
    first ``|`` is one cell, and only the right of it is cut at gutters."""
    row_lines = {number for number, _ in block.rows}
    lines = [(n, line.expandtabs().rstrip()) for n, line in block.lines if n in row_lines]
    if len(lines) != len(block.rows) or block.observations:
        return None
    is_data = _data_rows([values for _, values in block.rows])
    numeric = [line for (_, line), data_row in zip(lines, is_data, strict=True) if data_row]
    bar = _label_bar(line for _, line in lines)
    if bar is None and any("|" in line for line in numeric):
        return None  # boxed or listed: the bars cut the cells
    if bar is not None:
        lines = [(n, line.replace("|", " ")) for n, line in lines]
    data = [line for (_, line), data_row in zip(lines, is_data, strict=True) if data_row]
    if not data:
        return None
    width = max(len(line) for line in data)
    first = 0 if bar is None else bar + 1
    blank = [p < first or gutter for p, gutter in enumerate(_blank_columns(data, width))]
    for line in data:
        for a, b in _whole_cells(line, first):
            blank[a:b] = [False] * (b - a)
    for a, b in _numbered_labels(data, first):
        blank[a:b] = [False] * (b - a)
    spans = _misaligned_joined(_runs(blank), data)
    widest = max(
        len(values) for (_, values), data_row in zip(block.rows, is_data, strict=True) if data_row
    ) - (bar is not None)
    if len(spans) < widest or len(spans) > 4 * widest + 8 or not spans:
        return None
    rows: list[list[Any]] = []
    for (_, line), data_row in zip(lines, is_data, strict=True):
        label: list[Any] = [] if bar is None else [parse_cell(line[:bar]) if line[:bar] else None]
        if data_row:
            cells = [_value(line[a:b].strip(), block.decimal) for a, b in spans]
        else:
            cells = _header_cells(" " * first + line[first:], spans)
        rows.append(label + cells)
    return rows


# The widest gutter that a value typed out of line with its column may open (a hand-typed
# table: "  2" one or two characters right of the "611" above it).
_MISALIGNED_GAP = 2


def _misaligned_joined(spans: list[tuple[int, int]], data: list[str]) -> list[tuple[int, int]]:
    """Neighbouring column spans that no data line fills both of, a gutter of at most
    ``_MISALIGNED_GAP`` apart, are one column: a value typed a character or two out of line
    with the others opens a gutter of its own, and would stand alone in a column without a
    header (its own column's cell left empty). Columns of printed output are filled on every
    line, or are apart by more."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined and a - joined[-1][1] <= _MISALIGNED_GAP:
            left = joined[-1]
            if not any(line[left[0] : left[1]].strip() and line[a:b].strip() for line in data):
                joined[-1] = (left[0], b)
                continue
        joined.append((a, b))
    return joined


# A cell cut at wide gaps that holds a single space (the others are single words).
_CELL_OF_WORDS = re.compile(r"\S+(?: \S+)+")


def _whole_cells(line: str, first: int) -> list[tuple[int, int]]:
    """Spans of a data line that are one cell whatever the gutters say: a statistic with its
    spread in brackets ("47.30 (14.10)", as a paper's Table 1 prints it) and a row label of
    words without a number at the start of the line ("alder (mean (SD))"; R puts one space
    between "Aarhus" and its first number, and such a line is cut as before)."""
    found = []
    for match in _CELL_OF_WORDS.finditer(line, first):
        text = match.group()
        label = (
            first == 0
            and not line[: match.start()].strip()  # the line's first cell
            and not any(_is_number_text(w) for w in text.split())
        )
        if _STATISTIC_CELL.match(text) or label:
            found.append(match.span())
    return found


_NUMBERED_LABEL = re.compile(r"([^\d\s][^ ]*(?: [^\d\s][^ ]*)*) \d+(?=  |$)")


def _numbered_labels(lines: list[str], first: int) -> list[tuple[int, int]]:
    """The row labels of numbered groups ("Kommune 0", "Kommune 1", ... "Kommune 44"): the
    same words and then a number, one space apart, at the start of every data line. Such a
    label is one cell; the gutter after its words is not a column's edge (it would make a
    column of one repeated word beside a column of row numbers, which reads as unit
    records). R's one space between "Aarhus" and its first count is on one line only."""
    if first or len(lines) < 2:
        return []
    spans, words = [], None
    for line in lines:
        match = _NUMBERED_LABEL.match(line)
        if match is None or (words is not None and match.group(1) != words):
            return []
        words = match.group(1)
        spans.append(match.span())
    return spans


def _is_data(values: list[Any]) -> bool:
    """A row of numbers (half its cells or more), not a header that names "Type 2"."""
    numbers = sum(1 for v in values if v is not None and not isinstance(v, str))
    return numbers > 0 and 2 * numbers >= len([v for v in values if v is not None])


def _data_rows(rows: list[list[Any]]) -> list[bool]:
    """Which rows are data, not header. Rows of numbers are; when most rows below the first
    are not (a listing of records whose values are dates, codes and words: "1  1991-07-25
    3000  M  DS720"), every row below the first that has a number or a date is data too."""
    strict = [_is_data(values) for values in rows]
    if 2 * sum(strict[1:]) >= len(rows) - 1:
        return strict
    return [
        k > 0 and (strict[k] or any(_is_value(v) for v in values)) for k, values in enumerate(rows)
    ]


_DATE_TEXT = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^\d{1,2}[a-z]{3}\d{4}$", re.I)


def _is_value(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, str):
        return True
    return any(_DATE_TEXT.match(w) or _is_number_text(w) for w in value.split())


def _label_bar(lines: Iterable[str]) -> int | None:
    """The column of the ``|`` after the row labels when every line has one there and none
    starts with one (Stata's ``tabulate``, ``summarize``, ``regress``), else None."""
    position = None
    loose = []  # lines without a bar (SAS's "Total" row under a crosstab)
    for line in lines:
        at = line.find("|")
        if at < 0:
            loose.append(line)
            continue
        if at == 0:
            return None
        if position is None:
            position = at
        elif at != position:
            return None
    if position is None or any(len(line) > position and line[position] != " " for line in loose):
        return None
    return position


def _header_cells(line: str, spans: list[tuple[int, int]]) -> list[Any]:
    """Header words go to the column they overlap most; a word in a gutter goes to the first
    column that ends after it: R, Stata and SAS align headers on the right edge of their
    numbers, so a name wider than its numbers ("lower 95% CI") reaches left into the gutter
    but never past its column's right edge."""
    words: list[list[str]] = [[] for _ in spans]
    for match in re.finditer(r"\S+", line):
        start, end = match.span()
        overlaps = [max(0, min(end, e) - max(start, s)) for s, e in spans]
        best = max(range(len(spans)), key=lambda k: overlaps[k])
        if overlaps[best] == 0:
            best = next((k for k, (_, e) in enumerate(spans) if e >= end), len(spans) - 1)
        words[best].append(match.group())
    return [" ".join(w) if w else None for w in words]


def _name_value_pairs(block: _Block) -> list[tuple[int, str, Any]] | None:
    """A line of names over a line of numbers, perhaps repeated (R prints a one-way ``table``
    so, wrapped at the console width): one (line, name, number) per column, or None."""
    if len(block.rows) < 2 or len(block.rows) % 2:
        return None
    texts = dict(block.lines)
    pairs: list[tuple[int, str, Any]] = []
    for k in range(0, len(block.rows), 2):
        (head_at, names), (line_at, values) = block.rows[k], block.rows[k + 1]
        if any(v is not None and not isinstance(v, str) for v in names) or not values:
            return None
        line = texts[line_at].expandtabs().rstrip()
        spans = [m.span() for m in re.finditer(r"\S+", line)]
        # Each number on its own: short names leave one space between the counts under them
        # ("C50 E11 Q21" over "813 775   1"), which the cut at wide gaps kept together.
        values = [_value(line[a:b], block.decimal) for a, b in spans]
        if any(v is None or isinstance(v, str) for v in values):
            return None
        labels = _header_cells(texts[head_at].expandtabs(), spans)
        if any(not label for label in labels):
            return None
        pairs.extend((line_at, label, value) for label, value in zip(labels, values, strict=True))
    return pairs
