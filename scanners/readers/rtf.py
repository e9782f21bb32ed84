"""Rich Text Format: the text (striprtf), by line; table rows (cells end in ``\\cell``) come
out as ``|``-separated lines and are found as tables."""

from __future__ import annotations

from pathlib import Path

from scanners.errors import ContentMismatch
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_tables import text_and_tables

_MAX_BYTES = 256 * 1024 * 1024


def read_rtf(path: Path, context: ReadContext) -> Extraction:
    from striprtf.striprtf import rtf_to_text

    raw = path.read_bytes()[:_MAX_BYTES]
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise ContentMismatch("the file does not start as RTF")
    content = rtf_to_text(raw.decode("latin-1"), errors="replace")
    lines = [(n, line) for n, line in enumerate(content.splitlines(), start=1)]
    items = list(text_and_tables(lines, source="rtf", location="paragraph {line}"))
    return Extraction(
        file_type="rtf",
        text=[i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if isinstance(i, Table)],
    )
