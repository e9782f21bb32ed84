"""HTML (.html, .htm) and web archives (.mht): tables as Table objects, the rest as text.

Content hidden from the reader (``display:none``, ``hidden``, HTML comments) is given with
hidden=True; script bodies (charts often carry their data as JSON there) are text as well.
Scripts, event-handler attributes (``onload=``) and ``javascript:`` links are reported as
active content (``active_content_parts``, shared with the SVG reader). Pictures written into
the page as ``data:`` URIs, and the pictures and files of a web archive, are read (OCR'd).
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import re
from pathlib import Path
from typing import Any

from scanners.errors import Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_loose_bytes
from scanners.readers.text_encoding import detect_encoding

_DATA_URI = re.compile(rb"data:image/[a-z+.-]+;base64,([A-Za-z0-9+/=\s]+)", re.IGNORECASE)
_JAVASCRIPT_URL = re.compile(r"^\s*(?:java|vb)script\s*:", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data")
# DOM and SVG event names (onclick, onload, onmouseover, onbegin...), not any "on..." word.
_EVENT_HANDLER = re.compile(
    r"on(?:abort|activate|after\w*|animation\w*|auxclick|before\w*|begin|blur|can\w*|change|"
    r"click|close|context\w*|copy|cue\w*|cut|dbl\w*|drag\w*|drop|durationchange|emptied|end\w*|"
    r"error|focus\w*|form\w*|fullscreen\w*|gotpointer\w*|hashchange|input|invalid|key\w*|"
    r"load\w*|lostpointer\w*|message\w*|mouse\w*|offline|online|page\w*|paste|pause|play\w*|"
    r"pointer\w*|popstate|progress|rate\w*|repeat|reset|resize|scroll\w*|search|seek\w*|"
    r"select\w*|show|slotchange|stalled|storage|submit|suspend|time\w*|toggle|touch\w*|"
    r"transition\w*|unload|volumechange|waiting|wheel|zoom)"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MAX_BYTES = 256 * 1024 * 1024


def read_html(path: Path, context: ReadContext) -> Extraction:
    data = path.read_bytes()[:_MAX_BYTES]
    extraction = html_extraction(data, context.file_type, prefix="")
    return with_data_uri_pictures(extraction, data, context)


def with_data_uri_pictures(extraction: Extraction, data: bytes, context: ReadContext) -> Extraction:
    """Pictures written into the page (``src="data:image/png;base64,..."``), OCR'd."""
    found = Embedded()
    for number, match in enumerate(_DATA_URI.finditer(data), start=1):
        context.deadline.check()
        try:
            picture = base64.b64decode(re.sub(rb"\s+", b"", match.group(1)), validate=False)
        except (binascii.Error, ValueError):
            continue
        line = data.count(b"\n", 0, match.start()) + 1
        read_loose_bytes(
            picture,
            name=f"picture {number}.png",
            location=f"line {line}, picture {number}",
            context=context,
            into=found,
        )
    if not (found.text or found.tables or found.hidden):
        return extraction
    return Extraction(
        file_type=extraction.file_type,
        text=[*extraction.text, *found.text],
        tables=[*extraction.tables, *found.tables],
        hidden=[*extraction.hidden, *found.hidden],
        findings=extraction.findings,
    )


def html_extraction(data: bytes, file_type: str, *, prefix: str) -> Extraction:
    from lxml import etree
    from lxml import html as lxml_html

    if not data.strip():
        return Extraction(file_type=file_type)
    parser = lxml_html.HTMLParser(
        encoding=_encoding(data), remove_comments=False, no_network=True, huge_tree=False
    )
    try:
        root = lxml_html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise Unscannable(f"the HTML cannot be parsed ({error})") from error
    text: list[TextBlock] = []
    tables: list[Table] = []
    hidden: list[HiddenPart] = []
    for number, table in enumerate(root.iter("table"), start=1):
        if any(a.tag == "table" for a in table.iterancestors()):
            continue
        rows: list[list[Any]] = []
        below: dict[int, int] = {}  # column -> rows a rowspan above still covers
        for row in table.iter("tr"):
            cells = [c for c in row if c.tag in ("td", "th")]
            values: list[Any] = []
            for cell in cells:
                _covered(values, below)
                start = len(values)
                values.append(parse_cell(" ".join(cell.text_content().split())))
                span = int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
                values.extend([None] * (min(span, 100) - 1))
                down = cell.get("rowspan", "1")
                if down.isdigit() and int(down) > 1:
                    for column in range(start, len(values)):
                        below[column] = min(int(down), 10_000) - 1
            _covered(values, below, trailing=True)
            rows.append(values)
        is_hidden = _is_hidden(table)
        tables.append(
            Table(
                name=f"{prefix}table {number}",
                rows=rows,
                cell_location_format="{name}, row {row_number}, column {col_number}",
                source="html",
                hidden=is_hidden,
            )
        )
        if is_hidden:
            hidden.append(
                HiddenPart(
                    kind="hidden_text",
                    location=f"{prefix}table {number}",
                    description="a table hidden by its style",
                )
            )
    hidden.extend(active_content_parts(root, prefix))
    for element in root.iter():
        if element.tag is etree.Comment:
            content = (element.text or "").strip()
            if content:
                line = f"{prefix}line {element.sourceline}"
                text.append(TextBlock(text=content, location=line, part="comment", hidden=True))
                hidden.append(
                    HiddenPart(kind="comment", location=line, description="an HTML comment")
                )
            continue
        if not isinstance(element.tag, str) or element.tag in ("table", "style"):
            continue
        if any(a.tag == "table" for a in element.iterancestors()):
            continue
        pieces = [element.text or ""]
        pieces.extend(child.tail or "" for child in element if child.tag != "table")
        content = " ".join(" ".join(pieces).split())
        if not content:
            continue
        location = f"{prefix}line {element.sourceline}"
        if element.tag == "script":
            text.append(TextBlock(text=content, location=location, part="code"))
        elif _is_hidden(element):
            text.append(TextBlock(text=content, location=location, part="hidden_text", hidden=True))
            hidden.append(
                HiddenPart(
                    kind="hidden_text", location=location, description="text hidden by its style"
                )
            )
        else:
            text.append(TextBlock(text=content, location=location))
    return Extraction(file_type=file_type, text=text, tables=tables, hidden=hidden)


def active_content_parts(root: Any, prefix: str = "") -> list[HiddenPart]:
    """Script elements, event handlers (``on...=`` attributes) and ``javascript:`` links of an
    HTML or SVG tree: one part per kind, placed at its first line, with how many there are."""
    found: dict[str, list[int]] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name == "script":
            found.setdefault("script element", []).append(element.sourceline or 0)
        for key, value in element.attrib.items():
            attribute = key.rsplit("}", 1)[-1].lower()
            if _EVENT_HANDLER.fullmatch(attribute):
                found.setdefault(f"event handler ({attribute}=)", []).append(
                    element.sourceline or 0
                )
            elif attribute in _URL_ATTRIBUTES and _JAVASCRIPT_URL.match(value):
                found.setdefault("javascript: link", []).append(element.sourceline or 0)
    return [
        HiddenPart(
            kind="active_content",
            location=f"{prefix}line {lines[0]}",
            description=f"{len(lines)} {kind}{'s' if len(lines) > 1 else ''} "
            "(code that runs when the file is opened in a browser)",
        )
        for kind, lines in found.items()
    ]


def _covered(values: list[Any], below: dict[int, int], *, trailing: bool = False) -> None:
    """Empty cells where a cell of a row above spans down (``rowspan``), so that the columns
    of this row stay in place: before the next cell, or (``trailing``) at the row's end."""
    while below.get(len(values), 0) > 0:
        below[len(values)] -= 1
        values.append(None)
    if trailing:
        for column in sorted(c for c, left in below.items() if left > 0 and c > len(values)):
            values.extend([None] * (column - len(values)))
            _covered(values, below)


def _is_hidden(element: Any) -> bool:
    for node in (element, *element.iterancestors()):
        if node.get("hidden") is not None or _HIDDEN_STYLE.search(node.get("style", "")):
            return True
    return False


def _encoding(data: bytes) -> str:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if declared:
        return declared.group(1).decode("ascii").lower()
    return detect_encoding(data[:65536])


def read_mht(path: Path, context: ReadContext) -> Extraction:
    """A MIME web archive: every HTML and text part, decoded."""
    message = email.message_from_bytes(path.read_bytes()[:_MAX_BYTES], policy=email.policy.default)
    text: list[TextBlock] = []
    tables: list[Table] = []
    hidden: list[HiddenPart] = []
    found = Embedded()
    for number, part in enumerate(message.walk(), start=1):
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        prefix = f"part {number}, " if number > 1 else ""
        if not kind.startswith("text/"):  # pictures (OCR'd), attached files
            name = part.get_filename() or (part.get("Content-Location") or "").rsplit("/", 1)[-1]
            read_loose_bytes(
                payload,
                name=name or f"part {number}.bin",
                location=f"part {number}" + (f" ({name})" if name else ""),
                context=context,
                into=found,
            )
            continue
        if kind == "text/html":
            inner = html_extraction(payload, "mht", prefix=prefix)
            text.extend(inner.text)
            tables.extend(inner.tables)
            hidden.extend(inner.hidden)
        else:
            content = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
            text.extend(
                TextBlock(text=line.strip(), location=f"{prefix}line {n}")
                for n, line in enumerate(content.splitlines(), start=1)
                if line.strip()
            )
    return Extraction(
        file_type="mht",
        text=text + found.text,
        tables=tables + found.tables,
        hidden=hidden + found.hidden,
    )
