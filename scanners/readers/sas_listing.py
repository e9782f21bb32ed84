"""SAS listings (.lst): procedure output. PROC FREQ, MEANS, TABULATE and PRINT tables are found
as aligned text (``text_tables``); titles and notes are text. Page breaks (form feeds) split."""

from __future__ import annotations

from pathlib import Path

from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_encoding import numbered_lines
from scanners.readers.text_tables import text_and_tables


def read_sas_listing(path: Path, context: ReadContext) -> Extraction:
    lines = ((n, line.replace("\f", "")) for n, line in numbered_lines(path))
    items = list(text_and_tables(lines, source="listing"))
    return Extraction(
        file_type=context.file_type,
        text=[i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if isinstance(i, Table)],
    )
