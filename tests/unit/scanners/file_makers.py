"""Result files made in code for the reader, gate and hostile-input tests (no binary fixtures)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from scanners.limits import Deadline
from scanners.model import Extraction, Policy, Table, TextBlock
from scanners.readers import ReadContext, reader_for

# Made-up CPR numbers that pass modulus 11 (no real person), in their own format.
CPR = "070761-4285"
CPR_BARE = "0707614285"
CPR_2 = "010155-4005"


def extract(path: Path, file_type: str | None = None, policy: Policy | None = None) -> Extraction:
    """Run the registered reader and materialise its generators."""
    kind = file_type or path.suffix.lstrip(".").lower()
    reader = reader_for(kind)
    assert reader is not None, kind
    context = ReadContext(policy=policy or Policy(), file_type=kind, deadline=Deadline(60))
    extraction = reader(path, context)
    extraction.text = list(extraction.text)
    extraction.tables = list(extraction.tables)
    return extraction


def texts(extraction: Extraction) -> list[TextBlock]:
    return list(extraction.text)  # type: ignore[arg-type]


def tables(extraction: Extraction) -> list[Table]:
    return list(extraction.tables)  # type: ignore[arg-type]


def find_cell(extraction: Extraction, value: object) -> tuple[Table, str]:
    """The table and location of the first cell equal to ``value``."""
    for table in tables(extraction):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell == value:
                    return table, table.cell_location(r, c)
    raise AssertionError(f"{value!r} not found in any table")


def make_xlsx(path: Path) -> Path:
    """A table sheet, a hidden sheet with a CPR at B2, a very hidden one, a hidden row and
    column, a cell comment and a title property."""
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Tabel 1"
    sheet.append(["kommune", "antal"])
    sheet.append(["Aarhus", 120])
    sheet.append(["Odder", 40])
    sheet["D7"] = "note"
    sheet["D7"].comment = Comment(f"Kontrol: {CPR}", "analyst")
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["C"].hidden = True
    hidden = workbook.create_sheet("Skjult")
    hidden.sheet_state = "hidden"
    hidden["B2"] = CPR
    very = workbook.create_sheet("Meget skjult")
    very.sheet_state = "veryHidden"
    very["A1"] = "very hidden value"
    workbook.properties.title = "Udtræk til kontrol"
    workbook.save(path)
    return path


def add_zip_entries(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


PIVOT_DEFINITION = b"""<?xml version="1.0" encoding="UTF-8"?>
<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:C3" sheet="Deleted"/>
</cacheSource><cacheFields count="3">
<cacheField name="PNR"><sharedItems/></cacheField>
<cacheField name="kommune"><sharedItems><s v="Aarhus"/><s v="Odder"/></sharedItems></cacheField>
<cacheField name="indkomst"><sharedItems containsNumber="1"/></cacheField>
</cacheFields></pivotCacheDefinition>"""

PIVOT_RECORDS = f"""<?xml version="1.0" encoding="UTF-8"?>
<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2">
<r><s v="{CPR}"/><x v="0"/><n v="412000"/></r>
<r><s v="{CPR_2}"/><x v="1"/><n v="385000"/></r>
</pivotCacheRecords>""".encode()


def make_docx(path: Path) -> Path:
    """Body, a table, a header, hidden text, a tracked deletion and insertion, a comment."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    paragraph = document.add_paragraph("Synlig tekst ")
    paragraph.add_run(f"skjult {CPR}").font.hidden = True
    table = document.add_table(rows=3, cols=2)
    for r, (label, count) in enumerate([("kommune", "antal"), ("Aarhus", "120"), ("Odder", "2")]):
        table.cell(r, 0).text = label
        table.cell(r, 1).text = count
    document.sections[0].header.paragraphs[0].text = "Sidehoved"
    changed = document.add_paragraph("Rettet ")
    changed._p.append(
        parse_xml(
            f'<w:del xmlns:w="{w}" w:id="1" w:author="a"><w:r><w:delText>slettet {CPR_2}'
            "</w:delText></w:r></w:del>"
        )
    )
    changed._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t>indsat</w:t></w:r></w:ins>'
        )
    )
    document.add_comment(document.paragraphs[0].runs, text="Kommentar til kontrol", author="me")
    document.save(path)
    return path


def make_pdf(path: Path, *, pages: int = 2, password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        pdf.cell(
            0, 6, f"Tabel {page + 1}: Antal personer efter kommune", new_x="LMARGIN", new_y="NEXT"
        )
        for label, count, share in [
            ("kommune", "antal", "pct"),
            ("Aarhus", "120", "60.0"),
            ("Odder", "2", "1.0"),
        ]:
            pdf.cell(50, 6, label)
            pdf.cell(30, 6, count, align="R")
            pdf.cell(30, 6, share, align="R")
            pdf.ln()
    pdf.text_annotation(10, 10, f"Husk at fjerne {CPR}")
    pdf.set_title("Rapport")
    pdf.embed_file(basename="bilag.csv", bytes=f"pnr;alder\n{CPR};34\n".encode(), desc="bilag")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
