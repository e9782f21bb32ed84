"""XML and SVG: text nodes and attribute values by line; repeated records and SpreadsheetML
worksheets as tables. Parsed with entities, DTDs and network off (``limits.parse_xml``).
Scripts and event handlers in SVG (also an SVG or XHTML document saved as .xml) are reported
as active content."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from scanners.limits import parse_xml
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.html import active_content_parts, with_data_uri_pictures
from scanners.readers.ooxml import local_name

_MAX_BYTES = 256 * 1024 * 1024
_SVG_TEXT = {"text", "tspan", "title", "desc", "textPath"}
_MIN_RECORDS = 3


def read_xml(path: Path, context: ReadContext) -> Extraction:
    root = parse_xml(path.read_bytes()[:_MAX_BYTES], where="The XML file")
    found = _spreadsheet_ml(root) or _record_tables(root)
    tables = [table for table, _ in found]
    in_tables = {id(e) for _, elements in found for e in elements}
    text: list[TextBlock] = []
    for element in root.iter():
        if id(element) in in_tables or not isinstance(element.tag, str):
            continue
        values = [element.text or ""] + list(element.attrib.values())
        content = " ".join(" ".join(values).split())
        if content:
            text.append(TextBlock(text=content, location=f"line {element.sourceline}"))
    hidden = active_content_parts(root) if local_name(root) in ("svg", "html") else []
    return Extraction(file_type=context.file_type, text=text, tables=tables, hidden=hidden)


def _spreadsheet_ml(root: Any) -> list[tuple[Table, list[Any]]]:
    """Excel 2003 XML (``<Workbook><Worksheet><Table><Row><Cell><Data>``)."""
    tables: list[tuple[Table, list[Any]]] = []
    for sheet in root.iter():
        if local_name(sheet) != "Worksheet":
            continue
        name = next((v for k, v in sheet.attrib.items() if k.endswith("Name")), "Sheet")
        rows: list[list[Any]] = []
        elements: list[Any] = []
        for row in sheet.iter():
            if local_name(row) != "Row":
                continue
            values: list[Any] = []
            for cell in row:
                if local_name(cell) != "Cell":
                    continue
                index = next((v for k, v in cell.attrib.items() if k.endswith("Index")), None)
                if index and index.isdigit():
                    values.extend([None] * max(0, int(index) - 1 - len(values)))
                data = " ".join(t.strip() for t in cell.itertext() if t.strip())
                values.append(parse_cell(data))
                elements.extend(cell.iter())
            rows.append(values)
            elements.append(row)
        tables.append((Table(name=name, rows=rows, source="sheet"), elements))
    return tables


def _record_tables(root: Any) -> list[tuple[Table, list[Any]]]:
    """A parent with three or more children of one tag, each holding only simple fields."""
    tables: list[tuple[Table, list[Any]]] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str):
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        tags = Counter(local_name(c) for c in children)
        if not tags:
            continue
        tag, count = tags.most_common(1)[0]
        records = [c for c in children if local_name(c) == tag]
        if count < _MIN_RECORDS or not all(_is_flat(r) for r in records):
            continue
        fields: list[str] = []
        for record in records:
            for name in list(record.attrib) + [local_name(f) for f in record]:
                if name not in fields:
                    fields.append(name)
        rows: list[list[Any]] = [list(fields)]
        for record in records:
            values = {**record.attrib, **{local_name(f): (f.text or "").strip() for f in record}}
            rows.append([parse_cell(values.get(f, "")) for f in fields])
        table = Table(
            name=f"{tag} records at line {records[0].sourceline}",
            rows=rows,
            cell_location_format="{name}, row {row_index}, column {col_number}",
            source="xml",
            header_rows=1,
        )
        tables.append((table, [e for r in records for e in r.iter()]))
    return tables


def _is_flat(record: Any) -> bool:
    return all(len(field) == 0 for field in record) and (len(record) > 0 or bool(record.attrib))


def read_svg(path: Path, context: ReadContext) -> Extraction:
    """SVG: the text a chart shows (labels, values), titles and descriptions; hidden text."""
    root = parse_xml(path.read_bytes()[:_MAX_BYTES], where="The SVG file")
    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or local_name(element) not in _SVG_TEXT:
            continue
        content = " ".join((element.text or "").split())
        if not content:
            continue
        location = f"line {element.sourceline}"
        invisible = _svg_hidden(element)
        text.append(
            TextBlock(
                text=content,
                location=location,
                hidden=invisible,
                part="hidden_text" if invisible else "body",
            )
        )
        if invisible:
            hidden.append(
                HiddenPart(
                    kind="hidden_text",
                    location=location,
                    description="text that the drawing does not show",
                )
            )
    hidden.extend(active_content_parts(root))
    for element in root.iter():  # what a drawing does not show: metadata, foreign objects
        if not isinstance(element.tag, str) or local_name(element) in _SVG_TEXT:
            continue
        content = " ".join(" ".join(t.split()) for t in element.xpath("text()") if t.strip())
        if content:
            text.append(
                TextBlock(
                    text=content,
                    location=f"line {element.sourceline}",
                    part="metadata",
                    hidden=True,
                )
            )
    extraction = Extraction(file_type="svg", text=text, hidden=hidden)
    return with_data_uri_pictures(extraction, path.read_bytes()[:_MAX_BYTES], context)


def _svg_hidden(element: Any) -> bool:
    for node in (element, *element.iterancestors()):
        style = (node.get("style") or "").replace(" ", "").lower()
        if (
            node.get("display") == "none"
            or node.get("visibility") == "hidden"
            or node.get("opacity") in ("0", "0.0")
            or "display:none" in style
            or "visibility:hidden" in style
        ):
            return True
    return False
