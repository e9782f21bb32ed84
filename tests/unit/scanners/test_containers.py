"""Every part of every container is read: members no reader lists, pictures, bytes after a
format's end, attachments held only by an annotation, RTF objects. Each test plants a valid CPR
number in one such place and asks the scanner for the verdict and where it found it."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from scanners import scan
from scanners.model import ScanReport
from tests.unit.scanners.file_makers import CPR, add_zip_entries, extract, texts, zip_bytes

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
CSV_WITH_CPR = f"pnr;alder\n{CPR};34\n".encode()


def _cpr_locations(report: ScanReport) -> list[str]:
    return [f.location for f in report.findings if f.code == "identifier.dk_cpr"]


def _assert_cpr_in(report: ScanReport, part: str) -> None:
    assert report.verdict == "risk", report.findings
    assert any(part in location for location in _cpr_locations(report)), report.findings


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    document.save(path)
    return path


def _xlsx(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Tabel 1"
    sheet.append(["kommune", "antal"])
    sheet.append(["Aarhus", 120])
    workbook.save(path)
    return path


def _pptx(path: Path) -> Path:
    from pptx import Presentation

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Resultater"
    deck.save(str(path))
    return path


def _picture(words: list[str], kind: str = "PNG") -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1000, 90 + 70 * len(words)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for number, line in enumerate(words):
        draw.text((20, 40 + 70 * number), line, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def test_files_made_by_the_office_libraries_stay_clean(tmp_path: Path) -> None:
    for path in (
        _docx(tmp_path / "rapport.docx"),
        _xlsx(tmp_path / "tabel.xlsx"),
        _pptx(tmp_path / "slides.pptx"),
    ):
        report = scan(path, isolate=False)
        assert report.verdict == "clean", (path.name, report.findings)
        assert not [f for f in report.findings if f.severity in ("risk", "review")], report.findings


@pytest.mark.parametrize("maker", [_docx, _xlsx, _pptx], ids=["docx", "xlsx", "pptx"])
def test_csv_at_the_root_of_an_office_file(tmp_path: Path, maker: object) -> None:
    path = maker(tmp_path / "file.bin")  # type: ignore[operator]
    suffix = {"_docx": ".docx", "_xlsx": ".xlsx", "_pptx": ".pptx"}[maker.__name__]  # type: ignore[attr-defined]
    path = path.rename(path.with_suffix(suffix))
    add_zip_entries(path, {"udtraek.csv": CSV_WITH_CPR})
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "udtraek.csv > line 2")
    assert any(
        f.code == "hidden.embedded_object" and f.location == "udtraek.csv" for f in report.findings
    )


def test_custom_xml_part_of_a_docx(tmp_path: Path) -> None:
    path = add_zip_entries(
        _docx(tmp_path / "rapport.docx"),
        {"customXml/item7.xml": f'<personer><person cpr="{CPR}"/></personer>'.encode()},
    )
    _assert_cpr_in(scan(path, isolate=False), "customXml/item7.xml")


def test_custom_xml_text_node_of_an_xlsx(tmp_path: Path) -> None:
    path = add_zip_entries(
        _xlsx(tmp_path / "tabel.xlsx"),
        {"customXml/item7.xml": f"<personer><pnr>{CPR}</pnr></personer>".encode()},
    )
    _assert_cpr_in(scan(path, isolate=False), "customXml/item7.xml")


def test_glossary_document_of_a_docx(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    glossary = (
        f'<w:glossaryDocument xmlns:w="{w}"><w:docParts><w:docPart><w:docPartBody><w:p><w:r>'
        f"<w:t>Byggeblok {CPR}</w:t></w:r></w:p></w:docPartBody></w:docPart></w:docParts>"
        "</w:glossaryDocument>"
    )
    path = add_zip_entries(
        _docx(tmp_path / "rapport.docx"), {"word/glossary/document.xml": glossary.encode()}
    )
    _assert_cpr_in(scan(path, isolate=False), "word/glossary/document.xml")


def test_sheet_the_workbook_does_not_list(tmp_path: Path) -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="4"><c r="C4" t="inlineStr"><is><t>{CPR}</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    path = add_zip_entries(
        _xlsx(tmp_path / "tabel.xlsx"), {"xl/worksheets/sheet9.xml": sheet.encode()}
    )
    report = scan(path, isolate=False)
    assert "xl/worksheets/sheet9.xml!C4" in _cpr_locations(report), report.findings
    assert any(f.code == "hidden.sheet" and "sheet9" in f.location for f in report.findings)


def test_text_box_in_a_sheet_drawing(tmp_path: Path) -> None:
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
        f"<xdr:sp><xdr:txBody><a:p><a:r><a:t>Kontrol {CPR}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        "</xdr:twoCellAnchor></xdr:wsDr>"
    )
    path = add_zip_entries(
        _xlsx(tmp_path / "tabel.xlsx"), {"xl/drawings/drawing1.xml": drawing.encode()}
    )
    _assert_cpr_in(scan(path, isolate=False), "xl/drawings/drawing1.xml")


@needs_ocr
@pytest.mark.parametrize(
    ("maker", "member"),
    [
        (_docx, "word/media/image9.png"),
        (_xlsx, "xl/media/image9.png"),
        (_pptx, "ppt/media/image9.png"),
    ],
    ids=["docx", "xlsx", "pptx"],
)
def test_picture_in_the_media_folder_is_read_by_ocr(
    tmp_path: Path, maker: object, member: str
) -> None:
    suffix = (
        member.split("/")[0].replace("word", "docx").replace("xl", "xlsx").replace("ppt", "pptx")
    )
    path = maker(tmp_path / f"file.{suffix}")  # type: ignore[operator]
    add_zip_entries(path, {member: _picture([f"Kontakt {CPR}"])})
    _assert_cpr_in(scan(path, isolate=False), f"{member} > OCR line")


@needs_ocr
def test_picture_of_a_table_in_a_docx(tmp_path: Path) -> None:
    import docx

    picture = tmp_path / "tabel.png"
    picture.write_bytes(_picture(["kommune   antal", f"Kontakt {CPR}", "Odder   40"]))
    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    document.add_picture(str(picture))
    document.save(tmp_path / "rapport.docx")
    report = scan(tmp_path / "rapport.docx", isolate=False)
    _assert_cpr_in(report, "word/media/")


def test_broken_picture_makes_the_document_unscannable(tmp_path: Path) -> None:
    path = add_zip_entries(
        _docx(tmp_path / "rapport.docx"), {"word/media/image9.png": b"\x89PNG\r\n\x1a\n broken"}
    )
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable"
    assert any("word/media/image9.png" in f.message for f in report.findings)


def test_binary_part_is_read_for_its_printable_text(tmp_path: Path) -> None:
    blob = b"\x00\x01\x02\xff" * 50 + f"pnr {CPR}".encode("utf-16-le") + b"\x00\x07" * 40
    path = add_zip_entries(_docx(tmp_path / "rapport.docx"), {"word/stuff/blob.dat": blob})
    _assert_cpr_in(scan(path, isolate=False), "word/stuff/blob.dat")


# --- Pictures on PDF pages, attachments, bytes after %%EOF ---------------------------------


def _pdf_with_text():  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(0, 6, "Tabel 1: Antal personer efter kommune", new_x="LMARGIN", new_y="NEXT")
    return pdf


@needs_ocr
def test_picture_on_a_pdf_page_with_text(tmp_path: Path) -> None:
    picture = tmp_path / "tabel.png"
    picture.write_bytes(_picture([f"Kontakt {CPR}"]))
    pdf = _pdf_with_text()
    pdf.image(str(picture), x=10, y=30, w=120)
    pdf.output(str(tmp_path / "rapport.pdf"))
    _assert_cpr_in(scan(tmp_path / "rapport.pdf", isolate=False), "page 1, picture 1 > OCR line")


def test_attachment_held_only_by_an_annotation(tmp_path: Path) -> None:
    pdf = _pdf_with_text()
    pdf.file_attachment_annotation(None, 10, 10, bytes=CSV_WITH_CPR, basename="bilag.csv")
    # fpdf2 lists every file in the document's name tree too; leave it to the annotation.
    data = bytes(pdf.output()).replace(b"/EmbeddedFiles", b"/XmbeddedFiles")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "page 1, annotation 1, attachment bilag.csv > line 2")
    assert any(f.code == "hidden.attachment" for f in report.findings)


def test_text_after_the_pdf_end(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(bytes(_pdf_with_text().output()) + f"\nkontrol {CPR}\n".encode())
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "bytes after the end of the PDF")
    assert any(f.code == "hidden.trailing_data" for f in report.findings)


def test_zip_appended_to_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(bytes(_pdf_with_text().output()) + zip_bytes({"skjult.csv": CSV_WITH_CPR}))
    _assert_cpr_in(
        scan(path, isolate=False), "bytes after the end of the PDF (zip archive) > skjult.csv"
    )


def test_a_pdf_without_a_trailer_has_no_trailing_finding(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(bytes(_pdf_with_text().output()) + b"\r\n\x00\x00")
    report = scan(path, isolate=False)
    assert not any(f.code == "hidden.trailing_data" for f in report.findings), report.findings


# --- Bytes after an image's end ------------------------------------------------------------


@needs_ocr
@pytest.mark.parametrize("kind", ["PNG", "JPEG", "GIF"])
def test_text_after_the_end_of_an_image(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"graf.{kind.lower()}"
    path.write_bytes(_picture(["Antal personer 120"], kind) + f"kontrol {CPR}\n".encode())
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "bytes after the end of the image")
    assert any(f.code == "hidden.trailing_data" for f in report.findings)


@needs_ocr
def test_zip_appended_to_a_png(tmp_path: Path) -> None:
    path = tmp_path / "graf.png"
    path.write_bytes(_picture(["Antal personer 120"]) + zip_bytes({"skjult.csv": CSV_WITH_CPR}))
    _assert_cpr_in(scan(path, isolate=False), "(zip archive) > skjult.csv")


@needs_ocr
def test_jpeg_with_exif_thumbnail_is_not_cut_at_the_thumbnail_end(tmp_path: Path) -> None:
    from PIL import Image

    thumbnail = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(thumbnail, "JPEG")
    exif = Image.Exif()
    exif[0x010E] = "Graf"  # ImageDescription
    picture = Image.open(io.BytesIO(_picture(["Antal personer 120"], "JPEG")))
    path = tmp_path / "graf.jpg"
    body = io.BytesIO()
    picture.save(body, "JPEG", exif=exif.tobytes())
    data = body.getvalue()
    # Put a whole JPEG (with its own EOI) inside an APP segment right after SOI.
    segment = b"\xff\xe2" + struct.pack(">H", len(thumbnail.getvalue()) + 2) + thumbnail.getvalue()
    path.write_bytes(data[:2] + segment + data[2:])
    report = scan(path, isolate=False)
    assert not any(f.code == "hidden.trailing_data" for f in report.findings), report.findings


# --- RTF objects -----------------------------------------------------------------------------


def _length_prefixed(data: bytes) -> bytes:
    return struct.pack("<I", len(data)) + data


def test_rtf_object_data_is_decoded_and_read(tmp_path: Path) -> None:
    native = (
        struct.pack("<H", 2)
        + b"bilag.csv\x00C:\\bilag.csv\x00"
        + struct.pack("<I", 0x00030000)
        + _length_prefixed(b"C:\\Temp\\bilag.csv\x00")
        + _length_prefixed(CSV_WITH_CPR)
    )
    ole1 = (
        struct.pack("<II", 0x0501, 2)
        + _length_prefixed(b"Package\x00")
        + _length_prefixed(b"")
        + _length_prefixed(b"")
        + _length_prefixed(native)
    )
    path = tmp_path / "rapport.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Rapport\\par{\\object\\objemb"
        "{\\*\\objclass Package}\\objw100\\objh100{\\*\\objdata\n"
        + ole1.hex()
        + "\n}{\\result Bilag}}\\par}"
    )
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "object 1 > line 2")
    assert any(f.code == "hidden.embedded_object" for f in report.findings)


@pytest.mark.parametrize("member", ["bilag.zip", "word/stuff/archive.dat"])
def test_zip_inside_a_docx_is_read_member_by_member(tmp_path: Path, member: str) -> None:
    inner = zip_bytes({"data/personer.txt": f"Kontrol {CPR}\n".encode()})
    path = add_zip_entries(_docx(tmp_path / "rapport.docx"), {member: inner})
    _assert_cpr_in(scan(path, isolate=False), f"{member} > data/personer.txt")


# --- Text in an encoding the reader did not expect -----------------------------------------


@pytest.mark.parametrize("codec", ["cp500", "cp037"])
def test_ebcdic_text_is_decoded(tmp_path: Path, codec: str) -> None:
    text = f"Kontrol af udtraek\nPerson {CPR} er med i tabel 1\n"
    # Mainframes end lines with NL (0x15), which Python's EBCDIC codecs read as U+0085.
    path = tmp_path / "udtraek.txt"
    path.write_bytes(text.encode(codec).replace(b"\x25", b"\x15"))
    report = scan(path, isolate=False)
    assert "line 2" in _cpr_locations(report), report.findings


def test_ebcdic_csv_is_read_as_a_table(tmp_path: Path) -> None:
    rows = f"pnr;alder;kommune\n{CPR};34;Aarhus\n010155-4005;41;Odder\n"
    path = tmp_path / "udtraek.csv"
    path.write_bytes(rows.encode("cp500"))
    report = scan(path, isolate=False)
    assert "line 2, column 1" in _cpr_locations(report), report.findings
    assert any(f.code == "identifier.column" for f in report.findings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_decoded(tmp_path: Path, codec: str) -> None:
    # The reader's part; the type gate decides on its own whether such a file passes.
    path = tmp_path / "udtraek.txt"
    path.write_bytes(f"Kontrol af udtraek\nPerson {CPR} er med\n".encode(codec))
    blocks = texts(extract(path))
    assert [(b.location, b.text) for b in blocks] == [
        ("line 1", "Kontrol af udtraek"),
        ("line 2", f"Person {CPR} er med"),
    ]


def test_spss_viewer_member_that_is_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "output.spv"
    path.write_bytes(
        zip_bytes(
            {
                "outputViewer0000000000.xml": b"<heading><label>Frequencies</label></heading>",
                "bilag/udtraek.csv": CSV_WITH_CPR,
            }
        )
    )
    _assert_cpr_in(scan(path, isolate=False), "bilag/udtraek.csv > line 2")


# --- Word and PowerPoint 97-2003: streams the text reader does not read --------------------

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


def _converted(source: Path, extension: str) -> Path:
    import subprocess

    folder = source.parent / "converted"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", extension, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(source.parent), "PATH": "/usr/bin:/bin"},
    )
    return folder / f"{source.stem}.{extension}"


@needs_ocr
@needs_office
def test_picture_in_a_word_97_document(tmp_path: Path) -> None:
    import docx

    picture = tmp_path / "tabel.png"
    picture.write_bytes(_picture([f"Kontakt {CPR}"]))
    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    document.add_picture(str(picture))
    document.save(tmp_path / "rapport.docx")
    report = scan(_converted(tmp_path / "rapport.docx", "doc"), isolate=False)
    _assert_cpr_in(report, "stream Data, picture at byte")


# --- Pictures and files inside web pages and drawings ---------------------------------------


@needs_ocr
@pytest.mark.parametrize("suffix", ["html", "svg"])
def test_picture_written_into_a_page_as_a_data_uri(tmp_path: Path, suffix: str) -> None:
    import base64

    uri = "data:image/png;base64," + base64.b64encode(_picture([f"Kontakt {CPR}"])).decode()
    if suffix == "html":
        markup = f"<html><body><p>Figur 1</p><img src='{uri}'></body></html>"
    else:
        markup = (
            '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="20">Figur 1</text>'
            f'<image href="{uri}" width="100" height="20"/></svg>'
        )
    path = tmp_path / f"figur.{suffix}"
    path.write_text(markup)
    _assert_cpr_in(scan(path, isolate=False), "picture 1 > OCR line")


def test_svg_metadata_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "figur.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><metadata>Kilde: udtraek for '
        f"{CPR}</metadata><text x='1' y='20'>Figur 1</text></svg>"
    )
    _assert_cpr_in(scan(path, isolate=False), "line 1")


def test_web_archive_attachment_is_read(tmp_path: Path) -> None:
    import email.message

    message = email.message.EmailMessage()
    message.set_content("<html><body><p>Tabel 1</p></body></html>", subtype="html")
    message.add_attachment(CSV_WITH_CPR, maintype="text", subtype="csv", filename="bilag.csv")
    message.add_attachment(
        zip_bytes({"data.txt": f"Kontrol {CPR}\n".encode()}),
        maintype="application",
        subtype="zip",
        filename="bilag.zip",
    )
    path = tmp_path / "side.mht"
    path.write_bytes(message.as_bytes())
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "(bilag.zip) > data.txt")


# --- Private chunks and segments inside a picture -------------------------------------------


@needs_ocr
def test_private_png_chunk_and_jpeg_segment_are_read(tmp_path: Path) -> None:
    import zlib

    body = f"kontrol {CPR}".encode()
    chunk = struct.pack(">I", len(body)) + b"prVt" + body
    chunk += struct.pack(">I", zlib.crc32(b"prVt" + body))
    png = _picture(["Antal personer 120"])
    at = png.index(b"IEND") - 4
    (tmp_path / "graf.png").write_bytes(png[:at] + chunk + png[at:])
    _assert_cpr_in(scan(tmp_path / "graf.png", isolate=False), "image PNG chunk prVt")
    jpeg = _picture(["Antal personer 120"], "JPEG")
    segment = b"\xff\xe5" + struct.pack(">H", len(body) + 2) + body
    (tmp_path / "graf.jpg").write_bytes(jpeg[:2] + segment + jpeg[2:])
    _assert_cpr_in(scan(tmp_path / "graf.jpg", isolate=False), "image JPEG segment APP5")


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_pictures_as_pillow_writes_them_have_no_unread_segments(kind: str) -> None:
    from scanners.readers.image import picture_end, unread_segments

    data = _picture(["Antal personer 120"], kind)
    assert unread_segments(data) == []
    assert picture_end(data) == len(data)


def test_embedded_object_of_a_type_without_a_reader_is_read_as_text(tmp_path: Path) -> None:
    path = add_zip_entries(
        _docx(tmp_path / "rapport.docx"),
        {"word/embeddings/noter.dat": f"Kontrol {CPR}\n".encode()},
    )
    report = scan(path, isolate=False)
    _assert_cpr_in(report, "word/embeddings/noter.dat, line 1")
    assert any(f.code == "hidden.embedded_object" for f in report.findings)


def test_zips_nested_without_end_stop_at_the_nesting_limit(tmp_path: Path) -> None:
    data = f"Kontrol {CPR}\n".encode()
    name = "data.txt"
    for level in range(12):
        data = zip_bytes({name: data})
        name = f"niveau{level}.zip"
    path = add_zip_entries(_docx(tmp_path / "rapport.docx"), {"bilag.zip": data})
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable"
    assert any("nested too deeply" in f.message for f in report.findings)


def test_dos_nordic_text_keeps_its_context_words(tmp_path: Path) -> None:
    # A bare ten-digit number is a CPR number only beside a word such as "fødselsnummer".
    path = tmp_path / "udtraek.txt"
    path.write_bytes("Udtræk fra Århus\nFødselsnummer 0707614285\n".encode("cp865"))
    assert "line 2" in _cpr_locations(scan(path, isolate=False))


def test_alt_text_and_field_codes_of_a_docx(tmp_path: Path) -> None:
    import docx

    picture = tmp_path / "logo.png"
    picture.write_bytes(_picture(["Logo"]))
    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    document.add_picture(str(picture))
    for properties in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ):
        properties.set("descr", f"Kontrol {CPR}")
    document.save(tmp_path / "rapport.docx")
    _assert_cpr_in(scan(tmp_path / "rapport.docx", isolate=False), "alt text")


def test_alt_text_of_a_picture_on_a_slide(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    picture = tmp_path / "logo.png"
    picture.write_bytes(_picture(["Logo"]))
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Resultater"
    shape = slide.shapes.add_picture(str(picture), Inches(1), Inches(2), width=Inches(3))
    shape._element.nvPicPr.cNvPr.set("descr", f"Kontrol {CPR}")
    deck.save(str(tmp_path / "slides.pptx"))
    _assert_cpr_in(scan(tmp_path / "slides.pptx", isolate=False), "slide 1, alt text")


def test_shared_string_no_cell_uses(tmp_path: Path) -> None:
    # openpyxl writes inline strings; the string table is added by hand, used by no cell.
    table = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>Kontrol {CPR}</t></si></sst>'
    )
    path = add_zip_entries(_xlsx(tmp_path / "tabel.xlsx"), {"xl/sharedStrings.xml": table.encode()})
    _assert_cpr_in(scan(path, isolate=False), "xl/sharedStrings.xml, string 1 (used by no cell)")


def test_shared_string_a_cell_uses_is_reported_at_the_cell_only(tmp_path: Path) -> None:
    table = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" '
        f'uniqueCount="2"><si><t>note</t></si><si><t>Kontrol {CPR}</t></si></sst>'
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>'
    )
    source = _xlsx(tmp_path / "tabel.xlsx")
    path = tmp_path / "rettet.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            new.writestr(item, data)
        new.writestr("xl/sharedStrings.xml", table)
    with zipfile.ZipFile(path, "a") as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        '-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rebuilt = tmp_path / "rebuilt.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(rebuilt, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = rels.encode()
            elif item.filename == "[Content_Types].xml":
                data = types.encode()
            new.writestr(item, data)
    locations = _cpr_locations(scan(rebuilt, isolate=False))
    assert locations and not any("sharedStrings" in location for location in locations), locations
