"""What the item page shows of a file: a preview drawn by the scanner's sandbox, findings marked.

No parser of uploaded content runs here. A Celery worker builds the preview with
``scanners.preview`` in a capped, isolated process (``preview_build``), from the same readers
and decoders the scan used, and stores ``preview.json`` and PNG pages in the preview store. The
web process only reads that JSON and hands the stored PNGs back (``file_display_for``,
``preview_image``). A file whose preview is not built yet shows a note, and the page asks a
worker for it.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from airlock.outputs import storage
from airlock.outputs.models import OutputFile
from airlock.outputs.names import extension_of

logger = logging.getLogger(__name__)

PREVIEW_FILE = "preview.json"
IMAGE_NAME_RE = re.compile(r"^(?:page-[1-9]\d{0,5}|image)\.png$")
MAX_PREVIEW_JSON_BYTES = 64 * 1024 * 1024


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
    hidden: bool = False


@dataclass
class Line:
    number: int
    text: str
    findings: list[dict] = field(default_factory=list)
    label: str = ""  # a document's block: "paragraph 3", "comment 1"; else the line number
    hidden: bool = False


@dataclass
class Box:
    """A finding's place on a drawn page, in the page image's pixels."""

    x: float
    y: float
    width: float
    height: float
    finding: dict


@dataclass
class Page:
    number: int
    image: str
    width: int
    height: int
    findings: list[dict] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)


@dataclass
class FileDisplay:
    # "table" | "text" | "document" | "image" | "pdf" | "pending" | "download"
    kind: str
    tables: list[TableView] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    page_count: int = 0
    image: str = ""
    truncated: bool = False
    message: str = ""
    unplaced_findings: list[dict] = field(default_factory=list)  # could not be pinned


# --- The store ------------------------------------------------------------------------------


def preview_store() -> Storage:
    return storages["previews"]


def _key(output_file: OutputFile, name: str) -> str:
    return f"{output_file.storage_key}/{name}"


def preview_delete(output_file: OutputFile) -> None:
    store = preview_store()
    try:
        _folders, names = store.listdir(output_file.storage_key)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:
        store.delete(_key(output_file, name))


def preview_load(output_file: OutputFile) -> dict[str, Any] | None:
    """The stored preview, if it was built for these exact bytes and findings."""
    store = preview_store()
    key = _key(output_file, PREVIEW_FILE)
    if not store.exists(key):
        return None
    with store.open(key, "rb") as handle:
        data = handle.read(MAX_PREVIEW_JSON_BYTES)
    try:
        preview = json.loads(data)
    except ValueError:
        return None
    if not isinstance(preview, dict) or preview.get("sha256") != output_file.sha256:
        return None
    if preview.get("findings") != output_file.findings:
        return None  # scanned again since: the marks would be wrong
    return preview


def preview_image(output_file: OutputFile, name: str) -> bytes | None:
    """A PNG the preview lists (a drawn page, or the redrawn picture); None otherwise."""
    preview = preview_load(output_file)
    if preview is None or not IMAGE_NAME_RE.match(name) or name not in _image_names(preview):
        return None
    with preview_store().open(_key(output_file, name), "rb") as handle:
        return handle.read()


def _image_names(preview: dict[str, Any]) -> set[str]:
    names = {str(p.get("image")) for p in preview.get("pages") or []}
    if preview.get("image"):
        names.add(str(preview["image"]))
    return names


# --- Building (worker side: the parsing happens in scanners.preview's isolated process) --------


def preview_build(output_file: OutputFile) -> dict[str, Any]:
    """Draw the file's preview in the scanner's sandbox and store it. Worker side only."""
    from airlock.projects.policy import policy_for_project
    from scanners.preview import preview_isolated

    # The readers' limits and types; not the project's history, which a preview does not use.
    policy = policy_for_project(output_file.project, history=False)
    with tempfile.TemporaryDirectory(prefix="airlock-preview-") as folder:
        local = storage.copy_quarantined_to(
            key=output_file.storage_key,
            path=Path(folder) / ("file." + (extension_of(output_file.name) or "bin")),
        )
        out_dir = Path(folder) / "out"
        out_dir.mkdir()
        preview = preview_isolated(
            local,
            file_type=output_file.file_type or extension_of(output_file.name),
            findings=list(output_file.findings or []),
            out_dir=out_dir,
            policy=policy,
        )
        preview["sha256"] = output_file.sha256
        preview["findings"] = output_file.findings
        preview_delete(output_file)
        store = preview_store()
        for name in sorted(_image_names(preview)):
            if IMAGE_NAME_RE.match(name) and (out_dir / name).is_file():
                store.save(_key(output_file, name), ContentFile((out_dir / name).read_bytes()))
        store.save(
            _key(output_file, PREVIEW_FILE),
            ContentFile(json.dumps(preview, ensure_ascii=False).encode()),
        )
    return preview


# --- Reading (web side: JSON and stored PNGs only) ------------------------------------------


def file_display_for(output_file: OutputFile) -> FileDisplay:
    findings = list(output_file.findings or [])
    preview = preview_load(output_file)
    if preview is None:
        return FileDisplay(kind="pending", unplaced_findings=findings)
    kind = str(preview.get("kind") or "download")

    def pick(indexes: Any) -> list[dict]:
        if not isinstance(indexes, list):
            return []
        return [findings[i] for i in indexes if isinstance(i, int) and 0 <= i < len(findings)]

    unplaced = preview.get("unplaced")
    display = FileDisplay(
        kind={"pages": "pdf"}.get(kind, kind),
        truncated=bool(preview.get("truncated")),
        message=str(preview.get("message") or ""),
        unplaced_findings=findings if unplaced is None else pick(unplaced),
        tables=[_table(t, pick) for t in preview.get("tables") or []],
        image=str(preview.get("image") or ""),
        page_count=int(preview.get("page_count") or 0),
    )
    for line in preview.get("lines") or []:
        display.lines.append(
            Line(number=int(line["n"]), text=str(line["text"]), findings=pick(line.get("f")))
        )
    for number, block in enumerate(preview.get("blocks") or [], start=1):
        display.lines.append(
            Line(
                number=number,
                text=str(block["text"]),
                findings=pick(block.get("f")),
                label=str(block.get("label") or ""),
                hidden=bool(block.get("hidden")),
            )
        )
    for page in preview.get("pages") or []:
        width, height = int(page["width"]), int(page["height"])
        boxes = [
            Box(
                x=round(float(b["x"]) * width, 1),
                y=round(float(b["y"]) * height, 1),
                width=max(round(float(b["w"]) * width, 1), 4.0),
                height=max(round(float(b["h"]) * height, 1), 4.0),
                finding=(pick([b.get("f")]) or [{}])[0],
            )
            for b in page.get("boxes") or []
        ]
        display.pages.append(
            Page(
                number=int(page["number"]),
                image=str(page["image"]),
                width=width,
                height=height,
                findings=pick(page.get("f")),
                boxes=boxes,
            )
        )
    return display


def _table(data: dict[str, Any], pick) -> TableView:
    rows = []
    for number, cells in data.get("rows") or []:
        shown = [Cell(value=str(c.get("v", "")), findings=pick(c.get("f"))) for c in cells]
        rows.append((int(number), shown))
    return TableView(
        name=str(data.get("name") or ""),
        rows=rows,
        column_letters=[str(c) for c in data.get("columns") or []],
        truncated=bool(data.get("truncated")),
        hidden=bool(data.get("hidden")),
    )
