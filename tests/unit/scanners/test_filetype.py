"""The file-type gate: allowed extensions, content that matches, size limits, no reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import Policy, scan
from scanners.filetype import extension_of
from tests.unit.scanners.file_makers import make_pdf, make_xlsx

ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Tabel 1.XLSX", "xlsx"), ("data.tar.csv", "csv"), ("noext", ""), ("a.b.Do", "do")],
)
def test_the_last_suffix_decides(name: str, expected: str) -> None:
    assert extension_of(name) == expected


def _codes(path: Path, **kwargs: object) -> set[str]:
    return {f.code for f in scan(path, isolate=False, **kwargs).findings}  # type: ignore[arg-type]


def test_executable_renamed_txt_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(ELF_HEADER)
    report = scan(path, isolate=False)
    assert report.verdict == "rejected"
    assert "type.content_mismatch" in {f.code for f in report.findings}


def test_xlsx_renamed_csv_is_rejected(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "tabel.xlsx").rename(tmp_path / "tabel.csv")
    assert "type.content_mismatch" in _codes(path)


def test_pdf_renamed_docx_is_rejected(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "r.pdf").rename(tmp_path / "r.docx")
    assert "type.content_mismatch" in _codes(path)


def test_the_upload_name_decides_the_type(tmp_path: Path) -> None:
    stored = tmp_path / "3f2a9c"  # stores keep files under their digest, without a suffix
    stored.write_text("kommune;antal\nOdder;120\n")
    report = scan(stored, filename="tabel.csv", isolate=False)
    assert report.file_type == "csv" and report.name == "tabel.csv"
    assert report.verdict == "clean"


def test_extension_not_allowed(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text("print(1)\n")
    report = scan(path, isolate=False)
    finding = report.findings[0]
    assert report.verdict == "rejected" and finding.code == "type.extension_not_allowed"
    assert finding.message.startswith("File type not allowed") and ".py" in finding.message


def test_too_large_and_review_size(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text("kommune;antal\nOdder;120\nAarhus;300\n")
    assert "type.too_large" in _codes(path, policy=Policy(max_upload_bytes=10))
    report = scan(path, policy=Policy(review_size_bytes=10), isolate=False)
    review = next(f for f in report.findings if f.code == "size.review")
    assert review.severity == "review" and report.verdict == "clean"


def test_allowed_type_without_a_reader_is_unscannable(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"a": 1}')
    policy = Policy(allowed_extensions=("json", "csv"))
    report = scan(path, policy=policy, isolate=False)
    assert report.verdict == "unscannable"
    assert "no reader" in report.findings[0].message


def test_empty_file_is_never_clean(tmp_path: Path) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")
    assert scan(path, isolate=False).verdict == "unscannable"


def test_binary_junk_named_csv_is_not_clean(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 40)
    assert scan(path, isolate=False).verdict in ("rejected", "unscannable")


# --- plain text is never refused for a text type -------------------------------------------

# A Stata do-file that libmagic takes for JavaScript ("import ... from ..." on a line).
STATA_DO_FILE = (
    b"clear all\n"
    b'import excel "counts from survey.xlsx", firstrow clear\n'
    b"collapse (sum) antal, by(region)\n"
    b'export delimited region antal using "tabel1.csv", replace\n'
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("analyse.do", STATA_DO_FILE),
        ("import.log", b'import delimited using "rows from register.csv", clear\n' * 3),
        ("program.sas", b"#include <macros.sas>\ndata a; set b; run;\nproc freq; run;\n"),
        ("noter.txt", b'// notes from the analysis\nrequire("haven")\nresults in tabel 1\n'),
    ],
)
def test_plain_text_code_is_never_refused_whatever_libmagic_guesses(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = scan(path, isolate=False)
    assert report.verdict != "rejected", (report.mime, report.findings)
    assert "type.content_mismatch" not in {f.code for f in report.findings}


def test_plain_text_rule_does_not_let_a_binary_format_through(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "r.pdf").rename(tmp_path / "r.txt")
    assert "type.content_mismatch" in _codes(path)


def test_a_text_type_holding_a_cpr_in_code_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "analyse.do"
    path.write_bytes(STATA_DO_FILE + b'replace cpr = "150481-0212" if cpr == ""\n')
    assert "identifier.dk_cpr" in _codes(path)


# --- HTML or SVG saved under a text type is read as what it is ------------------------------

_CPR = "150481-0212"  # check digit computed (modulus 11); belongs to no one
HTML_TABLE = (
    "<!DOCTYPE html><html><body><table><tr><th>navn</th><th>personnummer</th></tr>"
    f"<tr><td>A</td><td>{_CPR}</td></tr></table></body></html>"
).encode()
SVG_CHART = (
    '<?xml version="1.0"?>\n<!-- made by a plotting tool -->\n'
    '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">n = 120</text>'
    f'<text x="1" y="9" visibility="hidden">{_CPR}</text></svg>'
).encode()


@pytest.mark.parametrize("extension", ["csv", "tab", "xml", "xls", "txt"])
def test_html_saved_under_another_type_is_read_as_html(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"tabel.{extension}"
    path.write_bytes(HTML_TABLE)
    report = scan(path, isolate=False)
    assert report.verdict == "risk", report.findings
    assert "identifier.dk_cpr" in {f.code for f in report.findings}
    assert report.file_type == extension  # the report still names the uploaded type


@pytest.mark.parametrize("extension", ["csv", "xml", "xls", "txt"])
def test_svg_saved_under_another_type_is_read_as_svg(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"figur.{extension}"
    path.write_bytes(SVG_CHART)
    codes = _codes(path)
    assert "identifier.dk_cpr" in codes
    assert any(code.startswith("hidden.") for code in codes), codes  # the hidden label


def test_text_that_mentions_markup_later_keeps_its_own_reader(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text('kommune;note\nOdder;"<table> in the web version"\nAarhus;ok\n')
    report = scan(path, isolate=False)
    assert report.verdict == "clean", report.findings


# --- the registry: one list of types for the gate, the readers and the policy ---------------

# Statistics Denmark's table of allowed file types (seed 001) plus pdf, xml, jpeg and tiff.
SEED_ALLOWED = (
    "xls xlsx xlsm xlm xml csv ods tab txt htm html mht log tex pdf doc docx rtf sas r do doh "
    "ado lst sas7bdat sps sav spv dta smcl eps png wmf tif jpg gif emf jpeg svg bmp tiff ppt "
    "pptx pptm odp"
).split()


def test_the_default_allowed_types_are_the_seed_table_in_its_order() -> None:
    assert list(Policy().allowed_extensions) == SEED_ALLOWED


def test_every_registered_type_has_a_reader_that_imports() -> None:
    from scanners.file_types import FILE_TYPES
    from scanners.readers import reader_for

    for extension, entry in FILE_TYPES.items():
        assert entry.families, extension
        assert entry.shown_as in {"table", "sheet", "text", "pages", "image", "none"}
        assert callable(reader_for(extension)), extension


def test_a_type_removed_from_the_registry_has_no_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from scanners import file_types
    from scanners.readers import reader_for

    monkeypatch.delitem(file_types.FILE_TYPES, "tex")
    assert reader_for("tex") is None


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("extension", ["csv", "txt", "log"])
def test_wide_text_without_a_byte_order_mark_is_read_not_refused(
    tmp_path, encoding: str, extension: str
) -> None:
    from scanners import scan

    path = tmp_path / f"tabel.{extension}"
    path.write_bytes("kommune;antal\nAarhus;180970-1626\nOdense;120\n".encode(encoding))
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert any(f.code == "identifier.dk_cpr" and "line 2" in f.location for f in report.findings)


def test_binary_with_nul_bytes_is_still_refused_as_text(tmp_path) -> None:
    from scanners import scan

    path = tmp_path / "tabel.csv"
    path.write_bytes(bytes(range(256)) * 64)
    assert scan(path, isolate=False).verdict in ("rejected", "unscannable")
