"""The reviewer's view of a file, built in an isolated process, never in a web process.

``build_preview(path, file_type=..., findings=..., out_dir=...)`` reads the file with the
scanner's own readers and decoders (so cells and lines are numbered exactly as the findings
name them) and writes ``preview.json`` and capped PNG images into ``out_dir``:

- ``table``: the cell grid of each table or sheet, every cell's scanner location checked
  against the findings (``Tabel 1!C9``, ``line 14, column 3``);
- ``text``: numbered lines, decoded as the scanner decodes them (UTF-16 included);
- ``document``: a document's text blocks (DOCX paragraphs, comments, slides) with their
  locations, and its tables as grids;
- ``pages``: PDF pages drawn as PNG under a pixel cap per page and a page cap, findings
  boxed on the page by pdfplumber's word boxes;
- ``image``: the picture redrawn as PNG under a pixel cap;
- ``download``: nothing to show.

Findings are referred to by their index in the list given. ``preview_isolated`` builds it in
a child of the scanner's warm sandbox (``scanners.sandbox.run_in_sandbox``: forked from the
worker's pre-loaded image, in its own session, without secrets, under this module's
address-space and CPU caps, its whole process group killed when the wall clock passes); the
web process only ever reads the JSON and PNGs.
"""

from __future__ import annotations

import json
import math
import re
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanners.model import Policy, Table, TextBlock, column_letter

PREVIEW_VERSION = 1
PREVIEW_FILE = "preview.json"

MAX_TABLES = 20
MAX_ROWS = 500  # per table, from the top
MAX_EXTRA_ROWS = 200  # rows further down that hold a finding
MAX_COLUMNS = 50
MAX_CELL_CHARS = 200
MAX_LINES = 3000
MAX_EXTRA_LINES = 200
MAX_LINE_CHARS = 2000
MAX_BLOCKS = 2000
MAX_PAGES = 30  # drawn from the first page on
MAX_EXTRA_PAGES = 20  # pages further on that hold a finding
MAX_PAGE_PIXELS = 2_500_000  # per drawn page: a 14,400 pt page is drawn small, not huge
MAX_PAGE_SCALE = 1.5  # 108 dpi at most
MAX_IMAGE_PIXELS = 4_000_000
MAX_IMAGE_BYTES = 60 * 1024 * 1024  # all PNGs of one preview together
MAX_BOXES_PER_FINDING = 20

TIME_LIMIT_SECONDS = 90.0
MEMORY_LIMIT_BYTES = 2 * 1024**3

# Hidden parts a reviewer reads beside the body; other hidden text (properties, the XML of
# the package) is shown only where a finding points.
_SHOWN_HIDDEN_PARTS = frozenset(
    {"comment", "tracked_change", "hidden_text", "footnote", "header", "footer", "text_box",
     "notes", "annotation"}
)  # fmt: skip

LINE_RE = re.compile(r"^line (?P<line>\d+)\b")
PAGE_RE = re.compile(r"^page (?P<page>\d+)\b")
PAGE_LINE_RE = re.compile(r"^page \d+, line (?P<line>\d+)\b")


@dataclass
class Marks:
    """Which findings sit where: exact locations first, then the enclosing row or line."""

    findings: list[dict]
    placed: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_location: dict[str, list[int]] = {}
        for index, finding in enumerate(self.findings):
            location = str(finding.get("location") or "")
            if location:
                self.by_location.setdefault(location, []).append(index)

    @property
    def has_unplaced(self) -> bool:
        return any(i not in self.placed for ids in self.by_location.values() for i in ids)

    @property
    def unplaced(self) -> list[int]:
        return [i for i in range(len(self.findings)) if i not in self.placed]

    def take(self, location: str) -> list[int]:
        found = self.by_location.get(location, [])
        self.placed.update(found)
        return list(found)

    def take_matching(self, pattern: re.Pattern[str], group: str, value: int) -> list[int]:
        found = []
        for location, indexes in self.by_location.items():
            match = pattern.match(location)
            if match and int(match[group]) == value:
                found.extend(indexes)
        self.placed.update(found)
        return found


def build_preview(
    path: Path,
    *,
    file_type: str,
    findings: list[dict],
    out_dir: Path,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """Write ``preview.json`` (and PNGs) for one file into ``out_dir``; return the preview."""
    from scanners.file_types import file_type as registry_entry

    policy = policy or Policy()
    entry = registry_entry(file_type)
    shown = entry.shown_as if entry is not None else "none"
    marks = Marks(findings)
    preview: dict[str, Any] = {"version": PREVIEW_VERSION, "kind": "download", "truncated": False}
    if shown in ("table", "sheet"):
        preview.update(_tables_preview(path, file_type, policy, marks))
    elif shown == "text":
        preview.update(_text_preview(path, marks))
    elif shown == "pages":
        preview.update(_pdf_preview(path, marks, out_dir, findings))
    elif shown == "image":
        preview.update(_image_preview(path, out_dir, policy))
    elif entry is not None and entry.reader:
        preview.update(_document_preview(path, file_type, policy, marks))
    preview["unplaced"] = marks.unplaced
    (out_dir / PREVIEW_FILE).write_text(json.dumps(preview, ensure_ascii=False))
    return preview


# --- Tables and documents, through the scanner's readers ----------------------------------


def _extraction(path: Path, file_type: str, policy: Policy):
    from scanners.limits import Deadline, guard_images
    from scanners.readers import ReadContext, reader_for

    reader = reader_for(file_type)
    if reader is None:
        return None, None
    guard_images(policy)
    context = ReadContext(
        policy=policy, file_type=file_type, deadline=Deadline(TIME_LIMIT_SECONDS * 0.9)
    )
    return reader(path, context), context


def _short(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # sheets hold every number as a float: show 2, not 2.0
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


class _Grid:
    """One table as shown: the first rows, then only rows that hold a finding."""

    def __init__(self, table: Table) -> None:
        self.name = table.name
        self.hidden = table.hidden
        self.part = table.part
        self.rows: list[list[Any]] = []
        self.width = 0
        self.truncated = False
        self.extra = 0

    @property
    def full(self) -> bool:
        return len(self.rows) >= MAX_ROWS

    def add(self, table: Table, marks: Marks) -> None:
        for index, row in enumerate(table.rows):
            if self.full and (self.extra >= MAX_EXTRA_ROWS or not marks.has_unplaced):
                self.truncated = True
                return  # nothing further down to show
            number = _row_number(table, index)
            cells = []
            for col, value in enumerate(row[:MAX_COLUMNS]):
                location = table.cell_location(index, col)
                found = marks.take(location)
                if col == 0:  # a finding on the whole row: "line 3" for "line 3, column 1"
                    head, comma, _rest = location.rpartition(", ")
                    if comma:
                        found += marks.take(head)
                cells.append({"v": _short(value), "f": found} if found else {"v": _short(value)})
            if len(row) > MAX_COLUMNS:
                self.truncated = True
            marked = any("f" in c for c in cells)
            if len(self.rows) < MAX_ROWS or (marked and self.extra < MAX_EXTRA_ROWS):
                if len(self.rows) >= MAX_ROWS:
                    self.extra += 1
                self.rows.append([number, cells])
                self.width = max(self.width, len(cells))
            else:
                self.truncated = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "hidden": self.hidden,
            "part": self.part,
            "columns": [column_letter(c) for c in range(self.width)],
            "rows": self.rows,
            "truncated": self.truncated,
        }


def _row_number(table: Table, index: int) -> int:
    if table.row_numbers is not None and 0 <= index < len(table.row_numbers):
        return table.row_numbers[index]
    return table.row_offset + index + 1


def _grids(tables: Iterable[Table], marks: Marks) -> tuple[list[dict], bool]:
    grids: dict[tuple[str, bool, str], _Grid] = {}
    truncated = False
    # A huge table arrives in chunks: once its first rows are shown and no finding is left to
    # place, later chunks are not read, and reading stops when most of the time is spent.
    stop_at = time.monotonic() + TIME_LIMIT_SECONDS * 0.8
    for table in tables:
        if time.monotonic() > stop_at:
            truncated = True
            break
        key = (table.name, table.hidden, table.part)
        grid = grids.get(key)
        if grid is None:
            if len(grids) >= MAX_TABLES:
                truncated = True
                continue
            grid = grids[key] = _Grid(table)
        grid.add(table, marks)
        if grid.full and not table.is_last_chunk and not marks.has_unplaced:
            truncated = True
            break  # the rest of a huge table: nothing in it to show
    return [g.to_dict() for g in grids.values()], truncated or any(
        g.truncated for g in grids.values()
    )


def _tables_preview(path: Path, file_type: str, policy: Policy, marks: Marks) -> dict[str, Any]:
    extraction, _context = _extraction(path, file_type, policy)
    if extraction is None:
        return {"kind": "download"}
    tables, truncated = _grids(extraction.tables, marks)
    if not tables:
        return _document_from(extraction, marks)
    return {"kind": "table", "tables": tables, "truncated": truncated}


def _document_preview(path: Path, file_type: str, policy: Policy, marks: Marks) -> dict[str, Any]:
    extraction, _context = _extraction(path, file_type, policy)
    if extraction is None:
        return {"kind": "download"}
    return _document_from(extraction, marks)


def _document_from(extraction: Any, marks: Marks) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    truncated = False
    for block in extraction.text:
        if not isinstance(block, TextBlock) or not block.text.strip():
            continue
        found = marks.take(block.location)
        if block.hidden and not found and block.part not in _SHOWN_HIDDEN_PARTS:
            continue  # package plumbing and properties, unless a finding points there
        if len(blocks) >= MAX_BLOCKS:
            truncated = True
            break
        text = block.text if len(block.text) <= MAX_LINE_CHARS else block.text[:MAX_LINE_CHARS]
        blocks.append({"label": block.location, "text": text, "hidden": block.hidden, "f": found})
    tables, tables_truncated = _grids(extraction.tables, marks)
    return {
        "kind": "document",
        "blocks": blocks,
        "tables": tables,
        "truncated": truncated or tables_truncated,
    }


# --- Text, decoded as the scanner decodes it ----------------------------------------------


def _text_preview(path: Path, marks: Marks) -> dict[str, Any]:
    from scanners.readers.text_encoding import numbered_lines

    wanted: dict[int, list[int]] = {}
    for location, indexes in marks.by_location.items():
        match = LINE_RE.match(location)
        if match:
            wanted.setdefault(int(match["line"]), []).extend(indexes)
    lines = []
    extra = 0
    truncated = False
    for number, text in numbered_lines(path):
        found = wanted.get(number, [])
        if number > MAX_LINES:
            truncated = True
            if not found:
                if number > max(wanted, default=0):
                    break
                continue
            if extra >= MAX_EXTRA_LINES:
                break
            extra += 1
        marks.placed.update(found)
        lines.append({"n": number, "text": text[:MAX_LINE_CHARS], "f": found})
    return {"kind": "text", "lines": lines, "truncated": truncated}


# --- PDF pages ------------------------------------------------------------------------------


def _pdf_preview(path: Path, marks: Marks, out_dir: Path, findings: list[dict]) -> dict[str, Any]:
    import pypdfium2 as pdfium

    by_page: dict[int, list[int]] = {}
    for location, indexes in marks.by_location.items():
        match = PAGE_RE.match(location)
        if match:
            by_page.setdefault(int(match["page"]), []).extend(indexes)
    document = pdfium.PdfDocument(str(path))
    try:
        count = len(document)
        numbers = list(range(1, min(count, MAX_PAGES) + 1))
        numbers += [n for n in sorted(by_page) if n > MAX_PAGES and n <= count][:MAX_EXTRA_PAGES]
        pages = []
        written = 0
        plumber = _open_plumber(path) if by_page else None
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()
            scale = _page_scale(width, height)
            image = page.render(scale=scale).to_pil()
            name = f"page-{number}.png"
            image.save(out_dir / name, format="PNG", optimize=False)
            written += (out_dir / name).stat().st_size
            found = by_page.get(number, [])
            marks.placed.update(found)
            pages.append(
                {
                    "number": number,
                    "image": name,
                    "width": image.width,
                    "height": image.height,
                    "f": found,
                    "boxes": _boxes(plumber, number, found, findings) if found else [],
                }
            )
            page.close()
            if written > MAX_IMAGE_BYTES:
                break
        if plumber is not None:
            plumber.close()
        return {
            "kind": "pages",
            "pages": pages,
            "page_count": count,
            "truncated": len(pages) < count,
        }
    finally:
        document.close()


def _page_scale(width: float, height: float) -> float:
    """The largest scale up to MAX_PAGE_SCALE whose drawing stays within MAX_PAGE_PIXELS."""
    scale = min(MAX_PAGE_SCALE, math.sqrt(MAX_PAGE_PIXELS / max(width * height, 1.0)))
    while math.ceil(width * scale) * math.ceil(height * scale) > MAX_PAGE_PIXELS:
        scale *= 0.99
    return scale


def _open_plumber(path: Path):
    try:
        import pdfplumber

        return pdfplumber.open(str(path))
    except Exception:
        return None


def _boxes(plumber: Any, number: int, found: list[int], findings: list[dict]) -> list[dict]:
    """Boxes (fractions of the page) around the words a finding names: its evidence, on its
    line when the location gives one; the whole line when there is no evidence."""
    if plumber is None or number > len(plumber.pages):
        return []
    page = plumber.pages[number - 1]
    x0, top0, x1, bottom0 = page.bbox
    width, height = max(x1 - x0, 1.0), max(bottom0 - top0, 1.0)
    lines = _word_lines(page.extract_words(keep_blank_chars=False, use_text_flow=False))
    boxes = []
    for index in found:
        finding = findings[index]
        line_match = PAGE_LINE_RE.match(str(finding.get("location") or ""))
        line = int(line_match["line"]) if line_match else None
        needle = str(finding.get("evidence") or "").split("*")[0].strip()
        candidates = (lines[line - 1] if line is not None and 0 < line <= len(lines) else None) or [
            word for words in lines for word in words
        ]
        chosen = [w for w in candidates if needle and _word_holds(w["text"], needle)]
        if not chosen and line is not None and 0 < line <= len(lines):
            chosen = lines[line - 1]
        for word in chosen[:MAX_BOXES_PER_FINDING]:
            boxes.append(
                {
                    "x": round((word["x0"] - x0) / width, 4),
                    "y": round((word["top"] - top0) / height, 4),
                    "w": round((word["x1"] - word["x0"]) / width, 4),
                    "h": round((word["bottom"] - word["top"]) / height, 4),
                    "f": index,
                }
            )
    return boxes


def _word_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines, top to bottom (as the PDF reader numbers its lines)."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if lines:
            last = lines[-1][0]
            slack = max(last["bottom"] - last["top"], 1.0) * 0.5
            if last["top"] - slack <= middle <= last["bottom"] + slack:
                lines[-1].append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _word_holds(text: str, needle: str) -> bool:
    text = text.strip(".,;:()[]")
    return text == needle if len(needle) < 4 else needle in text


# --- Images ---------------------------------------------------------------------------------


def _image_preview(path: Path, out_dir: Path, policy: Policy) -> dict[str, Any]:
    from PIL import Image

    from scanners.limits import guard_images

    guard_images(policy)
    with Image.open(path) as image:
        image.draft("RGB", (2048, 2048))  # JPEG: decode small from the start
        pixels = image.width * image.height
        if pixels > MAX_IMAGE_PIXELS:
            ratio = math.sqrt(MAX_IMAGE_PIXELS / pixels)
            image.thumbnail((max(1, int(image.width * ratio)), max(1, int(image.height * ratio))))
        shown = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        shown.save(out_dir / "image.png", format="PNG")
        return {"kind": "image", "image": "image.png", "width": shown.width, "height": shown.height}


# --- The isolated process -------------------------------------------------------------------


def preview_isolated(
    path: Path,
    *,
    file_type: str,
    findings: list[dict],
    out_dir: Path,
    policy: Policy | None = None,
    time_limit: float = TIME_LIMIT_SECONDS,
    memory_limit: int = MEMORY_LIMIT_BYTES,
) -> dict[str, Any]:
    """Build the preview in a sandbox child; a preview that fails, runs out of memory or time
    is ``{"kind": "download", "message": why}``, never an exception."""
    from scanners.sandbox import run_in_sandbox

    request = {
        "action": "preview",
        "path": str(Path(path).resolve()),
        "file_type": file_type,
        "findings": findings,
        "out_dir": str(Path(out_dir).resolve()),
        "policy": policy or Policy(),
        "memory_limit": memory_limit,
        "time_limit": time_limit,
    }
    ended = run_in_sandbox(request, kill_after=time_limit + 10)
    if ended.returncode is None:
        return _failed(f"drawing the preview took longer than {time_limit:g} seconds")
    result = Path(out_dir) / PREVIEW_FILE
    if ended.returncode == 0 and result.exists():
        return json.loads(result.read_text())
    if ended.returncode == -signal.SIGXCPU:
        return _failed("drawing the preview used too much processor time")
    if b"MemoryError" in ended.err:
        return _failed("drawing the preview needed more memory than it may use")
    tail = ended.err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return _failed(f"the preview could not be drawn ({tail[0][:200]})")


def _failed(message: str) -> dict[str, Any]:
    return {"version": PREVIEW_VERSION, "kind": "download", "message": message, "unplaced": None}
