"""PDF: page text and tables from pypdfium2, attachments, annotations, metadata, revisions.

Text comes from pdfium's text segments (runs of characters on one line), laid out into lines by
their position; segments on one line are joined with a wide gap, so the aligned-text table
finder (``text_tables``) sees the columns of a table. This costs about what ``pdftotext`` does;
pdfplumber's table finder costs about 100 ms a page and is not needed for text-drawn tables.
The page count is capped (``policy.max_pdf_pages``); password-protected PDFs are unscannable.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_embedded_bytes
from scanners.readers.text_tables import text_and_tables

_CONTENT_METADATA = ("Title", "Subject", "Keywords")
_LINE_TOLERANCE = 0.5
_WHITESPACE = re.compile(
    r"[ \r\n\t]"
)  # of the segment height: segments this close in y share a line


def read_pdf(path: Path, context: ReadContext) -> Extraction:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise Unscannable("the PDF is encrypted (password-protected)") from error
        raise Unscannable(f"the PDF cannot be read ({error})") from error
    pages = len(pdf)
    if pages > context.policy.max_pdf_pages:
        pdf.close()
        raise LimitExceeded(
            f"the PDF has {pages} pages, more than the limit of {context.policy.max_pdf_pages}"
        )
    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    metadata = pdf.get_metadata_dict(skip_empty=True)
    for key, value in metadata.items():
        location = f"document properties: {key}"
        text.append(TextBlock(text=str(value), location=location, part="metadata", hidden=True))
        if key in _CONTENT_METADATA:
            hidden.append(
                HiddenPart(
                    kind="metadata",
                    location=location,
                    description=f"document property {key!r} holds text",
                )
            )
    embedded = Embedded()
    for index in range(pdf.count_attachments()):
        attachment = pdf.get_attachment(index)
        name = attachment.get_name() or f"attachment {index + 1}"
        read_embedded_bytes(
            bytes(attachment.get_data()),
            name=name,
            location=f"attachment {name}",
            context=context,
            into=embedded,
        )
    hidden.extend(
        HiddenPart(kind="attachment", location=p.location, description=p.description)
        for p in embedded.hidden
        if p.kind == "embedded_object"
    )
    hidden.extend(p for p in embedded.hidden if p.kind != "embedded_object")
    revisions = _count_revisions(path)
    if revisions > 1:
        hidden.append(
            HiddenPart(
                kind="tracked_changes",
                location="document",
                description=f"the PDF was saved {revisions} times; earlier versions of its "
                "content may still be inside",
            )
        )
    items = list(_pages(pdf, context, hidden))
    pdf.close()
    page_text = [i for i in items if isinstance(i, TextBlock)]
    if not any(block.text.strip() for block in page_text):
        raise Unscannable("the PDF has no text layer (a scanned or image-only document?)")
    return Extraction(
        file_type="pdf",
        text=page_text + text + embedded.text,
        tables=[i for i in items if isinstance(i, Table)] + embedded.tables,
        hidden=hidden,
    )


def _pages(pdf: Any, context: ReadContext, hidden: list[HiddenPart]) -> Iterator[TextBlock | Table]:
    for index in range(len(pdf)):
        context.deadline.check()
        number = index + 1
        page = pdf[index]
        textpage = page.get_textpage()
        lines = _lines(textpage)
        if not lines and _has_images(page):
            raise Unscannable(f"page {number} holds only an image, whose text cannot be read")
        yield from text_and_tables(
            lines,
            table_name=f"page {number}, table {{n}}",
            location=f"page {number}, line {{line}}",
            source="pdf",
            cell_location="{name}, row {row_number}, column {col_number}",
        )
        yield from _annotations(page, number, hidden)
        textpage.close()
        page.close()


def _lines(textpage: Any) -> list[tuple[int, str]]:
    """The page's text lines, top to bottom; segments on a line joined by a wide gap.

    pdfium marks the spaces and line breaks it inserts between text runs as generated: those
    cut the page text into segments (table cells); each segment is placed by its first
    character's box. One call gets the text, one call per inserted space and per segment.
    """
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", errors="replace")
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    segments: list[tuple[float, float, float, str]] = []
    begin = 0
    for match in _WHITESPACE.finditer(text + "\n"):
        index = match.start()
        if match.group() == " " and raw.FPDFText_IsGenerated(handle, index) != 1:
            continue
        piece = text[begin:index]
        content = piece.strip()
        if content:
            first = begin + len(piece) - len(piece.lstrip())
            raw.FPDFText_GetCharBox(
                handle,
                first,
                ctypes.byref(left),
                ctypes.byref(right),
                ctypes.byref(bottom),
                ctypes.byref(top),
            )
            segments.append((top.value, bottom.value, left.value, content))
        begin = index + 1
    if not segments:
        return []
    segments.sort(key=lambda s: (-(s[0] + s[1]) / 2, s[2]))
    lines: list[list[tuple[float, float, float, str]]] = []
    for segment in segments:
        seg_top, seg_bottom, _, _ = segment
        middle = (seg_top + seg_bottom) / 2
        if lines:
            line_top, line_bottom = lines[-1][0][0], lines[-1][0][1]
            slack = max(line_top - line_bottom, 1.0) * _LINE_TOLERANCE
            if line_bottom - slack <= middle <= line_top + slack:
                lines[-1].append(segment)
                continue
        lines.append([segment])
    return [
        (number, "   ".join(s[3] for s in sorted(line, key=lambda s: s[2])))
        for number, line in enumerate(lines, start=1)
    ]


def _has_images(page: Any) -> bool:
    import pypdfium2.raw as raw

    for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def _annotations(page: Any, number: int, hidden: list[HiddenPart]) -> Iterator[TextBlock]:
    import pypdfium2.raw as raw

    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annotation = raw.FPDFPage_GetAnnot(page.raw, index)
        if not annotation:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annotation)
            if subtype in (raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_WIDGET, raw.FPDF_ANNOT_POPUP):
                continue
            content = _annotation_string(raw, annotation, b"Contents")
            if not content.strip():
                continue
            location = f"page {number}, annotation {index + 1}"
            hidden.append(
                HiddenPart(
                    kind="comment",
                    location=location,
                    description="an annotation (comment) on the page",
                )
            )
            yield TextBlock(text=content, location=location, part="annotation", hidden=True)
        finally:
            raw.FPDFPage_CloseAnnot(annotation)


def _annotation_string(raw: Any, annotation: Any, key: bytes) -> str:
    length = raw.FPDFAnnot_GetStringValue(annotation, key, None, 0)
    if length <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFAnnot_GetStringValue(
        annotation, key, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), length
    )
    return buffer.raw[: length - 2].decode("utf-16-le", errors="replace")


def _count_revisions(path: Path) -> int:
    """How many times the PDF ends (``%%EOF``): more than once means incremental updates."""
    count = 0
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(4 * 1024 * 1024):
            count += (tail + chunk).count(b"%%EOF") - tail.count(b"%%EOF")
            tail = chunk[-8:]
    return count
