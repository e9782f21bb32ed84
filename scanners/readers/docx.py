"""Word documents (docx): body, tables, headers, footers, notes, comments, text boxes, and what
python-docx drops: tracked insertions and deletions (``w:ins``, ``w:delText``) and hidden text
(``w:vanish``). Read from the package XML directly. Every other part of the package (the
glossary, ``customXml/``, pictures in ``word/media``, a file put at the root) is placed and read
by ``embedded.sweep_members``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch
from scanners.limits import GuardedZip
from scanners.model import Extraction, HiddenPart, Part, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.embedded import read_embedded_parts, sweep_members
from scanners.readers.ooxml import NS, document_properties, local_name, main_part, read_by
from scanners.readers.spreadsheet_parts import chart_tables

W = f"{{{NS['w']}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Read on their own (``_Collector.story``), not as the text of the paragraph that holds them.
_SKIP_INSIDE = {"txbxContent", "Fallback"}


class _Collector:
    def __init__(self) -> None:
        self.text: list[TextBlock] = []
        self.tables: list[Table] = []
        self.hidden: list[HiddenPart] = []
        self.table_count = 0
        self.box_count = 0
        self.deleted = 0
        self.inserted = 0
        self.vanished = 0

    def story(self, root: Any, label: str, part: Part) -> None:
        """A story (body, header, note...): its paragraphs and tables, in order, then each of
        its text boxes as a story of its own, then what it holds beside its runs."""
        self.blocks(root, label, part)
        # A text box is written twice by Word and LibreOffice: as DrawingML (mc:Choice) and
        # as VML for older readers (mc:Fallback). A fallback that says the same is not read
        # again; one that says something else is (an older reader shows it).
        boxes = list(root.iter(f"{W}txbxContent"))
        read = {_all_text(box) for box in boxes if not _inside(box, "Fallback", root)}
        for box in boxes:
            fallback = _inside(box, "Fallback", root)
            if fallback and _all_text(box) in read:
                continue
            self.box_count += 1
            extra = " (alternative content)" if fallback else ""
            self.blocks(box, f"{label}text box {self.box_count}{extra}, ", "text_box")
        for alternative in root.iter(f"{_MC}Fallback"):
            # Other alternative content (not a text box, read above): read when it differs.
            text = _all_text(alternative, skip_boxes=True)
            choices = {
                _all_text(choice, skip_boxes=True)
                for choice in alternative.itersiblings(f"{_MC}Choice", preceding=True)
            }
            if text and text not in choices:
                self.text.append(
                    TextBlock(
                        text=text,
                        location=f"{label}alternative content",
                        part="hidden_text",
                        hidden=True,
                    )
                )
        self.text.extend(unshown_text(root, label))

    def blocks(self, root: Any, label: str, part: Part) -> None:
        """The paragraphs and tables of a story or a text box, not those of a box inside it."""
        paragraph_number = 0
        for element in _blocks(root):
            name = local_name(element)
            if name == "p":
                paragraph_number += 1
                self.paragraph(element, f"{label}paragraph {paragraph_number}", part)
            elif name == "tbl":
                self.table(element)

    def paragraph(self, paragraph: Any, location: str, part: Part) -> None:
        visible, vanished, deleted, inserted = _runs(paragraph)
        if visible.strip():
            self.text.append(TextBlock(text=visible, location=location, part=part))
        if vanished.strip():
            self.vanished += 1
            self.text.append(
                TextBlock(
                    text=vanished,
                    location=f"{location} (hidden text)",
                    part="hidden_text",
                    hidden=True,
                )
            )
        if deleted.strip():
            self.deleted += 1
            self.text.append(
                TextBlock(
                    text=deleted,
                    location=f"{location} (deleted, tracked change)",
                    part="tracked_change",
                    hidden=True,
                )
            )
        if inserted:
            self.inserted += 1

    def table(self, table: Any) -> None:
        self.table_count += 1
        rows: list[list[Any]] = []
        for row in table.iter(f"{W}tr"):
            if _nearest_table(row) is not table:
                continue
            cells: list[Any] = []
            for cell in row:
                if local_name(cell) != "tc":
                    continue
                visible, vanished, deleted, _ = _runs(cell)
                cells.append(parse_cell(visible))
                if vanished.strip() or deleted.strip():
                    self.text.append(
                        TextBlock(
                            text=f"{vanished} {deleted}".strip(),
                            location=f"table {self.table_count}, row {len(rows) + 1}, "
                            f"column {len(cells)} (hidden or deleted text)",
                            part="tracked_change" if deleted.strip() else "hidden_text",
                            hidden=True,
                        )
                    )
                    self.deleted += bool(deleted.strip())
                    self.vanished += bool(vanished.strip())
            rows.append(cells)
        self.tables.append(
            Table(
                name=f"table {self.table_count}",
                rows=rows,
                cell_location_format="{name}, row {row_number}, column {col_number}",
                source="docx",
            )
        )


def read_docx(path: Path, context: ReadContext) -> Extraction:
    collector = _Collector()
    with GuardedZip(path, context.policy) as archive:
        document = main_part(archive, "word/document.xml")
        if document is None or not document.startswith("word/"):
            raise ContentMismatch("the file is a zip archive but not a Word document")
        collector.story(archive.xml(document), "", "body")
        for part in archive.matching(r"word/header\d*\.xml"):
            collector.story(archive.xml(part), f"{_label(part)}, ", "header")
        for part in archive.matching(r"word/footer\d*\.xml"):
            collector.story(archive.xml(part), f"{_label(part)}, ", "footer")
        for part, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            if archive.has(part):
                for note in archive.xml(part).iter(f"{W}{kind}"):
                    if note.get(f"{W}type") in ("separator", "continuationSeparator"):
                        continue
                    collector.story(note, f"{kind} {note.get(f'{W}id')}, ", "footnote")
        if archive.has("word/comments.xml"):
            for comment in archive.xml("word/comments.xml").iter(f"{W}comment"):
                number = comment.get(f"{W}id")
                text = " ".join(t.strip() for t in comment.itertext() if t.strip())
                collector.text.append(
                    TextBlock(text=text, location=f"comment {number}", part="comment", hidden=True)
                )
                collector.hidden.append(
                    HiddenPart(
                        kind="comment",
                        location=f"comment {number}",
                        description=f"a comment by {comment.get(f'{W}author', '?')}",
                    )
                )
        collector.tables.extend(chart_tables(archive, "word/charts/"))
        properties, property_parts = document_properties(archive)
        embedded = read_embedded_parts(archive, "word/embeddings/", context)
        # Everything else (glossary, customXml, media, a file dropped at the root) is placed.
        rest = sweep_members(
            archive,
            already_read=read_by(
                re.escape(document),
                r"word/(header|footer)\d*\.xml",
                r"word/(footnotes|endnotes|comments)\.xml",
                r"word/charts/chart\d*\.xml",
                r"word/embeddings/.*",
            ),
            context=context,
        )
    if collector.deleted or collector.inserted:
        collector.hidden.append(
            HiddenPart(
                kind="tracked_changes",
                location="document",
                description=f"tracked changes: {collector.inserted} insertions and "
                f"{collector.deleted} deletions are stored in the file",
            )
        )
    if collector.vanished:
        collector.hidden.append(
            HiddenPart(
                kind="hidden_text",
                location="document",
                description=f"{collector.vanished} passages formatted as hidden text",
            )
        )
    return Extraction(
        file_type=context.file_type,
        text=collector.text + properties + embedded.text + rest.text,
        tables=collector.tables + embedded.tables + rest.tables,
        hidden=collector.hidden + property_parts + embedded.hidden + rest.hidden,
    )


# What a story holds beside its runs: (element, attribute or None for its text, what it is).
_UNSHOWN = (
    ("docPr", "descr", "alt text"),
    ("docPr", "title", "alt text"),
    ("cNvPr", "descr", "alt text"),
    ("cNvPr", "title", "alt text"),
    ("imagedata", "title", "alt text"),
    ("instrText", None, "field code"),
    ("fldSimple", "instr", "field code"),
    ("default", "val", "form field"),
    ("helpText", "val", "form field"),
    ("statusText", "val", "form field"),
    ("listEntry", "val", "form field"),
    ("alias", "val", "content control"),
    ("tag", "val", "content control"),
)


def unshown_text(root: Any, label: str) -> list[TextBlock]:
    """Alt text of pictures, field codes, form fields' values and content controls' names:
    text in the story that is not in its runs, read as hidden text."""
    wanted: dict[str, list[tuple[str | None, str]]] = {}
    for element_name, attribute, what in _UNSHOWN:
        wanted.setdefault(element_name, []).append((attribute, what))
    found: dict[str, list[str]] = {}
    for element in root.iter():
        for attribute, what in wanted.get(local_name(element), ()):
            if attribute is None:
                value = element.text or ""
            else:
                value = next(
                    (v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == attribute),
                    "",
                )
            if value.strip():
                found.setdefault(what, []).append(" ".join(value.split()))
    return [
        TextBlock(text=" ; ".join(values), location=f"{label}{what}", part="metadata", hidden=True)
        for what, values in found.items()
    ]


def _label(part: str) -> str:
    name = part.rsplit("/", 1)[-1].removesuffix(".xml")
    return name.rstrip("0123456789") + " " + (name[len(name.rstrip("0123456789")) :] or "1")


def _blocks(root: Any) -> list[Any]:
    """Top-level paragraphs and tables of a story or text box (not those inside its tables,
    text boxes or alternative content)."""
    found: list[Any] = []
    outer = _tables_above(root)
    for element in root.iter(f"{W}p", f"{W}tbl"):
        table = _nearest_table(element, skip_self=True)
        if table is not None and not any(table is t for t in outer):
            continue
        if any(_inside(element, name, root) for name in _SKIP_INSIDE):
            continue
        found.append(element)
    return found


def _tables_above(root: Any) -> tuple[Any, ...]:
    """The tables that hold ``root`` (a text box in a table cell): not the box's own tables."""
    found = []
    node = root.getparent()
    while node is not None:
        if local_name(node) == "tbl":
            found.append(node)
        node = node.getparent()
    return tuple(found)


def _nearest_table(element: Any, *, skip_self: bool = False) -> Any:
    node = element.getparent() if skip_self or local_name(element) != "tbl" else element
    if not skip_self and local_name(element) == "tr":
        node = element.getparent()
    while node is not None:
        if local_name(node) == "tbl":
            return node
        node = node.getparent()
    return None


def _inside(element: Any, name: str, root: Any = None) -> bool:
    """Whether an element named ``name`` holds ``element``, below ``root`` (if given)."""
    node = element.getparent()
    while node is not None and node is not root:
        if local_name(node) == name:
            return True
        node = node.getparent()
    return False


def _runs(container: Any) -> tuple[str, str, str, bool]:
    """(visible text, hidden w:vanish text, deleted text, any insertion) of a paragraph or cell."""
    visible: list[str] = []
    vanished: list[str] = []
    deleted: list[str] = []
    inserted = False
    for node in container.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}ins"):
        name = local_name(node)
        if name == "ins":
            inserted = True
            continue
        if any(_inside(node, skip, container) for skip in _SKIP_INSIDE):
            continue
        if name in ("tab", "br"):
            visible.append(" ")
            continue
        text = node.text or ""
        if name == "delText":
            deleted.append(text)
        elif _is_vanished(node):
            vanished.append(text)
        else:
            visible.append(text)
    return "".join(visible), "".join(vanished), "".join(deleted), inserted


def _is_vanished(text_node: Any) -> bool:
    run = text_node.getparent()
    if run is None:
        return False
    properties = run.find(f"{W}rPr")
    if properties is None:
        return False
    vanish = properties.find(f"{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false")


def _all_text(element: Any, *, skip_boxes: bool = False) -> str:
    """Every character of the runs under ``element`` (shown, hidden or deleted), spaces made
    one: what tells two versions of the same content apart."""
    texts = (
        node.text or ""
        for node in element.iter(f"{W}t", f"{W}delText")
        if not (skip_boxes and _inside(node, "txbxContent", element))
    )
    return " ".join("".join(texts).split())
