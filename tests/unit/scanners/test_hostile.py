"""Hostile input fails closed, in bounded time: unscannable, never a crash, never clean."""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

import pytest

from scanners import Policy, scan
from tests.unit.scanners.file_makers import make_docx, make_pdf, make_xlsx, zip_bytes


def _unscannable(report: object) -> None:
    assert getattr(report, "verdict") == "unscannable", getattr(report, "findings")


def test_zip_bomb_is_unscannable_quickly(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\x00" * (64 * 1024 * 1024))  # 1000:1
    started = time.monotonic()
    report = scan(path, isolate=False)
    _unscannable(report)
    assert time.monotonic() - started < 10
    assert any("zip bomb" in f.message or "limit" in f.message for f in report.findings)


def test_too_many_zip_entries(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "many.docx")
    with zipfile.ZipFile(path, "a") as archive:
        for index in range(60):
            archive.writestr(f"extra/item{index}.xml", b"<a/>")
    _unscannable(scan(path, policy=Policy(max_zip_entries=50), isolate=False))


def test_declared_total_size_is_capped(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "big.xlsx")
    _unscannable(scan(path, policy=Policy(max_zip_uncompressed_bytes=1000), isolate=False))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"""


def test_xml_bomb_in_xml_file_and_in_a_workbook_part(tmp_path: Path) -> None:
    xml = tmp_path / "bomb.xml"
    xml.write_bytes(BILLION_LAUGHS)
    _unscannable(scan(xml, isolate=False))
    workbook = make_xlsx(tmp_path / "bomb.xlsx")
    rebuilt = tmp_path / "rebuilt.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, BILLION_LAUGHS if item.filename == "docProps/core.xml" else data)
    _unscannable(scan(rebuilt, isolate=False))


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.svg"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )
    report = scan(path, isolate=False)
    _unscannable(report)


def test_image_bomb_is_unscannable(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "bomb.png"
    Image.new("1", (4000, 4000)).save(path)  # a few kB on disk, 16 megapixels
    report = scan(path, policy=Policy(max_image_pixels=1_000_000), isolate=False)
    _unscannable(report)
    assert any("pixels" in f.message or "too large" in f.message for f in report.findings)


@pytest.mark.parametrize("maker", [make_xlsx, make_docx, make_pdf])
def test_truncated_files_are_unscannable(tmp_path: Path, maker: object) -> None:
    suffix = {"make_xlsx": "xlsx", "make_docx": "docx", "make_pdf": "pdf"}[maker.__name__]  # type: ignore[attr-defined]
    whole = maker(tmp_path / f"whole.{suffix}")  # type: ignore[operator]
    path = tmp_path / f"cut.{suffix}"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert scan(path, isolate=False).verdict in ("unscannable", "rejected")


def test_corrupt_zip_member_is_unscannable(tmp_path: Path) -> None:
    data = bytearray(
        zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>" * 500})
    )
    middle = data.find(b"xl/workbook.xml") + 40
    data[middle : middle + 20] = b"\xff" * 20
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    assert scan(path, isolate=False).verdict in ("unscannable", "rejected")


def test_isolated_scan_gives_up_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # scanners.scan the module (the package exports the function under the same name)
    monkeypatch.setattr(sys.modules["scanners.scan"], "_STARTUP_GRACE_SECONDS", 0.0)
    path = tmp_path / "data.csv"
    path.write_text("a;b\n" + "1;2\n" * 1000)
    started = time.monotonic()
    # A warm sandbox reads this file in a few milliseconds: the limit must be shorter still.
    report = scan(path, policy=Policy(scan_time_limit_seconds=0.001))
    elapsed = time.monotonic() - started
    _unscannable(report)
    assert elapsed < 5
    assert any("longer than the limit" in f.message for f in report.findings)


def test_isolated_scan_memory_cap_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("kommune;antal\nOdder;120\n")
    report = scan(path, policy=Policy(max_scan_memory_bytes=8 * 1024 * 1024))
    _unscannable(report)


def test_isolated_scan_reads_a_file(tmp_path: Path) -> None:
    report = scan(make_xlsx(tmp_path / "tabel.xlsx"))
    assert ("identifier.dk_cpr", "Skjult!B2") in {(f.code, f.location) for f in report.findings}
