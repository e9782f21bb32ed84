"""Hidden parts of an Excel package read straight from the zip: pivot caches, external links,
data connections, chart caches, sheets that the workbook does not list, and every other part.

A pivot cache holds every source row of a pivot table, even when the sheet with the source data
was deleted and even when no pivot table refers to the cache any more: every
``xl/pivotCache/pivotCacheRecords*.xml`` is read, with field names from its definition.
"""

from __future__ import annotations

import bisect
import html
import io
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from scanners.limits import GuardedZip, iterparse_xml
from scanners.model import HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, sweep_members
from scanners.readers.ooxml import NS, local_name, read_by, relationships

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
_IDENTIFIER_SHAPE = re.compile(rb"(?<!\d)(?:\d{8,}|\d{6}[-+ ]\d{4})(?!\d)")
_SHARED_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]*\bt="s"[^>]*>\s*<(?:\w+:)?v>(\d+)<')
_MAX_REFERENCE_SCAN_BYTES = 256 * 1024 * 1024
_MAX_SPARSE_CELLS = 1_000_000


def pivot_cache_tables(
    archive: GuardedZip, context: ReadContext
) -> Iterator[tuple[Table, HiddenPart]]:
    definitions = archive.matching(r"xl/pivotCache/pivotCacheDefinition\d*\.xml")
    records_of: dict[str, str] = {}
    for part in definitions:
        for kind, target in relationships(archive, part).values():
            if kind == "pivotCacheRecords":
                records_of[target] = part
    for number, records in enumerate(
        archive.matching(r"xl/pivotCache/pivotCacheRecords\d*\.xml"), start=1
    ):
        definition: str | None = records_of.get(records)
        if definition is None:  # an orphan: guess the definition by its number
            guess = records.replace("pivotCacheRecords", "pivotCacheDefinition")
            definition = guess if archive.has(guess) else None
        names, shared = _cache_fields(archive, definition) if definition else ([], [])
        name = f"pivot cache {number}"
        rows = _cache_records(archive, records, shared, context)
        header: list[Any] = list(names) if names else []
        width = max((len(r) for r in rows), default=len(header))
        if not header:
            header = [f"field {i + 1}" for i in range(width)]
        yield (
            Table(
                name=name,
                rows=[header, *rows],
                cell_location_format="{name}, row {row_index}, column {col_number}",
                hidden=True,
                source="pivot_cache",
                header_rows=1,
                total_rows=len(rows) + 1,
            ),
            HiddenPart(
                kind="pivot_cache",
                location=f"{name} ({records})",
                description=f"a pivot cache holding {len(rows)} source rows"
                + ("" if records in records_of else " (not used by any pivot table)"),
            ),
        )


def _cache_fields(archive: GuardedZip, definition: str) -> tuple[list[str], list[list[Any]]]:
    root = archive.xml(definition)
    names: list[str] = []
    shared: list[list[Any]] = []
    for field in root.iter(f"{{{NS['main']}}}cacheField"):
        names.append(field.get("name", ""))
        items: list[Any] = []
        for group in field:
            if local_name(group) == "sharedItems":
                items = [_item_value(item) for item in group]
        shared.append(items)
    return names, shared


def _item_value(item: Any) -> Any:
    kind = local_name(item)
    value = item.get("v")
    if kind == "m" or value is None:
        return None
    if kind == "n":
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _cache_records(
    archive: GuardedZip, part: str, shared: list[list[Any]], context: ReadContext
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    stream = io.BytesIO(archive.read(part))
    for _, record in iterparse_xml(stream, tag=f"{{{NS['main']}}}r"):
        row: list[Any] = []
        for column, value in enumerate(record):
            if local_name(value) == "x":
                index = int(value.get("v", "0"))
                items = shared[column] if column < len(shared) else []
                row.append(items[index] if index < len(items) else None)
            else:
                row.append(_item_value(value))
        rows.append(row)
        record.clear()
        if len(rows) % 10_000 == 0:
            context.deadline.check()
    return rows


def external_link_tables(archive: GuardedZip) -> Iterator[tuple[Table, HiddenPart]]:
    """Cached values of other workbooks that formulas point to."""
    for part in archive.matching(r"xl/externalLinks/externalLink\d*\.xml"):
        root = archive.xml(part)
        target = next(
            (t for kind, t in relationships(archive, part).values() if "externalLinkPath" in kind),
            "",
        )
        sheet_names = [s.get("val", "") for s in root.iter(f"{{{NS['main']}}}sheetName")]
        for data in root.iter(f"{{{NS['main']}}}sheetData"):
            index = int(data.get("sheetId", "0"))
            sheet = sheet_names[index] if index < len(sheet_names) else f"sheet {index + 1}"
            cells: dict[tuple[int, int], Any] = {}
            for cell in data.iter(f"{{{NS['main']}}}cell"):
                ref = _CELL_REF.fullmatch(cell.get("r", ""))
                value = next((v.text for v in cell if local_name(v) == "v"), None)
                if ref and value is not None and len(cells) < _MAX_SPARSE_CELLS:
                    cells[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = _number_or_text(
                        value
                    )
            if not cells:
                continue
            name = f"[{posixpath.basename(target) or part}]{sheet}"
            yield (
                Table(name=name, rows=_grid(cells), hidden=True, source="external_link"),
                HiddenPart(
                    kind="external_link",
                    location=name,
                    description=f"cached values of a linked workbook {target or part}",
                ),
            )


def connection_text(archive: GuardedZip) -> tuple[list[TextBlock], list[HiddenPart]]:
    """Data connections: names, connection strings and SQL commands."""
    if not archive.has("xl/connections.xml"):
        return [], []
    blocks: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    for connection in archive.xml("xl/connections.xml"):
        name = connection.get("name", "connection")
        values = [v for v in connection.attrib.values() if len(v) > 1]
        for child in connection.iter():
            if child is not connection:
                values.extend(v for v in child.attrib.values() if len(v) > 1)
        location = f"data connection {name!r}"
        blocks.append(
            TextBlock(text=" ".join(values), location=location, part="metadata", hidden=True)
        )
        hidden.append(
            HiddenPart(
                kind="data_connection",
                location=location,
                description=f"a data connection {name!r} (its query text is stored in the file)",
            )
        )
    return blocks, hidden


def chart_tables(archive: GuardedZip, folder: str) -> list[Table]:
    """The numbers and labels a chart caches: a graph is judged as the table it was drawn from."""
    tables: list[Table] = []
    for number, part in enumerate(archive.matching(re.escape(folder) + r"chart\d*\.xml"), 1):
        root = archive.xml(part)
        rows: list[list[Any]] = []
        for series in root.iter(f"{{{NS['c']}}}ser"):
            label = _cached(series, "tx")
            categories = _cached(series, "cat")
            values = _cached(series, "val") or _cached(series, "yVal")
            if categories and not rows:
                rows.append([None, *categories])
            rows.append([label[0] if label else None, *values])
        if rows:
            tables.append(
                Table(
                    name=f"chart {number}",
                    rows=rows,
                    cell_location_format="{name}, series row {row_number}, point {col_number}",
                    source="chart",
                )
            )
    return tables


def _cached(series: Any, tag: str) -> list[Any]:
    for element in series:
        if local_name(element) != tag:
            continue
        points: list[tuple[int, Any]] = []
        for point in element.iter(f"{{{NS['c']}}}pt"):
            value = next((v.text for v in point if local_name(v) == "v"), None)
            points.append((int(point.get("idx", "0")), _number_or_text(value or "")))
        if not points:
            literal = [v.text for v in element.iter(f"{{{NS['c']}}}v") if v.text]
            return [_number_or_text(v) for v in literal]
        return [value for _, value in sorted(points)]
    return []


def _number_or_text(value: str) -> Any:
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - 64)
    return index - 1


def _grid(cells: dict[tuple[int, int], Any]) -> list[list[Any]]:
    height = max(r for r, _ in cells) + 1
    width = max(c for _, c in cells) + 1
    if height * width > _MAX_SPARSE_CELLS:
        # Too sparse to lay out: list the cells one per row instead of a huge empty grid.
        return [[value] for _, value in sorted(cells.items())]
    grid: list[list[Any]] = [[None] * width for _ in range(height)]
    for (row, column), value in cells.items():
        grid[row][column] = value
    return grid


# Parts of a workbook that ``xlsx.read_xlsx`` and the functions above read themselves.
_WORKBOOK_PARTS = (
    r"xl/sharedStrings\.xml",
    r"xl/pivotCache/pivotCache(Definition|Records)\d*\.xml",
    r"xl/externalLinks/externalLink\d*\.xml",
    r"xl/connections\.xml",
    r"xl/charts/chart\d*\.xml",
    r"xl/embeddings/.*",
)


def unlisted_parts(
    archive: GuardedZip, workbook_part: str, sheet_parts: list[str], context: ReadContext
) -> Embedded:
    """Sheets in the package that the workbook does not list (no program shows them), and every
    part no other reader reads (drawings' text boxes, customXml, media, a file at the root)."""
    listed = {part for part in sheet_parts if part}
    read = {workbook_part, *listed}
    for part in listed:
        for kind, target in relationships(archive, part).values():
            if kind in ("comments", "threadedComment"):
                read.add(target)
    found = Embedded()
    for part in archive.matching(r"xl/worksheets/[^/]+\.xml"):
        if part in listed:
            continue
        context.deadline.check()
        read.add(part)
        table = _orphan_sheet(archive, part, context)
        if table is not None:
            found.tables.append(table)
        found.hidden.append(
            HiddenPart(
                kind="sheet",
                location=part,
                description=f"a sheet ({part}) that the workbook does not list: no program "
                "shows it, but it travels with the file",
            )
        )
    found.text.extend(_unused_shared_strings(archive, sorted(read - {workbook_part}), context))
    rest = sweep_members(
        archive,
        already_read=read_by(*(re.escape(p) for p in read), *_WORKBOOK_PARTS),
        context=context,
    )
    found.text.extend(rest.text)
    found.tables.extend(rest.tables)
    found.hidden.extend(rest.hidden)
    return found


def _unused_shared_strings(
    archive: GuardedZip, sheets: list[str], context: ReadContext
) -> list[TextBlock]:
    """Identifier-shaped shared strings that no cell of any sheet uses: calamine reads only
    the strings cells point to, and a string left behind travels with the file all the same.

    Cheap for most workbooks: the sheets are searched for references only when the string
    table holds a candidate (8 or more digits in a row, or 6 and 4 with a separator), and
    only up to ``_MAX_REFERENCE_SCAN_BYTES`` of sheet XML.
    """
    if not archive.has("xl/sharedStrings.xml"):
        return []
    table = archive.read("xl/sharedStrings.xml")
    starts = [m.start() for m in _SHARED_ITEM.finditer(table)]
    candidates: dict[int, str] = {}
    for match in _IDENTIFIER_SHAPE.finditer(table):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and index not in candidates:
            end = starts[index + 1] if index + 1 < len(starts) else len(table)
            item = table[starts[index] : end].decode("utf-8", errors="replace")
            candidates[index] = html.unescape(re.sub(r"<[^>]*>", "", item)).strip()
    if not candidates:
        return []
    if sum(archive.size(part) for part in sheets if archive.has(part)) > _MAX_REFERENCE_SCAN_BYTES:
        return []  # too large to search here; the strings the cells use are read by calamine
    used: set[int] = set()
    for part in sheets:
        if not archive.has(part):
            continue
        tail = b""
        for chunk in archive.stream(part):
            context.deadline.check()
            data = tail + chunk
            used.update(int(m.group(1)) for m in _SHARED_REFERENCE.finditer(data))
            tail = data[-256:]
    return [
        TextBlock(
            text=value,
            location=f"xl/sharedStrings.xml, string {index + 1} (used by no cell)",
            part="embedded",
            hidden=True,
        )
        for index, value in sorted(candidates.items())
        if index not in used and value
    ]


def _orphan_sheet(archive: GuardedZip, part: str, context: ReadContext) -> Table | None:
    shared = _shared_strings(archive)
    cells: dict[tuple[int, int], Any] = {}
    main = f"{{{NS['main']}}}"
    stream = io.BytesIO(archive.read(part))
    for count, (_, cell) in enumerate(iterparse_xml(stream, tag=f"{main}c"), start=1):
        ref = _CELL_REF.fullmatch(cell.get("r", ""))
        kind = cell.get("t", "n")
        value: Any = None
        if kind == "inlineStr":
            value = "".join(t.text or "" for t in cell.iter(f"{main}t"))
        else:
            raw = next((v.text for v in cell if local_name(v) == "v"), None)
            if raw is not None and kind == "s" and raw.isdigit():
                value = shared[int(raw)] if int(raw) < len(shared) else None
            elif raw is not None:
                value = raw if kind in ("str", "e", "b") else _number_or_text(raw)
        if ref and value not in (None, "") and len(cells) < _MAX_SPARSE_CELLS:
            cells[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = value
        cell.clear()
        if count % 10_000 == 0:
            context.deadline.check()
    if not cells:
        return None
    return Table(name=part, rows=_grid(cells), hidden=True, source="sheet")


def _shared_strings(archive: GuardedZip) -> list[str]:
    if not archive.has("xl/sharedStrings.xml"):
        return []
    main = f"{{{NS['main']}}}"
    stream = io.BytesIO(archive.read("xl/sharedStrings.xml"))
    strings: list[str] = []
    for _, item in iterparse_xml(stream, tag=f"{main}si"):
        strings.append("".join(t.text or "" for t in item.iter(f"{main}t")))
        item.clear()
    return strings
