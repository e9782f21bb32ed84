"""hidden.*: content that someone opening the file would not see.

What is *in* a hidden part (its text and tables) is judged by the other detectors too, since
readers hand it over with ``hidden=True``. This detector says that the part is there, with a
severity that reflects what research-services staff need to know:

risk   - pivot caches (they hold every source row of the pivot table, microdata included),
         hidden sheets, hidden rows and columns, tracked changes (deleted text often holds the
         unsuppressed numbers), embedded objects and attachments (a whole file inside the file,
         which we may not be able to read), hidden text (``w:vanish``)
review - comments (a reviewer should glance at them; their text is scanned), external links
         (they name files in the secure zone and may carry cached values), data connections
         (SQL text and server names), bytes after the end of the format (a PNG, JPEG, GIF or
         PDF with data appended; what they hold is scanned) and active content (PDF
         JavaScript and launch actions, HTML and SVG scripts and event handlers)
info   - document properties (author, title, company): normal, noted for completeness
"""

from __future__ import annotations

from collections.abc import Iterator

from scanners.detectors.evidence import FindingCap, short_evidence
from scanners.model import INFO, REVIEW, RISK, Finding, HiddenPart, Policy, Table, TextBlock

# kind -> (code, severity, what to do)
RULES: dict[str, tuple[str, str, str]] = {
    "pivot_cache": (
        "hidden.pivot_cache", RISK,
        "A pivot cache stores every source row of the pivot table inside the file. Paste the "
        "pivot table as values into a new workbook, or delete the cache, before transfer.",
    ),
    "sheet": (
        "hidden.sheet", RISK,
        "Hidden sheets travel with the file. Delete the sheet, or unhide it and check it.",
    ),
    "rows_columns": (
        "hidden.rows_columns", RISK,
        "Hidden rows or columns travel with the file and often hold the unsuppressed numbers. "
        "Delete them, or unhide and check them.",
    ),
    "tracked_changes": (
        "hidden.tracked_changes", RISK,
        "Tracked changes keep deleted and earlier text in the file. Accept or reject all "
        "changes and save again before transfer.",
    ),
    "embedded_object": (
        "hidden.embedded_object", RISK,
        "An embedded object is a whole file inside this file (a workbook behind a chart, for "
        "example). Paste it as a picture or values instead.",
    ),
    "attachment": (
        "hidden.attachment", RISK,
        "An attached file travels inside this file. Remove the attachment and transfer only "
        "what has been checked.",
    ),
    "hidden_text": (
        "hidden.text", RISK,
        "Text formatted as hidden is in the file but not shown. Delete it, or make it visible "
        "and check it.",
    ),
    "comment": (
        "hidden.comment", REVIEW,
        "Comments are not shown in the printed result but travel with the file. Delete them "
        "unless they are meant to be transferred.",
    ),
    "external_link": (
        "hidden.external_link", REVIEW,
        "A link to another workbook may keep cached values from it and names a file in the "
        "secure environment. Break the link (paste as values).",
    ),
    "data_connection": (
        "hidden.data_connection", REVIEW,
        "A data connection names a data source and may hold its query. Remove the connection.",
    ),
    "trailing_data": (
        "hidden.trailing_data", REVIEW,
        "Bytes after the end of the format are in the file but no program shows them. Save "
        "the file again from the program that made it; their text has been scanned.",
    ),
    "active_content": (
        "hidden.active_content", REVIEW,
        "The file holds active content (a script, an event handler, or an action that starts "
        "a program). Save it again without scripts or actions (e.g. print to PDF) before "
        "transfer.",
    ),
    "macro_project": (
        "hidden.active_content", REVIEW,
        "Macros run when the file is opened, and data can be typed into their code. Save the "
        "file again without macros (as xlsx, docx or pptx) before transfer; their source has "
        "been scanned.",
    ),
    "metadata": (
        "hidden.metadata", INFO,
        "Document properties (author, title, company) travel with the file.",
    ),
}  # fmt: skip
PER_CODE = 10


class HiddenContentDetector:
    def __init__(self, policy: Policy) -> None:
        self.cap = FindingCap(limit=PER_CODE)

    def feed_text(self, block: TextBlock) -> None:
        return None

    def feed_table(self, table: Table) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        code, severity, advice = RULES.get(
            part.kind,
            (f"hidden.{part.kind}", REVIEW, "Check this part of the file before transfer."),
        )
        description = part.description.rstrip(".")
        self.cap.add(
            "the file",
            Finding(
                code=code,
                severity=severity,  # type: ignore[arg-type]
                location=part.location,
                message=f"{description}. {advice}" if description else advice,
                evidence=short_evidence(part.description, 60),
            ),
        )

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()
