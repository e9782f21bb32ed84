"""Feed text blocks, tables and hidden parts straight to the detectors (no readers needed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scanners.detectors import all_detectors
from scanners.model import Finding, HiddenPart, Policy, Table, TextBlock


def run(
    *,
    texts: Iterable[TextBlock] = (),
    tables: Iterable[Table] = (),
    hidden: Iterable[HiddenPart] = (),
    policy: Policy | None = None,
) -> list[Finding]:
    detectors = all_detectors(policy or Policy())
    for part in hidden:
        for detector in detectors:
            detector.feed_hidden(part)
    for block in texts:
        for detector in detectors:
            detector.feed_text(block)
    for table in tables:
        for detector in detectors:
            detector.feed_table(table)
    return [finding for detector in detectors for finding in detector.findings()]


def text(body: str, location: str = "line 1", **kwargs: Any) -> list[Finding]:
    return run(texts=[TextBlock(text=body, location=location, **kwargs)])


def table(rows: list[list[Any]], name: str = "Tabel 1", **kwargs: Any) -> list[Finding]:
    return run(tables=[Table(name=name, rows=rows, **kwargs)])


def codes(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings}


def risk_codes(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings if f.severity in ("risk", "reject")}
