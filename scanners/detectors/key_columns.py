"""identifier.column: a column header that names a key variable (PNR, CVRNR, BOPIKOM, LopNr...).

Only header cells count (the rows ``table_shape`` takes as the header, in the first chunk of a
table). A key variable named in text is not reported: code (``keep pnr;``, ``merge 1:1 pnr``)
names keys all the time and that is no disclosure; data lines in code are caught by the
identifier and table rules instead. See ``key_variables`` for names that count keys.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanners.detectors.cell_values import cell_text
from scanners.detectors.evidence import FindingCap, short_evidence
from scanners.detectors.key_variables import key_variable_in
from scanners.detectors.table_book import TableBook
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock


class KeyColumnDetector:
    def __init__(self, policy: Policy, book: TableBook) -> None:
        self.extra = tuple(policy.extra_key_variables)
        self.book = book
        self.cap = FindingCap()

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        chunk = self.book.observe(table)
        if not chunk.first:
            return
        header_rows = max(chunk.entry.shape.header_rows, 1 if table.rows else 0)
        for r in range(min(header_rows, len(table.rows))):
            for c, value in enumerate(table.rows[r]):
                text = cell_text(value)
                if not text or len(text) > 64:
                    continue
                key = key_variable_in(text, self.extra)
                if key is not None:
                    self.cap.add(table.name, self._finding(table, r, c, text, key))

    def _finding(self, table: Table, r: int, c: int, header: str, key: str) -> Finding:
        hidden = " in content a reader does not see" if table.hidden else ""
        return Finding(
            code="identifier.column",
            severity=RISK,
            location=table.cell_location(r, c),
            message=(
                f"Column '{header}'{hidden} is named like the key variable {key.upper()}. "
                "Key variables (person, family, firm and address keys) may never leave the "
                "secure environment, even pseudonymised: delete the column and aggregate."
            ),
            evidence=short_evidence(header),
        )

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()
