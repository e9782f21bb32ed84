"""Office readers: what a user would see reported, and where, for xlsx, docx, pptx, ods, xls."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import scan
from tests.unit.scanners.file_makers import (
    CPR,
    CPR_2,
    PIVOT_DEFINITION,
    PIVOT_RECORDS,
    add_zip_entries,
    extract,
    find_cell,
    make_docx,
    make_xlsx,
    tables,
    texts,
)


def test_hidden_sheet_cpr_is_found_at_its_cell(tmp_path: Path) -> None:
    report = scan(make_xlsx(tmp_path / "tabel.xlsx"), isolate=False)
    codes = {(f.code, f.location) for f in report.findings}
    assert ("identifier.dk_cpr", "Skjult!B2") in codes
    assert ("hidden.sheet", "Skjult") in codes
    assert report.verdict == "risk"


def test_xlsx_reader_reports_every_hidden_part(tmp_path: Path) -> None:
    extraction = extract(make_xlsx(tmp_path / "tabel.xlsx"))
    kinds = {(p.kind, p.location) for p in extraction.hidden}
    assert ("sheet", "Skjult") in kinds
    assert ("sheet", "Meget skjult") in kinds
    assert ("rows_columns", "Tabel 1!3:3") in kinds
    assert ("rows_columns", "Tabel 1!C:C") in kinds
    assert ("comment", "Tabel 1!D7") in kinds
    assert ("metadata", "document properties: title") in kinds
    hidden_tables = {t.name for t in tables(extraction) if t.hidden}
    assert {"Skjult", "Meget skjult"} <= hidden_tables
    comment = next(b for b in texts(extraction) if b.part == "comment")
    assert CPR in comment.text and comment.hidden and comment.location == "Tabel 1!D7 comment"
    _, location = find_cell(extraction, 40)
    assert location == "Tabel 1!B3"


def test_orphan_pivot_cache_is_read(tmp_path: Path) -> None:
    path = add_zip_entries(
        make_xlsx(tmp_path / "pivot.xlsx"),
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": PIVOT_DEFINITION,
            "xl/pivotCache/pivotCacheRecords1.xml": PIVOT_RECORDS,
        },
    )
    extraction = extract(path)
    cache = next(t for t in tables(extraction) if t.source == "pivot_cache")
    assert cache.hidden and cache.rows[0] == ["PNR", "kommune", "indkomst"]
    assert cache.rows[1] == [CPR, "Aarhus", 412000]
    assert cache.rows[2][1] == "Odder"
    part = next(p for p in extraction.hidden if p.kind == "pivot_cache")
    assert "not used by any pivot table" in part.description
    report = scan(path, isolate=False)
    assert any(f.code == "hidden.pivot_cache" for f in report.findings)
    assert any(
        f.code == "identifier.dk_cpr" and "pivot cache" in f.location for f in report.findings
    )


def test_embedded_workbook_in_docx_is_scanned(tmp_path: Path) -> None:
    inner = make_xlsx(tmp_path / "inner.xlsx")
    path = add_zip_entries(
        make_docx(tmp_path / "rapport.docx"),
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner.read_bytes()},
    )
    extraction = extract(path)
    assert any(p.kind == "embedded_object" for p in extraction.hidden)
    embedded = [t for t in tables(extraction) if t.part == "embedded"]
    assert embedded and all(t.hidden for t in embedded)
    table, location = find_cell(extraction, CPR)
    assert location == "word/embeddings/Microsoft_Excel_Worksheet.xlsx > Skjult!B2"


def test_docx_reads_what_python_docx_drops(tmp_path: Path) -> None:
    extraction = extract(make_docx(tmp_path / "rapport.docx"))
    blocks = texts(extraction)
    hidden_text = next(b for b in blocks if b.part == "hidden_text")
    assert CPR in hidden_text.text and hidden_text.hidden
    deleted = next(b for b in blocks if b.part == "tracked_change")
    assert CPR_2 in deleted.text and deleted.hidden
    assert any(b.text == "Rettet indsat" for b in blocks)
    assert any(b.part == "header" and b.text == "Sidehoved" for b in blocks)
    assert any(b.part == "comment" and "Kommentar" in b.text for b in blocks)
    kinds = {p.kind for p in extraction.hidden}
    assert {"tracked_changes", "hidden_text", "comment"} <= kinds
    _, location = find_cell(extraction, 2)
    assert location == "table 1, row 3, column 2"


def test_docx_scan_reports_small_cell_and_hidden_cpr(tmp_path: Path) -> None:
    report = scan(make_docx(tmp_path / "rapport.docx"), isolate=False)
    found = {(f.code, f.location) for f in report.findings}
    assert ("table.small_cell", "table 1, row 3, column 2") in found
    assert any(code == "identifier.dk_cpr" for code, _ in found)


def test_pptx_slides_tables_and_notes(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Resultater"
    shape = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(4), Inches(2))
    for r, (label, count) in enumerate([("kommune", "antal"), ("Aarhus", "120"), ("Odder", "2")]):
        shape.table.cell(r, 0).text = label
        shape.table.cell(r, 1).text = count
    slide.notes_slide.notes_text_frame.text = f"Taler-noter {CPR}"
    deck.save(tmp_path / "slides.pptx")
    extraction = extract(tmp_path / "slides.pptx")
    assert any(b.text == "Resultater" and b.location == "slide 1" for b in texts(extraction))
    notes = next(b for b in texts(extraction) if b.part == "notes")
    assert CPR in notes.text and notes.location == "notes of slide 1"
    _, location = find_cell(extraction, 2)
    assert location == "slide 1, table 1, row 3, column 2"


def test_ods_sheets_through_calamine(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"kommune": ["Aarhus", "Odder"], "antal": [120, 2]})
    with pandas.ExcelWriter(tmp_path / "tabel.ods", engine="odf") as writer:
        frame.to_excel(writer, sheet_name="Tabel", index=False)
    extraction = extract(tmp_path / "tabel.ods")
    _, location = find_cell(extraction, 2)
    assert location == "Tabel!B3"


def test_plain_zip_named_xlsx_is_a_content_mismatch(tmp_path: Path) -> None:
    from tests.unit.scanners.file_makers import zip_bytes

    path = tmp_path / "tabel.xlsx"
    path.write_bytes(zip_bytes({"readme.txt": b"hello"}))
    report = scan(path, isolate=False)
    assert report.verdict == "rejected"
    assert any(f.code == "type.content_mismatch" for f in report.findings)


def test_every_row_of_a_long_sheet_is_read_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from scanners.readers import spreadsheet_cells

    monkeypatch.setattr(spreadsheet_cells, "CHUNK_ROWS", 40)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["aar", "antal"])
    for index in range(299):
        sheet.append([2020, index + 10])
    sheet["B251"] = f"kontakt {CPR}"
    workbook.save(tmp_path / "lang.xlsx")
    chunks = tables(extract(tmp_path / "lang.xlsx"))
    assert [len(c.rows) for c in chunks] == [40] * 7 + [20]
    assert chunks[-1].total_rows == 300 and chunks[-1].is_last_chunk
    _, location = find_cell(extract(tmp_path / "lang.xlsx"), f"kontakt {CPR}")
    assert location == "Sheet!B251"
