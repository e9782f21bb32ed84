"""SPSS Viewer output (.spv, a zip of XML): headings, notes and tables stored as XML are read.
Tables stored in SPSS's binary "light" format (as SPSS and PSPP write them today) are turned
into text by PSPP's ``pspp-output convert`` (hidden items included), run within the scan's time
limit, and that text is read as a log (``text_tables``: headings, notes and tables). Without
``pspp-output``, or when it fails, the file is unscannable rather than passed on what little
text could be read. Every other member (chart pictures, a file put into the zip) is placed and
read by ``embedded.sweep_members``."""

from __future__ import annotations

import shutil
import subprocess
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
        if binary:  # the whole output, as pspp-output renders it in text
            text, tables = _converted(path, context, len(binary))
        for name in archive.names:
            if binary or not name.endswith(".xml"):
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
            archive, already_read=lambda name: name.endswith((".xml", ".bin")), context=context
        )
    return Extraction(
        file_type="spv",
        text=text + rest.text,
        tables=tables + rest.tables,
        hidden=rest.hidden,
    )


def _converted(
    path: Path, context: ReadContext, binary_tables: int
) -> tuple[list[TextBlock], list[Table]]:
    from scanners.readers.text_encoding import numbered_lines
    from scanners.readers.text_tables import text_and_tables

    refusal = (
        f"{binary_tables} of its tables are in SPSS's binary format, which could not be read "
        "({why}); export the output as text, Excel or PDF"
    )
    program = shutil.which("pspp-output")
    if program is None:
        raise Unscannable(refusal.format(why="PSPP's pspp-output is not installed"))
    target = context.temp_dir() / "spv-output.txt"
    try:
        subprocess.run(
            [program, "convert", "--show-hidden", str(path), str(target)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=max(1.0, context.deadline.remaining),
            check=True,
        )
    except subprocess.TimeoutExpired as error:
        raise Unscannable(refusal.format(why="converting it took too long")) from error
    except (subprocess.CalledProcessError, OSError) as error:
        raise Unscannable(refusal.format(why="pspp-output failed on it")) from error
    if not target.exists():
        raise Unscannable(refusal.format(why="pspp-output wrote nothing"))
    items = list(
        text_and_tables(numbered_lines(target), source="spv", location="output line {line}")
    )
    return (
        [i for i in items if isinstance(i, TextBlock)],
        [i for i in items if isinstance(i, Table)],
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
