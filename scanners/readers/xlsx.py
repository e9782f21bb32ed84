"""Excel workbooks (xlsx, xlsm): every sheet's cells, and everything a reader would not see.

Cells are streamed from each worksheet's XML (``xlsx_sheet_stream``), every sheet including
hidden and very hidden ones. The hidden parts come from the zip's XML: hidden rows and columns,
comments and threaded comments, pivot caches (every ``pivotCacheRecords`` part, referenced or
orphaned), external links' cached values, data connections, chart caches, embedded objects and
properties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch
from scanners.limits import GuardedZip
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import read_embedded_parts
from scanners.readers.ooxml import NS, document_properties, main_part, relationships
from scanners.readers.spreadsheet_parts import (
    chart_tables,
    connection_text,
    external_link_tables,
    pivot_cache_tables,
    unlisted_parts,
)
from scanners.readers.xlsx_sheet_stream import sheet_tables, worksheet_parts

_HIDDEN_ATTRIBUTE = re.compile(rb'hidden="(?:1|true)"')
_TAG_START = re.compile(rb"<(?:\w+:)?(row|col)\b([^>]*)$")


def read_xlsx(path: Path, context: ReadContext) -> Extraction:
    with GuardedZip(path, context.policy) as archive:
        workbook_part = main_part(archive, "xl/workbook.xml")
        if workbook_part is None or not workbook_part.startswith("xl/"):
            raise ContentMismatch("the file is a zip archive but not an Excel workbook")
        sheets = _sheets(archive, workbook_part)
        text: list[TextBlock] = []
        tables: list[Table] = []
        hidden: list[HiddenPart] = []
        for name, state, part in sheets:
            context.deadline.check()
            if state != "visible":
                hidden.append(
                    HiddenPart(
                        kind="sheet",
                        location=name,
                        description=f"{'very hidden' if state == 'veryHidden' else 'hidden'} "
                        f"sheet {name!r}",
                    )
                )
            if part and archive.has(part):
                hidden.extend(_hidden_rows_and_columns(archive, part, name))
                comment_text, comment_parts = _comments(archive, part, name)
                text.extend(comment_text)
                hidden.extend(comment_parts)
        for table, part_info in pivot_cache_tables(archive, context):
            tables.append(table)
            hidden.append(part_info)
        for table, part_info in external_link_tables(archive):
            tables.append(table)
            hidden.append(part_info)
        connection_blocks, connection_parts = connection_text(archive)
        text.extend(connection_blocks)
        hidden.extend(connection_parts)
        tables.extend(chart_tables(archive, "xl/charts/"))
        property_text, property_parts = document_properties(archive)
        text.extend(property_text)
        hidden.extend(property_parts)
        embedded = read_embedded_parts(archive, "xl/embeddings/", context)
        text.extend(embedded.text)
        tables.extend(embedded.tables)
        hidden.extend(embedded.hidden)
        # Sheets the workbook does not list, and every part nothing above reads (the VBA
        # project, xl/vbaProject.bin, among them: scanners/readers/vba.py).
        rest = unlisted_parts(archive, workbook_part, [p for _, _, p in sheets if p], context)
        text.extend(rest.text)
        tables.extend(rest.tables)
        hidden.extend(rest.hidden)
        worksheets = worksheet_parts(archive, workbook_part)
    cells = sheet_tables(path, workbook_part, worksheets, context)
    return Extraction(
        file_type=context.file_type,
        text=text,
        tables=_chain(cells, tables),
        hidden=hidden,
    )


def _chain(first: Iterator[Table], rest: list[Table]) -> Iterator[Table]:
    yield from first
    yield from rest


def _sheets(archive: GuardedZip, workbook_part: str) -> list[tuple[str, str, str | None]]:
    """(name, state, sheet part) in workbook order; state is visible, hidden or veryHidden."""
    root = archive.xml(workbook_part)
    rels = relationships(archive, workbook_part)
    found: list[tuple[str, str, str | None]] = []
    # By local name: Strict Open XML (ISO 29500 strict) names the same elements and the r:id
    # attribute in the purl.oclc.org namespaces instead of the transitional ones.
    for sheet in root.iter("{*}sheet"):
        rid = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), "")
        target = rels.get(rid)
        found.append(
            (sheet.get("name", "?"), sheet.get("state", "visible"), target[1] if target else None)
        )
    return found


def _hidden_rows_and_columns(archive: GuardedZip, part: str, sheet: str) -> list[HiddenPart]:
    """Search the sheet XML stream for ``hidden="1"`` on rows and columns, without parsing it."""
    rows: list[int] = []
    columns: list[tuple[int, int]] = []
    zero_height = False
    tail = b""
    for chunk in archive.stream(part):
        data = tail + chunk
        if b'zeroHeight="1"' in data or b'zeroHeight="true"' in data:
            zero_height = True
        for match in _HIDDEN_ATTRIBUTE.finditer(data):
            tag_start = data.rfind(b"<", 0, match.start())
            if tag_start < 0:
                continue
            tag = _TAG_START.match(data[tag_start : match.start()])
            if tag is None:
                continue
            tag_end = data.find(b">", match.end())
            attributes = data[tag_start : tag_end if tag_end >= 0 else len(data)]
            if tag.group(1) == b"row":
                number = re.search(rb'\sr="(\d+)"', attributes)
                if number:
                    rows.append(int(number.group(1)))
            else:
                low = re.search(rb'min="(\d+)"', attributes)
                high = re.search(rb'max="(\d+)"', attributes)
                if low and high:
                    columns.append((int(low.group(1)), int(high.group(1))))
        tail = data[-512:]
    parts: list[HiddenPart] = []
    if rows:
        shown = ", ".join(str(r) for r in sorted(set(rows))[:20])
        parts.append(
            HiddenPart(
                kind="rows_columns",
                location=f"{sheet}!{min(rows)}:{max(rows)}",
                description=f"hidden rows in sheet {sheet!r}: {shown}"
                + (" ..." if len(set(rows)) > 20 else ""),
            )
        )
    if columns:
        from scanners.model import column_letter

        ranges = ", ".join(
            f"{column_letter(lo - 1)}:{column_letter(min(hi, 16384) - 1)}"
            for lo, hi in sorted(set(columns))[:20]
        )
        parts.append(
            HiddenPart(
                kind="rows_columns",
                location=f"{sheet}!{ranges.split(', ')[0]}",
                description=f"hidden columns in sheet {sheet!r}: {ranges}",
            )
        )
    if zero_height:
        parts.append(
            HiddenPart(
                kind="rows_columns",
                location=sheet,
                description=f"rows of sheet {sheet!r} are hidden unless shown one by one",
            )
        )
    return parts


def _comments(
    archive: GuardedZip, part: str, sheet: str
) -> tuple[list[TextBlock], list[HiddenPart]]:
    blocks: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    for kind, target in relationships(archive, part).values():
        if kind == "comments" and archive.has(target):
            root = archive.xml(target)
            for comment in root.iter(f"{{{NS['main']}}}comment"):
                blocks.append(_comment_block(comment, sheet, "comment"))
        elif kind == "threadedComment" and archive.has(target):
            root = archive.xml(target)
            for comment in root.iter(f"{{{NS['tc']}}}threadedComment"):
                blocks.append(_comment_block(comment, sheet, "threaded comment"))
    for block in blocks:
        hidden.append(
            HiddenPart(
                kind="comment",
                location=block.location.rsplit(" ", 1)[0],
                description=f"a cell comment on {block.location.rsplit(' ', 1)[0]}",
            )
        )
    return blocks, hidden


def _comment_block(comment: Any, sheet: str, label: str) -> TextBlock:
    ref = comment.get("ref", "")
    text = " ".join(t.strip() for t in comment.itertext() if t.strip())
    location = f"{sheet}!{ref} {'comment' if label == 'comment' else 'thread'}"
    return TextBlock(text=text, location=location, part="comment", hidden=True)
