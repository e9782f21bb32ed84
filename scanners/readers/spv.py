"""SPSS Viewer output (.spv, a zip of XML): headings, notes and tables stored as XML are read.
Tables stored in SPSS's binary "light" format cannot be read reliably: such a file is
unscannable rather than passed on what little text could be read. Every other member (chart
pictures, a file put into the zip) is placed and read by ``embedded.sweep_members``."""

from __future__ import annotations

from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.limits import GuardedZip
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.embedded import sweep_members
from scanners.readers.ooxml import local_name


def read_spv(path: Path, context: ReadContext) -> Extraction:
    text: list[TextBlock] = []
    tables: list[Table] = []
    with GuardedZip(path, context.policy) as archive:
        if not any(n.startswith("outputViewer") for n in archive.names):
            raise ContentMismatch("the file is a zip archive but not SPSS Viewer output")
        binary = [n for n in archive.names if n.endswith("lightTableData.bin")]
        if binary:
            raise Unscannable(
                f"{len(binary)} of its tables are in SPSS's binary format, which cannot be "
                "read; export the output as text, Excel or PDF"
            )
        for name in archive.names:
            if not name.endswith(".xml"):
                continue
            context.deadline.check()
            root = archive.xml(name)
            if name.endswith("_table.xml"):
                rows = _table_rows(root)
                if rows:
                    tables.append(
                        Table(
                            name=name,
                            rows=rows,
                            source="spv",
                            cell_location_format="{name}, row {row_number}, column {col_number}",
                        )
                    )
                continue
            for element in root.iter():
                if isinstance(element.tag, str) and element.text and element.text.strip():
                    text.append(TextBlock(text=element.text.strip(), location=name))
        rest = sweep_members(
            archive, already_read=lambda name: name.endswith(".xml"), context=context
        )
    return Extraction(
        file_type="spv",
        text=text + rest.text,
        tables=tables + rest.tables,
        hidden=rest.hidden,
    )


def _table_rows(root: object) -> list[list[object]]:
    """Legacy XML tables: rows of <cell> text (best effort)."""
    rows: list[list[object]] = []
    for row in root.iter():  # type: ignore[attr-defined]
        if local_name(row) not in ("row", "dataRow"):
            continue
        cells = [parse_cell(" ".join(c.itertext())) for c in row if local_name(c).endswith("ell")]
        if cells:
            rows.append(cells)
    return rows
