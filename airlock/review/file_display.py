"""What the item page shows of a file, read from the quarantine store, findings marked.

Tables for CSV and sheets, numbered lines for text (HTML, SVG and XML too: shown as source,
never rendered), images and PDF pages as PNG through their own views, a download otherwise.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from airlock.outputs import storage
from airlock.outputs.models import OutputFile
from airlock.outputs.names import extension_of

MAX_ROWS = 500
MAX_COLUMNS = 50
MAX_LINES = 3000
MAX_CELL_CHARS = 200
MAX_READ_BYTES = 20 * 1024 * 1024  # larger files are downloaded, not shown

TABLE_TYPES = {"csv", "tab"}
SHEET_TYPES = {"xlsx", "xlsm", "xls", "ods"}
TEXT_TYPES = {
    "txt", "log", "lst", "sas", "r", "do", "doh", "ado", "sps", "tex", "smcl", "html", "htm",
    "mht", "xml", "svg", "rtf", "eps",
}  # fmt: skip
IMAGE_TYPES = {"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff"}
PDF_TYPES = {"pdf"}

CELL_RE = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]{1,3})(?P<row>\d+)\b")
LINE_RE = re.compile(r"^line (?P<line>\d+)(?:, column (?P<col>\d+))?")
PAGE_RE = re.compile(r"^page (?P<page>\d+)")


@dataclass
class Cell:
    value: str
    findings: list[dict] = field(default_factory=list)


@dataclass
class TableView:
    name: str
    rows: list[tuple[int, list[Cell]]]  # (row number in the file, cells)
    column_letters: list[str]
    truncated: bool = False


@dataclass
class Line:
    number: int
    text: str
    findings: list[dict] = field(default_factory=list)


@dataclass
class FileDisplay:
    kind: str  # "table" | "text" | "image" | "pdf" | "download"
    tables: list[TableView] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pages: list[tuple[int, list[dict]]] = field(default_factory=list)  # (page, findings)
    truncated: bool = False
    message: str = ""
    unplaced_findings: list[dict] = field(default_factory=list)  # could not be pinned


def file_kind(output_file: OutputFile) -> str:
    kind = (output_file.file_type or extension_of(output_file.name)).lower()
    extension = extension_of(output_file.name)
    for types, name in (
        (TABLE_TYPES, "table"),
        (SHEET_TYPES, "sheet"),
        (TEXT_TYPES, "text"),
        (IMAGE_TYPES, "image"),
        (PDF_TYPES, "pdf"),
    ):
        if kind in types or extension in types:
            return name
    return "download"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_quarantined(output_file: OutputFile, limit: int = MAX_READ_BYTES) -> bytes:
    with storage.quarantine_store().open(output_file.storage_key, "rb") as handle:
        return handle.read(limit)


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _short(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # sheets store every number as a float: show 2, not 2.0
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def file_display_for(output_file: OutputFile) -> FileDisplay:
    kind = file_kind(output_file)
    findings = [f for f in output_file.findings if f.get("location")]
    if kind in ("image", "pdf"):
        pages = []
        if kind == "pdf":
            pages = _pdf_pages(output_file, findings)
        return FileDisplay(kind=kind, pages=pages, unplaced_findings=_unplaced(kind, findings))
    if kind == "download" or output_file.size > MAX_READ_BYTES:
        return FileDisplay(kind="download", unplaced_findings=findings)
    try:
        data = read_quarantined(output_file)
        if kind == "sheet":
            display = _sheets(data, findings)
        elif kind == "table":
            display = _csv(data, findings)
        else:
            display = _text(data, findings)
    except Exception as exc:  # a file the scanner could not read either: offer the download
        return FileDisplay(kind="download", message=type(exc).__name__, unplaced_findings=findings)
    return display


def _unplaced(kind: str, findings: list[dict]) -> list[dict]:
    if kind == "pdf":
        return [f for f in findings if not PAGE_RE.match(f["location"])]
    return findings


def _sheets(data: bytes, findings: list[dict]) -> FileDisplay:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    marks: dict[tuple[str, str, int], list[dict]] = {}
    unplaced = []
    for finding in findings:
        match = CELL_RE.match(finding["location"])
        if match and " > " not in finding["location"]:
            key = (match["sheet"], match["col"], int(match["row"]))
            marks.setdefault(key, []).append(finding)
        else:
            unplaced.append(finding)
    tables = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
        tables.append(_table(name, rows, lambda r, c, n=name: marks.get((n, column_letter(c), r))))
    return FileDisplay(kind="table", tables=tables, unplaced_findings=unplaced)


def _csv(data: bytes, findings: list[dict]) -> FileDisplay:
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    marks: dict[tuple[int, int], list[dict]] = {}
    line_marks: dict[int, list[dict]] = {}
    unplaced = []
    for finding in findings:
        match = LINE_RE.match(finding["location"])
        if not match:
            unplaced.append(finding)
        elif match["col"]:
            marks.setdefault((int(match["line"]), int(match["col"])), []).append(finding)
        else:
            line_marks.setdefault(int(match["line"]), []).append(finding)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    for _index, row in zip(range(MAX_ROWS + 1), reader, strict=False):
        rows.append(row)

    def mark(row_number: int, col: int) -> list[dict] | None:
        return marks.get((row_number, col + 1)) or (
            line_marks.get(row_number) if col == 0 else None
        )

    return FileDisplay(kind="table", tables=[_table("", rows, mark)], unplaced_findings=unplaced)


def _table(name: str, rows: list[list[Any]], mark) -> TableView:
    truncated = len(rows) > MAX_ROWS
    rows = rows[:MAX_ROWS]
    width = min(max((len(r) for r in rows), default=0), MAX_COLUMNS)
    view_rows = []
    for index, row in enumerate(rows):
        number = index + 1
        cells = [
            Cell(value=_short(row[c] if c < len(row) else ""), findings=mark(number, c) or [])
            for c in range(width)
        ]
        view_rows.append((number, cells))
    return TableView(
        name=name,
        rows=view_rows,
        column_letters=[column_letter(c) for c in range(width)],
        truncated=truncated or any(len(r) > MAX_COLUMNS for r in rows),
    )


def _text(data: bytes, findings: list[dict]) -> FileDisplay:
    marks: dict[int, list[dict]] = {}
    unplaced = []
    for finding in findings:
        match = LINE_RE.match(finding["location"])
        if match:
            marks.setdefault(int(match["line"]), []).append(finding)
        else:
            unplaced.append(finding)
    all_lines = decode_text(data).splitlines()
    lines = [
        Line(number=n, text=text[:2000], findings=marks.get(n, []))
        for n, text in enumerate(all_lines[:MAX_LINES], start=1)
    ]
    return FileDisplay(
        kind="text", lines=lines, truncated=len(all_lines) > MAX_LINES, unplaced_findings=unplaced
    )


def _pdf_pages(output_file: OutputFile, findings: list[dict]) -> list[tuple[int, list[dict]]]:
    count = pdf_page_count(output_file)
    by_page: dict[int, list[dict]] = {}
    for finding in findings:
        match = PAGE_RE.match(finding["location"])
        if match:
            by_page.setdefault(int(match["page"]), []).append(finding)
    return [(n, by_page.get(n, [])) for n in range(1, count + 1)]


# --- Bytes for the image and PDF-page views ------------------------------------------------

MAX_PDF_PAGES_SHOWN = 200
IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def pdf_page_count(output_file: OutputFile) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(read_quarantined(output_file, limit=200 * 1024 * 1024))
    except Exception:
        return 0
    try:
        return min(len(document), MAX_PDF_PAGES_SHOWN)
    finally:
        document.close()


def pdf_page_png(output_file: OutputFile, page: int) -> bytes | None:
    """Page ``page`` (1-based) drawn as PNG; None if there is no such page or it cannot be read."""
    import pypdfium2 as pdfium

    if not 1 <= page <= MAX_PDF_PAGES_SHOWN:
        return None
    try:
        document = pdfium.PdfDocument(read_quarantined(output_file, limit=200 * 1024 * 1024))
    except Exception:
        return None
    try:
        if page > len(document):
            return None
        image = document[page - 1].render(scale=1.5).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    except Exception:
        return None
    finally:
        document.close()


def image_bytes(output_file: OutputFile) -> tuple[bytes, str] | None:
    """The image as PNG, JPEG or GIF, by its content (never by its name); others converted to
    PNG. None if the content is not an image."""
    data = read_quarantined(output_file)
    for signature, content_type in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return data, content_type
    try:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = 100_000_000
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("BMP", "TIFF"):
                return None
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PNG")
            return out.getvalue(), "image/png"
    except Exception:
        return None
