"""table.small_cell: a count below the minimum number of observations per cell.

Frequency tables: every count of 1 up to ``policy.min_cell_count - 1``, totals included.
Magnitude tables (means, medians, sums, min/max): the N column beside the amounts, because an
average of two incomes tells each of them to the other.

A zero is not reported. An empty category (no one aged 15 with a PhD) discloses no one's
value by itself, and flagging structural zeros would bury the real small cells. A zero can still
disclose in combination (a whole group sharing one attribute); that is left to the reviewer.

Percentages, years, row numbers, codes and regression output are not counts (see
``table_shape``). Tables judged to be unit records get one microdata finding instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import cell_text, parse_number
from scanners.detectors.evidence import FindingCap
from scanners.detectors.table_book import TableBook, TableEntry
from scanners.detectors.vocabulary import is_count_label
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock

_CUMULATIVE = re.compile(r"cum|kum", re.IGNORECASE)
_BASES = re.compile(r"^\s*(?:n|base|antal|basis)\s*[=:]\s*((?:\d{1,9}\s+){0,49}\d{1,9})\s*$", re.I)
_STATISTIC_ROW = re.compile(
    r"mean|median|gns|gennemsnit|\bsd\b|\biqr\b|std|range|min|max|spredning|kvartil", re.I
)


def small_cell_finding(table: Table, r: int, c: int, *, message: str, evidence: str) -> Finding:
    """The finding for a count below the minimum at cell (r, c) of ``table``."""
    return Finding(
        code="table.small_cell",
        severity=RISK,
        location=table.cell_location(r, c),
        message=message,
        evidence=evidence,
    )


def _implied_columns(shape: ts.TableShape) -> tuple[list[int], list[int]] | None:
    """The one column of N and the two or more share columns whose shares of that N the
    small-cell rule checks row by row, or None when the table has no such columns. They depend
    on the table's shape only, so they are found once a chunk, not once a row."""
    bases = [c for c in shape.columns_with(ts.COUNT) if is_count_label(shape.label_of(c))]
    shares = [
        c for c in shape.columns_with(ts.PERCENT)
        if not _CUMULATIVE.search(shape.label_of(c))
    ]  # fmt: skip
    if len(bases) != 1 or len(shares) < 2:
        return None
    return bases, shares


@dataclass
class _Pending:
    entry: TableEntry
    name: str
    cap: FindingCap = field(default_factory=FindingCap)
    rows_read: int = 0


class SmallCellDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.minimum = policy.min_cell_count
        self.book = book
        self.pending: dict[int, _Pending] = {}
        # "n = 4 1996" lines: the bases of a table of shares printed beside it (R's cat()).
        self.bases: list[tuple[str, list[int]]] = []

    def feed_text(self, block: TextBlock) -> None:
        match = _BASES.match(block.text)
        if match and len(self.bases) < 100:
            self.bases.append((block.location, [int(n) for n in match.group(1).split()]))

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        chunk = self.book.observe(table)
        if chunk.entry.concluded:
            # Judged unit records on conclusive evidence (``TableBook``): that judgement is
            # final, and the table's small cells are never reported (``findings``).
            return
        shape = chunk.entry.shape
        if shape.count_share_columns:
            self._counts_with_shares(table, chunk.entry, chunk.body_start)
        if self.bases and chunk.first:
            self._shares_of_stated_bases(table, chunk.entry, chunk.body_start)
        if shape.stated_bases and chunk.first:
            self._bases_in_headers(table, chunk.entry)
        if shape.kind not in (ts.FREQUENCY, ts.MAGNITUDE_TABLE, ts.SURVIVAL):
            return
        columns = shape.columns_with(ts.COUNT)
        if not columns:
            return
        state = self.pending.setdefault(id(chunk.entry), _Pending(chunk.entry, table.name))
        rows = table.rows[chunk.body_start :]  # every row of every chunk: no sample
        state.rows_read += len(rows)
        label_columns = shape.columns_with(ts.LABEL)
        shares = shape.share_rows if chunk.first else frozenset()
        implied = _implied_columns(shape)
        for r, row in enumerate(rows, start=chunk.body_start):
            if r in shares:
                continue  # percentages printed under the counts (Stata tabulate, row)
            for c in columns:
                if c >= len(row):
                    continue
                number = parse_number(row[c])
                if number is None or not number.is_integer or number.is_percent:
                    continue
                if 0 < number.value < self.minimum:
                    row_label = " ".join(cell_text(row[k]) for k in label_columns if k < len(row))
                    finding = self._finding(
                        table, shape, r, c, int(number.value), row_label.strip()
                    )
                    state.cap.add(state.name, finding)
            if implied is not None:
                self._implied_counts(table, shape, state, r, row, label_columns, *implied)

    def _counts_with_shares(self, table: Table, entry: TableEntry, body_start: int) -> None:
        """ "n (%)" cells of a paper's Table 1: the count before the bracket is a cell."""
        shape = entry.shape
        state = self.pending.setdefault(id(entry), _Pending(entry, table.name))
        for r, row in enumerate(table.rows[body_start:], start=body_start):
            label = cell_text(row[0]) if row else ""
            if _STATISTIC_ROW.search(label):
                continue  # "Alder, median (IQR)": a statistic and its spread
            for c in shape.count_share_columns:
                match = ts.COUNT_WITH_SHARE.match(cell_text(row[c])) if c < len(row) else None
                number = parse_number(match.group(1)) if match else None
                if number is None or not number.is_integer:
                    continue
                if 0 < number.value < self.minimum:
                    column = shape.label_of(c) or f"column {c + 1}"
                    state.cap.add(
                        state.name,
                        small_cell_finding(
                            table,
                            r,
                            c,
                            message=(
                                f"Count {int(number.value)} (row '{label}', column '{column}') "
                                f"is below the minimum of {self.minimum} observations per cell "
                                f"(taken as a count because the column's cells are 'n (%)': a "
                                f"count with its share). Merge the category with others, or "
                                f"show it as fewer than {self.minimum} without its share."
                            ),
                            evidence=cell_text(row[c]),
                        ),
                    )

    def _bases_in_headers(self, table: Table, entry: TableEntry) -> None:
        """A column that states its base below the minimum: in its header ("Læsø (n = 2)") or
        in a row "n" above statistics written as text (tableone's "n  1204  512  2")."""
        state = self.pending.setdefault(id(entry), _Pending(entry, table.name))
        for row, c, base in entry.shape.stated_bases:
            if 0 < base < self.minimum:
                column = entry.shape.label_of(c) or f"column {c + 1}"
                where = "in its header" if row < entry.shape.header_rows else "in the row 'n'"
                message = (
                    f"Column '{column}' states its base as n = {base} {where}, below the "
                    f"minimum of {self.minimum} observations per cell: every figure in the "
                    "column describes fewer than the minimum. Merge the group with others."
                )
                finding = small_cell_finding(table, row, c, message=message, evidence=f"n={base}")
                state.cap.add(state.name, finding)

    def _shares_of_stated_bases(self, table: Table, entry: TableEntry, body_start: int) -> None:
        """A table of column shares (each column adds up to 100) with its bases stated in a
        line beside it ("n = 4 1996", one per column): 25% of 4 is one person."""
        shape = entry.shape
        columns = shape.columns_with(ts.PERCENT, ts.INTEGER, ts.COUNT, ts.DECIMAL, ts.MAGNITUDE)
        rows = table.rows[body_start:]
        sums = []
        for c in columns:
            numbers = [parse_number(row[c]) for row in rows if c < len(row)]
            sums.append(sum(n.value for n in numbers if n is not None))
        if not columns or any(abs(total - 100) > 1.5 for total in sums):
            return
        for where, bases in self.bases:
            if len(bases) != len(columns):
                continue
            state = self.pending.setdefault(id(entry), _Pending(entry, table.name))
            for c, base in zip(columns, bases, strict=True):
                for r, row in enumerate(rows, start=body_start):
                    share = parse_number(row[c]) if c < len(row) else None
                    implied = round(share.value * base / 100) if share else 0
                    if share is None or share.value <= 0 or not 0 < implied < self.minimum:
                        continue
                    label = cell_text(row[0]) if row else ""
                    column = shape.label_of(c) or f"column {c + 1}"
                    state.cap.add(
                        state.name,
                        small_cell_finding(
                            table,
                            r,
                            c,
                            message=(
                                f"The share {share.value:g}% (row '{label}', column "
                                f"'{column}') of its column's base n = {base} (stated at "
                                f"{where}) is {implied} unit(s), below the minimum of "
                                f"{self.minimum} observations per cell. Aggregate further, or "
                                "leave out the shares of groups smaller than the minimum."
                            ),
                            evidence=f"{share.value:g}% of {base}",
                        ),
                    )

    def _implied_counts(
        self,
        table: Table,
        shape: ts.TableShape,
        state: _Pending,
        r: int,
        row: list[object],
        label_columns: list[int],
        bases: list[int],
        shares: list[int],
    ) -> None:
        """Shares of a row's own N (they add up to 100 across the row): a share of 4% of 25
        is one unit, as small a cell as a count of 1. ``bases`` and ``shares`` are the
        table's columns of N and of shares (``_implied_columns``)."""
        if bases[0] >= len(row):
            return
        base = parse_number(row[bases[0]])
        values = {c: parse_number(row[c]) for c in shares if c < len(row)}
        numbers = {c: n.value for c, n in values.items() if n is not None}
        if base is None or base.value <= 0 or abs(sum(numbers.values()) - 100) > 1.5:
            return
        for c, share in numbers.items():
            implied = round(share * base.value / 100)
            if share > 0 and 0 < implied < self.minimum:
                row_label = " ".join(cell_text(row[k]) for k in label_columns if k < len(row))
                where = f"row '{row_label.strip()}', " if row_label.strip() else ""
                column = shape.label_of(c) or f"column {c + 1}"
                state.cap.add(
                    state.name,
                    small_cell_finding(
                        table,
                        r,
                        c,
                        message=(
                            f"The share {share:g}% ({where}column '{column}') of "
                            f"N = {int(base.value)} (column '{shape.label_of(bases[0])}') is "
                            f"{implied} unit(s), below the minimum of {self.minimum} "
                            "observations per cell (the shares across the row add up to 100, "
                            "so each is a share of that N). Aggregate further, or leave out the "
                            "shares of cells with fewer than the minimum."
                        ),
                        evidence=f"{share:g}% of {int(base.value)}",
                    ),
                )

    def _finding(
        self, table: Table, shape: ts.TableShape, r: int, c: int, value: int, row_label: str
    ) -> Finding:
        column = shape.label_of(c) or f"column {c + 1}"
        where = f"row '{row_label}', column '{column}'" if row_label else f"column '{column}'"
        why = shape.why(c) or f"column '{column}' holds counts"
        if shape.kind == ts.SURVIVAL:
            message = (
                f"The number at risk falls to {value} ({where}), below the minimum of "
                f"{self.minimum} observations per cell (taken as a count because {why}): from "
                f"there on each event or censoring describes one of fewer than {self.minimum} "
                f"persons. End the table (or the curve) before fewer than {self.minimum} are "
                "at risk, or group the times into intervals."
            )
        elif shape.kind == ts.MAGNITUDE_TABLE:
            message = (
                f"N = {value} ({where}) is below the minimum of {self.minimum} observations "
                f"(taken as a count because {why}): the amounts beside it describe fewer than "
                f"{self.minimum} units. Aggregate further until every cell has at least "
                f"{self.minimum} observations."
            )
        else:
            message = (
                f"Count {value} ({where}) is below the minimum of {self.minimum} observations "
                f"per cell (taken as a count because {why}). Aggregate further until every "
                f"cell has at least {self.minimum} observations (merge categories), or "
                "suppress the cell so that it cannot be recomputed from totals."
            )
        return small_cell_finding(
            table,
            r,
            c,
            message=message,
            evidence=str(value),
        )

    def findings(self) -> Iterator[Finding]:
        for state in self.pending.values():
            if state.entry.is_unit_records:
                continue  # microdata.row_level says what to do with the whole table
            yield from state.cap.findings()
