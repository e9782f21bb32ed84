"""OpenDocument spreadsheets (ods: cells by calamine, annotations and hidden sheets, rows and
columns from content.xml) and presentations (odp: text, tables, notes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch
from scanners.limits import GuardedZip
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_embedded_bytes
from scanners.readers.ooxml import local_name
from scanners.readers.spreadsheet_cells import calamine_tables

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_MIMETYPES = {
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def _open(path: Path, context: ReadContext) -> tuple[GuardedZip, Any]:
    archive = GuardedZip(path, context.policy)
    expected = _MIMETYPES[context.file_type]
    if not archive.has("content.xml") or (
        archive.has("mimetype")
        and archive.read("mimetype", 256).decode(errors="replace") != expected
    ):
        archive.zip.close()
        raise ContentMismatch(f"the file is not an OpenDocument {context.file_type} file")
    return archive, archive.xml("content.xml")


def read_ods(path: Path, context: ReadContext) -> Extraction:
    archive, root = _open(path, context)
    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    with archive:
        hidden_styles = _hidden_styles(root)
        hidden_sheets: set[str] = set()
        for sheet in root.iter(f"{{{TABLE}}}table"):
            name = sheet.get(f"{{{TABLE}}}name", "?")
            if sheet.get(f"{{{TABLE}}}style-name") in hidden_styles:
                hidden_sheets.add(name)
                hidden.append(
                    HiddenPart(kind="sheet", location=name, description=f"hidden sheet {name!r}")
                )
            for element in sheet.iter(f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-column"):
                if element.get(f"{{{TABLE}}}visibility") in ("collapse", "filter"):
                    hidden.append(
                        HiddenPart(
                            kind="rows_columns",
                            location=name,
                            description=f"hidden rows or columns in {name!r}",
                        )
                    )
                    break
            for note_number, note in enumerate(sheet.iter(f"{{{OFFICE}}}annotation"), start=1):
                content = " ".join(t.strip() for t in note.itertext() if t.strip())
                if content:
                    location = f"{name} comment {note_number}"
                    text.append(
                        TextBlock(text=content, location=location, part="comment", hidden=True)
                    )
                    hidden.append(
                        HiddenPart(kind="comment", location=location, description="a cell comment")
                    )
        embedded = _objects(archive, context)
    # The sheets' cells are streamed chunk by chunk, not held: memory stays bounded.
    cells = calamine_tables(path, hidden_sheets=hidden_sheets, context=context)
    return Extraction(
        file_type="ods",
        text=text + embedded.text,
        tables=_chain(cells, embedded.tables),
        hidden=hidden + embedded.hidden,
    )


def _chain(first: Iterator[Table], rest: list[Table]) -> Iterator[Table]:
    yield from first
    yield from rest


def _hidden_styles(root: Any) -> set[str]:
    hidden: set[str] = set()
    for style in root.iter(f"{{{STYLE}}}style"):
        for properties in style:
            if properties.get(f"{{{TABLE}}}display") == "false":
                hidden.add(style.get(f"{{{STYLE}}}name", ""))
    return hidden


def _objects(archive: GuardedZip, context: ReadContext) -> Embedded:
    found = Embedded()
    for name in archive.names:
        if name.startswith("Object ") and not name.endswith("/") and "/" in name:
            if name.endswith(("content.xml", "styles.xml", "meta.xml", "settings.xml")):
                continue
            read_embedded_bytes(
                archive.read(name),
                name=name.rsplit("/", 1)[-1],
                location=name,
                context=context,
                into=found,
            )
    return found


def read_odp(path: Path, context: ReadContext) -> Extraction:
    archive, root = _open(path, context)
    text: list[TextBlock] = []
    tables: list[Table] = []
    with archive:
        for number, page in enumerate(root.iter(f"{{{DRAW}}}page"), start=1):
            notes_ids: set[int] = set()
            for notes in page.iter(f"{{{PRESENTATION}}}notes"):
                content = " ".join(t.strip() for t in notes.itertext() if t.strip())
                notes_ids.update(id(e) for e in notes.iter())
                if content:
                    text.append(
                        TextBlock(
                            text=content,
                            location=f"notes of slide {number}",
                            part="notes",
                            hidden=True,
                        )
                    )
            table_ids: set[int] = set()
            for index, table in enumerate(page.iter(f"{{{TABLE}}}table"), start=1):
                table_ids.update(id(e) for e in table.iter())
                rows = [
                    [
                        parse_cell(" ".join(c.itertext()))
                        for c in row
                        if local_name(c) == "table-cell"
                    ]
                    for row in table.iter(f"{{{TABLE}}}table-row")
                ]
                tables.append(
                    Table(
                        name=f"slide {number}, table {index}",
                        rows=rows,
                        cell_location_format="{name}, row {row_number}, column {col_number}",
                        source="odp",
                    )
                )
            for element in page.iter():
                if id(element) in notes_ids or id(element) in table_ids:
                    continue
                if local_name(element) in ("p", "h"):
                    content = " ".join(t.strip() for t in element.itertext() if t.strip())
                    if content:
                        text.append(TextBlock(text=content, location=f"slide {number}"))
        embedded = _objects(archive, context)
    return Extraction(
        file_type="odp",
        text=text + embedded.text,
        tables=tables + embedded.tables,
        hidden=embedded.hidden,
    )
