"""table.unread_graphic: a picture whose text holds no table the scanner could read.

Statistics Denmark judges a graph as the table it was drawn from. A screenshot of a table is
read by OCR into a table and gets the table rules; a bar chart, a line chart or a picture of
text gives OCR words but no table, so nothing in it could be checked against the minimum
number of observations. Saying nothing would read as "no signs of microdata": the picture is
sent to review instead (severity review, so the verdict stays as the other findings make it).

Only pictures uploaded as files are judged so: a picture inside a document (a logo in a Word
report) stands beside the document's own tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanners.model import REVIEW, Finding, HiddenPart, Policy, Table, TextBlock

_OWN_OCR = re.compile(r"^(?:frame \d+, )?OCR line \d+$")


class GraphicDetector:
    def __init__(self, policy: Policy) -> None:
        self.words = 0
        self.tables = 0

    def feed_text(self, block: TextBlock) -> None:
        if block.part == "ocr" and _OWN_OCR.match(block.location) and block.text.strip():
            self.words += 1

    def feed_table(self, table: Table) -> None:
        if table.source == "ocr" and table.part == "ocr" and not table.hidden:
            self.tables += 1

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def findings(self) -> Iterator[Finding]:
        if self.words and not self.tables:
            yield Finding(
                code="table.unread_graphic",
                severity=REVIEW,
                location="",
                message=(
                    "The picture holds text but no table whose numbers could be read (a graph, "
                    "a chart or a picture of text), so the minimum number of observations "
                    "could not be checked: a graph is judged as the table it was drawn from. "
                    "Research services check it by eye; add the table behind the graph to the "
                    "request if you can."
                ),
            )
