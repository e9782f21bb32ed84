"""Does a table hold unit records (microdata) rather than aggregates?

Judged on every body row, with bounded memory: per column at
most ``MAX_DISTINCT`` value hashes are kept. Signals, from SCANNING.md:

for unit records                               against (aggregate evidence)
- a column with a different code in every row   - a column labelled as a count (antal, n, freq)
  (an id), or a key-variable name               - total rows or a total column
- full dates (birth dates)                      - percentage columns
- amounts with a different value in most rows   - a text column naming a different category in
- category columns that repeat heavily            every row (kommune names down the side)
- many rows; a data file or a pivot cache       - regression output (never unit records)

Each signal has a weight; ``ROW_LEVEL_SCORE`` or more is judged row level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import is_empty, is_full_date, parse_number
from scanners.detectors.key_variables import key_variable_in
from scanners.detectors.vocabulary import is_count_label

MAX_COMBINATIONS = 200_000  # category combinations kept to check a full crossing
MAX_DISTINCT = 5_000
MAX_COLUMNS = 64
ROW_LEVEL_SCORE = 3
MIN_ROWS_FOR_ID = 20

_CODE = re.compile(r"^[A-Za-z]{0,4}[-_/]?\d{4,}[A-Za-z]?$")
_DATE_SHAPED = re.compile(r"[-/.]|^\d{1,2}[a-z]{3}\d{4}$", re.IGNORECASE)


@dataclass(slots=True)
class ColumnTally:
    filled: int = 0
    numeric: int = 0
    decimals: int = 0
    dates: int = 0
    codes: int = 0
    texts: int = 0
    distinct: set[int] = field(default_factory=set)
    saturated_at: int = 0  # filled count when ``distinct`` reached MAX_DISTINCT

    def add(self, value: Any) -> None:
        self.filled += 1
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.numeric += 1
            if isinstance(value, float) and not value.is_integer():
                self.decimals += 1
            elif abs(value) >= 1000:
                self.codes += 1
            key = hash(value)
        elif isinstance(value, str):
            text = value.strip()
            if _CODE.match(text):
                self.codes += 1
                self.numeric += text.isdigit()
            elif _DATE_SHAPED.search(text) and is_full_date(text):
                self.dates += 1
            else:
                number = parse_number(text)
                if number is None:
                    self.texts += 1
                else:
                    self.numeric += 1
                    self.decimals += not number.is_integer
            key = hash(text)
        else:
            if is_full_date(value):
                self.dates += 1
            key = hash(str(value))
        if not self.saturated_at:
            self.distinct.add(key)
            if len(self.distinct) >= MAX_DISTINCT:
                self.saturated_at = self.filled

    @property
    def distinct_ratio(self) -> float:
        if self.saturated_at:
            return len(self.distinct) / self.saturated_at
        return len(self.distinct) / self.filled if self.filled else 0.0


@dataclass
class Judgement:
    row_level: bool
    score: int
    reasons: list[str]


class RecordStats:
    """Tallies of a table's body rows, fed chunk by chunk."""

    def __init__(self, shape: ts.TableShape) -> None:
        self.columns = [ColumnTally() for _ in range(min(shape.width, MAX_COLUMNS))]
        self.rows_seen = 0
        self.sampled = 0
        # Category columns, to see whether each row is one cell of a full crossing.
        self.category_columns = [c for c in shape.columns_with(ts.LABEL) if c < MAX_COLUMNS]
        self.combinations: set[int] = set()

    def add_rows(self, rows: list[list[Any]]) -> None:
        # Every row is tallied (no sample): a table is never judged aggregate on part of it.
        self.rows_seen += len(rows)
        self.sampled += len(rows)
        columns = self.columns
        categories = self.category_columns
        crossing = len(categories) >= 2 and len(self.combinations) <= MAX_COMBINATIONS
        for row in rows:
            for c, value in enumerate(row[: len(columns)]):
                if not is_empty(value):
                    columns[c].add(value)
            if crossing:
                self.combinations.add(
                    hash(tuple(str(row[c]) if c < len(row) else "" for c in categories))
                )

    def judge(self, shape: ts.TableShape, *, source: str, total_rows: int | None) -> Judgement:
        rows = max(self.rows_seen, total_rows or 0)
        if shape.kind == ts.REGRESSION or self.sampled == 0:
            return Judgement(False, 0, [])
        score, reasons = 0, []

        def label(c: int) -> str:
            return shape.label_of(c) or f"column {c + 1}"

        ids = [c for c, tally in enumerate(self.columns) if self._is_id(c, tally, shape)]
        if ids:
            score += 2
            reasons.append(f"'{label(ids[0])}' has a different code in every row")
        dated = [
            c for c, t in enumerate(self.columns)
            if t.filled and t.dates >= 0.8 * t.filled and len(t.distinct) >= 5
        ]  # fmt: skip
        if dated:
            score += 2
            reasons.append(f"'{label(dated[0])}' holds full dates")
        named = self._category_names_per_row(shape)
        amounts = [
            c for c, t in enumerate(self.columns)
            if c not in ids and t.filled >= 30 and t.numeric >= 0.9 * t.filled
            and shape.roles[c] in (ts.MAGNITUDE, ts.DECIMAL) and t.distinct_ratio >= 0.5
        ]  # fmt: skip
        if amounts and not named:
            score += min(2, len(amounts))
            reasons.append(f"'{label(amounts[0])}' has a different amount in most rows")
        repeated = [
            c for c, t in enumerate(self.columns)
            if t.filled >= 30 and len(t.distinct) <= max(2, 0.1 * t.filled)
            and c < len(shape.roles) and shape.roles[c] in ts.LABEL_ROLES
        ]  # fmt: skip
        if repeated:
            score += min(2, len(repeated))
            reasons.append(f"categories in '{label(repeated[0])}' repeat row after row")
        if rows >= 1000:
            score += 2
        elif rows >= 200:
            score += 1
        if source in ("data_file", "pivot_cache"):
            score += 2
            reasons.append("it is a data file" if source == "data_file" else "it is a pivot cache")

        counted = any(is_count_label(shape.label_of(c)) for c in range(shape.width))
        percents = ts.PERCENT in shape.roles
        totals = bool(shape.total_rows) or shape.total_column is not None
        crossed = self._full_crossing()
        score -= 2 * counted + totals + percents + named + 2 * crossed
        if not (counted or percents or totals or named or crossed) and rows >= 30:
            score += 1
            reasons.append("there are no counts or totals")
        return Judgement(score >= ROW_LEVEL_SCORE, score, [f"{rows} rows", *reasons])

    def _is_id(self, c: int, tally: ColumnTally, shape: ts.TableShape) -> bool:
        if key_variable_in(shape.label_of(c)):
            return tally.filled >= 2
        if tally.filled < MIN_ROWS_FOR_ID or c >= len(shape.roles):
            return False
        role = shape.roles[c]
        if role in (ts.SEQUENCE, ts.PERCENT, ts.MAGNITUDE, ts.DECIMAL, ts.STAT):
            return False  # amounts may all differ in an aggregate table too
        if role == ts.COUNT and is_count_label(shape.label_of(c)):
            return False
        return tally.codes >= 0.9 * tally.filled and tally.distinct_ratio >= 0.999

    def _full_crossing(self) -> bool:
        """Each row one combination of the category columns, every combination present once:
        the layout of an aggregate in long format (kommune x køn x aldersgruppe), which unit
        records practically never form."""
        if len(self.category_columns) < 2 or self.sampled < 4:
            return False
        if len(self.combinations) > MAX_COMBINATIONS:
            return False  # too many rows to tell (memory stays bounded): not counted against
        product = 1
        for c in self.category_columns:
            tally = self.columns[c]
            if tally.saturated_at or tally.filled != self.sampled:
                return False
            product *= len(tally.distinct)
        return len(self.combinations) == self.sampled == product

    def _category_names_per_row(self, shape: ts.TableShape) -> bool:
        """A text column naming a different category in each row, as down an aggregate's side."""
        for c, tally in enumerate(self.columns):
            if c < len(shape.roles) and shape.roles[c] == ts.LABEL and tally.filled >= 3:
                if tally.texts >= 0.8 * tally.filled and tally.distinct_ratio >= 0.999:
                    return True
        return False
