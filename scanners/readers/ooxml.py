"""Parts shared by the Office Open XML readers (xlsx, docx, pptx): relationships and properties."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

from scanners.limits import GuardedZip
from scanners.model import HiddenPart, TextBlock

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "tc": "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments",
}
# Properties that carry what someone wrote, as opposed to who and when (always present).
_CONTENT_PROPERTIES = frozenset(
    {
        "title",
        "subject",
        "description",
        "keywords",
        "category",
        "comments",
        "contentStatus",
        "Manager",
        "Company",
        "HyperlinkBase",
    }
)
_ROUTINE_PROPERTIES = frozenset(
    {
        "creator",
        "lastModifiedBy",
        "created",
        "modified",
        "lastPrinted",
        "revision",
        "Application",
        "AppVersion",
        "DocSecurity",
        "ScaleCrop",
        "LinksUpToDate",
        "SharedDoc",
        "HyperlinksChanged",
        "TotalTime",
        "Template",
        "Pages",
        "Words",
        "Characters",
        "Lines",
        "Paragraphs",
        "CharactersWithSpaces",
        "Slides",
        "Notes",
        "HiddenSlides",
        "MMClips",
        "PresentationFormat",
        "HeadingPairs",
        "TitlesOfParts",
        "version",
        "language",
        "identifier",
    }
)


def local_name(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def relationships(archive: GuardedZip, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id -> (type's last word, target part's path in the zip)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if not archive.has(rels_name):
        return {}
    root = archive.xml(rels_name)
    found: dict[str, tuple[str, str]] = {}
    for rel in root:
        target = rel.get("Target", "")
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if rel.get("TargetMode") == "External":
            found[rel.get("Id", "")] = (kind, target)
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id", "")] = (kind, posixpath.normpath(path))
    return found


def main_part(archive: GuardedZip, default: str) -> str | None:
    """The package's main document part (``xl/workbook.xml``...), from ``_rels/.rels``."""
    for kind, target in relationships(archive, "").values():
        if kind == "officeDocument" and archive.has(target):
            return target
    return default if archive.has(default) else None


# Parts every OOXML reader reads itself (properties), and the thumbnail: a small render of the
# first page or slide, whose content the reader reads from the document itself (OCR of it
# would cost a second a file and read little at that size).
_PACKAGE_PARTS = (r"docProps/(core|app|custom)\.xml", r"docProps/thumbnail\.\w+")


def read_by(*parts: str) -> Callable[[str], bool]:
    """Whether a reader read a member: its exact names or patterns, and the property parts.

    What it does not claim is read by ``embedded.sweep_members`` as whatever it turns out to be.
    """
    pattern = re.compile("|".join(f"(?:{p})" for p in (*parts, *_PACKAGE_PARTS)))
    return lambda name: pattern.fullmatch(name) is not None


def text_of(element: Any, tag: str = "t") -> str:
    """All text of the ``tag`` descendants (``a:t``, ``w:t``, ``main:t``) joined."""
    return "".join(
        node.text or "" for node in element.iter() if local_name(node) == tag and node.text
    )


def document_properties(archive: GuardedZip) -> tuple[list[TextBlock], list[HiddenPart]]:
    """Core, app and custom properties as hidden metadata text; content-bearing ones listed."""
    blocks: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if not archive.has(part):
            continue
        root = archive.xml(part)
        for element in root:
            name = local_name(element)
            if name == "property":  # custom.xml: <property name="..."><vt:lpwstr>value
                name = element.get("name", "custom")
                value = " ".join(t.strip() for t in element.itertext() if t.strip())
                custom = True
            else:
                value = " ".join(t.strip() for t in element.itertext() if t.strip())
                custom = False
            if not value:
                continue
            location = f"document properties: {name}"
            blocks.append(TextBlock(text=value, location=location, part="metadata", hidden=True))
            if custom or (name in _CONTENT_PROPERTIES and name not in _ROUTINE_PROPERTIES):
                hidden.append(
                    HiddenPart(
                        kind="metadata",
                        location=location,
                        description=f"document property {name!r} holds text",
                    )
                )
    return blocks, hidden
