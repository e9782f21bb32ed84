"""Differencing across files: a new table, together with one released earlier, gives a small or
suppressed count back.

A *fingerprint* keeps of a table of counts only what differencing needs: the labels of its
count columns, each body row's category key (its label cells) with its counts (``None`` for a
suppressed cell), and its total row. Fingerprints are made of released tables only (the
airlock stores them at release); a new file's tables are compared with them:

- **one category fewer**: the same table (same count columns, the same counts in every
  category both show) with one category less, both with a total: the total's difference is the
  missing category's count;
- **totals against margins**: a row of one table with exactly one suppressed cell and its
  other cells shown, and the same category's total in the other table (its total column, or
  its only count column): the total minus the shown cells is the suppressed count;
- **overlapping populations**: both tables split the same population into ranges of one
  variable with different boundaries (age 0-17, 18-64, 65+ against 0-19, 20-64, 65+): the
  running totals of the two tables at neighbouring boundaries give the count of the sliver
  between them (ages 18-19). They are compared only when the two running totals agree at a
  boundary both tables have (their total, or a shared cut), so that two years or two
  populations are not taken for one.

A recomputed count is reported when it is below the minimum, or when the cell was suppressed
(a suppressed cell should stay unknown whatever its value). Pure functions: no I/O.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import cell_text, is_empty, is_suppression_mark, parse_number
from scanners.model import RISK, Finding, Policy, Table

MAX_FINGERPRINT_ROWS = 500  # larger tables are microdata-like; they are not fingerprinted
SUPPRESSED = None
_TOTAL = re.compile(r"^(?:i alt|total|totalt|alle|all|sum|i alt\W.*|total\W.*)$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TableFingerprint:
    table: str
    columns: tuple[str, ...]  # labels of the count columns, lower case
    rows: dict[str, tuple[float | None, ...]]  # category key -> counts (None: suppressed)
    total: tuple[float | None, ...] | None = None  # the total row, when there is one
    total_column: int | None = None  # index into ``columns`` of a row-total column
    # Where each category's row is in the file (only for the new file's findings).
    locations: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "columns": list(self.columns),
            "rows": {key: list(values) for key, values in self.rows.items()},
            "total": list(self.total) if self.total is not None else None,
            "total_column": self.total_column,
        }

    @cached_property
    def row_margins(self) -> dict[str, float]:
        """Each category's total (``_row_margins``), worked out once per fingerprint."""
        return _row_margins(self)

    @cached_property
    def range_groups(self) -> dict[str, _Ranges]:
        """Its rows grouped into ranges (``_range_groups``), worked out once per fingerprint."""
        return _range_groups(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableFingerprint:
        total = data.get("total")
        return cls(
            table=str(data.get("table", "")),
            columns=tuple(str(c) for c in data.get("columns", ())),
            rows={str(k): tuple(v) for k, v in dict(data.get("rows", {})).items()},
            total=tuple(total) if total is not None else None,
            total_column=data.get("total_column"),
        )


@dataclass(frozen=True)
class ReleasedTable:
    """A fingerprint of an earlier released file, with what a finding says about it."""

    file_name: str
    transferred_on: str  # ISO date
    fingerprint: TableFingerprint


@dataclass(frozen=True)
class Recomputed:
    category: str
    column: str
    value: float
    suppressed: bool
    how: str  # "one_category_fewer", "margin" or "overlap"
    row_key: str | None = None  # the new table's row it is found at, when not ``category``


# The last policy's released tables, as read from it: (the policy's tuple, what it gave).
_last_read: tuple[tuple[dict[str, Any], ...], list[ReleasedTable]] | None = None


def released_tables_of(policy: Policy) -> list[ReleasedTable]:
    """The tables of ``policy.released_tables``, read once for the same tuple: the pool process
    reads them before it forks a scan's sandbox child (``scanners.scan``), so every child of a
    project's policy starts with them read instead of reading hundreds of them again. Do not
    change the list: it is shared."""
    global _last_read
    entries = policy.released_tables
    if _last_read is not None and _last_read[0] is entries:
        return _last_read[1]
    tables = [
        ReleasedTable(
            file_name=str(entry.get("file_name", "")),
            transferred_on=str(entry.get("transferred_on", "")),
            fingerprint=TableFingerprint.from_dict(entry.get("fingerprint", {})),
        )
        for entry in entries
    ]
    for table in tables:  # what each comparison with them asks, worked out here once
        _ = table.fingerprint.row_margins, table.fingerprint.range_groups
    _last_read = (entries, tables)  # the tuple is held, so its identity is not reused
    return tables


def _number(value: Any) -> float | None:
    if is_suppression_mark(value) or is_empty(value):
        return SUPPRESSED
    number = parse_number(value)
    return float(number.value) if number is not None else SUPPRESSED


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower())


def fingerprint_table(table: Table) -> TableFingerprint | None:
    """The fingerprint of a frequency table, or None for anything else."""
    rows = table.rows
    if not rows or len(rows) > MAX_FINGERPRINT_ROWS + 10:
        return None
    shape = ts.shape_of(rows, header_rows=table.header_rows, name=table.name)
    if shape.kind != ts.FREQUENCY:
        return None
    counts = [c for c, role in enumerate(shape.roles) if role in (ts.COUNT, ts.INTEGER)]
    keys = [c for c, role in enumerate(shape.roles) if role in ts.LABEL_ROLES]
    if not counts or not keys:
        return None
    columns = tuple(_normal(shape.labels[c]) or f"column {c + 1}" for c in counts)
    body: dict[str, tuple[float | None, ...]] = {}
    locations: dict[str, tuple[str, ...]] = {}
    total: tuple[float | None, ...] | None = None
    for r in range(shape.header_rows, len(rows)):
        row = rows[r]
        key = " | ".join(_normal(cell_text(row[c])) for c in keys if c < len(row))
        values = tuple(_number(row[c]) if c < len(row) else SUPPRESSED for c in counts)
        if not key.strip(" |") and all(v is None for v in values):
            continue
        if r in shape.total_rows or _TOTAL.match(key.split(" | ")[0]):
            total = total or values
            continue
        if key in body:
            return None  # not a table of categories (a key occurs twice)
        body[key] = values
        locations[key] = tuple(table.cell_location(r, c) for c in counts)
    if len(body) < 2:
        return None
    total_column = counts.index(shape.total_column) if shape.total_column in counts else None
    return TableFingerprint(
        table=table.name,
        columns=columns,
        rows=body,
        total=total,
        total_column=total_column,
        locations=locations,
    )


def fingerprints_of(tables: Iterable[Table]) -> list[TableFingerprint]:
    found = []
    for table in tables:
        fingerprint = fingerprint_table(table)
        if fingerprint is not None:
            found.append(fingerprint)
    return found


def _reportable(value: float, suppressed: bool, min_count: int) -> bool:
    if value <= 0 or value != int(value):
        return False
    return suppressed or value < min_count


def _one_category_fewer(
    a: TableFingerprint, b: TableFingerprint, min_count: int
) -> Iterator[Recomputed]:
    if a.columns != b.columns or a.total is None or b.total is None:
        return
    larger, smaller = (a, b) if len(a.rows) > len(b.rows) else (b, a)
    extra = set(larger.rows) - set(smaller.rows)
    if len(extra) != 1 or set(smaller.rows) - set(larger.rows):
        return
    for key in smaller.rows:
        for x, y in zip(larger.rows[key], smaller.rows[key], strict=True):
            if x is not None and y is not None and x != y:
                return  # not the same table: the categories both show differ
    (category,) = extra
    if larger.total is None or smaller.total is None:
        return
    for c, column in enumerate(larger.columns):
        big, small = larger.total[c], smaller.total[c]
        if big is None or small is None:
            continue
        value = big - small
        suppressed = larger.rows[category][c] is None
        if _reportable(value, suppressed, min_count):
            yield Recomputed(category, column, value, suppressed, "one_category_fewer")


def _row_margins(table: TableFingerprint) -> dict[str, float]:
    """Each category's total: its total column, or its only count column."""
    if table.total_column is not None:
        index = table.total_column
    elif len(table.columns) == 1:
        index = 0
    else:
        return {}
    margins: dict[str, float] = {}
    for key, values in table.rows.items():
        value = values[index]
        if value is not None:
            margins[key] = value
    return margins


def _against_margins(
    cells: TableFingerprint, margins: TableFingerprint, min_count: int
) -> Iterator[Recomputed]:
    if cells.total_column is not None or len(cells.columns) < 2:
        return  # a row total in the same table: the in-file differencing rule sees it
    totals = margins.row_margins
    for key, values in cells.rows.items():
        if key not in totals:
            continue
        hidden = [c for c, v in enumerate(values) if v is None]
        if len(hidden) != 1:
            continue
        value = totals[key] - sum(v for v in values if v is not None)
        if _reportable(value, True, min_count):
            yield Recomputed(key, cells.columns[hidden[0]], value, True, "margin")


# --- overlapping populations: ranges of one variable with different boundaries -------------

_OPEN = float("inf")
_RANGE = re.compile(r"^(\d{1,4})\s*(?:-|–|—|to|til)\s*(\d{1,4})(?:\s*(?:år|years?|yrs?|y))?$")
_UPWARDS = re.compile(
    r"^(?:(\d{1,4})\s*\+|(\d{1,4})\s*(?:år|years?)?\s*(?:og (?:der)?over|og ældre|and over|"
    r"and older|or older|or more|eller mere|\+))(?:\s*(?:år|years?))?$"
)
_BELOW = re.compile(r"^(?:under|below|<)\s*(\d{1,4})(?:\s*(?:år|years?))?$")
_SINGLE = re.compile(r"^(\d{1,4})(?:\s*(?:år|years?))?$")


def _range_of(text: str) -> tuple[float, float] | None:
    """The whole-number range ``[low, high]`` a category label names, or None."""
    text = text.strip().strip(".")
    if match := _RANGE.match(text):
        low, high = int(match[1]), int(match[2])
        return (low, high) if low <= high else None
    if match := _UPWARDS.match(text):
        return (int(match[1] or match[2]), _OPEN)
    if match := _BELOW.match(text):
        high = int(match[1]) - 1
        return (0, high) if high >= 0 else None
    if match := _SINGLE.match(text):
        return (int(match[1]), int(match[1]))
    return None


@dataclass(frozen=True)
class _Ranges:
    """One group of a table's rows (the same other labels) split into ranges that follow one
    another without a gap: ``ranges[i]`` holds ``counts[i]``; ``keys[i]`` is its row."""

    ranges: tuple[tuple[float, float], ...]
    counts: tuple[tuple[float | None, ...], ...]
    keys: tuple[str, ...]


def _range_groups(table: TableFingerprint) -> dict[str, _Ranges]:
    groups: dict[str, list[tuple[tuple[float, float], tuple[float | None, ...], str]]] = {}
    for key, values in table.rows.items():
        parts = key.split(" | ")
        found = [(i, r) for i, part in enumerate(parts) if (r := _range_of(part)) is not None]
        if len(found) != 1:
            continue
        index, bounds = found[0]
        group = " | ".join(part for i, part in enumerate(parts) if i != index)
        groups.setdefault(group, []).append((bounds, values, key))
    result: dict[str, _Ranges] = {}
    for group, members in groups.items():
        members.sort(key=lambda member: member[0])
        if len(members) < 2:
            continue
        follows = all(
            later[0][0] == earlier[0][1] + 1
            for earlier, later in zip(members, members[1:], strict=False)
        )
        if follows:
            result[group] = _Ranges(
                ranges=tuple(m[0] for m in members),
                counts=tuple(m[1] for m in members),
                keys=tuple(m[2] for m in members),
            )
    return result


def _running_totals(ranges: _Ranges, column: int) -> dict[float, float]:
    """The count from the first range up to each range's upper end, while the cells are shown."""
    totals: dict[float, float] = {}
    running = 0.0
    for (_low, high), counts in zip(ranges.ranges, ranges.counts, strict=True):
        value = counts[column] if column < len(counts) else None
        if value is None:
            break
        running += value
        totals[high] = running
    return totals


def _sliver_name(low: float, high: float) -> str:
    if high == _OPEN:
        return f"{int(low)}+"
    return str(int(low)) if low == high else f"{int(low)}-{int(high)}"


def _column_pairs(a: TableFingerprint, b: TableFingerprint) -> list[tuple[int, int]]:
    if a.columns == b.columns:
        return [(c, c) for c in range(len(a.columns))]
    if len(a.columns) == 1 and len(b.columns) == 1:
        return [(0, 0)]
    return [(a.columns.index(c), b.columns.index(c)) for c in a.columns if c in b.columns]


def _overlapping(
    new: TableFingerprint, earlier: TableFingerprint, min_count: int
) -> Iterator[Recomputed]:
    new_groups, earlier_groups = new.range_groups, earlier.range_groups
    for group, ours in new_groups.items():
        theirs = earlier_groups.get(group)
        if theirs is None or ours.ranges[0][0] != theirs.ranges[0][0]:
            continue  # the running totals must start from the same lower bound
        if set(ours.ranges) == set(theirs.ranges):
            continue  # the same ranges: nothing new comes out of the pair
        for ours_column, theirs_column in _column_pairs(new, earlier):
            yield from _slivers(new, ours, theirs, ours_column, theirs_column, min_count)


def _slivers(
    new: TableFingerprint,
    ours: _Ranges,
    theirs: _Ranges,
    ours_column: int,
    theirs_column: int,
    min_count: int,
) -> Iterator[Recomputed]:
    mine = _running_totals(ours, ours_column)
    other = _running_totals(theirs, theirs_column)
    shared = set(mine) & set(other)
    if not shared or any(mine[cut] != other[cut] for cut in shared):
        return  # no boundary where both tables count the same: not one population
    cuts = sorted(set(mine) | set(other))
    start = ours.ranges[0][0]
    previous: tuple[float, float, str] = (start - 1, 0.0, "both")
    for cut in cuts:
        source = "both" if cut in shared else ("new" if cut in mine else "earlier")
        running = mine.get(cut, other.get(cut, 0.0))
        last_cut, last_running, last_source = previous
        # A sliver whose two ends are both boundaries of one table is that table's own cell.
        in_new = source != "earlier" and last_source != "earlier"
        in_earlier = source != "new" and last_source != "new"
        if not in_new and not in_earlier:
            value = running - last_running
            if _reportable(value, False, min_count):
                low, high = last_cut + 1, cut
                row = next(
                    (
                        key
                        for (lo, hi), key in zip(ours.ranges, ours.keys, strict=True)
                        if lo <= low <= hi
                    ),
                    ours.keys[0],
                )
                yield Recomputed(
                    _sliver_name(low, high),
                    new.columns[ours_column],
                    value,
                    False,
                    "overlap",
                    row_key=row,
                )
        previous = (cut, running, source)


def recomputed_cells(
    new: TableFingerprint, earlier: TableFingerprint, min_count: int
) -> list[Recomputed]:
    found = list(_one_category_fewer(new, earlier, min_count))
    found += _against_margins(new, earlier, min_count)
    found += _against_margins(earlier, new, min_count)
    found += _overlapping(new, earlier, min_count)
    return found


def differencing_findings(
    new: Iterable[TableFingerprint], released: Iterable[ReleasedTable], min_count: int
) -> list[Finding]:
    """One ``table.differencing`` finding per recomputed count, naming the earlier file."""
    released = list(released)
    findings: list[Finding] = []
    for fingerprint in new:
        for earlier in released:
            for cell in recomputed_cells(fingerprint, earlier.fingerprint, min_count):
                findings.append(_finding(fingerprint, earlier, cell))
    return findings


def _finding(new: TableFingerprint, earlier: ReleasedTable, cell: Recomputed) -> Finding:
    where = new.locations.get(cell.row_key or cell.category, ())
    column = new.columns.index(cell.column) if cell.column in new.columns else 0
    location = where[column] if column < len(where) else new.table
    what = "the suppressed count" if cell.suppressed else "the count"
    how = {
        "one_category_fewer": "the same table with one category fewer",
        "margin": "a total against the other cells",
        "overlap": "the two tables' overlapping categories",
    }[cell.how]
    return Finding(
        code="table.differencing",
        severity=RISK,
        location=location,
        message=(
            f"Together with '{earlier.file_name}' (transferred {earlier.transferred_on}), "
            f"{what} of '{cell.category}', column '{cell.column}', can be recomputed: "
            f"{int(cell.value)} ({how}). Suppress or aggregate so that the two tables "
            "together give no count below the minimum back."
        ),
        evidence=str(int(cell.value)),
    )


FINGERPRINT_TIME_LIMIT_SECONDS = 30.0


def fingerprints_of_file(
    path: str | Path, *, filename: str, policy: Policy | None = None
) -> list[TableFingerprint]:
    """The fingerprints of a released file's tables. It reads the file: the airlock calls it
    in a sandbox child (``scanners.sandbox.fingerprints_isolated``), never in the worker."""
    from scanners.filetype import check_type
    from scanners.limits import Deadline
    from scanners.readers import reader_for
    from scanners.readers.context import ReadContext

    policy = policy or Policy()
    file_path = Path(path)
    check = check_type(file_path, name=filename, size=file_path.stat().st_size, policy=policy)
    if check.rejected or check.unscannable_reason:
        return []
    reader = reader_for(check.reader_type)
    if reader is None:
        return []
    deadline = Deadline(min(policy.scan_time_limit_seconds, FINGERPRINT_TIME_LIMIT_SECONDS))
    context = ReadContext(policy=policy, file_type=check.reader_type, deadline=deadline)
    found: list[TableFingerprint] = []
    try:
        extraction = reader(file_path, context)
        for table in extraction.tables:
            deadline.check()
            if table.row_offset or not table.is_last_chunk:
                continue
            fingerprint = fingerprint_table(table)
            if fingerprint is not None:
                found.append(fingerprint)
    except Exception:  # noqa: BLE001 - a file that cannot be read again has no fingerprint
        return []
    finally:
        if context.workdir is not None:
            shutil.rmtree(context.workdir, ignore_errors=True)
    return found
