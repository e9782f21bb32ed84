"""A delimited file's lines as raw bytes, so that a chunk no rule needs is never converted.

The csv reader (``delimited.py``) takes its chunks of ``CHUNK_ROWS`` records from a
``LineSource``. A chunk whose lines hold no quote, no NUL and no lone carriage return is one
record per line, split at the delimiter exactly as the csv module splits it; such a chunk is
handed over as ``LazyRows`` with its bytes (``RawCsvChunk``), and converted to Python values
only when a rule reads its rows. Before that a rule may ask a bulk question of the bytes: "does
any line hold, in column c, a match of this pattern?" (``search_columns``: one RE2 pass at a
few hundred MB/s, no Python per line). A rule that asks must ask for a superset of the cells it
would act on, so that its result is the same as if it had read every cell; the identifier rule
does (``scanners/detectors/identifiers.py``). A chunk with a quote or a lone ``\\r`` is read by
the csv module from the same ``LineSource``, so records that span lines keep their line
numbers. docs/adr/0001-scan-engine.md has the measurements.

Lines are decoded one by one (or a chunk at a time) with the file's encoding and
``errors="replace"``, split where ``io.TextIOWrapper(newline="")`` splits them (``\\n``,
``\\r\\n`` or a lone ``\\r``): the csv module sees exactly the strings it saw when it read the
file as one text stream. Only ASCII-compatible encodings are read this way
(``text_encoding.is_ascii_compatible``: a newline is one byte and never part of a character).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, BinaryIO, overload

try:  # google-re2: linear-time, C++ (hundreds of MB/s); without it every chunk is converted.
    import re2
except ImportError:  # pragma: no cover - a pinned dependency; the fallback is the slow path
    re2 = None

# Bytes read from the file at a time (the buffer holds at most this plus one chunk).
BLOCK_BYTES = 8 * 1024 * 1024
# A chunk larger than this is read by the csv module (the bytes are held besides its rows).
MAX_RAW_CHUNK_BYTES = 64 * 1024 * 1024
# Columns past this many are given the pattern of the rest (a superset: wider never misses).
MAX_PATTERN_COLUMNS = 64
_ASCII = bytes(range(128))


class LineSource:
    """The lines of a binary stream, decoded, for ``csv.reader``; and raw runs of whole lines.

    ``next()`` gives one line as ``TextIOWrapper(newline="")`` would; ``take_plain(n)`` takes
    the next ``n`` lines as bytes when the csv module would read them one record per line.
    ``lines_taken`` counts the lines ``take_plain`` consumed (the csv reader's ``line_num``
    counts the others).
    """

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self.stream = stream
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.buffer = b""
        self.pos = 0
        self.eof = False
        self.lines_taken = 0
        self.average_line = 64
        if encoding == "utf-8-sig":
            head = stream.read(3)
            if head != b"\xef\xbb\xbf":  # not a BOM after all: keep the bytes
                self.buffer = head
        self._more()  # the buffer always holds whole lines (or the file's last bytes)

    def _more(self) -> bool:
        """Append the next block of whole lines to the unread bytes; False at the end."""
        if self.eof:
            return False
        data = self.stream.read(BLOCK_BYTES)
        if not data:
            self.eof = True
            return False
        if not data.endswith(b"\n"):
            data += self.stream.readline()
        self.buffer = self.buffer[self.pos :] + data
        self.pos = 0
        return True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.buffer) and not self._more():
            raise StopIteration
        buffer, pos = self.buffer, self.pos
        end = buffer.find(b"\n", pos)
        end = len(buffer) if end < 0 else end + 1
        cr = buffer.find(b"\r", pos, end)
        if cr >= 0 and not (cr + 1 < len(buffer) and buffer[cr + 1] == 0x0A):
            end = cr + 1  # a lone carriage return ends a line as well
        self.pos = end
        return buffer[pos:end].decode(self.encoding, "replace")

    def take_plain(self, n: int) -> tuple[bytes, int] | None:
        """The next ``n`` lines (fewer at the end of the file) as bytes and their number,
        consumed, when the csv module would read each of them as one record split at the
        delimiter: no quote, no NUL, no lone ``\\r``, not too large. Else None, and nothing
        is consumed. At the end of the file: ``(b"", 0)``."""
        while True:
            end = _after_nth_newline(self.buffer, self.pos, n, self.average_line)
            if end >= 0 or len(self.buffer) - self.pos > MAX_RAW_CHUNK_BYTES:
                break
            if not self._more():
                break
        whole = end >= 0  # n lines, each with its "\n"
        if not whole:
            if not self.eof:
                return None  # n lines would not fit in a raw chunk
            end = len(self.buffer)
        buffer, pos = self.buffer, self.pos
        if end - pos > MAX_RAW_CHUNK_BYTES:
            return None
        if not _lines_shorter_than(buffer, pos, end, csv.field_size_limit()):
            return None  # the csv module would refuse a field of such a line: let it
        if end == pos:
            return b"", 0
        if buffer.find(b'"', pos, end) >= 0 or buffer.find(b"\x00", pos, end) >= 0:
            return None
        if buffer.find(b"\r", pos, end) >= 0:
            if buffer.count(b"\r", pos, end) != buffer.count(b"\r\n", pos, end):
                return None  # a lone "\r" (also one at the very end of the file)
        data = buffer[pos:end]
        count = n if whole else data.count(b"\n") + (not data.endswith(b"\n"))
        self.pos = end
        self.lines_taken += count
        self.average_line = max(1, len(data) // max(count, 1))
        return data, count


def _lines_shorter_than(buffer: bytes, start: int, end: int, limit: int) -> bool:
    """Is every line between ``start`` and ``end`` shorter than ``limit`` bytes? A line that
    long would cover a whole window of half that size, and such a window holds no newline."""
    half = max(1, limit // 2)
    return all(buffer.find(b"\n", w, w + half) >= 0 for w in range(start, end - half + 1, half))


def _after_nth_newline(buffer: bytes, start: int, n: int, average: int) -> int:
    """The index just after the ``n``-th ``\\n`` at or after ``start``, or -1 if there are
    fewer. Counts forward in steps of the expected size (C-speed ``bytes.count``), then halves
    the last step: about one pass over the bytes, not a Python step per line."""
    if n <= 0:
        return start
    lo, need = start, n
    size = len(buffer)
    while True:
        step = max(64, int(average * need * (0.98 if need == n else 1.05)))
        hi = min(size, lo + step)
        found = buffer.count(b"\n", lo, hi)
        if found >= need:
            break
        need -= found
        if hi >= size:
            return -1
        lo = hi
    # The ``need``-th newline from ``lo`` lies before ``hi``.
    while need > 8 and hi - lo > 256:
        mid = (lo + hi) // 2
        found = buffer.count(b"\n", lo, mid)
        if found >= need:
            hi = mid
        else:
            need -= found
            lo = mid
    at = lo
    for _ in range(need):
        at = buffer.find(b"\n", at) + 1
    return at


class RawCsvChunk:
    """The bytes of a chunk's lines (see ``LineSource.take_plain``) and how to convert them."""

    def __init__(
        self,
        data: bytes,
        count: int,
        *,
        delimiter: str,
        decimal: str = ".",
        encoding: str,
        convert: Callable[[list[list[str]]], list[list[Any]]],
    ) -> None:
        self.data = data
        self.count = count
        self.delimiter = delimiter
        self.decimal = decimal
        self.encoding = encoding
        self._convert = convert  # cells as text -> cells as values (``parse_rows``)
        self._rows: list[list[Any]] | None = None
        self._other_digits: bool | None = None

    def rows(self) -> list[list[Any]]:
        if self._rows is None:
            text = self.data.decode(self.encoding, "replace")
            cells = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter))
            if len(cells) != self.count:  # a bug, never a file's fault: fail closed
                raise RuntimeError(f"raw chunk of {self.count} lines read as {len(cells)} rows")
            self._rows = self._convert(cells)
        return self._rows

    @property
    def converted(self) -> bool:
        return self._rows is not None

    def holds_other_digits(self) -> bool:
        """Does the text hold a character that Python counts as a digit other than 0-9
        (Arabic-Indic, full-width, superscript...)? ``int()``, ``str.isdigit`` and ``\\d`` take
        them, so a pattern of ``[0-9]`` says nothing about such a chunk."""
        if self._other_digits is None:
            if self.data.isascii():
                self._other_digits = False
                return False
            rest = self.data.translate(None, _ASCII)
            self._other_digits = bool(rest) and any(
                ch.isdigit() for ch in set(rest.decode(self.encoding, "replace"))
            )
        return self._other_digits

    def search_columns(self, patterns: Sequence[str | None], rest: str | None) -> bool:
        """Does a cell of column ``c`` of some line match ``patterns[c]`` from its first byte
        (None: nothing looked for there), or a cell of a column past ``patterns`` match
        ``rest``? ``{d}`` in a pattern is the delimiter, ``{m}`` the decimal mark, each for
        character classes. A match may
        run past its cell's end (the answer errs towards yes, never towards no). True when
        RE2 is missing: the rule reads the cells then."""
        if re2 is None:
            return True
        if not self.data:
            return False
        compiled = _column_pattern(self.delimiter, self.decimal, tuple(patterns), rest)
        return compiled is not None and compiled.search(self.data) is not None


@lru_cache(maxsize=64)
def _column_pattern(
    delimiter: str, decimal: str, patterns: tuple[str | None, ...], rest: str | None
) -> Any:
    """One RE2 pattern (multi-line, Latin-1: any byte is a character) for ``search_columns``,
    or None when nothing is looked for."""
    if len(patterns) > MAX_PATTERN_COLUMNS:  # wider: the rest's pattern where one is looked for
        patterns = tuple(
            p if c < MAX_PATTERN_COLUMNS or p is None else (rest or p)
            for c, p in enumerate(patterns)
        )
    d = _class_escape(delimiter)
    cell = f"[^{d}\\n]*"
    m = _class_escape(decimal)
    patterns = tuple(None if p is None else p.format(d=d, m=m) for p in patterns)
    rest = None if rest is None else rest.format(d=d, m=m)
    if rest is not None and all(p == rest for p in patterns):
        # The same in every column: at the start of any cell, no need to count delimiters.
        source = f"(?m)(?:^|{d})(?:{rest})"
    else:
        alternatives = []
        c = 0
        while c < len(patterns):  # runs of columns with the same pattern: one alternative each
            pattern = patterns[c]
            end = c
            while end + 1 < len(patterns) and patterns[end + 1] == pattern:
                end += 1
            if pattern is not None:
                skip = f"(?:{cell}{d}){{{c},{end}}}" if end > 0 else ""
                alternatives.append(f"^{skip}(?:{pattern})")
            c = end + 1
        if rest is not None:
            skip = f"(?:{cell}{d}){{{len(patterns)},}}" if patterns else ""
            alternatives.append(f"^{skip}(?:{rest})")
        if not alternatives:
            return None
        source = "(?m)" + "|".join(alternatives)
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    options.never_capture = True
    options.max_mem = 64 * 1024 * 1024
    return re2.compile(source.encode("latin-1"), options)


def _class_escape(char: str) -> str:
    return "\\t" if char == "\t" else "\\" + char if not char.isalnum() else char


class LazyRows(Sequence[list[Any]]):
    """A chunk's rows, converted on first use; its length is known without converting."""

    def __init__(self, raw: RawCsvChunk) -> None:
        self.raw = raw

    def __len__(self) -> int:
        return self.raw.count

    @overload
    def __getitem__(self, index: int) -> list[Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[Any]]: ...

    def __getitem__(self, index: int | slice) -> list[Any] | list[list[Any]]:
        return self.raw.rows()[index]

    def __iter__(self) -> Iterator[list[Any]]:
        return iter(self.raw.rows())

    def __eq__(self, other: object) -> bool:
        return self.raw.rows() == (list(other) if isinstance(other, LazyRows) else other)

    def __repr__(self) -> str:
        return f"LazyRows({self.raw.count} rows)"
