"""table.differencing across files: a table of this file, together with a table the project
released earlier (``Policy.released_tables``), gives a small or suppressed count back.
The rules are in ``scanners.released_tables``."""

from __future__ import annotations

from collections.abc import Iterator

from scanners import released_tables as rt  # a module: scanners.released_tables imports us
from scanners.detectors.evidence import FindingCap
from scanners.model import Finding, HiddenPart, Policy, Table, TextBlock


class ReleasedDifferencingDetector:
    def __init__(self, policy: Policy) -> None:
        self.min_count = policy.min_cell_count
        self.released = rt.released_tables_of(policy)
        self.cap = FindingCap()

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        # Whole tables only: a table that arrives in chunks is larger than any fingerprint.
        if not self.released or table.row_offset or not table.is_last_chunk:
            return
        fingerprint = rt.fingerprint_table(table)
        if fingerprint is None:
            return
        for finding in rt.differencing_findings([fingerprint], self.released, self.min_count):
            self.cap.add(table.name, finding)

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()
