"""microdata.row_level: a table that holds unit records rather than aggregates.

The judgement is ``unit_records.RecordStats.judge`` on the table's tallies (kept in the shared
``TableBook``, over every row of the table); this detector only reports it, once per table.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanners.detectors.table_book import TableBook
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock


class RowLevelDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.book = book

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        self.book.observe(table)

    def findings(self) -> Iterator[Finding]:
        for entry in self.book.entries:
            judgement = entry.judgement()
            if not judgement.row_level:
                continue
            hidden = " (in content a reader does not see)" if entry.hidden else ""
            why = "; ".join(judgement.reasons)
            yield Finding(
                code="microdata.row_level",
                severity=RISK,
                location=entry.name,
                message=(
                    f"'{entry.name}'{hidden} looks like unit records, not aggregated results "
                    f"({why}). Microdata may never leave the secure environment, even without "
                    "the key: transfer only tables of counts or statistics over at least the "
                    "minimum number of units."
                ),
                evidence=f"{judgement.reasons[0]}" if judgement.reasons else "",
            )
