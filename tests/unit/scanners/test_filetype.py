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
