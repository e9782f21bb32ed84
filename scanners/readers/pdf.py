"""PDF: page text and tables from pypdfium2, attachments, annotations, metadata, revisions,
pictures, bytes after the end, and active content.

Text comes from pdfium's text segments (runs of characters on one line), laid out into lines by
their position; segments on one line are joined with a wide gap, so the aligned-text table
finder (``text_tables``) sees the columns of a table. This costs about what ``pdftotext`` does;
pdfplumber's table finder costs about 100 ms a page and is not needed for text-drawn tables.
The page count is capped (``policy.max_pdf_pages``); password-protected PDFs are unscannable.

Pictures on a page that also has text are OCR'd (each distinct picture once; within
``policy.max_image_pixels``). Attached files are read by their name's reader, both those in the
document's list (``/Names /EmbeddedFiles``) and those held only by a ``FileAttachment``
annotation. Bytes after the last ``%%EOF`` (text, or a zip archive appended) are read too.
JavaScript (``/JS``, ``/JavaScript``, document-level scripts) and launch actions (``/Launch``)
are reported as active content, found in the file's bytes and inside compressed object streams.
"""

from __future__ import annotations

import ctypes
import hashlib
import mmap
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import (
    Embedded,
    read_embedded_bytes,
    read_trailing_bytes,
    relabel_tables,
    relabel_text,
)
from scanners.readers.text_tables import text_and_tables

_CONTENT_METADATA = ("Title", "Subject", "Keywords")
# A gap between two words wider than this many font sizes is a gap between columns (word
# spacing, measured from one word's last character to the next one's first, is under 1).
_COLUMN_GAP_EM = 1.6
_CHAR_EM = 0.5  # a character column of the placed lines, in ems (about a digit's width)
_NUMBER_CELL = re.compile(r"^[-+\u2212(]?[\d.,]*\d[\d.,]*(?:E[-+]?\d+)?[)%]?$", re.IGNORECASE)
_NUMBER_START = "-+\u2212(.,"  # or a digit: the characters a _NUMBER_CELL starts with
_LINE_TOLERANCE = 0.5
# of the segment height: segments this close in y share a line
_BREAK = re.compile(r"[\r\n\t]")  # always cuts the page text (a space only when wide or generated)
_SPACE = re.compile(" ")
_RAW_CHUNK = 4 * 1024 * 1024
_ACTIVE_NAME = re.compile(rb"/(JavaScript|JS|Launch)(?=[\s/<>\[\]()%]|$)")
_ESCAPED_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>\[\]()%{}]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
# (or a subtype spelled with #xx escapes, which pdfium decodes as well).
_IMAGE_XOBJECT = re.compile(rb"/Subtype\s*/(?:Image\b|[^\s/<>\[\]()]*#)")
_STREAM_START = re.compile(rb"stream\r?\n")
_MAX_OBJECT_STREAM_BYTES = 64 * 1024 * 1024
_ACTIVE_WHAT = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "a launch action (it starts a program or opens a file)",
}


@dataclass
class _RawFacts:
    """What the file's bytes say, beside what pdfium reads: saves, the end, active content."""

    revisions: int = 0
    end: int | None = None  # just after the last %%EOF
    active: set[bytes] = field(default_factory=set)
    # An image XObject is a stream, so its dictionary is never inside a compressed object
    # stream: without "/Subtype /Image" in the bytes no page has a picture to OCR.
    pictures: bool = False


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
    attached: set[bytes] = set()
    for index in range(pdf.count_attachments()):
        attachment = pdf.get_attachment(index)
        name = attachment.get_name() or f"attachment {index + 1}"
        _read_attachment(attachment, name, f"attachment {name}", context, embedded, attached)
    facts = _raw_facts(path)
    items = list(_pages(pdf, context, hidden, embedded, attached, pictures=facts.pictures))
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        read_trailing_bytes(data, facts.end, what="the PDF", context=context, into=embedded)
    if raw_javascript_count(pdf):
        facts.active.add(b"JavaScript")
    for what in sorted({_ACTIVE_WHAT[name] for name in facts.active}):
        hidden.append(
            HiddenPart(
                kind="active_content", location="document", description=f"the PDF holds {what}"
            )
        )
    hidden.extend(
        HiddenPart(kind="attachment", location=p.location, description=p.description)
        for p in embedded.hidden
        if p.kind == "embedded_object"
    )
    hidden.extend(p for p in embedded.hidden if p.kind != "embedded_object")
    if facts.revisions > 1:
        hidden.append(
            HiddenPart(
                kind="tracked_changes",
                location="document",
                description=f"the PDF was saved {facts.revisions} times; earlier versions of its "
                "content may still be inside",
            )
        )
    pdf.close()
    page_text = [i for i in items if isinstance(i, TextBlock)]
    page_tables = [i for i in items if isinstance(i, Table)]
    if not any(block.text.strip() for block in page_text) and not any(
        table.rows for table in page_tables
    ):
        raise Unscannable("the PDF has no text layer (a scanned or image-only document?)")
    return Extraction(
        file_type="pdf",
        text=page_text + text + embedded.text,
        tables=page_tables + embedded.tables,
        hidden=hidden,
    )


def _read_attachment(
    attachment: Any,
    name: str,
    location: str,
    context: ReadContext,
    into: Embedded,
    seen: set[bytes],
) -> None:
    """An attached file, read by its name's reader (each distinct file once)."""
    import pypdfium2 as pdfium

    try:
        data = bytes(attachment.get_data())
    except pdfium.PdfiumError:
        data = b""
    key = hashlib.sha256(name.encode() + b"\x00" + data).digest()
    if key in seen:
        return
    seen.add(key)
    if not data:
        context.unreadable_parts.append(f"{location}: the attached file cannot be extracted")
        return
    read_embedded_bytes(data, name=name, location=location, context=context, into=into)


def raw_javascript_count(pdf: Any) -> int:
    """Document-level scripts (the ``/Names /JavaScript`` tree), as pdfium counts them."""
    import pypdfium2.raw as raw

    return max(0, int(raw.FPDFDoc_GetJavaScriptActionCount(pdf.raw)))


def _pages(
    pdf: Any,
    context: ReadContext,
    hidden: list[HiddenPart],
    embedded: Embedded,
    attached: set[bytes],
    *,
    pictures: bool,
) -> Iterator[TextBlock | Table]:
    pictures_seen: set[bytes] = set()
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
        yield from _annotations(pdf, page, number, hidden, context, embedded, attached)
        if pictures:
            yield from _pictures(page, number, context, pictures_seen)
        textpage.close()
        page.close()


def page_text(handle: Any) -> tuple[int, str]:
    """A pdfium text page's character count and its text, in one call (index i of the text
    is character i of the page)."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return count, ""
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    return count, bytes(buffer)[: 2 * count].decode("utf-16-le", errors="replace")


def _lines(textpage: Any) -> list[tuple[int, str]]:
    """The page's text lines, top to bottom; segments on a line placed at their columns.

    pdfium marks the spaces and line breaks it inserts between text runs as generated: those
    cut the page text into segments (table cells); each segment is placed by its first
    character's box (a number by its last one's). One call gets the text; then one call per
    space, two or three per segment and three per typed space tested for a wide gap.
    """
    handle = textpage.raw
    count, text = page_text(handle)
    if count <= 0:
        return []
    calls = _PageCalls(handle)
    segments = _segments(text, _cuts(text, count, calls), calls)
    if not segments:
        return []
    segments.sort(key=_TOP_DOWN)  # stable: segments at the same place keep the text's order
    lines: list[list[_Segment]] = []
    line_top = line_bottom = slack = 0.0
    for segment in segments:
        middle = -segment[0]
        if lines and line_bottom - slack <= middle <= line_top + slack:
            lines[-1].append(segment)
            continue
        lines.append([segment])
        line_top, line_bottom = segment[2], segment[3]
        slack = max(line_top - line_bottom, 1.0) * _LINE_TOLERANCE
    return list(enumerate(_placed(lines), start=1))


# A segment of page text: (-middle, left, top, bottom, right, content, size), a plain tuple
# (a page of a table has hundreds, and a class's constructor costs more than the rest of the
# segment). ``middle`` is (top + bottom) / 2, negated so that sorting puts the top line
# first; ``right`` is where a number ends (numbers stand right-aligned in tables), else None;
# ``size`` is the font size of the first character.
_Segment = tuple[float, float, float, float, float | None, str, float]
_TOP_DOWN = itemgetter(0, 1)
_LEFT = itemgetter(1)


def _cuts(text: str, count: int, calls: _PageCalls) -> list[int]:
    """Where the page text is cut into segments: at line breaks and tabs, at the spaces pdfium
    generated between text runs, and at typed spaces that stand for a wide gap; then at the
    end."""
    spaces = [m.start() for m in _SPACE.finditer(text)]
    flags = list(map(calls.generated, spaces))
    cuts = [m.start() for m in _BREAK.finditer(text)]
    cuts += [index for index, flag in zip(spaces, flags, strict=True) if flag == 1]
    cuts += [
        index
        for index, flag in zip(spaces, flags, strict=True)
        if flag != 1 and _column_gap(index, count, calls)
    ]
    cuts.sort()
    cuts.append(len(text))
    return cuts


def _segments(text: str, cuts: list[int], calls: _PageCalls) -> list[_Segment]:
    """The non-blank pieces between cuts, each with its box and font size."""
    get_box, page, values = calls.get_box, calls.page, calls.values
    left_out, right_out, bottom_out, top_out = calls.refs
    pieces: list[tuple[int, str, int]] = []  # (first character, content, last character)
    begin = 0
    for index in cuts:
        piece = text[begin:index]
        content = piece.strip()
        if content:
            first = begin + len(piece) - len(piece.lstrip())
            pieces.append((first, content, begin + len(piece.rstrip()) - 1))
        begin = index + 1
    sizes = list(map(calls.size, [first for first, _, _ in pieces]))
    segments: list[_Segment] = []
    for (first, content, last), size in zip(pieces, sizes, strict=True):
        get_box(page, first, left_out, right_out, bottom_out, top_out)
        left, bottom, top = values[0], values[2], values[3]
        right: float | None = None
        if _is_number(content):
            if last != first:
                get_box(page, last, left_out, right_out, bottom_out, top_out)
            right = values[1]
        segments.append((-(top + bottom) / 2, left, top, bottom, right, content, size))
    return segments


def _is_number(content: str) -> bool:
    """Whether a segment is a number (``_NUMBER_CELL``), the usual cases without the regex."""
    if content.isdecimal():
        return True
    return (content[0] in _NUMBER_START or content[0].isdecimal()) and bool(
        _NUMBER_CELL.match(content)
    )


def _placed(lines: list[list[_Segment]]) -> list[str]:
    """Each line's segments at their character columns on the page (a grid of ``_CHAR_EM``
    of the usual font size), at least three spaces apart: a text by its left edge, a number by
    its right edge. Cells of a table whose widths differ stay in their columns, as
    ``text_tables`` cuts a table at the gutters blank in every line."""
    usual = sorted([s[6] for line in lines for s in line if s[6] > 0])
    unit = _CHAR_EM * (usual[len(usual) // 2] if usual else 10.0)
    origin = min([s[1] for line in lines for s in line])
    placed = []
    for line in lines:
        if len(line) == 1:
            placed.append(line[0][5])  # alone on its line: at the left margin
            continue
        parts: list[str] = []
        width = 0  # of the line so far
        for _, left, _, _, right, content, _ in sorted(line, key=_LEFT):
            if right is not None:
                column = round((right - origin) / unit) - len(content)
            else:
                column = round((left - origin) / unit)
            if width:
                column = max(column, width + 3)
            if column > width:
                parts.append(" " * (column - width))
                width = column
            parts.append(content)
            width += len(content)
        placed.append("".join(parts))
    return placed


_INT_CALL = ctypes.CFUNCTYPE(ctypes.c_int)
_DOUBLE_CALL = ctypes.CFUNCTYPE(ctypes.c_double)


class _PageCalls:
    """The per-character questions a page's lines ask of pdfium, called without ctypes'
    conversion of each argument: a page of a table asks hundreds, and the conversion
    (pypdfium2 declares argtypes) costs as much as the call. The arguments are exactly the C
    types the functions take: the text page, an int, and for the box four double pointers
    (into ``values``, made once a page: left, right, bottom, top)."""

    def __init__(self, handle: Any) -> None:
        import pypdfium2.raw as raw

        self.page = ctypes.cast(handle, ctypes.c_void_p)
        self.get_box = ctypes.cast(raw.FPDFText_GetCharBox, _INT_CALL)
        self.values = (ctypes.c_double * 4)()
        self.refs = tuple(ctypes.byref(self.values, 8 * k) for k in range(4))
        # Bound to the page: a partial object calls in C, without a Python frame each time.
        self.generated: Callable[[int], int] = partial(
            ctypes.cast(raw.FPDFText_IsGenerated, _INT_CALL), self.page
        )
        self.size: Callable[[int], float] = partial(
            ctypes.cast(raw.FPDFText_GetFontSize, _DOUBLE_CALL), self.page
        )


def _column_gap(index: int, count: int, calls: _PageCalls) -> bool:
    """Whether the space at ``index`` stands for a wide gap on the page: text laid out in a
    proportional font (a text file printed to PDF) keeps one space character where the
    source had many, and moves the next word to its column; those are the table's columns."""
    if not 0 < index < count - 1:
        return False
    values = calls.values
    calls.get_box(calls.page, index - 1, *calls.refs)
    before_right, before_bottom = values[1], values[2]
    calls.get_box(calls.page, index + 1, *calls.refs)
    after_left, after_bottom = values[0], values[2]
    size = calls.size(index) or 10.0
    if abs(after_bottom - before_bottom) > size:
        return False  # the next character is on another line
    return after_left - before_right > _COLUMN_GAP_EM * size


def _has_images(page: Any) -> bool:
    import pypdfium2.raw as raw

    for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def _pictures(
    page: Any, number: int, context: ReadContext, seen: set[bytes]
) -> Iterator[TextBlock | Table]:
    """The text OCR finds in the pictures on a page (a table pasted as a picture)."""
    import pypdfium2 as pdfium

    from scanners.readers.image import MIN_OCR_PIXELS, ocr_image, tesseract_available

    for index, picture in enumerate(_picture_objects(page), start=1):
        context.deadline.check()
        location = f"page {number}, picture {index}"
        try:
            width, height = picture.get_px_size()
            if width * height < MIN_OCR_PIXELS or min(width, height) < 8:
                continue
            if width * height > context.policy.max_image_pixels:
                raise LimitExceeded(
                    f"{location} has {width * height} pixels, more than the limit of "
                    f"{context.policy.max_image_pixels}"
                )
            key = hashlib.sha256(bytes(picture.get_data(decode_simple=False))).digest()
            if key in seen:
                continue
            seen.add(key)
            if not tesseract_available():
                raise Unscannable(f"{location}: its text cannot be read: OCR is not installed")
            image = picture.get_bitmap(render=False).to_pil()
        except pdfium.PdfiumError as error:
            context.unreadable_parts.append(f"{location}: the picture cannot be decoded ({error})")
            continue
        text, tables = ocr_image(image, context)
        yield from relabel_text(text, location)
        yield from relabel_tables(tables, location)


def _picture_objects(page: Any) -> Iterator[Any]:
    """The page's image objects, also inside form XObjects, found through the raw API (a
    wrapper per object, as ``get_objects`` makes, costs more than the rest of the page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    stack: list[tuple[Any, Any, int]] = [(None, page.raw, 0)]
    while stack:
        form, parent, depth = stack.pop()
        count = raw.FPDFFormObj_CountObjects(parent) if form else raw.FPDFPage_CountObjects(parent)
        for index in range(max(count, 0)):
            handle = (
                raw.FPDFFormObj_GetObject(parent, index)
                if form
                else raw.FPDFPage_GetObject(parent, index)
            )
            kind = raw.FPDFPageObj_GetType(handle) if handle else None
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                yield pdfium.PdfImage(handle, page=page, pdf=page.pdf)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((True, handle, depth + 1))


def _annotations(
    pdf: Any,
    page: Any,
    number: int,
    hidden: list[HiddenPart],
    context: ReadContext,
    embedded: Embedded,
    attached: set[bytes],
) -> Iterator[TextBlock]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annotation = raw.FPDFPage_GetAnnot(page.raw, index)
        if not annotation:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annotation)
            if subtype == raw.FPDF_ANNOT_FILEATTACHMENT:
                handle = raw.FPDFAnnot_GetFileAttachment(annotation)
                if handle:
                    attachment = pdfium.PdfAttachment(handle, pdf)
                    name = attachment.get_name() or f"attachment on page {number}"
                    where = f"page {number}, annotation {index + 1}, attachment {name}"
                    _read_attachment(attachment, name, where, context, embedded, attached)
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


def _raw_facts(path: Path) -> _RawFacts:
    """One pass over the bytes: how many times the PDF ends (``%%EOF``; more than once means
    incremental updates), where it last ends, and the names of active content, also inside
    compressed object streams (where pdfium gives no access to actions)."""
    facts = _RawFacts()
    tail = b""
    offset = 0  # file offset of chunk[0]
    object_streams = False
    with path.open("rb") as handle:
        while chunk := handle.read(_RAW_CHUNK):
            data = tail + chunk
            start = offset - len(tail)
            at = data.find(b"%%EOF", max(0, len(tail) - 4))
            while at >= 0:
                if start + at + 5 > (facts.end or 0):
                    facts.revisions += 1
                    facts.end = start + at + 5
                at = data.find(b"%%EOF", at + 5)
            facts.active.update(_active_names(data))
            object_streams = object_streams or _OBJECT_STREAM.search(data) is not None
            facts.pictures = facts.pictures or _IMAGE_XOBJECT.search(data) is not None
            tail = data[-16:]
            offset += len(chunk)
    if object_streams:
        facts.active.update(_object_stream_names(path))
    return facts


def _active_names(data: bytes) -> set[bytes]:
    """Active-content names, also when spelled with ``#xx`` escapes (``/J#53``)."""
    found = {m.group(1) for m in _ACTIVE_NAME.finditer(data)}
    for match in _ESCAPED_NAME.finditer(data):
        name = _NAME_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode()), match.group(1))
        if name in _ACTIVE_WHAT:
            found.add(name)
    return found


def _inflate(data: Any, at: int, budget: int) -> bytes:
    """The Flate stream starting at ``at``, fed in pieces; at most about ``budget`` bytes."""
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    produced = 0
    try:
        while not inflater.eof and at < len(data) and produced <= budget:
            piece = inflater.decompress(data[at : at + 65536], budget - produced + 1)
            at += 65536 - len(inflater.unconsumed_tail)
            produced += len(piece)
            pieces.append(piece)
            if inflater.unconsumed_tail and produced > budget:
                break
    except zlib.error:
        pass  # not Flate after all, or corrupt: what inflated so far is searched
    return b"".join(pieces)


def _object_stream_names(path: Path) -> set[bytes]:
    """Active-content names inside the Flate-compressed object streams (``/Type /ObjStm``)."""
    found: set[bytes] = set()
    budget = _MAX_OBJECT_STREAM_BYTES
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for match in _OBJECT_STREAM.finditer(data):  # type: ignore[call-overload]
            start = _STREAM_START.search(data, match.end(), match.end() + 4096)  # type: ignore[call-overload]
            if start is None:
                continue
            inflated = _inflate(data, start.end(), budget)
            budget -= len(inflated)
            found.update(_active_names(inflated))
            if budget <= 0:
                raise LimitExceeded("the PDF's object streams inflate beyond the scan's limit")
    return found
