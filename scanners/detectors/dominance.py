"""table.dominance: one or two units make up more than k% of a total (business data).

Dominance cannot be seen in an ordinary table; only where the file itself shows the largest
contributions (columns such as "largest", "top1", "top2", "største" beside a total) do we
check that the ``policy.dominance_n`` largest together stay within ``dominance_k_percent``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanners.detectors import table_shape as ts
from scanners.detectors.cell_values import cell_text, parse_number
from scanners.detectors.evidence import FindingCap
from scanners.detectors.table_book import TableBook
from scanners.detectors.vocabulary import is_largest_label, is_percent_label
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock

_TOTAL = re.compile(r"total|i alt|ialt|\bsum\b|samlet|omsætning|omsaetning|turnover", re.I)


class DominanceDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.n = max(1, policy.dominance_n)
        self.k = policy.dominance_k_percent
        self.book = book
        self.cap = FindingCap()

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        chunk = self.book.observe(table)
        shape = chunk.entry.shape
        if shape.kind == ts.REGRESSION:
            return
        body_start = chunk.body_start if chunk.first else 0  # every row of every chunk
        self._stated_shares(table, shape, body_start)
        largest = shape.columns_with(ts.LARGEST)
        if not largest:
            return
        total = self._total_column(shape, largest)
        if total is None:
            return
        labels = shape.columns_with(ts.LABEL)
        for r, row in enumerate(table.rows[body_start:], start=body_start):
            whole = parse_number(row[total]) if total < len(row) else None
            if whole is None or whole.value <= 0:
                continue
            tops = sorted(
                (n.value for c in largest if c < len(row) and (n := parse_number(row[c]))),
                reverse=True,
            )[: self.n]
            if not tops:
                continue
            share = 100 * sum(tops) / whole.value
            if share > self.k:
                row_label = " ".join(cell_text(row[c]) for c in labels if c < len(row)).strip()
                self.cap.add(
                    table.name, self._finding(table, r, largest[0], share, len(tops), row_label)
                )

    def _stated_shares(self, table: Table, shape: ts.TableShape, body_start: int) -> None:
        """A column that states the largest units' share itself ("top2_andel_pct",
        "største 2, pct"): a share over k% is dominance."""
        columns = [
            c for c in shape.columns_with(ts.PERCENT, ts.LARGEST, ts.MAGNITUDE, ts.DECIMAL)
            if is_largest_label(shape.label_of(c)) and is_percent_label(shape.label_of(c))
        ]  # fmt: skip
        labels = shape.columns_with(ts.LABEL)
        for c in columns:
            rows = table.rows[body_start:]
            for r, row in enumerate(rows, start=body_start):
                share = parse_number(row[c]) if c < len(row) else None
                if share is None or not (self.k < share.value <= 100):
                    continue
                label = " ".join(cell_text(row[k]) for k in labels if k < len(row)).strip()
                self.cap.add(table.name, self._finding(table, r, c, share.value, self.n, label))

    def _total_column(self, shape: ts.TableShape, largest: list[int]) -> int | None:
        values = [
            c for c, role in enumerate(shape.roles)
            if c not in largest and role in (ts.MAGNITUDE, ts.DECIMAL, ts.COUNT, ts.INTEGER)
        ]  # fmt: skip
        named = [c for c in values if _TOTAL.search(shape.label_of(c))]
        if named:
            return named[0]
        before = [c for c in values if c < largest[0]]
        return before[-1] if before else None

    def _finding(
        self, table: Table, r: int, c: int, share: float, units: int, label: str
    ) -> Finding:
        who = "The largest unit makes" if units == 1 else f"The {units} largest units make"
        where = f" in row '{label}'" if label else ""
        return Finding(
            code="table.dominance",
            severity=RISK,
            location=table.cell_location(r, c),
            message=(
                f"{who} up {share:.0f}% of the total{where}, more than the {self.k:g}% "
                "allowed: the total tells each dominant enterprise's value. Merge the group "
                "with others, or suppress the total (and a second cell so it cannot be "
                "recomputed)."
            ),
            evidence=f"{share:.0f}%",
        )

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()
