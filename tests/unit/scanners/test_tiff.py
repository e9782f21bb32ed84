"""A TIFF has no end marker: its structure (IFDs, values, strips and tiles) is followed, and the
bytes outside it (after the last part, or a hole between parts) are read: a zip appended to a
TIFF as the zip it is. The TIFFs are made in code (Pillow, or by hand)."""

from __future__ import annotations

import io
import shutil
import struct
from pathlib import Path

import pytest

from scanners import scan
from scanners.readers.tiff import tiff_end, tiff_extents
from tests.unit.scanners.file_makers import CPR, zip_bytes

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
CSV_WITH_CPR = f"pnr;alder\n{CPR};34\n".encode()


def _picture(compression: str | None = None, **options: object) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (900, 120), "white")
    ImageDraw.Draw(image).text(
        (20, 30), "Antal personer 120", fill="black", font=ImageFont.load_default(size=48)
    )
    buffer = io.BytesIO()
    if compression:
        options["compression"] = compression
    image.save(buffer, "TIFF", **options)
    return buffer.getvalue()


def _by_hand(hole: bytes, order: str = "<") -> bytes:
    """A one-strip greyscale TIFF laid out as header, IFD, ``hole``, pixels."""
    from PIL import Image

    pixels = Image.open(io.BytesIO(_picture())).tobytes()
    entries = [(256, 3, 1, 900), (257, 3, 1, 120), (258, 3, 1, 8), (259, 3, 1, 1),
               (262, 3, 1, 1), (273, 4, 1, 0), (277, 3, 1, 1), (278, 3, 1, 120),
               (279, 4, 1, len(pixels))]  # fmt: skip
    ifd_size = 2 + 12 * len(entries) + 4
    strip = 8 + ifd_size + len(hole)
    magic = b"II*\x00" if order == "<" else b"MM\x00*"
    out = magic + struct.pack(f"{order}I", 8) + struct.pack(f"{order}H", len(entries))
    for tag, kind, count, value in entries:
        value = strip if tag == 273 else value
        packed = struct.pack(f"{order}H", value) + b"\x00\x00" if kind == 3 else None
        packed = packed or struct.pack(f"{order}I", value)
        out += struct.pack(f"{order}HHI", tag, kind, count) + packed
    return out + struct.pack(f"{order}I", 0) + hole + pixels


def _big_tiff(tail: bytes = b"") -> bytes:
    """A BigTIFF (64-bit offsets) of one strip, by hand, with ``tail`` after it."""
    width, height = 64, 32
    pixels = bytes(range(256)) * (width * height // 256)
    entries = [(256, 3, 1, width), (257, 3, 1, height), (258, 3, 1, 8), (259, 3, 1, 1),
               (262, 3, 1, 1), (273, 16, 1, 16 + 8 + 20 * 9 + 8), (277, 3, 1, 1),
               (278, 3, 1, height), (279, 16, 1, len(pixels))]  # fmt: skip
    out = b"II+\x00" + struct.pack("<HHQ", 8, 0, 16) + struct.pack("<Q", len(entries))
    for tag, kind, count, value in entries:
        out += struct.pack("<HHQQ", tag, kind, count, value)
    return out + struct.pack("<Q", 0) + pixels + tail


def test_a_big_tiff_is_followed_too() -> None:
    from PIL import Image

    data = _big_tiff()
    Image.open(io.BytesIO(data)).load()  # a valid BigTIFF
    assert tiff_end(data) == len(data)
    assert tiff_end(_big_tiff(zip_bytes({"skjult.csv": CSV_WITH_CPR}))) == len(data)
    assert tiff_extents(data[:-10]) is None


@pytest.mark.parametrize("compression", [None, "tiff_lzw", "tiff_deflate", "group4"])
def test_tiffs_as_pillow_writes_them_end_at_their_last_part(compression: str | None) -> None:
    if compression == "group4":
        from PIL import Image

        buffer = io.BytesIO()
        Image.open(io.BytesIO(_picture())).convert("1").save(buffer, "TIFF", compression="group4")
        data = buffer.getvalue()
    else:
        data = _picture(compression)
    assert tiff_end(data) == len(data)


def test_a_multi_page_tiff_is_followed_to_its_last_page() -> None:
    from PIL import Image

    pages = [Image.new("L", (200, 100), shade) for shade in (255, 128, 0)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:])
    data = buffer.getvalue()
    end = tiff_end(data)
    assert end is not None and not data[end:].strip(b"\x00")  # at most padding after it
    assert tiff_end(data + b"kontrol" * 20) == end


def test_offsets_past_the_end_cannot_be_followed() -> None:
    data = _by_hand(b"")
    assert tiff_extents(data[:-100]) is None  # the strip runs past the end
    looped = bytearray(_by_hand(b""))
    struct.pack_into("<I", looped, 8 + 2 + 12 * 9, 8)  # the next IFD is the same one
    assert tiff_extents(bytes(looped)) is None


@needs_ocr
def test_clean_tiff_has_no_trailing_finding(tmp_path: Path) -> None:
    path = tmp_path / "graf.tif"
    path.write_bytes(_picture("tiff_lzw"))
    report = scan(path, isolate=False)
    assert report.verdict == "clean", report.findings
    assert not any(f.code == "hidden.trailing_data" for f in report.findings)


@needs_ocr
@pytest.mark.parametrize("extension", ["tif", "tiff"])
def test_zip_appended_to_a_tiff_is_read_as_a_zip(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"graf.{extension}"
    path.write_bytes(_picture() + zip_bytes({"skjult.csv": CSV_WITH_CPR}))
    report = scan(path, isolate=False)
    assert report.verdict == "risk", report.findings
    locations = [f.location for f in report.findings if f.code == "identifier.dk_cpr"]
    assert any("(zip archive) > skjult.csv" in location for location in locations), locations
    assert any(f.code == "hidden.trailing_data" for f in report.findings)


@needs_ocr
def test_text_after_a_tiff(tmp_path: Path) -> None:
    path = tmp_path / "graf.tif"
    path.write_bytes(_picture("tiff_deflate") + f"kontrol {CPR}\n".encode())
    locations = [f.location for f in scan(path, isolate=False).findings]
    assert any("bytes after the end of the image" in location for location in locations)


@needs_ocr
@pytest.mark.parametrize("order", ["<", ">"])
def test_text_in_a_hole_between_a_tiffs_parts(tmp_path: Path, order: str) -> None:
    path = tmp_path / "graf.tif"
    path.write_bytes(_by_hand(f"kontrol {CPR}\n".encode().ljust(200, b"\x00"), order))
    report = scan(path, isolate=False)
    assert report.verdict == "risk", report.findings
    locations = [f.location for f in report.findings if f.code == "identifier.dk_cpr"]
    assert any("bytes outside the TIFF's structure at byte" in loc for loc in locations)
    clean = tmp_path / "ren.tif"
    clean.write_bytes(_by_hand(b"\x00" * 200, order))
    assert scan(clean, isolate=False).verdict == "clean"


@needs_ocr
def test_tiff_whose_strip_points_past_the_end_is_judged_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "graf.tif"
    path.write_bytes(_by_hand(b"")[:-5000])
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable", report.findings
    assert not any("failed (" in f.message for f in report.findings), report.findings
