"""identifier.<scheme>: national identifiers in text and in table columns.

The schemes are the registry's (``scanners.identifiers``: one file per scheme), limited to the
policy's ``identifier_schemes``. A value that passes several schemes is reported once, as the
most likely one (``scanners.identifiers.resolve``): the scheme named by its header or a nearby
word, the one its written form proves, the one that explains its column, the one of the
country whose language the file is in, then the registry's priority. The file's language is
known only once every part was read, so findings are resolved in ``findings()``.

Text: see ``identifier_text``. Tables are judged column by column, over every row of every
chunk. A column is reported at its first identifier when

- it holds an identifier in a strong form (dashed CPR with a real date, fødselsnummer, HETU...);
- or its header names an identifier or key variable and at least half its values pass a check;
- or at least ``UNSUPPORTED_MIN`` values pass a weak check, they are at least 80% of the column,
  nearly all different, most pass the scheme's second test (a CPR's modulus 11), and nothing
  says the column holds amounts (an amount/count/percent label, or a table with totals:
  aggregate sums that happen to pass the CVR check are not CVRs).

Values that the column's scheme does not explain and that prove another scheme (a dashed
personnummer in a CVR column) are reported as that scheme as well. Once a column is settled as
an identifier column (``SETTLED_VALUES`` identifier-shaped values read), its later rows cost
nothing.

Fast path: each column of a chunk is joined into one text and put through the shape pre-filter
(``scanners.identifiers.search.shape_spans``); only cells that hold an identifier-shaped run of
digits are checked. A column whose header names an identifier is read cell by cell, so that
``1.01E+09`` (Excel's display of a number) is seen too. A chunk of a CSV that arrives with its
raw lines (``Table.raw``) is first asked, in one pass over its bytes, whether any cell of a
column still being judged can hold an identifier shape (``CELL_SHAPES``, a superset of what the
checks below act on); a chunk where none can is not converted or read at all.

Spreadsheets drop leading zeros (a CPR born on the 1st-9th becomes 9 digits) and may hold
numbers as floats or as ``1.01E+09`` text: 9-digit values are also tried with the zero put back,
and numbers are read as integers.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from scanners.detectors import table_shape as ts
from scanners.detectors import vocabulary as words
from scanners.detectors.cell_values import parse_number
from scanners.detectors.evidence import FindingCap, mask_identifier
from scanners.detectors.identifier_text import (
    CONTEXT_CHARS,
    TextHit,
    find_identifiers,
    is_calendar_date,
)
from scanners.detectors.key_variables import key_variable_in
from scanners.detectors.table_book import TableBook, TableEntry
from scanners.identifiers import SCHEMES, Match, enabled, matches
from scanners.identifiers import scheme as scheme_of
from scanners.identifiers.countries import CountryTally
from scanners.identifiers.resolve import resolve
from scanners.identifiers.search import CELL_SHAPES, STRONG_CELL_SHAPES, shape_spans
from scanners.model import RISK, Finding, HiddenPart, Part, Policy, Table, TextBlock

# A column with this many identifier-shaped values that is an identifier column is settled.
SETTLED_VALUES = 2_000
MAX_DISTINCT = 5_000
UNSUPPORTED_MIN = 5
PLAUSIBLE_SHARE = 0.5
TEXT_FINDINGS_PER_CODE = 10
CONTEXT_ROWS = 50  # rows of a table's first chunk read for the file's language


def schemes_hinted_by(label: str) -> frozenset[str]:
    """The schemes a column header names (``cprnr`` -> dk_cpr and se_pnr...)."""
    if not label:
        return frozenset()
    return frozenset(s.name for s in SCHEMES if s.named_in_header(label))


@dataclass
class ColumnIds:
    filled: int = 0
    passes: Counter[str] = field(default_factory=Counter)
    strong: Counter[str] = field(default_factory=Counter)
    # Strong matches written with the scheme's own separator (``DDMMYY-SSSS``, ``YYYYMMDD-NNNC``).
    written_strong: Counter[str] = field(default_factory=Counter)
    plausible: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[int, str]] = field(default_factory=dict)  # scheme -> (row, text)
    # Values by the set of schemes they pass: what one scheme explains and what it leaves.
    groups: Counter[frozenset[str]] = field(default_factory=Counter)
    group_strong: Counter[frozenset[str]] = field(default_factory=Counter)
    group_first: dict[frozenset[str], tuple[int, str]] = field(default_factory=dict)
    distinct: set[str] = field(default_factory=set)
    hints: frozenset[str] = frozenset()
    named: bool = False
    settled: bool = False
    # A column of amounts with no identifier header: only values that prove themselves count.
    strong_only: bool | None = None
    rows: int = 0  # body rows read, in a column of amounts


@dataclass
class TableIds:
    table: Table  # the first chunk: for cell locations
    entry: TableEntry
    columns: dict[int, ColumnIds] = field(default_factory=dict)


@dataclass
class _HitGroup:
    """Text hits that resolve alike (same candidates, names, plausibility, place)."""

    place: str
    hit: TextHit  # the first
    plausible: dict[str, bool]
    hidden: bool
    kept: list[tuple[int, str, str]] = field(default_factory=list)  # (order, location, shown)
    count: int = 0


def _digits_of(value: Any) -> tuple[str, bool, str] | None:
    """(digits or HETU text, written with its separator?, as written) for an id-shaped cell."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if 10_000_000 <= value < 1_000_000_000_000:
            text = str(value)
            return text, False, text
        return None
    if isinstance(value, float):
        if value.is_integer() and 10_000_000 <= value < 1e12:
            text = str(int(value))
            return text, False, text
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    n = len(text)
    if n < 8 or n > 13:
        return None
    if text.isdigit():
        return text, False, text
    if n == 13 and text[:8].isdigit() and text[8] in "-+" and text[9:].isdigit():
        return text, True, text  # YYYYMMDD-NNNC
    if n == 11 and text[:6].isdigit() and text[7:10].isdigit():
        if text[6] in "-+" and text[10].isdigit():
            return text, True, text
        return text, True, text  # HETU with a letter
    if "e" in text.lower():  # 1.01E+09 as Excel shows it
        number = parse_number(text)
        if number is not None and number.is_integer and 1e7 <= number.value < 1e12:
            digits = str(int(number.value))
            return digits, False, digits
    return None


class IdentifierDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.schemes = frozenset(s.name for s in enabled(policy.identifier_schemes))
        self.book = book
        self.countries = CountryTally()
        self.tables: dict[int, TableIds] = {}
        self._groups: dict[tuple[Any, ...], _HitGroup] = {}
        self._order = 0
        self._before = ""  # the end of the last text block, and its part
        self._before_of: tuple[Part, bool] = ("body", False)

    # --- text ---------------------------------------------------------------------------

    def feed_text(self, block: TextBlock) -> None:
        if not self.schemes or not block.text:
            return
        self.countries.add(block.text)
        # The end of the block before is context: a word naming the number may stand on the
        # line above it (R's echo "> reg$cpr[...]" over '[1] "0504491242"', a label line).
        before = self._before if self._before_of == (block.part, block.hidden) else ""
        self._before = block.text[-CONTEXT_CHARS:]
        self._before_of = (block.part, block.hidden)
        shift = len(before) + 1 if before else 0
        text = f"{before}\n{block.text}" if before else block.text
        lines = _LineCounter(block)
        for hit in find_identifiers(text, self.schemes):
            if hit.start >= shift:
                hit = replace(hit, start=hit.start - shift)
                self._keep("the text", hit, lines.location(hit.start), block.hidden)

    def _keep(self, place: str, hit: TextHit, location: str, hidden: bool) -> None:
        plausible = {m.scheme: scheme_of(m.scheme).plausible(hit.digits) for m in hit.candidates}
        key = (place, hit.candidates, hit.named, tuple(sorted(plausible.items())), hidden, hit.why)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _HitGroup(place, hit, plausible, hidden)
        group.count += 1
        if len(group.kept) < TEXT_FINDINGS_PER_CODE:
            group.kept.append((self._order, location, hit.text))
        self._order += 1

    def _text_finding(
        self, scheme: str, why: str, location: str, hidden: bool, shown: str
    ) -> Finding:
        name = scheme_of(scheme).title
        because = {
            "format": "written in its own format and passing its check",
            "context": "passing its check, next to a word that names it",
            "list": "one of several numbers in a list that all pass the same check",
        }[why]
        where = " in content a reader does not see" if hidden else ""
        return Finding(
            code=f"identifier.{scheme}",
            severity=RISK,
            location=location,
            message=(
                f"A {name}{where} ({because}). Identifiers may never leave the secure "
                "environment: remove it, or explain in your comment why it is not one."
            ),
            evidence=mask_identifier(shown),
        )

    # --- tables -------------------------------------------------------------------------

    def feed_table(self, table: Table) -> None:
        if not self.schemes:
            return
        chunk = self.book.observe(table)
        key = id(chunk.entry)
        state = self.tables.get(key)
        if state is None:
            state = self.tables[key] = TableIds(table, chunk.entry)
        if chunk.first:
            self._read_language(table)
        start = chunk.body_start or 0
        if start >= len(table.rows):
            start = 0  # nothing but header (a one-line CSV): its cells are values all the same
        for known in state.columns.values():
            if known.strong_only:  # counted here, before a raw chunk may be skipped unread
                known.rows += len(table.rows) - start
        for r in range(start):  # the header rows' text
            for c, value in enumerate(table.rows[r]):
                if isinstance(value, str) and value:
                    self._cells_text(table, r, c, value)
        if start == 0 and table.raw is not None and not self._raw_may_hold(table, state):
            return  # no cell of the chunk can hold an identifier: reading it changes nothing
        body = table.rows[start:]
        if not body:
            return
        width = max(map(len, body))
        ragged = min(map(len, body)) != width
        for c in range(width):
            column = state.columns.get(c)
            if column is None:
                label = state.entry.shape.label_of(c)
                column = state.columns[c] = ColumnIds(
                    hints=schemes_hinted_by(label) & self.schemes,
                    named=key_variable_in(label) is not None if label else False,
                )
            if column.settled:
                continue
            values = _column(body, c, ragged)
            if column.strong_only is None:
                column.strong_only = (
                    not column.hints and not column.named and (self._holds_amounts(state.entry, c))
                )
                column.rows = len(values) if column.strong_only else 0
            rows: Sequence[int]
            if column.hints or column.named:
                rows = range(len(values))
            else:
                rows = _rows_with_shapes(values, strong_only=column.strong_only)
            for r in rows:
                value = values[r]
                shaped = _digits_of(value)
                if shaped is None:
                    if isinstance(value, str) and len(value) > 12:
                        self._cells_text(table, start + r, c, value)
                    continue
                if column.strong_only and not (shaped[1] or len(shaped[0]) == 11):
                    continue  # a weak match can never count in a column of amounts
                self._tally(column, start + r + table.row_offset, shaped)
            if column.filled >= SETTLED_VALUES and self._column_schemes(state.entry, c, column):
                column.settled = True

    @staticmethod
    def _raw_may_hold(table: Table, state: TableIds) -> bool:
        """Whether a cell of the chunk's raw lines may be one the loop below acts on: an
        identifier-shaped value (``_digits_of``), or text with a candidate in it. Settled
        columns are not looked at, a column of amounts only for values that prove themselves
        (``search.CELL_SHAPES`` says why each pattern is a superset)."""
        raw = table.raw
        assert raw is not None
        if raw.holds_other_digits():
            return True
        patterns: list[str | None] = []
        for c in range(max(state.columns, default=-1) + 1):
            column = state.columns.get(c)
            if column is not None and column.settled:
                patterns.append(None)
            elif column is not None and column.strong_only:
                patterns.append(STRONG_CELL_SHAPES)
            else:
                patterns.append(CELL_SHAPES)
        return raw.search_columns(patterns, CELL_SHAPES)

    def _read_language(self, table: Table) -> None:
        parts = [table.name]
        for row in table.rows[:CONTEXT_ROWS]:
            parts.extend(v for v in row if isinstance(v, str))
        self.countries.add(" ".join(parts))

    def _cells_text(self, table: Table, r: int, c: int, value: str) -> None:
        for hit in find_identifiers(value, self.schemes, strong_only=True):
            self._keep(table.name, hit, table.cell_location(r, c), table.hidden)

    def _tally(self, column: ColumnIds, absolute_row: int, shaped: tuple[str, bool, str]) -> None:
        text, dashed, shown = shaped
        column.filled += 1
        digits = (
            (text[:8] + text[9:] if len(text) == 13 else text[:6] + text[7:]) if dashed else text
        )
        if len(column.distinct) < MAX_DISTINCT:
            column.distinct.add(digits)
        found = [
            (m, digits) for m in matches(text, "separated" if dashed else "bare", self.schemes)
        ]
        if len(text) == 9 and text.isdigit():  # a CPR/kennitala that lost its leading zero
            found += [(m, "0" + text) for m in matches("0" + text, "bare", self.schemes)
                      if m.scheme in ("dk_cpr", "se_pnr", "is_kennitala")]  # fmt: skip
        if len(text) == 10 and text.isdigit() and "no_fnr" in column.hints:
            # a fødselsnummer that lost its leading zero: only under a header that names it
            padded = matches("0" + text, "bare", frozenset({"no_fnr"}))
            found += [(Match(m.scheme, False), "0" + text) for m in padded]
        if not found:
            return
        passed: set[str] = set()
        strong = False
        for match, checked in found:
            if match.scheme == "dk_cvr" and is_calendar_date(checked):
                column.passes["date_shaped_cvr"] += 1
                continue
            if match.scheme in passed:
                continue
            passed.add(match.scheme)
            strong = strong or match.strong
            column.passes[match.scheme] += 1
            column.strong[match.scheme] += match.strong
            column.written_strong[match.scheme] += match.strong and dashed
            column.plausible[match.scheme] += scheme_of(match.scheme).plausible(checked)
            column.first.setdefault(match.scheme, (absolute_row, shown))
        if passed:
            group = frozenset(passed)
            column.groups[group] += 1
            column.group_strong[group] += strong
            column.group_first.setdefault(group, (absolute_row, shown))

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    # --- findings -----------------------------------------------------------------------

    def findings(self) -> Iterator[Finding]:
        text_cap = FindingCap(limit=TEXT_FINDINGS_PER_CODE)
        cap = FindingCap()
        for group, finding, extra in self._text_findings():
            target = text_cap if group.place == "the text" else cap
            target.add(group.place, finding)
            for _ in range(extra):
                target.add(group.place, finding)
        yield from text_cap.findings()
        for state in self.tables.values():
            for c, column in sorted(state.columns.items()):
                for scheme, count, first in self._column_schemes(state.entry, c, column):
                    cap.add(
                        state.table.name,
                        self._column_finding(state, c, column, scheme, count, first),
                    )
        yield from cap.findings()

    def _text_findings(self) -> Iterator[tuple[_HitGroup, Finding, int]]:
        """Each kept text hit as a finding of its resolved scheme, in the order read; the
        hits beyond those kept are counted on the last finding of their group."""
        ordered: list[tuple[int, _HitGroup, Finding, int]] = []
        for group in self._groups.values():
            hit = group.hit
            best = resolve(
                hit.candidates,
                named=hit.named,
                countries=self.countries,
                plausible=group.plausible.__getitem__,
            )
            assert best is not None
            for i, (order, location, shown) in enumerate(group.kept):
                finding = self._text_finding(best.scheme, hit.why, location, group.hidden, shown)
                extra = group.count - len(group.kept) if i == len(group.kept) - 1 else 0
                ordered.append((order, group, finding, extra))
        ordered.sort(key=lambda item: item[0])
        for _, group, finding, extra in ordered:
            yield group, finding, extra

    def _column_schemes(
        self, entry: TableEntry, c: int, column: ColumnIds
    ) -> list[tuple[str, int, tuple[int, str]]]:
        """(scheme, values, first) to report for a column: its most likely scheme when the
        column supports it, and schemes that values it leaves unexplained prove."""
        candidates = [Match(s, column.strong[s] > 0) for s in self.schemes if column.passes[s]]
        if not candidates or not column.filled:
            return []
        best = resolve(
            candidates,
            named=column.hints,
            countries=self.countries,
            plausible=lambda s: column.plausible[s] >= PLAUSIBLE_SHARE * column.passes[s],
            explained={s: column.passes[s] / column.filled for s in self.schemes},
        )
        assert best is not None
        reported: list[tuple[str, int, tuple[int, str]]] = []
        if self._column_holds(entry, c, column, best.scheme):
            reported.append((best.scheme, column.passes[best.scheme], column.first[best.scheme]))
        # Values the chosen scheme does not explain, in a form that proves another one.
        others: Counter[str] = Counter()
        firsts: dict[str, tuple[int, str]] = {}
        for group, count in column.groups.items():
            if best.scheme in group or not column.group_strong[group]:
                continue
            own = resolve(
                [Match(s, column.strong[s] > 0) for s in group],
                named=column.hints,
                countries=self.countries,
            )
            if own is not None and own.strong:
                others[own.scheme] += count
                first = column.group_first[group]
                if own.scheme not in firsts or first[0] < firsts[own.scheme][0]:
                    firsts[own.scheme] = first
        reported.extend((s, n, firsts[s]) for s, n in others.items())
        return reported

    def _column_holds(self, entry: TableEntry, c: int, column: ColumnIds, scheme: str) -> bool:
        """Does the column support reporting ``scheme`` (its best) at all?"""
        if column.strong[scheme]:
            return not column.strong_only or self._proven_among_amounts(column, scheme)
        passes = column.passes[scheme]
        share = passes / column.filled
        if (scheme in column.hints or column.named) and share >= 0.5:
            return True
        if passes < UNSUPPORTED_MIN or share < 0.8 or self._holds_amounts(entry, c):
            return False
        if column.plausible[scheme] < PLAUSIBLE_SHARE * passes:
            return False  # dates with four more digits, not CPR numbers
        distinct_share = len(column.distinct) / min(column.filled, MAX_DISTINCT)
        return distinct_share >= 0.9

    @staticmethod
    def _proven_among_amounts(column: ColumnIds, scheme: str) -> bool:
        """In a column of amounts, a value written in the scheme's own format proves itself;
        bare digits that pass a strong check only when they are most of the column. An
        11-digit sum of money passes both fødselsnummer check digits about once in a thousand:
        one such sum among the others is chance, a column of them is not."""
        if column.written_strong[scheme]:
            return True
        return column.strong[scheme] >= PLAUSIBLE_SHARE * max(column.rows, column.filled)

    @staticmethod
    def _holds_amounts(entry: TableEntry, c: int) -> bool:
        shape = entry.shape
        label = shape.label_of(c)
        if any(
            check(label)
            for check in (words.is_magnitude_label, words.is_count_label, words.is_percent_label,
                          words.is_total_label)
        ):  # fmt: skip
            return True
        if shape.kind == ts.REGRESSION or _PHONE_LABEL.search(label):
            return True
        return bool(shape.total_rows) or shape.total_column is not None

    def _column_finding(
        self,
        state: TableIds,
        c: int,
        column: ColumnIds,
        scheme: str,
        count: int,
        first: tuple[int, str],
    ) -> Finding:
        row, shown = first
        label = state.entry.shape.label_of(c) or f"column {c + 1}"
        name = scheme_of(scheme).title
        location = state.table.cell_location(row - state.table.row_offset, c)
        values = "value" if count == 1 else "values"
        held = f"holds {count} {values}"
        if column.settled:
            held = f"holds at least {count} {values}"
        hidden = " (in content a reader does not see)" if state.entry.hidden else ""
        return Finding(
            code=f"identifier.{scheme}",
            severity=RISK,
            location=location,
            message=(
                f"Column '{label}'{hidden} {held} that are valid as a {name}. "
                "Identifiers may never leave the secure environment: delete the column and "
                "transfer aggregated results only."
            ),
            evidence=mask_identifier(shown),
        )


# A column of phone numbers: Swedish mobile numbers (07x...) pass the CPR date check.
_PHONE_LABEL = re.compile(r"tlf|telefon|phone|mobil|fax|\btel\b", re.IGNORECASE)
# The smallest number that can be identifier-shaped (eight digits), and that can prove itself
# (a fødselsnummer's eleven).
_SMALLEST_ID = 10_000_000
_SMALLEST_STRONG_ID = 10_000_000_000


def _column(body: list[list[Any]], c: int, ragged: bool) -> list[Any]:
    if ragged:
        return [row[c] if c < len(row) else None for row in body]
    return list(map(operator.itemgetter(c), body))


def _rows_with_shapes(values: list[Any], *, strong_only: bool = False) -> list[int]:
    """Indexes of the cells that hold an identifier-shaped run (8+ digits, or a dashed date).

    One pre-filter pass over the column joined as lines; a column whose cells hold line breaks
    is read cell by cell instead (line numbers would not be row numbers). A column of numbers
    all below ``_SMALLEST_ID`` (years, codes, counts, means) holds none: C-speed ``max`` says so.
    """
    try:
        joined = "\n".join(values)  # a column of text
    except TypeError:
        try:
            largest = max(values)
        except TypeError:  # mixed, or with empty cells
            largest = None
        smallest = _SMALLEST_STRONG_ID if strong_only else _SMALLEST_ID
        if isinstance(largest, int | float) and largest < smallest:
            return []  # (a NaN first in the column gives NaN: then the column is read)
        joined = "\n".join(map(str, values))  # None reads "None": no digits, no harm
    if joined.count("\n") != len(values) - 1:
        return list(range(len(values)))
    rows: list[int] = []
    row, counted = 0, 0
    for start, end in shape_spans(joined, bare_min=11 if strong_only else 8):
        row += joined.count("\n", counted, start)
        counted = start
        rows.append(row)
        lines_in_span = joined.count("\n", start, end)
        rows.extend(range(row + 1, row + 1 + lines_in_span))
    return rows


class _LineCounter:
    """Locations of offsets in one block, counting line breaks once (offsets ascending)."""

    def __init__(self, block: TextBlock) -> None:
        self.block = block
        self.line = 0
        self.counted = 0
        base = block.location
        self.base_line = int(base[5:]) if base.startswith("line ") and base[5:].isdigit() else None

    def location(self, offset: int) -> str:
        if offset >= self.counted:
            self.line += self.block.text.count("\n", self.counted, offset)
        else:
            self.line = self.block.text.count("\n", 0, offset)
        self.counted = offset
        if self.line == 0:
            return self.block.location
        if self.base_line is not None:
            return f"line {self.base_line + self.line}"
        base = self.block.location
        return f"{base}, line {self.line + 1}" if base else f"line {self.line + 1}"
