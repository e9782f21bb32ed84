"""PDF, statistical data files and images."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scanners import Policy, scan
from scanners.errors import Unscannable
from scanners.readers import image as image_reader
from tests.unit.scanners.file_makers import (
    CPR,
    CPR_BARE,
    extract,
    find_cell,
    make_pdf,
    tables,
    texts,
)


def test_pdf_text_tables_annotations_attachments_metadata(tmp_path: Path) -> None:
    extraction = extract(make_pdf(tmp_path / "rapport.pdf"))
    assert texts(extraction)[0].location == "page 1, line 1"
    table, location = find_cell(extraction, 2)
    assert location == "page 1, table 1, row 3, column 2"
    assert table.rows[1] == ["Aarhus", 120, 60.0]
    annotation = next(b for b in texts(extraction) if b.part == "annotation")
    assert CPR in annotation.text and annotation.hidden
    kinds = {p.kind for p in extraction.hidden}
    assert {"attachment", "comment", "metadata"} <= kinds
    _, attached = find_cell(extraction, CPR)
    assert attached == "attachment bilag.csv > line 2, column 1"


def test_pdf_scan_reports_the_small_cell_by_page_table_row_column(tmp_path: Path) -> None:
    report = scan(make_pdf(tmp_path / "rapport.pdf"), isolate=False)
    assert any(
        f.code == "table.small_cell" and f.location.startswith("page 1, table 1")
        for f in report.findings
    )
    assert report.verdict == "risk"


def test_encrypted_pdf_is_unscannable(tmp_path: Path) -> None:
    report = scan(make_pdf(tmp_path / "låst.pdf", password="hemmelig"), isolate=False)
    assert report.verdict == "unscannable"
    assert any("encrypted" in f.message for f in report.findings)


def test_pdf_over_the_page_cap_is_unscannable(tmp_path: Path) -> None:
    report = scan(
        make_pdf(tmp_path / "lang.pdf", pages=3), policy=Policy(max_pdf_pages=2), isolate=False
    )
    assert report.verdict == "unscannable"
    assert any("3 pages" in f.message for f in report.findings)


def test_stata_and_spss_data_files_are_read_as_data(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pandas.DataFrame({"pnr": [CPR_BARE, "0101554005", "0202664009"], "alder": [34, 45, 56]})
    frame.to_stata(tmp_path / "data.dta", write_index=False)
    pyreadstat.write_sav(frame, str(tmp_path / "data.sav"), column_labels=["Personnummer", "Alder"])
    for name in ("data.dta", "data.sav"):
        table = tables(extract(tmp_path / name))[0]
        assert table.source == "data_file" and table.header_rows == 1 and table.total_rows == 4
        assert table.rows[0] == ["pnr", "alder"] and table.rows[1] == [CPR_BARE, 34]
        assert table.cell_location(1, 0) == "row 1, column 1"
    labels = texts(extract(tmp_path / "data.sav"))
    assert any(b.text == "Personnummer" for b in labels)
    report = scan(tmp_path / "data.dta", isolate=False)
    assert report.verdict == "risk"


def test_renamed_text_is_not_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "data.dta"
    path.write_text("not stata at all\n")
    report = scan(path, isolate=False)
    assert report.verdict in ("rejected", "unscannable")


def _png_with_text(path: Path, words: str, metadata: str | None = None) -> Path:
    from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

    image = Image.new("RGB", (900, 160), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    draw.text((20, 40), words, fill="black", font=font)
    info = PngImagePlugin.PngInfo()
    if metadata:
        info.add_text("Comment", metadata)
    image.save(path, pnginfo=info)
    return path


def test_image_metadata_is_hidden_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_reader, "tesseract_available", lambda: False)
    path = _png_with_text(tmp_path / "graf.png", "Antal 12", metadata=f"kilde {CPR}")
    from PIL import Image

    text, hidden = image_reader._metadata(Image.open(path))
    assert text[0].text == f"kilde {CPR}" and text[0].hidden and text[0].part == "metadata"
    assert hidden[0].kind == "metadata"


def test_image_without_ocr_is_unscannable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_reader, "tesseract_available", lambda: False)
    path = _png_with_text(tmp_path / "graf.png", "Antal 12")
    with pytest.raises(Unscannable, match="tesseract"):
        extract(path)
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract (OCR) is not installed")
def test_image_text_is_read_by_ocr(tmp_path: Path) -> None:
    path = _png_with_text(tmp_path / "graf.png", f"Kontakt {CPR}")
    blocks = texts(extract(path))
    assert any(b.part == "ocr" and "4285" in b.text for b in blocks)
    report = scan(path, isolate=False)
    assert any(f.code == "identifier.dk_cpr" for f in report.findings)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract (OCR) is not installed")
def test_blank_image_is_unscannable_not_clean(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 200), "white").save(tmp_path / "blank.png")
    assert scan(tmp_path / "blank.png", isolate=False).verdict == "unscannable"


def _emf_text_record(x: int, y: int, text: str) -> bytes:
    import struct

    encoded = text.encode("utf-16-le")
    offset = 76
    size = offset + len(encoded) + (-len(encoded)) % 4
    head = struct.pack("<II", 84, size) + b"\x00" * 16 + struct.pack("<Iff", 1, 1.0, 1.0)
    emrtext = (
        struct.pack("<iiIII", x, y, len(text), offset, 0) + b"\x00" * 16 + struct.pack("<I", 0)
    )
    return (head + emrtext + encoded).ljust(size, b"\x00")


def test_emf_text_records_are_read(tmp_path: Path) -> None:
    import struct

    header = struct.pack("<II", 1, 88) + b"\x00" * 32 + b" EMF" + b"\x00" * 44
    records = [
        _emf_text_record(10, 10, "kommune"), _emf_text_record(200, 10, "antal"),
        _emf_text_record(10, 30, "Odder"), _emf_text_record(200, 30, "2"),
        _emf_text_record(10, 50, "Aarhus"), _emf_text_record(200, 50, "120"),
    ]  # fmt: skip
    eof = struct.pack("<IIIII", 14, 20, 0, 0, 20)
    path = tmp_path / "graf.emf"
    path.write_bytes(header + b"".join(records) + eof)
    _, location = find_cell(extract(path), 2)
    assert location == "text line 2, column 2"


def test_emf_without_text_is_unscannable(tmp_path: Path) -> None:
    import struct

    path = tmp_path / "tom.emf"
    path.write_bytes(struct.pack("<II", 1, 88) + b"\x00" * 32 + b" EMF" + b"\x00" * 44
                     + struct.pack("<IIIII", 14, 20, 0, 0, 20))  # fmt: skip
    assert scan(path, isolate=False).verdict == "unscannable"


def test_spreadsheetml_saved_as_xls_is_read(tmp_path: Path) -> None:
    path = tmp_path / "tabel.xls"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Tabel">'
        "<Table><Row><Cell><Data>kommune</Data></Cell><Cell><Data>antal</Data></Cell></Row>"
        "<Row><Cell><Data>Odder</Data></Cell><Cell><Data>2</Data></Cell></Row></Table>"
        "</Worksheet></Workbook>"
    )
    _, location = find_cell(extract(path), 2)
    assert location == "Tabel!B2"
