"""VBA macro source is read: a CPR number typed into a module of an xlsm, docm, pptm, .xls or
.doc is found at its module and line; a project that cannot be read makes the file unscannable.
The projects are built in code (``vba_project.py``)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from scanners import scan as scan_file
from scanners.model import Policy, ScanReport
from scanners.readers.vba import Corrupt, decompress, parse_dir
from tests.unit.scanners.file_makers import CPR
from tests.unit.scanners.test_containers import _docx, _pptx, _xlsx
from tests.unit.scanners.vba_project import (
    attributes,
    compound_file,
    compress,
    dir_stream,
    macro_file,
    module_stream,
    vba_project,
    vba_streams,
)

CSV_WITH_CPR = f"pnr;alder\n{CPR};34\n".encode()
CLEAN_MODULE = attributes("Module1") + (
    "Option Explicit\n"
    "' Formaterer tabellen efter kørslen\n"
    "Sub Formater()\n"
    '    Range("A1:D1").Font.Bold = True\n'
    '    ActiveSheet.Name = "Tabel 1"\n'
    "End Sub\n"
)
CPR_MODULE = attributes("Module1") + (
    "Sub Kontrol()\n"
    "    Dim pnr As String\n"
    "    ' udtræk til kontrol\n"
    f'    pnr = "{CPR}"\n'
    '    Range("A1").Value = pnr\n'
    "End Sub\n"
)
MAKERS = {"xlsm": (_xlsx, "xl"), "docm": (_docx, "word"), "pptm": (_pptx, "ppt")}


# .docm is no registered type (an upload is refused at the gate); a Word file with macros
# saved as .docx is read by the docx reader all the same. .pptm is registered, not allowed.
_SAVED_AS = {"xlsm": "xlsm", "docm": "docx", "pptm": "pptm"}
_POLICY = Policy(allowed_extensions=(*Policy().allowed_extensions, "pptm"))


def _macro_file(tmp_path: Path, extension: str, project: bytes) -> Path:
    maker, folder = MAKERS[extension]
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = maker(tmp_path / f"fil.{extension[:-1]}x")
    path = path.rename(path.with_suffix(f".{_SAVED_AS[extension]}"))
    return macro_file(path, f"{folder}/vbaProject.bin", project)


def scan(path: Path) -> ScanReport:
    return scan_file(path, isolate=False, policy=_POLICY)


def _cpr_locations(report: ScanReport) -> list[str]:
    return [f.location for f in report.findings if f.code == "identifier.dk_cpr"]


# --- the decompressor and the dir stream --------------------------------------------------


def test_decompressor_reads_the_specs_examples() -> None:
    # MS-OVBA 3.2.1-3.2.3: no compression, normal compression, maximum compression.
    examples = {
        "0119b000616263646566676800696a6b6c6d6e6f7000717273747576 2e": b"abcdefghijklmnopqrstuv.",
        "012fb000236161616263646582660070616768696a013808616b6c00206d6e6f70067102700400"
        "727374757610777879 7a002c": b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "0103b002614500": b"a" * 73,
    }
    for compressed, expected in examples.items():
        assert decompress(bytes.fromhex(compressed.replace(" ", ""))) == expected
        assert decompress(compress(expected)) == expected


@pytest.mark.parametrize("size", [0, 1, 100, 4096, 4097, 9000])
def test_decompressor_undoes_the_compressor(size: int) -> None:
    rng = random.Random(size)
    text = "".join(
        rng.choice(["Sub A()\r\n", '  x = "12"\r\n', "End Sub\r\n", "a"]) for _ in range(size)
    )
    data = text.encode()[:size]
    assert decompress(compress(data)) == data


def test_decompressor_reads_an_uncompressed_chunk() -> None:
    data = random.Random(1).randbytes(4096)  # 4096 bytes that do not compress
    assert decompress(compress(data)) == data
    assert compress(data)[1:3] == b"\xff\x3f"  # stored raw


@pytest.mark.parametrize(
    "broken",
    [b"", b"\x02\x00\xb0", b"\x01\x00\x00abc", b"\x01\x05\xb0\x01\xff\xff"],
    ids=["empty", "signature", "chunk signature", "copy before the chunk"],
)
def test_decompressor_refuses_what_is_not_ms_ovba(broken: bytes) -> None:
    with pytest.raises(Corrupt):
        decompress(broken)


def test_a_module_that_decompresses_without_end_is_unscannable(tmp_path: Path) -> None:
    chunk = compress(b"a" * 4096)[1:]  # six bytes: a literal and one copy of 4095
    streams = vba_streams({"Module1": CLEAN_MODULE}, compiled=b"")
    streams["VBA/Module1"] = b"\x01" + chunk * 20_000  # 120 KB that would give 82 MB
    report = scan(_macro_file(tmp_path, "xlsm", compound_file(streams)))
    assert report.verdict == "unscannable", report.findings
    assert any("decompresses beyond" in f.message for f in report.findings), report.findings


def test_dir_stream_gives_modules_and_offsets() -> None:
    project = parse_dir(dir_stream([("Module1", 9), ("ThisWorkbook", 1200)], codepage=1252))
    assert project.codepage == "cp1252"
    assert [(m.name, m.stream, m.offset) for m in project.modules] == [
        ("Module1", "Module1", 9),
        ("ThisWorkbook", "ThisWorkbook", 1200),
    ]
    with pytest.raises(Corrupt):
        parse_dir(dir_stream([("Module1", 9)])[:-40])


# --- macro-enabled Office files -----------------------------------------------------------


@pytest.mark.parametrize("extension", ["xlsm", "docm", "pptm"])
def test_cpr_in_a_macro_module_is_found_at_its_line(tmp_path: Path, extension: str) -> None:
    path = _macro_file(
        tmp_path, extension, vba_project({"Module1": CPR_MODULE, "Sheet1": attributes("Sheet1")})
    )
    report = scan(path)
    assert report.verdict == "risk", report.findings
    folder = MAKERS[extension][1]
    assert f"{folder}/vbaProject.bin > VBA module Module1, line 4" in _cpr_locations(report)
    macros = [f for f in report.findings if f.code == "hidden.active_content"]
    assert macros and "not scanned" not in macros[0].message, report.findings
    assert "Module1" in macros[0].message


@pytest.mark.parametrize("extension", ["xlsm", "docm"])
def test_clean_macro_module_gives_no_identifier(tmp_path: Path, extension: str) -> None:
    path = _macro_file(
        tmp_path,
        extension,
        vba_project({"Module1": CLEAN_MODULE, "ThisWorkbook": attributes("ThisWorkbook")}),
    )
    report = scan(path)
    assert report.verdict == "clean", report.findings
    assert not [f for f in report.findings if f.code.startswith("identifier.")], report.findings
    macros = [f for f in report.findings if f.severity in ("risk", "review")]
    assert [f.code for f in macros] == ["hidden.active_content"], report.findings
    # The advice fits a macro project: save without macros, not "print to PDF".
    assert "without macros" in macros[0].message, macros[0].message


def test_cpr_in_a_comment_of_a_later_chunk(tmp_path: Path) -> None:
    filler = "".join(f"    x = x + {n} ' trin {n}\n" for n in range(400))  # past 4096 bytes
    source = attributes("Beregn") + "Sub Beregn()\n" + filler + f"    ' kontrol {CPR}\nEnd Sub\n"
    path = _macro_file(tmp_path, "xlsm", vba_project({"Beregn": source}))
    assert "xl/vbaProject.bin > VBA module Beregn, line 402" in _cpr_locations(scan(path))


def test_counts_typed_into_an_array_are_a_table(tmp_path: Path) -> None:
    source = attributes("Module1") + (
        "Sub Tabel()\n"
        '    kommune = Array("Aarhus", "Odder", "Samsø", "Skive")\n'
        "    antal = Array(120, 2, 45, 300) ' fra udtrækket\n"
        "    widths = Array(10, 20, 30)\n"
        "End Sub\n"
    )
    report = scan(_macro_file(tmp_path, "xlsm", vba_project({"Module1": source})))
    small = [f.location for f in report.findings if f.code == "table.small_cell"]
    assert small == ["xl/vbaProject.bin > VBA module Module1, antal at line 3, row 2, column 1"]


@pytest.mark.parametrize(
    "project",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        b"not an OLE file at all" * 20,
        compound_file({**vba_streams({"Module1": CPR_MODULE}), "VBA/dir": b"\x01garbage"}),
        compound_file({**vba_streams({"Module1": CPR_MODULE}), "VBA/Module1": b"\x00" * 9 + b"x"}),
    ],
    ids=["broken OLE", "not OLE", "corrupt dir", "corrupt module"],
)
@pytest.mark.parametrize("extension", ["xlsm", "docm"])
def test_corrupt_macro_project_is_unscannable(
    tmp_path: Path, extension: str, project: bytes
) -> None:
    report = scan(_macro_file(tmp_path, extension, project))
    assert report.verdict == "unscannable", report.findings
    assert any(
        f.code == "scan.unscannable" and "vbaProject.bin" in f.message for f in report.findings
    ), report.findings


@pytest.mark.parametrize("removed", [b"", compress(b"")], ids=["cut off", "empty"])
def test_module_without_source_is_unscannable(tmp_path: Path, removed: bytes) -> None:
    # VBA stomping: the compiled code (p-code) is kept, the source removed.
    streams = vba_streams({"Module1": CLEAN_MODULE})
    compiled = b"\x01\x16\x03\x00" + f"\x00\x0b\x00pnr {CPR}\x00".encode("latin-1") + b"\xf0" * 8
    streams["VBA/Module1"] = compiled + removed
    streams["VBA/dir"] = compress(dir_stream([("Module1", len(compiled))]))
    report = scan(_macro_file(tmp_path, "xlsm", compound_file(streams)))
    assert report.verdict == "unscannable", report.findings
    assert any("without its source" in f.message for f in report.findings)


def test_literal_only_in_the_compiled_code_is_read(tmp_path: Path) -> None:
    # The source was replaced by harmless code; the compiled code still holds the literal.
    streams = vba_streams({"Module1": CLEAN_MODULE})
    compiled = b"\x01\x16\x03\x00" + f"\x00\x0b\x00pnr {CPR}\x00".encode("latin-1")
    streams["VBA/Module1"] = module_stream(CLEAN_MODULE, compiled)
    streams["VBA/dir"] = compress(dir_stream([("Module1", len(compiled))]))
    report = scan(_macro_file(tmp_path, "xlsm", compound_file(streams)))
    assert any("VBA module Module1, compiled code" in loc for loc in _cpr_locations(report))


def test_cpr_in_a_userform_or_project_stream_is_read(tmp_path: Path) -> None:
    streams = vba_streams({"Module1": CLEAN_MODULE})
    streams["UserForm1/o"] = b"\x00\x02\x18\x00" + f"Label1 kontrol {CPR}".encode() + b"\x00" * 8
    report = scan(_macro_file(tmp_path, "xlsm", compound_file(streams)))
    assert any("stream UserForm1/o" in loc for loc in _cpr_locations(report)), report.findings


# --- legacy files: .doc Macros, .xls _VBA_PROJECT_CUR -------------------------------------

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


def _legacy(tmp_path: Path, extension: str, storage: str, modules: dict[str, str]) -> Path:
    """A .doc or .xls made by LibreOffice, rebuilt with a VBA project under ``storage``."""
    import olefile

    from tests.unit.scanners.test_containers import _converted

    tmp_path.mkdir(parents=True, exist_ok=True)
    source = _docx(tmp_path / "fil.docx") if extension == "doc" else _xlsx(tmp_path / "fil.xlsx")
    converted = _converted(source, extension)
    with olefile.OleFileIO(str(converted)) as ole:
        streams = {
            "/".join(entry): ole.openstream(entry).read()
            for entry in ole.listdir(streams=True, storages=False)
        }
    streams.update(vba_streams(modules, storage=storage))
    path = tmp_path / f"makro.{extension}"
    path.write_bytes(compound_file(streams))
    return path


@needs_office
@pytest.mark.parametrize(("extension", "storage"), [("doc", "Macros"), ("xls", "_VBA_PROJECT_CUR")])
def test_macro_project_of_a_legacy_file(tmp_path: Path, extension: str, storage: str) -> None:
    path = _legacy(tmp_path, extension, storage, {"Module1": CPR_MODULE})
    report = scan(path)
    assert report.verdict == "risk", report.findings
    assert f"{storage} > VBA module Module1, line 4" in _cpr_locations(report), report.findings
    clean = _legacy(tmp_path / "ren", extension, storage, {"Module1": CLEAN_MODULE})
    assert not _cpr_locations(scan(clean))


@needs_office
def test_corrupt_macro_project_of_a_legacy_file_is_unscannable(tmp_path: Path) -> None:
    path = _legacy(tmp_path, "doc", "Macros", {"Module1": CPR_MODULE})
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        streams = {
            "/".join(e): ole.openstream(e).read() for e in ole.listdir(streams=True, storages=False)
        }
    streams["Macros/VBA/dir"] = b"\x01\x00\x00broken"
    path.write_bytes(compound_file(streams))
    assert scan(path).verdict == "unscannable"


def _ppt_with_storage(tmp_path: Path, storage: bytes, *, compressed: bool = True) -> Path:
    """A .ppt whose PowerPoint Document stream holds a slide text and an ExOleObjStg record
    (an OLE storage kept inside the stream, as PowerPoint keeps the VBA project and embedded
    objects), built by hand: LibreOffice here has no presentation filter."""
    import struct
    import zlib

    def record(version_instance: int, kind: int, body: bytes) -> bytes:
        return struct.pack("<HHI", version_instance, kind, len(body)) + body

    text = record(0x0000, 0x0FA0, "Resultater for projektet".encode("utf-16-le"))
    if compressed:
        held = record(0x0010, 0x1011, struct.pack("<I", len(storage)) + zlib.compress(storage))
    else:
        held = record(0x0000, 0x1011, storage)
    document = record(0x000F, 0x03E8, text + held)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "makro.ppt"
    path.write_bytes(compound_file({"PowerPoint Document": document, "Current User": b"\x00" * 20}))
    return path


@pytest.mark.parametrize("compressed", [True, False], ids=["zlib", "plain"])
def test_macro_project_of_a_powerpoint_97_file(tmp_path: Path, compressed: bool) -> None:
    path = _ppt_with_storage(tmp_path, vba_project({"Module1": CPR_MODULE}), compressed=compressed)
    report = scan(path)
    assert report.verdict == "risk", report.findings
    assert "object storage 1 > VBA module Module1, line 4" in _cpr_locations(report)
    clean = _ppt_with_storage(tmp_path / "ren", vba_project({"Module1": CLEAN_MODULE}))
    assert not _cpr_locations(scan(clean))
    corrupt = compound_file({**vba_streams({"Module1": CPR_MODULE}), "VBA/dir": b"\x01bad"})
    broken = _ppt_with_storage(tmp_path / "brudt", corrupt)
    assert scan(broken).verdict == "unscannable"


def test_packaged_file_in_a_powerpoint_97_object_storage(tmp_path: Path) -> None:
    import struct

    native = (
        struct.pack("<H", 2)
        + b"bilag.csv\x00C:\\bilag.csv\x00"
        + struct.pack("<I", 0x00030000)
        + struct.pack("<I", 18)
        + b"C:\\Temp\\bilag.csv\x00"
        + struct.pack("<I", len(CSV_WITH_CPR))
        + CSV_WITH_CPR
    )
    storage = compound_file({"\x01Ole10Native": struct.pack("<I", len(native)) + native})
    report = scan(_ppt_with_storage(tmp_path, storage))
    assert report.verdict == "risk", report.findings
    assert any(loc.startswith("object storage 1 > line 2") for loc in _cpr_locations(report))


# --- Excel 97-2003: the streams beside the cells ------------------------------------------


@needs_office
def test_packaged_file_in_an_excel_97_object_storage(tmp_path: Path) -> None:
    import struct

    import olefile

    from tests.unit.scanners.test_containers import _converted

    native = (
        struct.pack("<H", 2)
        + b"bilag.csv\x00C:\\bilag.csv\x00"
        + struct.pack("<I", 0x00030000)
        + struct.pack("<I", 18)
        + b"C:\\Temp\\bilag.csv\x00"
        + struct.pack("<I", len(CSV_WITH_CPR))
        + CSV_WITH_CPR
    )
    converted = _converted(_xlsx(tmp_path / "fil.xlsx"), "xls")
    with olefile.OleFileIO(str(converted)) as ole:
        streams = {
            "/".join(e): ole.openstream(e).read() for e in ole.listdir(streams=True, storages=False)
        }
    streams["MBD0001A2B3/\x01Ole10Native"] = struct.pack("<I", len(native)) + native
    path = tmp_path / "bilag.xls"
    path.write_bytes(compound_file(streams))
    report = scan(path)
    assert report.verdict == "risk", report.findings
    assert any(
        loc.startswith("stream MBD0001A2B3/Ole10Native > line 2") for loc in _cpr_locations(report)
    ), report.findings
    assert scan(converted).verdict == "clean"


@needs_office
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_picture_in_an_excel_97_workbook_is_read_by_ocr(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.drawing.image import Image as SheetImage

    from tests.unit.scanners.test_containers import _converted, _picture

    picture = tmp_path / "tabel.png"
    picture.write_bytes(_picture([f"Kontakt {CPR}"]))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["kommune", "antal"])
    sheet.append(["Aarhus", 120])
    sheet.add_image(SheetImage(str(picture)), "D2")
    workbook.save(tmp_path / "graf.xlsx")
    report = scan(_converted(tmp_path / "graf.xlsx", "xls"))
    assert any(
        "stream Workbook, drawings, picture at byte" in loc for loc in _cpr_locations(report)
    ), report.findings
