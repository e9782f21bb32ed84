"""PowerPoint (pptx, pptm): slide text, tables, speaker notes, comments, charts, hidden slides,
embedded objects and properties, from the package XML; every other part (layouts, masters,
pictures in ``ppt/media``, customXml, a file put at the root) by ``embedded.sweep_members``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch
from scanners.limits import GuardedZip
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.docx import unshown_text
from scanners.readers.embedded import read_embedded_parts, sweep_members
from scanners.readers.ooxml import (
    NS,
    document_properties,
    local_name,
    main_part,
    read_by,
    text_of,
)
from scanners.readers.spreadsheet_parts import chart_tables

A = f"{{{NS['a']}}}"


def read_pptx(path: Path, context: ReadContext) -> Extraction:
    text: list[TextBlock] = []
    tables: list[Table] = []
    hidden: list[HiddenPart] = []
    with GuardedZip(path, context.policy) as archive:
        presentation = main_part(archive, "ppt/presentation.xml")
        if presentation is None or not presentation.startswith("ppt/"):
            raise ContentMismatch("the file is a zip archive but not a PowerPoint presentation")
        for part in archive.matching(r"ppt/slides/slide\d+\.xml"):
            context.deadline.check()
            number = int(re.findall(r"\d+", part)[-1])
            root = archive.xml(part)
            is_hidden = root.get("show") in ("0", "false")
            if is_hidden:
                hidden.append(
                    HiddenPart(
                        kind="hidden_text",
                        location=f"slide {number}",
                        description=f"slide {number} is hidden",
                    )
                )
            slide_tables = list(root.iter(f"{A}tbl"))
            for index, table in enumerate(slide_tables, start=1):
                tables.append(_table(table, f"slide {number}, table {index}", is_hidden))
            text.extend(unshown_text(root, f"slide {number}, "))
            for paragraph in root.iter(f"{A}p"):
                # (by ancestry: ids of lxml proxies are reused once a proxy is freed)
                if next(paragraph.iterancestors(f"{A}tbl"), None) is not None:
                    continue
                content = text_of(paragraph)
                if content.strip():
                    text.append(
                        TextBlock(
                            text=content,
                            location=f"slide {number}",
                            hidden=is_hidden,
                            part="hidden_text" if is_hidden else "body",
                        )
                    )
        for part in archive.matching(r"ppt/notesSlides/notesSlide\d+\.xml"):
            number = re.findall(r"\d+", part)[-1]
            content = " ".join(
                text_of(p) for p in archive.xml(part).iter(f"{A}p") if text_of(p).strip()
            )
            if content.strip():
                text.append(
                    TextBlock(
                        text=content, location=f"notes of slide {number}", part="notes", hidden=True
                    )
                )
        for part in archive.matching(r"ppt/comments/[^/]+\.xml"):
            for comment in archive.xml(part).iter():
                if local_name(comment) in ("cm", "comment"):
                    content = " ".join(t.strip() for t in comment.itertext() if t.strip())
                    if content:
                        location = f"comment in {part.rsplit('/', 1)[-1]}"
                        text.append(
                            TextBlock(text=content, location=location, part="comment", hidden=True)
                        )
                        hidden.append(
                            HiddenPart(
                                kind="comment", location=location, description="a slide comment"
                            )
                        )
        tables.extend(chart_tables(archive, "ppt/charts/"))
        properties, property_parts = document_properties(archive)
        embedded = read_embedded_parts(archive, "ppt/embeddings/", context)
        rest = sweep_members(
            archive,
            already_read=read_by(
                r"ppt/slides/slide\d+\.xml",
                r"ppt/notesSlides/notesSlide\d+\.xml",
                r"ppt/comments/[^/]+\.xml",
                r"ppt/charts/chart\d*\.xml",
                r"ppt/embeddings/.*",
            ),
            context=context,
        )
    return Extraction(
        file_type=context.file_type,
        text=text + properties + embedded.text + rest.text,
        tables=tables + embedded.tables + rest.tables,
        hidden=hidden + property_parts + embedded.hidden + rest.hidden,
    )


def _table(table: Any, name: str, hidden: bool) -> Table:
    rows = [
        [parse_cell(text_of(cell)) for cell in row if local_name(cell) == "tc"]
        for row in table.iter(f"{A}tr")
    ]
    return Table(
        name=name,
        rows=rows,
        cell_location_format="{name}, row {row_number}, column {col_number}",
        source="pptx",
        hidden=hidden,
    )
