"""Workbooks written part by part, so that a test can put any sheet XML in them."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def sheet_xml(rows: str, *, head: str = "", tail: str = "") -> str:
    """A worksheet part around ``rows`` (the content of ``<sheetData>``)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" '
        f'xmlns:r="{REL}">{head}<sheetData>{rows}</sheetData>{tail}</worksheet>'
    )


def workbook(
    path: Path,
    sheets: list[tuple[str, str, str]],
    *,
    shared: str | None = None,
    styles: str | None = None,
    date1904: bool = False,
    raw_parts: dict[str, bytes] | None = None,
) -> Path:
    """Sheets are (name, state, whole sheet XML); ``shared`` the ``<si>`` items, ``styles``
    the content of ``<styleSheet>``; ``raw_parts`` replace parts byte for byte."""
    sheet_list = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"'
        + ("" if state == "visible" else f' state="{state}"')
        + "/>"
        for i, (name, state, _) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>'
    parts: dict[str, bytes] = {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            b'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + f"<sheets>{sheet_list}</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}">{rels}</Relationships>'
        ).encode(),
    }
    for i, (_, _, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml.encode()
    if shared is not None:
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0"?><sst xmlns="{MAIN}">{shared}</sst>'
        ).encode()
    if styles is not None:
        parts["xl/styles.xml"] = (
            f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
        ).encode()
    parts.update(raw_parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path
