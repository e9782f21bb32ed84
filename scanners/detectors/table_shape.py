"""What kind of table a grid of cells is: its header rows, what each column holds, its totals.

The rules are docs/transfer-rules.md's ("What a table tells on its own"):

- header rows are the leading rows with text where the body has numbers (or years);
- a column is a *label* (text, codes, years, row numbers), a *count* (non-negative integers,
  or labelled antal/n/freq), a *magnitude* (decimals, or labelled sum/gns/mean/kr/indkomst),
  a *percent*, a regression *statistic*, or holds the *largest* contributions;
- a table is *regression* output when its labels say coef/std. err./t/P>|t|/number of obs,
  *frequency* when its value columns are counts, *magnitude* when it shows amounts (its count
  columns are then the N beside them), *survival* when a column holds the number at risk
  (``sts list``, ``survfit``, life tables: the number at risk is the count; events and
  censorings at one time are not cells);
- category codes are not counts: integer columns named as codes (``aldgrp``, ``kom_kode``, a
  codebook's ``value``), and the leading columns of a long table whose combinations each occur
  once (year x kommune x køn x aldersgruppe beside an ``antal``);
- degrees of freedom, sums of squares and test statistics (``df``, ``MS``, ``chi2``) are
  estimation output, not counts;
- total rows and columns are found by label (i alt, total) or because they add up.

``TableShape.why`` says, per column, why its numbers were taken as counts: findings quote it.

Only the first ``SHAPE_SAMPLE_ROWS`` rows of a table are read to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scanners.detectors import column_words
from scanners.detectors import vocabulary as words
from scanners.detectors.cell_values import (
    Number,
    cell_text,
    full_date,
    is_empty,
    is_full_date,
    is_suppression_mark,
    parse_number,
)

SHAPE_SAMPLE_ROWS = 2000
MAX_COLUMNS = 256
MAX_HEADER_ROWS = 10

LABEL, COUNT, MAGNITUDE, PERCENT, STAT, LARGEST, EVENTS = (
    "label", "count", "magnitude", "percent", "stat", "largest", "events",
)  # fmt: skip
YEAR, SEQUENCE, INTEGER, DECIMAL, DATE, EMPTY = (
    "year", "sequence", "integer", "decimal", "date", "empty",
)  # fmt: skip
# The end of a period whose start is another column (uge_start, uge_slut): one category, not
# two; and answers written in words (a survey's open comments), which name no category.
PERIOD_END, FREE_TEXT = "period_end", "free_text"
LABEL_ROLES = frozenset({LABEL, YEAR, SEQUENCE, DATE, EMPTY, PERIOD_END, FREE_TEXT})

FREQUENCY, MAGNITUDE_TABLE, REGRESSION, TEXT, OTHER, SURVIVAL = (
    "frequency", "magnitude", "regression", "text", "other", "survival",
)  # fmt: skip

# Cell kinds in the sampled grid
_E, _N, _M, _D, _T = "e", "n", "m", "d", "t"


@dataclass
class TableShape:
    header_rows: int
    labels: list[str]  # per column: header text, lower case, header rows joined
    roles: list[str]  # per column: one of the roles above
    kind: str
    total_rows: frozenset[int] = frozenset()  # row indices in the first chunk
    total_column: int | None = None
    regression_evidence: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
    # Per column: why its numbers are what ``roles`` says (for count columns, quoted in findings).
    reasons: list[str] = field(default_factory=list)
    # Leading columns that together name each row once (the categories of a long table).
    key_columns: tuple[int, ...] = ()
    # Unlabelled rows of percentages under each count row (Stata ``tabulate, row col``).
    share_rows: frozenset[int] = frozenset()
    # Text columns of "n (%)" cells ("173 (16.9)"), as a "Table 1" of a paper prints counts.
    count_share_columns: tuple[int, ...] = ()
    # A column of periods that names each row once, evenly spaced (1980, 1981 ...; months;
    # days): the table is a series of aggregates, one row per period.
    series_column: int | None = None
    # (row, column, n) for each base a column states: in its header ("Nordjylland (n = 2)",
    # in the last header row) or in a row labelled "n" above statistics written as text.
    stated_bases: tuple[tuple[int, int, int], ...] = ()

    def why(self, column: int) -> str:
        return self.reasons[column] if column < len(self.reasons) else ""

    @property
    def width(self) -> int:
        return len(self.roles)

    def columns_with(self, *roles: str) -> list[int]:
        return [c for c, role in enumerate(self.roles) if role in roles]

    def label_of(self, column: int) -> str:
        return self.labels[column] if column < len(self.labels) else ""

    @property
    def numbered_rows(self) -> bool:
        """The rows are numbered 1, 2, 3 down the side under no header, as R prints a data
        frame (``head()``, a tibble) and ``write.csv`` writes its row names."""
        return self.width > 2 and not self.labels[0] and self.roles[0] == SEQUENCE


@dataclass
class _Grid:
    kinds: list[list[str]]
    numbers: list[list[Number | None]]
    texts: list[list[str]]
    width: int


# A tibble's line of column types under its names ("<date> <dbl> <chr>"): no label.
_TIBBLE_TYPE = re.compile(r"^<(?:int|dbl|chr|fct|ord|lgl|date|dttm|time|drtn|list|num|cpl)>$")
# A cell of a rule line: Markdown's "|:---|---:|", pandoc's "------ -----", "=====".
_RULE_CELL = re.compile(r"^:?[-=_~+]{2,}:?$")


def _read_grid(rows: list[list[Any]]) -> _Grid:
    sample = rows[:SHAPE_SAMPLE_ROWS]
    width = min(max((len(r) for r in sample), default=0), MAX_COLUMNS)
    kinds, numbers, texts = [], [], []
    for row in sample:
        row_kinds, row_numbers, row_texts = [], [], []
        for c in range(width):
            value = row[c] if c < len(row) else None
            number = None
            if is_empty(value) or (
                isinstance(value, str)
                and (_RULE_CELL.match(value.strip()) or _TIBBLE_TYPE.match(value.strip()))
            ):
                kind = _E
            elif (number := parse_number(value)) is not None:
                kind = _N
            elif is_suppression_mark(value):
                kind = _M
            elif is_full_date(value):
                kind = _D
            else:
                kind = _T
            row_kinds.append(kind)
            row_numbers.append(number)
            row_texts.append(cell_text(value) if kind in (_T, _D) else "")
        kinds.append(row_kinds)
        numbers.append(row_numbers)
        texts.append(row_texts)
    for c in range(width):
        _thousands_points(numbers, c)
    return _Grid(kinds, numbers, texts, width)


def _thousands_points(numbers: list[list[Number | None]], c: int) -> None:
    """Danish thousands read as decimals: a document's "31.204" beside "412" in one column.

    Readers of documents (HTML, Word, LaTeX) read "31.204" as 31.204. A column that mixes
    such numbers (at least one with three decimals, all at least 1, none with more than three
    decimals) with whole numbers below 1,000 is a column of whole numbers written with
    thousands points: no tool prints one column of decimals as "412" and "31.204". Such a
    column's numbers are taken as the whole numbers they are (31204)."""
    column = [n for row in numbers if c < len(row) and (n := row[c]) is not None]
    floats = [n for n in column if not n.is_integer and not n.is_percent]
    if not floats or not any(n.is_integer and 0 <= n.value < 1000 for n in column):
        return
    three = 0
    for n in floats:
        scaled = n.value * 1000
        if n.value < 1 or abs(scaled - round(scaled)) > 1e-6:
            return
        three += abs(n.value * 100 - round(n.value * 100)) > 1e-6
    if not three:
        return
    for row in numbers:
        cell = row[c] if c < len(row) else None
        if cell is not None and not cell.is_integer and not cell.is_percent:
            row[c] = Number(float(round(cell.value * 1000)), True)


def _is_year(number: Number | None) -> bool:
    return number is not None and number.is_integer and 1900 <= number.value <= 2100


def _numeric_columns(grid: _Grid) -> set[int]:
    """Columns whose cells below the first row are mostly numbers or suppression marks."""
    result = set()
    for c in range(grid.width):
        filled = numeric = 0
        for r in range(1, len(grid.kinds)):
            kind = grid.kinds[r][c]
            if kind != _E:
                filled += 1
                numeric += kind in (_N, _M)
        if filled and numeric >= 0.6 * filled:
            result.add(c)
    return result


def _year_row(grid: _Grid, r: int) -> bool:
    if r >= len(grid.numbers):
        return False
    nums = [n for n in grid.numbers[r] if n is not None]
    if len(nums) < 2 or not all(_is_year(n) for n in nums):
        return False
    values = [n.value for n in nums]
    return len(set(values)) == len(values) and r + 1 < len(grid.kinds)


def _header_row_count(grid: _Grid, numeric: set[int]) -> int:
    n = len(grid.kinds)
    if n <= 1:
        return n
    count = 0
    for r in range(min(n, MAX_HEADER_ROWS)):
        row = grid.kinds[r]
        filled = [c for c, k in enumerate(row) if k != _E]
        if not filled:
            if count == r:
                count = r + 1
                continue
            break
        text_cells = [c for c in filled if row[c] in (_T, _D)]
        if _text_run(grid, r):
            # Rows of text alike in shape (a list of variables and their formats, as PSPP
            # prints before its tables) are a body under this row, not more header rows.
            count = r + 1
            break
        numbers = sum(1 for c in filled if row[c] == _N)
        if any(c in numeric for c in text_cells) and numbers <= len(text_cells):
            count = r + 1
        elif numeric and len(text_cells) == len(filled):
            count = r + 1  # a title line or a header above text columns
        elif _year_row(grid, r) and not _year_row(grid, r + 1):
            count = r + 1
        else:
            break
    if count >= n or not numeric:
        # All text (or nothing but numbers below text): the first row names the columns, and
        # so do the rows under it without a digit above statistics written as text
        # ("Stratified by region" over the strata over "47.30 (14.10)").
        if not any(k == _T for k in grid.kinds[0]):
            return 0
        heads = 1
        if any(_STATISTIC_TEXT.match(text) for row in grid.texts for text in row):
            while heads < min(n - 1, MAX_HEADER_ROWS) and _no_digits(grid, heads):
                heads += 1
        return heads
    return count


_STATISTIC_TEXT = re.compile(r"^[-+]?\d[\d.,]*\s*%?\s*[(\[]\s*[-+]?\d")


def _no_digits(grid: _Grid, r: int) -> bool:
    kinds = grid.kinds[r]
    return any(k == _T for k in kinds) and all(
        k in (_E, _T) and not any(ch.isdigit() for ch in grid.texts[r][c])
        for c, k in enumerate(kinds)
    )


def _text_run(grid: _Grid, r: int, length: int = 3) -> bool:
    """Rows r+1 .. r+length are all text, filled in the same columns as row r."""
    if r + length >= len(grid.kinds):
        return False
    pattern = [k != _E for k in grid.kinds[r]]
    for k in range(r + 1, r + length + 1):
        kinds = grid.kinds[k]
        if [kind != _E for kind in kinds] != pattern or any(kind == _N for kind in kinds):
            return False
    return sum(pattern) >= 2


def _number_label(number: Number | None) -> str:
    if number is None:
        return ""
    return str(int(number.value)) if number.is_integer else str(number.value)


def _labels(grid: _Grid, header_rows: int) -> list[str]:
    """Each column's header text, header rows joined; a label spanning columns in an upper
    header row ("sex" above 0 and 1) is carried right, a lone title line is not."""
    labels = [""] * grid.width
    for r in range(header_rows):
        carried = ""
        filled = sum(kind != _E for kind in grid.kinds[r])
        if filled == 1 and grid.width > 2 and grid.kinds[r][0] in (_T, _D) and r < header_rows - 1:
            continue  # a title line above the table ("Table 2. Patients by ..."): no column's name
        upper_row = r < header_rows - 1 and filled > 1
        for c in range(grid.width):
            kind = grid.kinds[r][c]
            if kind == _E:
                # A spanning label ("sex" over its values) carries right in upper header rows.
                text = carried if upper_row else ""
            elif kind == _N:
                text = _number_label(grid.numbers[r][c])
                carried = ""
            elif kind == _M:
                text = carried = ""
            else:
                text = carried = grid.texts[r][c]
            if text:
                labels[c] = f"{labels[c]} {text}".strip()
    return [label.lower() for label in labels]


def _own_names(grid: _Grid, header_rows: int) -> list[str]:
    """Each column's own name: its cell in the last header row (or the last header row that
    names it, above a tibble's types)."""
    names = []
    for c in range(grid.width):
        name = ""
        for r in range(header_rows - 1, -1, -1):
            name = grid.texts[r][c] or _number_label(grid.numbers[r][c])
            if name or any(k != _E for k in grid.kinds[r]):
                break
        names.append(name.lower())
    return names


def _column_role(grid: _Grid, c: int, body: Iterable[int], label: str) -> str:
    filled = numeric = texts = dates = ints = nonneg = percents = 0
    values: list[float] = []
    for r in body:
        kind = grid.kinds[r][c]
        if kind == _E:
            continue
        filled += 1
        if kind == _T:
            texts += 1
        elif kind == _D:
            dates += 1
        elif kind == _N:
            number = grid.numbers[r][c]
            assert number is not None
            numeric += 1
            ints += number.is_integer
            nonneg += number.value >= 0
            percents += number.is_percent
            values.append(number.value)
    if filled == 0:
        return EMPTY
    if texts + dates > numeric:
        return DATE if dates > texts else LABEL
    if numeric == 0:
        return EMPTY  # only suppression marks
    if words.is_percent_label(label) or percents * 2 >= numeric:
        return PERCENT
    if words.regression_hits(label):
        return STAT
    if words.is_largest_label(label):
        return LARGEST
    all_counts = ints == numeric and nonneg == numeric
    if all_counts and words.is_total_label(label) and not words.is_count_label(label):
        return INTEGER  # a margin of counts ("Sum", "I alt", "Total"), not an amount
    if words.is_count_label(label):
        if label in _OBSERVATION_NUMBER_LABELS and _runs_up_by_one(values, ints, numeric):
            return SEQUENCE  # SAS PROC PRINT's "Obs" numbers the rows 1, 2, 3: not counts
        return COUNT if all_counts else MAGNITUDE
    if words.is_magnitude_label(label):
        return MAGNITUDE
    if (
        ints == numeric
        and all(1900 <= v <= 2100 for v in values)
        and (not label or words.is_year_label(label))
    ):
        return YEAR
    if _runs_up_by_one(values, ints, numeric):
        return SEQUENCE  # row or line numbers (a few skipped where lines were blank)
    return INTEGER if all_counts else DECIMAL


_OBSERVATION_NUMBER_LABELS = frozenset({"obs", "obs."})


def _runs_up_by_one(values: list[float], ints: int, numeric: int) -> bool:
    """Whole numbers from 0 or 1 rising by one (a few skipped where lines were blank)."""
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return (
        ints == numeric
        and len(values) >= 3
        and values[0] in (0.0, 1.0)
        and all(step >= 1 for step in steps)
        and sum(step == 1 for step in steps) >= 0.8 * len(steps)
    )


def _code_column(grid: _Grid, c: int, body: Iterable[int], roles: list[str], label: str) -> bool:
    """A leading integer column beside other numbers holds category codes when its label says
    so (kode, alder, køn, region...) or, before any text column, when its values are distinct.
    A variable name that says code (``aldgrp``, ``value`` in a codebook) needs no numbers after.
    """
    if _is_code_name(label) and (
        column_words.is_strong_code_name(label) or _looks_like_codes(grid, c, body)
    ):
        return True
    if not any(role in (INTEGER, COUNT, MAGNITUDE, DECIMAL) for role in roles[c + 1 :]):
        return False
    if words.is_code_label(label):
        return True
    if any(roles[k] in (LABEL, SEQUENCE, YEAR) for k in range(c)):
        return False
    values = [grid.numbers[r][c] for r in body if grid.kinds[r][c] == _N]
    distinct = {n.value for n in values if n is not None}
    return len(values) >= 2 and len(distinct) == len(values)


def _regression_evidence(grid: _Grid, labels: list[str], roles: list[str]) -> set[str]:
    hits: set[str] = set()
    for label in labels:
        hits |= words.regression_hits(label)
    for r in range(min(len(grid.kinds), 300)):
        for c, text in enumerate(grid.texts[r]):
            if text and (roles[c] in LABEL_ROLES or r == 0):
                hits |= words.regression_hits(text)
    return hits


def _total_rows(grid: _Grid, body: Iterable[int], roles: list[str]) -> set[int]:
    found = set()
    for r in body:
        for c, text in enumerate(grid.texts[r]):
            labelled = roles[c] in LABEL_ROLES and roles[c] != FREE_TEXT  # "alt i alt god"
            if text and labelled and words.is_total_label(text):
                found.add(r)
                break
    return found


def _value_columns(roles: list[str]) -> list[int]:
    return [c for c, role in enumerate(roles) if role in (COUNT, INTEGER, MAGNITUDE, DECIMAL)]


def _sums_up(parts: list[float], total: float) -> bool:
    return abs(sum(parts) - total) <= max(0.5, abs(total) * 1e-6)


def _holds_totals(grid: _Grid, body: Iterable[int], c: int, columns: list[int]) -> bool:
    """A column labelled as a total is one if in nearly every row it is at least as large as
    each other value column ("Samlet tilfredshed" of 1-5 beside other answers is not)."""
    rows = checked = 0
    for r in body:
        total = grid.numbers[r][c]
        others = [n.value for k in columns if k != c and (n := grid.numbers[r][k]) is not None]
        if total is None or not others:
            continue
        rows += 1
        checked += total.value >= max(others)
    return rows == 0 or checked >= 0.9 * rows


def _additive_total_column(grid: _Grid, body: Iterable[int], columns: list[int]) -> int | None:
    """The last value column, if in every fully filled row it is the sum of the others."""
    if len(columns) < 3:
        return None
    last, parts = columns[-1], columns[:-1]
    checked = 0
    for r in body:
        cells = [grid.numbers[r][c] for c in columns]
        if any(n is None for n in cells):
            continue
        values = [n.value for n in cells if n is not None]
        if not _sums_up(values[:-1], values[-1]):
            return None
        checked += 1
    return last if checked >= 2 and parts else None


def _additive_total_row(grid: _Grid, body: Iterable[int], columns: list[int]) -> int | None:
    """The last body row, if in every value column it is the sum of the rows above it."""
    rows = [r for r in body if any(grid.kinds[r][c] == _N for c in columns)]
    if len(rows) < 3 or not columns:
        return None
    last, above = rows[-1], rows[:-1]
    checked = 0
    for c in columns:
        total = grid.numbers[last][c]
        parts = [grid.numbers[r][c] for r in above]
        if total is None or any(p is None for p in parts):
            continue
        if not _sums_up([p.value for p in parts if p is not None], total.value):
            return None
        checked += 1
    return last if checked else None


def _rows_are_shares(grid: _Grid, body: Iterable[int], columns: list[int]) -> bool:
    """Integer rows that each add up to 100 are percentages."""
    if len(columns) < 2:
        return False
    checked = 0
    for r in body:
        cells = [grid.numbers[r][c] for c in columns]
        if any(n is None for n in cells):
            continue
        if abs(sum(n.value for n in cells if n is not None) - 100) > 1:
            return False
        checked += 1
    return checked >= 2


def _looks_like_codes(grid: _Grid, c: int, body: Iterable[int]) -> bool:
    """Values as codes are: repeated down the column (1, 2, 1, 2), or a run 0/1, 1, 2, ... k
    (a codebook's values). Counts under a header that happens to read "Type" are neither."""
    values = [n.value for r in body if (n := grid.numbers[r][c]) is not None]
    if not values:
        return False
    distinct = sorted(set(values))
    repeated = len(distinct) <= max(1, len(values) // 2)
    run = distinct[0] in (0.0, 1.0) and distinct == [distinct[0] + k for k in range(len(distinct))]
    return repeated or run


def _is_code_name(name: str) -> bool:
    """A variable name (one word, no spaces) that says its integers are category codes."""
    return bool(name) and " " not in name.strip() and column_words.is_code_name(name)


def _key_prefix(grid: _Grid, body: Iterable[int], roles: list[str]) -> int:
    """How many leading columns name each row once, as the categories of a long table do
    (aar;kom;koen;aldgrp;antal): the shortest prefix of two or more label or integer columns
    whose combinations are all different, with a value column after it. 0 when none."""
    rows = [r for r in body if any(k != _E for k in grid.kinds[r])]
    if len(rows) < 4:
        return 0
    first = 0  # row numbers down the side (R prints them) are not categories
    while first < len(roles) and roles[first] == SEQUENCE:
        first += 1
    leading = first
    for role in roles[first:]:
        if role not in LABEL_ROLES and role != INTEGER:
            break
        leading += 1
    for k in range(first + 1, min(leading, len(roles) - 1) + 1):
        combinations = {
            tuple(grid.texts[r][c] or _number_label(grid.numbers[r][c]) for c in range(first, k))
            for r in rows
        }
        if len(combinations) == len(rows):
            if k == first + 1:
                return 0  # one column already names each row: the numbers after it are values
            # Every integer key column repeats its values (codes do; an id column does not).
            for c in range(first, k):
                if roles[c] == INTEGER:
                    values = [_number_label(grid.numbers[r][c]) for r in rows]
                    if len(set(values)) > len(values) / 2:
                        return 0
            return k if any(role not in LABEL_ROLES for role in roles[k:]) else 0
    return 0


def _stacked_share_rows(grid: _Grid, body: range) -> set[int]:
    """Rows without a label under a labelled row, holding only shares (0-100, decimals or a
    100 at the end): Stata prints row, column and cell percentages so under each count row."""
    found: set[int] = set()
    previous_labelled = False
    for r in body:
        kinds = grid.kinds[r]
        if not kinds or kinds[0] != _E:
            previous_labelled = bool(kinds) and kinds[0] in (_T, _N)
            continue
        numbers = [n for n in grid.numbers[r] if n is not None]
        if not numbers:
            continue  # a blank spacer line keeps the run going
        shares = all(0 <= n.value <= 100 for n in numbers) and (
            any(not n.is_integer for n in numbers) or numbers[-1].value == 100
        )
        if previous_labelled and len(numbers) >= 2 and shares:
            found.add(r)
        else:
            previous_labelled = False
    return found if len(found) >= 2 else set()


_COUNT_STATISTIC = re.compile(r"^(?:count|antal|n|frequency|frekvens|observed|observeret)$", re.I)
_OTHER_STATISTIC = re.compile(
    r"%|\bpct\b|percent|procent|expected|forventet|residual|within|\bstd\b|adjusted", re.I
)


def _statistic_rows(grid: _Grid, body: range) -> set[int]:
    """Rows of percentages, expected counts or residuals interleaved with the count rows of a
    cross table, named in a column of their own (SPSS and PSPP print "Count", "Row %",
    "Expected Count" under each category): not counts, so not cells."""
    for c in range(min(grid.width, 4)):
        names = {r: grid.texts[r][c].strip() for r in body if grid.kinds[r][c] == _T}
        counts = [r for r, name in names.items() if _COUNT_STATISTIC.match(name)]
        others = {r for r, name in names.items() if _OTHER_STATISTIC.search(name)}
        if len(counts) >= 2 and len(others) >= 2 and len(counts) + len(others) == len(names):
            return others
    return set()


COUNT_WITH_SHARE = re.compile(r"^(\d{1,3}(?:[ ,.]\d{3})*|\d+)\s*\(\s*\d+(?:[.,]\d+)?\s*%?\s*\)$")


def _count_share_column(grid: _Grid, c: int, body: Iterable[int]) -> bool:
    """Most filled cells are "n (%)": a count with its share in brackets."""
    texts = [grid.texts[r][c] for r in body if grid.kinds[r][c] == _T]
    hits = sum(1 for text in texts if COUNT_WITH_SHARE.match(text))
    return len(texts) >= 2 and hits >= 0.5 * len(texts)


_STATED_BASE = re.compile(r"[(\[,;]?\s*\b[nN]\s*[=:]\s*(\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+)\s*[)\]]?")


def stated_base(label: str) -> int | None:
    """The base a column header states ("Læsø (n = 2)", "N = 1.204", "Women, n=512")."""
    match = _STATED_BASE.search(label)
    if not match:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def _without_base(label: str) -> str:
    """The header without its stated base, so that "(n = 512)" does not make a column of
    shares a column of counts."""
    return _STATED_BASE.sub(" ", label).strip()


def _column_shares(grid: _Grid, body: list[int], columns: list[int], totals: set[int]) -> bool:
    """Every one of two or more columns adds up to 100 over its rows (a total row of 100
    left out): column percentages, whatever their headers say."""
    if len(columns) < 2:
        return False
    decimals = False
    for c in columns:
        numbers = [n for r in body if r not in totals and (n := grid.numbers[r][c])]
        values = [n.value for n in numbers]
        if len(values) < 2 or any(not 0 <= v <= 100 for v in values):
            return False
        if abs(sum(values) - 100) > 1.5:
            return False
        decimals = decimals or any(not n.is_integer for n in numbers)
    # Whole numbers adding up to 100 may be counts of 100 per group (a trial's arms).
    return decimals


def _series_column(grid: _Grid, body: list[int], roles: list[str]) -> int | None:
    """The leading column of periods when each row is one period, evenly spaced: years in a
    run (1980, 1981 ... 2022) or dates a day, a week, a month, a quarter or a year apart.
    Birth dates are never evenly spaced, so a listing of persons has none."""
    rows = [r for r in body if any(k != _E for k in grid.kinds[r])]
    if len(rows) < 5:
        return None
    for c, role in enumerate(roles[:3]):
        if role == YEAR:
            values = [n.value for r in rows if (n := grid.numbers[r][c]) is not None]
            steps = {b - a for a, b in zip(values, values[1:], strict=False)}
            if len(values) == len(rows) and steps in ({1.0}, {-1.0}):
                return c
        elif role == DATE:
            days = [full_date(grid.texts[r][c]) for r in rows]
            if any(d is None for d in days) or len(set(days)) != len(days):
                continue
            steps = {(b - a).days for a, b in zip(days, days[1:], strict=False)}  # type: ignore[operator]
            if (
                steps <= {1}
                or steps <= {7}
                or steps <= set(range(28, 32))
                or (steps <= set(range(89, 93)) or steps <= {365, 366})
            ):
                return c
    return None


def _period_ends(grid: _Grid, body: list[int], roles: list[str]) -> list[int]:
    """Date columns that end a period another date column starts: the days between them are
    the same in every row (a week from Monday to Sunday), so the two name one period."""
    dates = [c for c, role in enumerate(roles) if role == DATE]
    ends = []
    for k, start in enumerate(dates):
        for end in dates[k + 1 :]:
            spans = set()
            for r in body[:500]:
                a, b = full_date(grid.texts[r][start]), full_date(grid.texts[r][end])
                if a is None or b is None:
                    continue
                spans.add((b - a).days)
                if len(spans) > 1:
                    break
            if len(spans) == 1 and end not in ends:
                ends.append(end)
    return ends


def _free_text(grid: _Grid, c: int, body: list[int]) -> bool:
    """A column of answers written in words, nearly all different (a survey's open comment):
    no category down the side of a table. Only right of the first column (where an aggregate
    names its rows, long item texts included) and over 30 rows or more."""
    if c == 0 or len(body) < 30:
        return False
    texts = [grid.texts[r][c] for r in body if grid.kinds[r][c] == _T]
    if len(texts) < 30:
        return False
    worded = sum(1 for text in texts if len(text.split()) >= 4)
    return worded >= 0.6 * len(texts) and len(set(texts)) >= 0.5 * len(texts)


_BASE_ROW = re.compile(r"^(?:n|antal|number|no\.?|obs|observations|antal personer)$", re.I)


def _base_rows(grid: _Grid, body: list[int], roles: list[str]) -> list[tuple[int, int, int]]:
    """(row, column, n) of the whole numbers in a row labelled "n" of a table whose columns
    are statistics written as text ("47.30 (14.10)", tableone's and a paper's Table 1): the
    base of each column."""
    stub = next((c for c, role in enumerate(roles) if role in (LABEL, FREE_TEXT)), None)
    if stub is None:
        return []
    found = []
    for r in body:
        if not _BASE_ROW.match(grid.texts[r][stub].strip()):
            continue
        for c in range(stub + 1, grid.width):
            number = grid.numbers[r][c]
            if roles[c] in (LABEL, FREE_TEXT) and number is not None and number.is_integer:
                found.append((r, c, int(number.value)))
    return found


def _describes_model(grid: _Grid, body: Iterable[int], roles: list[str]) -> bool:
    """The rows name sizes of a model or data set (SAS's "Dimensions": "Covariance Parameters
    2", "Subjects 1", "Max Obs per Subject 2000"), not categories of units."""
    stub = next((c for c, role in enumerate(roles) if role == LABEL), None)
    if stub is None:
        return False
    texts = [grid.texts[r][stub] for r in body if grid.texts[r][stub]]
    hits = sum(1 for text in texts if column_words.is_model_info_label(text))
    return len(texts) >= 2 and hits >= 0.6 * len(texts)


def names_codes(shape: TableShape, c: int) -> bool:
    """Column ``c`` is a category column named as a code (postnr, kommunekode, icd10): with a
    different value in each row it names categories (a lookup table, an aggregate by
    postcode), never persons."""
    return (
        c < len(shape.roles)
        and shape.roles[c] == LABEL
        and column_words.is_strong_code_name(shape.label_of(c))
    )


_EXTREMES = re.compile(r"lowest|highest|extreme|laveste|højeste|hoejeste|ekstrem|smallest|largest")


def lists_extreme_values(shape: TableShape) -> bool:
    """A table of the lowest and highest values of a variable beside the observations they
    belong to (SAS's ``Extreme Observations``: "Value Obs Value Obs"): single units' values."""
    labels = shape.labels
    paired = any(
        "value" in labels[c] and labels[c + 1].split()[-1:] in (["obs"], ["obs."], ["case"])
        for c in range(len(labels) - 1)
    )
    return paired and any(_EXTREMES.search(label) for label in labels)


def _survival_columns(labels: list[str], roles: list[str]) -> tuple[list[int], list[int]]:
    """The at-risk and the event/censoring columns of a survival or life table."""
    numeric = (INTEGER, COUNT, MAGNITUDE, DECIMAL, STAT, PERCENT)
    at_risk = [
        c for c, label in enumerate(labels)
        if roles[c] in numeric and column_words.is_at_risk(label)
    ]  # fmt: skip
    events = [
        c for c, label in enumerate(labels)
        if c not in at_risk and roles[c] in numeric and column_words.is_event_column(label)
    ]  # fmt: skip
    return at_risk, events


def shape_of(
    rows: list[list[Any]], *, header_rows: int | None = None, name: str = ""
) -> TableShape:
    """Work out the shape of a table from (the first chunk of) its rows."""
    grid = _read_grid(rows)
    numeric = _numeric_columns(grid)
    heads = header_rows if header_rows is not None else _header_row_count(grid, numeric)
    headers = _labels(grid, heads)
    stated = [(c, stated_base(label)) for c, label in enumerate(headers)]
    bases = [(max(heads - 1, 0), c, n) for c, n in stated if n is not None]
    labels = [_without_base(label) for label in headers]
    names = labels[:] if heads <= 1 else [_without_base(n) for n in _own_names(grid, heads)]
    shares = _stacked_share_rows(grid, range(heads, len(grid.kinds)))
    shares |= _statistic_rows(grid, range(heads, len(grid.kinds)))
    body = [r for r in range(heads, len(grid.kinds)) if r not in shares]
    roles = [_column_role(grid, c, body, labels[c]) for c in range(grid.width)]
    if heads and grid.width > 2 and not labels[0] and roles[0] in (INTEGER, DECIMAL):
        roles[0] = LABEL  # the stub under an empty corner: the values tabulated (PSPP, SPSS)
    reasons = [""] * grid.width
    for c, role in enumerate(roles):
        if role in LABEL_ROLES:
            continue
        if role == INTEGER and _code_column(grid, c, body, roles, names[c]):
            roles[c] = LABEL
            continue
        break
    for c, role in enumerate(roles):
        # Estimation output: degrees of freedom, sums of squares, test statistics.
        if role in (INTEGER, DECIMAL) and column_words.is_estimation_label(names[c]):
            roles[c] = STAT
        # A variable list's number of distinct values or of missing cells: not of units.
        elif role in (INTEGER, COUNT) and column_words.is_metadata_count(labels[c]):
            roles[c] = STAT
        # A code column anywhere: a codebook's "Numeric" or "Value" beside its "Freq.".
        elif (
            role == INTEGER
            and _is_code_name(names[c])
            and (column_words.is_strong_code_name(names[c]) or _looks_like_codes(grid, c, body))
        ):
            roles[c] = LABEL
    for c in _period_ends(grid, body, roles):
        roles[c] = PERIOD_END
    for c, role in enumerate(roles):
        if role == LABEL and _free_text(grid, c, body):
            roles[c] = FREE_TEXT
    bases += _base_rows(grid, body, roles)
    series = _series_column(grid, body, roles)
    keys = _key_prefix(grid, body, roles)
    for c in range(keys):
        if roles[c] == INTEGER:
            roles[c] = LABEL
    at_risk, events = _survival_columns(
        [f"{label} | {own}" for label, own in zip(labels, names, strict=True)], roles
    )
    value_columns = _value_columns(roles)
    integer_columns = [
        c
        for c in value_columns
        if roles[c] == INTEGER or (roles[c] == COUNT and not words.is_count_label(names[c]))
    ]  # fmt: skip  (an "n" beside the shares is their base, not one of them)
    if _rows_are_shares(grid, body, integer_columns):
        for c in integer_columns:
            roles[c] = PERCENT
        value_columns = _value_columns(roles)

    evidence = _regression_evidence(grid, labels, roles)
    totals = _total_rows(grid, body, roles)
    shared = [c for c in value_columns if roles[c] in (INTEGER, COUNT, MAGNITUDE, DECIMAL)]
    if not evidence and _column_shares(grid, body, shared, totals):
        for c in shared:
            roles[c] = PERCENT  # each column adds up to 100: column percentages
        value_columns = _value_columns(roles)
    total_column = next(
        (
            c
            for c in value_columns
            if words.is_total_label(labels[c])
            and "sum" not in labels[c]
            and _holds_totals(grid, body, c, value_columns)
        ),
        None,
    )
    additive_columns = [c for c in value_columns if roles[c] in (INTEGER, COUNT)]
    if total_column is None:
        total_column = _additive_total_column(grid, body, additive_columns)
    if not totals:
        row = _additive_total_row(grid, body, additive_columns)
        if row is not None:
            totals = {row}

    has_counts = any(roles[c] in (COUNT, INTEGER) for c in value_columns)
    has_amounts = any(roles[c] in (MAGNITUDE, DECIMAL) for c in value_columns)
    if at_risk:
        kind = SURVIVAL
    elif _describes_model(grid, body, roles):
        kind = OTHER  # "Columns in Z 98", "Subjects 1": the sizes of a model, not cells
    elif len(evidence) >= 2:
        kind = REGRESSION
    elif has_amounts:
        kind = MAGNITUDE_TABLE
    elif has_counts:
        kind = FREQUENCY
    elif all(role in (LABEL, EMPTY, DATE) for role in roles):
        kind = TEXT
    else:
        kind = OTHER
    for c, role in enumerate(roles):
        own = names[c] or labels[c]
        if role == COUNT:
            reasons[c] = f"column '{own}' is labelled as a count"
    if kind == FREQUENCY:
        why = "its value columns hold only whole non-negative numbers"
        if totals or total_column is not None:
            why += " and its totals add up or are labelled as totals"
        for c, role in enumerate(roles):
            if role == INTEGER:
                roles[c] = COUNT
                reasons[c] = f"the table is a frequency table: {why}"
    elif kind == MAGNITUDE_TABLE and heads == 0 and totals:
        # No header (tau-Argus and sdcTable write none): a whole-number column beside amounts
        # is the frequency of each cell.
        for c, role in enumerate(roles):
            if role == INTEGER:
                roles[c] = COUNT
                reasons[c] = (
                    "the table has no header, and a column of whole numbers beside amounts "
                    "is the number of units behind each cell (as tau-Argus and sdcTable write)"
                )
    elif kind == SURVIVAL:
        for c in range(len(roles)):
            if c in at_risk:
                roles[c] = COUNT
                reasons[c] = f"column '{names[c] or labels[c]}' is the number at risk"
            elif c in events:
                roles[c] = EVENTS
            elif roles[c] in (COUNT, INTEGER):
                roles[c] = STAT if c else LABEL
    return TableShape(
        header_rows=heads,
        labels=labels,
        roles=roles,
        kind=kind,
        total_rows=frozenset(totals),
        total_column=total_column,
        regression_evidence=frozenset(evidence),
        reasons=reasons,
        key_columns=tuple(range(keys)),
        share_rows=frozenset(shares),
        count_share_columns=tuple(
            c
            for c in range(1, grid.width)
            if roles[c] == LABEL and _count_share_column(grid, c, body)
        ),
        stated_bases=tuple(bases),
        series_column=series,
    )
