"""Does a table hold unit records (microdata) rather than aggregates?

Judged on every body row, with bounded memory: per column at
most ``MAX_DISTINCT`` value hashes are kept. Signals, from docs/transfer-rules.md:

for unit records                               against (aggregate evidence)
- a column with a different code in every row   - a column labelled as a count (antal, n, freq)
  (an id), or a key-variable name               - total rows or a total column
- full dates (birth dates)                      - percentage columns
- amounts with a different value in most rows   - a text column naming a different category in
- category columns that repeat heavily            every row (kommune names down the side)
- many rows; a data file or a pivot cache       - regression output (never unit records)
- numbered observations (Stata ``list``, SAS    - each combination of the category columns
  ``PROC PRINT``'s ``Obs``)                        once (a grouped aggregate in long format)
                                                 - a listing of results (estimates, counts)

Each signal has a weight; ``ROW_LEVEL_SCORE`` or more is judged row level.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat, zip_longest
from typing import Any

from scanners.detectors import column_words
from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import is_empty, is_full_date, parse_number
from scanners.detectors.key_variables import key_variable_in
from scanners.detectors.vocabulary import is_count_label, regression_hits, tokens
from scanners.readers.text_tables import LISTING_SOURCE

MAX_COMBINATIONS = 200_000  # category combinations kept to check a full crossing
MAX_DISTINCT = 5_000
MAX_COLUMNS = 64
ROW_LEVEL_SCORE = 3
MIN_ROWS_FOR_ID = 20
# Amounts and repeating categories count from this many rows; a shorter table below
# ``MIN_ROWS_FOR_SHAPES`` counts them only together and with no sign of an aggregate at all
# (a listing of a few persons: PSPP's ``LIST``, a printed subset).
MIN_ROWS_FOR_SHAPES = 30
MIN_ROWS_SHORT_LISTING = 10


def _texts(column: tuple[Any, ...]) -> list[str]:
    """The cells as text for the category combinations; an empty cell is ``""``."""
    if None in column:
        return [str(v) if v is not None else "" for v in column]
    return list(map(str, column))


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

    def add(self, value: Any, times: int = 1) -> None:
        """Tally ``value``, seen ``times`` times (a chunk's equal values are tallied once)."""
        self.filled += times
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.numeric += times
            if isinstance(value, float) and not value.is_integer():
                self.decimals += times
            elif abs(value) >= 1000:
                self.codes += times
            key = hash(value)
        elif isinstance(value, str):
            text = value.strip()
            if _CODE.match(text):
                self.codes += times
                self.numeric += times * text.isdigit()
            elif _DATE_SHAPED.search(text) and is_full_date(text):
                self.dates += times
            else:
                number = parse_number(text)
                if number is None:
                    self.texts += times
                else:
                    self.numeric += times
                    self.decimals += times * (not number.is_integer)
            key = hash(text)
        else:
            if is_full_date(value):
                self.dates += times
            key = hash(str(value))
        if not self.saturated_at:
            self.distinct.add(key)
            if len(self.distinct) >= MAX_DISTINCT:
                self.saturated_at = self.filled

    def add_numbers(self, counted: Counter[Any]) -> bool:
        """``add(value, times)`` for every item of ``counted``, in its order, when its values
        are all ``int`` or all ``float`` (no NaN): the same tallies, counted in C. False, and
        nothing tallied, for any other column."""
        kinds = set(map(type, counted))
        if kinds != {int} and kinds != {float}:
            return not kinds  # an empty column: nothing to tally
        values = list(counted)
        times = list(counted.values())
        total = sum(times)
        large = list(map(operator.le, repeat(1000), map(abs, values)))
        if kinds == {float}:
            if any(map(math.isnan, values)):
                return False  # NaN is an empty cell
            whole = list(map(float.is_integer, values))
            self.decimals += total - sum(compress(times, whole))
            self.codes += sum(compress(times, map(operator.and_, whole, large)))
        else:
            self.codes += sum(compress(times, large))
        self.numeric += total
        if not self.saturated_at:
            keys = map(hash, values)
            if len(self.distinct) + len(values) < MAX_DISTINCT:
                self.distinct.update(keys)
            else:  # saturates in this column: where, counted as ``add`` counts
                filled = self.filled
                for key, count in zip(keys, times, strict=True):
                    filled += count
                    self.distinct.add(key)
                    if len(self.distinct) >= MAX_DISTINCT:
                        self.saturated_at = filled
                        break
        self.filled += total
        return True

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
        self.category_columns = [
            c for c in shape.columns_with(ts.LABEL, ts.YEAR, ts.DATE) if c < MAX_COLUMNS
        ]
        self.combinations: set[int] = set()
        # Whether the first column's numbers rise row after row (codes, a subset's row names)
        self.first_rising = True
        self._first_last: float | None = None

    def add_rows(self, rows: list[list[Any]]) -> None:
        # Every row is tallied (no sample): a table is never judged aggregate on part of it.
        self.rows_seen += len(rows)
        self.sampled += len(rows)
        if not rows:
            return
        columns = self.columns
        categories = self.category_columns
        # Column by column: each distinct value of a chunk is tallied once, with its count.
        width = len(columns)
        values = list(zip_longest(*(row[:width] for row in rows)))
        if values and self.first_rising:
            self._track_first(values[0])
        for c, column in enumerate(values[:width]):
            tally = columns[c]
            counted = Counter(column)
            counted.pop(None, None)
            if not tally.add_numbers(counted):
                for value, times in counted.items():
                    if not is_empty(value):
                        tally.add(value, times)
        if len(categories) >= 2 and len(self.combinations) <= MAX_COMBINATIONS:
            texts = [_texts(values[c]) if c < len(values) else [""] * len(rows) for c in categories]
            self.combinations.update(map(hash, zip(*texts, strict=True)))

    def judge(self, shape: ts.TableShape, *, source: str, total_rows: int | None) -> Judgement:
        rows = max(self.rows_seen, total_rows or 0)
        if shape.kind == ts.REGRESSION or self.sampled == 0:
            return Judgement(False, 0, [])
        score, reasons = 0, []

        def label(c: int) -> str:
            return shape.label_of(c) or f"column {c + 1}"

        series = shape.series_column  # one row per year, month or day: an aggregate series
        ids = [
            c
            for c, tally in enumerate(self.columns)
            if c != series and self._is_id(c, tally, shape)
        ]
        if ids:
            score += 2
            reasons.append(f"'{label(ids[0])}' has a different code in every row")
        dated = [
            c for c, t in enumerate(self.columns)
            if t.filled and t.dates >= 0.8 * t.filled and len(t.distinct) >= 5 and c != series
        ]  # fmt: skip
        grouped = self._grouped()
        if dated and not grouped:  # in a grouped table the dates are a category (a series)
            score += 2 + (len(dated) >= 2)  # a birth date and an event date: one unit per row
            reasons.append(f"'{label(dated[0])}' holds full dates")
        named = self._category_names_per_row(shape) or series is not None
        cases = _case_numbers(shape)
        listing = source == LISTING_SOURCE or _numbered_observations(shape) or cases
        results = listing and not cases and _lists_results(shape)
        estimates = _estimate_columns(shape)
        if not listing and len(estimates) >= 2 and not ids and not dated:
            # One row per replication, model or parameter: estimates, not units.
            results = True
            reasons.append(f"but '{label(estimates[0])}' and others hold estimates")
        if listing and not results:
            score += 3
            reasons.append(
                "it lists single cases by their case number"
                if cases
                else "it lists numbered observations (Stata list or SAS PROC PRINT)"
            )
        amounts = [
            c for c, t in enumerate(self.columns)
            if c not in ids and t.filled >= MIN_ROWS_FOR_SHAPES and t.numeric >= 0.9 * t.filled
            and shape.roles[c] in (ts.MAGNITUDE, ts.DECIMAL) and t.distinct_ratio >= 0.5
        ]  # fmt: skip
        if amounts and not named and not grouped:
            score += min(2, len(amounts))
            reasons.append(f"'{label(amounts[0])}' has a different amount in most rows")
        repeated = [
            c for c, t in enumerate(self.columns)
            if t.filled >= MIN_ROWS_FOR_SHAPES and len(t.distinct) <= max(2, 0.1 * t.filled)
            and c < len(shape.roles) and shape.roles[c] in ts.LABEL_ROLES
        ]  # fmt: skip
        if repeated and not grouped:
            score += min(2, len(repeated))
            reasons.append(f"categories in '{label(repeated[0])}' repeat row after row")
        answers = [
            c for c in repeated
            if self.columns[c].texts >= 0.8 * self.columns[c].filled
            and len(self.columns[c].distinct) <= 12
        ]  # fmt: skip
        if len(answers) >= 3 and not grouped:
            # A questionnaire export: one respondent per row, an answer in each column.
            score += 2
            reasons.append(
                f"{len(answers)} columns of answers (such as '{label(answers[0])}') repeat "
                "row after row, one respondent per row"
            )
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
        aggregate = counted or percents or totals or named or crossed or grouped or results
        if not (aggregate or listing or ids or dated) and (
            MIN_ROWS_SHORT_LISTING <= rows < MIN_ROWS_FOR_SHAPES
        ):
            short = self._short_listing(shape)
            if short:
                score += ROW_LEVEL_SCORE
                reasons.append(short)
        score -= 2 * counted + totals + percents + named + 2 * crossed + 3 * grouped
        score -= 3 * results
        if grouped:
            reasons.append("but each combination of its category columns occurs once")
        few_dated = bool(dated) and rows >= 10  # a short listing of persons with birth dates
        if not (counted or percents or totals or named or crossed or grouped) and (
            rows >= 30 or few_dated
        ):
            score += 1
            reasons.append("there are no counts or totals")
        if shape.numbered_rows and not listing and not aggregate:
            score += 2  # a printed data frame (R's head(), a tibble): its rows numbered 1, 2, 3
            reasons.append("its rows are numbered down the side, as a printed data frame's")
        elif self._selected_row_names(shape) and not listing and not aggregate:
            score += 3
            reasons.append(
                "its rows are named by their places in a larger data set down the side, as R "
                "prints a sample or subset of a data frame"
            )
        if listing and not results:
            # A listing of observations is unit records whatever its variables are called.
            score = max(score, ROW_LEVEL_SCORE)
        return Judgement(score >= ROW_LEVEL_SCORE, score, [f"{rows} rows", *reasons])

    def _short_listing(self, shape: ts.TableShape) -> str:
        """A short table (10 to 29 rows) with no sign of an aggregate, in which a category
        repeats (sex: 1 and 2 down the rows) beside an amount that differs in every row
        (income) and the category columns, taken together, name the same group twice or fill
        little of their crossing: a few persons listed, one per row. An aggregate of so few
        rows names its groups once each (grouped, crossed) or counts them. The reason, or
        ``""``."""
        if len(self.category_columns) < 2:
            return ""
        amount = next(
            (
                c for c, t in enumerate(self.columns)
                if c < len(shape.roles) and shape.roles[c] in (ts.MAGNITUDE, ts.DECIMAL)
                and t.filled == self.sampled and t.numeric == t.filled
                and t.distinct_ratio >= 0.9
            ),
            None,
        )  # fmt: skip
        repeated = next(
            (
                c for c in self.category_columns
                if self.columns[c].filled == self.sampled
                and len(self.columns[c].distinct) <= max(2, 0.2 * self.sampled)
            ),
            None,
        )  # fmt: skip
        if amount is None or repeated is None:
            return ""
        product = 1
        for c in self.category_columns:
            product *= max(1, len(self.columns[c].distinct))
        if len(self.combinations) == self.sampled and self.sampled >= 0.25 * product:
            return ""  # each group once, filling their crossing: an aggregate in long format
        name = shape.label_of(amount) or f"column {amount + 1}"
        category = shape.label_of(repeated) or f"column {repeated + 1}"
        return (
            f"a short listing: '{category}' repeats beside '{name}', which differs in every "
            "row, with no counts, totals or groups named once"
        )

    def _track_first(self, column: tuple[Any, ...]) -> None:
        last = self._first_last
        for value in column:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            if last is not None and value <= last:
                self.first_rising = False
                return
            last = value
        self._first_last = last

    def _selected_row_names(self, shape: ts.TableShape) -> bool:
        """An unnamed first column of distinct whole numbers in no order, most of them 1000
        or more, over fewer rows than that, beside categories that repeat (sex,
        municipality): R's row names of rows picked at random from a larger data frame
        (``d[sample(nrow(d), 12), ]``), each row's place in it. Codes down the side of
        statistics (postcodes over means) rise row after row and repeat no category."""
        if shape.width < 3 or shape.label_of(0) or not self.columns:
            return False
        if shape.roles[0] in (ts.SEQUENCE, ts.YEAR, ts.DATE) or _lists_results(shape):
            return False
        tally = self.columns[0]
        repeats = any(
            c < len(shape.roles) and shape.roles[c] in ts.LABEL_ROLES
            and 0 < len(other.distinct) < other.filled
            for c, other in enumerate(self.columns[1:], start=1)
        )  # fmt: skip
        return (
            repeats
            and not self.first_rising
            and 5 <= tally.filled < 1000
            and tally.numeric == tally.filled
            and tally.decimals == 0
            and tally.distinct_ratio >= 0.999
            and tally.codes >= 0.5 * tally.filled
        )

    def _is_id(self, c: int, tally: ColumnTally, shape: ts.TableShape) -> bool:
        if key_variable_in(shape.label_of(c)):
            return tally.filled >= 2
        if tally.filled < MIN_ROWS_FOR_ID or c >= len(shape.roles) or ts.names_codes(shape, c):
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

    def _grouped(self) -> bool:
        """Each row one combination of two or more low-cardinality category columns, none
        repeated, and the combinations fill a good part of their crossing: a grouped aggregate
        in long format (some empty cells left out), which unit records practically never are."""
        categories = self.category_columns
        if len(categories) < 2 or self.sampled < 4:
            return False
        if len(self.combinations) > MAX_COMBINATIONS or len(self.combinations) != self.sampled:
            return False
        product = 1
        for c in categories:
            tally = self.columns[c]
            if tally.saturated_at or len(tally.distinct) > max(2, 0.5 * self.sampled):
                return False
            product *= len(tally.distinct)
        return self.sampled >= 0.25 * product

    def _category_names_per_row(self, shape: ts.TableShape) -> bool:
        """A text column naming a different category in each row, as down an aggregate's side."""
        for c, tally in enumerate(self.columns):
            if c < len(shape.roles) and shape.roles[c] == ts.LABEL and tally.filled >= 3:
                if tally.texts >= 0.8 * tally.filled and tally.distinct_ratio >= 0.999:
                    return True
                if ts.names_codes(shape, c) and tally.distinct_ratio >= 0.999:
                    return True  # a different postcode or kommunekode in each row: a lookup
        return False


_RESULT_TOKENS = frozenset({
    "b", "beta", "coef", "se", "estimate", "est", "p", "pval", "pvalue", "ci", "lb", "ub",
    "ll", "ul", "lower", "upper", "or", "hr", "rr", "irr", "t", "z", "mean", "median", "sd",
    "model", "parm", "parameter", "stderr", "min", "max",
})  # fmt: skip


def _lists_results(shape: ts.TableShape) -> bool:
    """A listing of results rather than of units: a count column (``collapse (count)``), or
    estimates (b, se, p, ci), or summary statistics named as such (mean_wage, p50)."""
    for c in range(shape.width):
        label = shape.label_of(c)
        if not label or (c < len(shape.roles) and shape.roles[c] == ts.SEQUENCE):
            continue  # the listing's own row numbers (SAS's "Obs") are not a count column
        if is_count_label(label) or regression_hits(label):
            return True
        words = tokens(label)
        if any(w in _RESULT_TOKENS for w in words) or any(
            w.startswith(("mean", "sd_", "p50", "median", "sum_", "count")) for w in words
        ):
            return True
        if column_words.is_estimation_label(label):
            return True
    return False


_ESTIMATE_TOKENS = frozenset({
    "estimate", "estimates", "est", "coef", "coefficient", "beta", "se", "stderr", "error",
    "bias", "rmse", "mse", "coverage", "covered", "pvalue", "pval", "ci", "lb", "ub", "lower",
    "upper", "tstat", "zstat", "statistic", "replication", "replicate", "rep", "sim",
    "simulation", "draw", "bootstrap", "iteration", "iter", "fold", "loglik", "aic", "bic",
})  # fmt: skip


def _estimate_columns(shape: ts.TableShape) -> list[int]:
    """Columns named as estimates or their errors (estimate, std_error, bias, coverage)."""
    return [
        c for c in range(shape.width)
        if shape.label_of(c)
        and (regression_hits(shape.label_of(c))
             or any(w in _ESTIMATE_TOKENS for w in tokens(shape.label_of(c))))
    ]  # fmt: skip


_CASE_NUMBER = re.compile(
    r"\b(?:case|obs|observation|record|row|respondent|person)\s*(?:number|no\.?|nr\.?|id)\b"
    r"|\b(?:løbenummer|casenummer|observationsnummer)\b",
    re.IGNORECASE,
)


def _case_numbers(shape: ts.TableShape) -> bool:
    """A column naming which case of the data each row is (SPSS's ``Extreme Values`` with its
    ``Case Number``, outlier listings): the rows are single cases, their values the units'."""
    return any(
        _CASE_NUMBER.search(shape.label_of(c)) for c in range(shape.width)
    ) or ts.lists_extreme_values(shape)


def _numbered_observations(shape: ts.TableShape) -> bool:
    """SAS ``PROC PRINT``: a first column headed ``Obs`` numbering the rows 1, 2, 3..."""
    return shape.width > 1 and shape.label_of(0) == "obs" and shape.roles[0] == ts.SEQUENCE
