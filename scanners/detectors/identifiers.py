"""identifier.<scheme>: national identifiers in text and in table columns.

Text: see ``identifier_text``. Tables are judged column by column on a bounded sample: a column
is reported once, at its first identifier, when

- it holds an identifier in a strong form (dashed CPR with a real date, fødselsnummer, HETU...);
- or its header names an identifier or key variable and at least half its values pass a check;
- or at least ``UNSUPPORTED_MIN`` values pass a weak check, they are at least 80% of the column,
  nearly all different, and nothing says the column holds amounts (an amount/count/percent
  label, or a table with totals: aggregate sums that happen to pass the CVR check are not CVRs).

Spreadsheets drop leading zeros (a CPR born on the 1st-9th becomes 9 digits) and may hold
numbers as floats or as ``1.01E+09`` text: 9-digit values are also tried with the zero put back,
and numbers are read as integers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from scanners.detectors import table_shape as ts
from scanners.detectors import vocabulary as words
from scanners.detectors.cell_values import parse_number
from scanners.detectors.evidence import FindingCap, mask_identifier
from scanners.detectors.identifier_text import TextHit, find_identifiers, is_calendar_date
from scanners.detectors.key_variables import key_variable_in
from scanners.detectors.national_ids import SCHEME_NAMES, SCHEME_PRIORITY, Match, matches_for
from scanners.detectors.table_book import TableBook, TableEntry
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock

SAMPLE_ROWS = 50_000
# Values per column put through the checks: enough to judge a column, cheap on a large file.
COLUMN_SAMPLE = 2_000
MAX_COLUMNS = 256
MAX_DISTINCT = 5_000
UNSUPPORTED_MIN = 5
TEXT_FINDINGS_PER_CODE = 10

# Header words that say which scheme a column holds.
_HINTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("cpr", "pnr", "personnummer", "personnr", "person_id"), ("dk_cpr", "se_pnr")),
    (("cvr",), ("dk_cvr",)),
    (("pnummer", "p_nummer", "p_nr", "arbnr", "penhed", "produktionsenhed"), ("dk_pnum",)),
    (("fnr", "fodsels", "fødsels", "dnr"), ("no_fnr",)),
    (("orgnr", "org_nr", "organisa"), ("no_orgnr", "se_orgnr")),
    (("hetu", "henkil"), ("fi_hetu",)),
    (("kennitala",), ("is_kennitala",)),
)


def schemes_hinted_by(label: str) -> frozenset[str]:
    low = label.lower().replace("-", "_").replace(" ", "_")
    found: set[str] = set()
    for stems, schemes in _HINTS:
        if any(stem in low for stem in stems):
            found.update(schemes)
    return frozenset(found)


@dataclass
class ColumnIds:
    filled: int = 0
    passes: Counter[str] = field(default_factory=Counter)
    strong: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[int, str]] = field(default_factory=dict)  # scheme -> (row, text)
    distinct: set[str] = field(default_factory=set)
    hints: frozenset[str] = frozenset()


@dataclass
class TableIds:
    table: Table  # the first chunk: for cell locations
    entry: TableEntry
    columns: dict[int, ColumnIds] = field(default_factory=dict)
    sampled: int = 0


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
    if n == 11 and text[:6].isdigit() and text[7:10].isdigit():
        if text[6] in "-+" and text[10].isdigit():
            return text[:6] + text[7:], True, text
        return text, True, text  # HETU with a letter
    if "e" in text.lower():  # 1.01E+09 as Excel shows it
        number = parse_number(text)
        if number is not None and number.is_integer and 1e7 <= number.value < 1e12:
            digits = str(int(number.value))
            return digits, False, digits
    return None


class IdentifierDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.schemes = frozenset(policy.identifier_schemes)
        self.book = book
        self.cap = FindingCap()
        self.text_cap = FindingCap(limit=TEXT_FINDINGS_PER_CODE)
        self.tables: dict[int, TableIds] = {}

    # --- text ---------------------------------------------------------------------------

    def feed_text(self, block: TextBlock) -> None:
        if not self.schemes or not block.text:
            return
        for hit in find_identifiers(block.text, self.schemes):
            location = _line_location(block, hit.start)
            self.text_cap.add("the text", self._text_finding(hit, location, block.hidden))

    def _text_finding(self, hit: TextHit, location: str, hidden: bool) -> Finding:
        name = SCHEME_NAMES[hit.scheme]
        why = {
            "format": "written in its own format and passing its check",
            "context": "passing its check, next to a word that names it",
            "list": "one of several numbers in a list that all pass the same check",
        }[hit.why]
        where = " in content a reader does not see" if hidden else ""
        return Finding(
            code=f"identifier.{hit.scheme}",
            severity=RISK,
            location=location,
            message=(
                f"A {name}{where} ({why}). Identifiers may never leave the secure "
                "environment: remove it, or explain in your comment why it is not one."
            ),
            evidence=mask_identifier(hit.text),
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
        room = SAMPLE_ROWS - state.sampled
        if room <= 0:
            return
        body = table.rows[chunk.body_start : chunk.body_start + room]
        state.sampled += len(body)
        first_row = chunk.body_start
        for r, row in enumerate(body, start=first_row):
            for c, value in enumerate(row[:MAX_COLUMNS]):
                shaped = _digits_of(value)
                if shaped is None:
                    if isinstance(value, str) and len(value) > 12:
                        self._cell_text(table, r, c, value)
                    continue
                self._tally(state, c, r + table.row_offset, shaped)

    def _cell_text(self, table: Table, r: int, c: int, value: str) -> None:
        for hit in find_identifiers(value, self.schemes, strong_only=True):
            self.cap.add(
                table.name, self._text_finding(hit, table.cell_location(r, c), table.hidden)
            )

    def _tally(
        self, state: TableIds, c: int, absolute_row: int, shaped: tuple[str, bool, str]
    ) -> None:
        digits, dashed, shown = shaped
        column = state.columns.get(c)
        if column is None:
            hints = schemes_hinted_by(state.entry.shape.label_of(c))
            column = state.columns[c] = ColumnIds(hints=hints)
        if column.filled >= COLUMN_SAMPLE:
            # Judged already; later rows (a large file's identifier-shaped lines) can still
            # show an identifier in a form that proves itself.
            if dashed or len(digits) == 11:
                for match in matches_for(digits, dashed=dashed, schemes=self.schemes):
                    if match.strong:
                        column.passes[match.scheme] += 1
                        column.strong[match.scheme] += 1
                        column.first.setdefault(match.scheme, (absolute_row, shown))
            return
        column.filled += 1
        if len(column.distinct) < MAX_DISTINCT:
            column.distinct.add(digits)
        found = matches_for(digits, dashed=dashed, schemes=self.schemes)
        if len(digits) == 9 and digits.isdigit():  # a CPR/kennitala that lost its leading zero
            found += [m for m in matches_for("0" + digits, dashed=False, schemes=self.schemes)
                      if m.scheme in ("dk_cpr", "se_pnr", "is_kennitala")]  # fmt: skip
        if len(digits) == 10 and digits.isdigit() and "no_fnr" in column.hints:
            # a fødselsnummer that lost its leading zero: only under a header that names it
            padded = matches_for("0" + digits, dashed=False, schemes=frozenset({"no_fnr"}))
            found += [Match(m.scheme, False) for m in padded]
        for match in found:
            if match.scheme == "dk_cvr" and is_calendar_date(digits):
                column.passes["date_shaped_cvr"] += 1
                continue
            column.passes[match.scheme] += 1
            column.strong[match.scheme] += match.strong
            column.first.setdefault(match.scheme, (absolute_row, shown))

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    # --- findings -----------------------------------------------------------------------

    def findings(self) -> Iterator[Finding]:
        yield from self.text_cap.findings()
        for state in self.tables.values():
            for c, column in sorted(state.columns.items()):
                for scheme in self._column_schemes(state.entry, c, column):
                    self.cap.add(state.table.name, self._column_finding(state, c, column, scheme))
        yield from self.cap.findings()

    def _column_schemes(self, entry: TableEntry, c: int, column: ColumnIds) -> list[str]:
        label = entry.shape.label_of(c)
        hinted = schemes_hinted_by(label) & self.schemes
        named = key_variable_in(label) is not None
        reported = [s for s in SCHEME_PRIORITY if column.strong[s]]
        candidates = [s for s in SCHEME_PRIORITY if column.passes[s] and s not in reported]
        if not candidates:
            return reported
        if hinted & set(candidates):
            candidates = [s for s in candidates if s in hinted]
        best = max(candidates, key=lambda s: (column.passes[s], -SCHEME_PRIORITY.index(s)))
        passes = column.passes[best]
        share = passes / column.filled
        if (hinted or named) and share >= 0.5:
            return [*reported, best]
        if reported:
            return reported
        if passes >= UNSUPPORTED_MIN and share >= 0.8 and not self._holds_amounts(entry, c):
            distinct_share = len(column.distinct) / min(column.filled, MAX_DISTINCT)
            if distinct_share >= 0.9:
                return [best]
        return []

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
        if shape.kind == ts.REGRESSION:
            return True
        return bool(shape.total_rows) or shape.total_column is not None

    def _column_finding(self, state: TableIds, c: int, column: ColumnIds, scheme: str) -> Finding:
        row, shown = column.first[scheme]
        count = column.passes[scheme]
        label = state.entry.shape.label_of(c) or f"column {c + 1}"
        name = SCHEME_NAMES[scheme]
        location = state.table.cell_location(row - state.table.row_offset, c)
        values = "value" if count == 1 else "values"
        if column.filled >= COLUMN_SAMPLE:
            values += f" of the first {COLUMN_SAMPLE} read"
        hidden = " (in content a reader does not see)" if state.entry.hidden else ""
        return Finding(
            code=f"identifier.{scheme}",
            severity=RISK,
            location=location,
            message=(
                f"Column '{label}'{hidden} holds {count} {values} that are valid as a {name}. "
                "Identifiers may never leave the secure environment: delete the column and "
                "transfer aggregated results only."
            ),
            evidence=mask_identifier(shown),
        )


def _line_location(block: TextBlock, offset: int) -> str:
    line = block.text.count("\n", 0, offset)
    if line == 0:
        return block.location
    base = block.location
    if base.startswith("line ") and base[5:].isdigit():
        return f"line {int(base[5:]) + line}"
    return f"{base}, line {line + 1}" if base else f"line {line + 1}"
