"""Active content (PDF JavaScript and launch actions, HTML and SVG scripts and event handlers)
is reported with severity review, so the file goes to control."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from scanners import scan
from scanners.model import Finding


def _active(path: Path) -> list[Finding]:
    report = scan(path, isolate=False)
    return [f for f in report.findings if f.code == "hidden.active_content"]


def _pdf(catalog: str = "", *, extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF with a text line, built by hand with a correct cross-reference table."""
    content = b"BT /F1 12 Tf 20 100 Td (Antal personer 120) Tj ET"
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_plain_pdf_has_no_active_content(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_pdf())
    assert scan(path, isolate=False).verdict == "clean"
    assert _active(path) == []


def test_pdf_open_action_javascript(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"))
    found = _active(path)
    assert found and all(f.severity == "review" for f in found)
    assert any("JavaScript" in f.message for f in found)


def test_pdf_launch_action(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_pdf("/OpenAction << /S /Launch /F (cmd.exe) >>"))
    found = _active(path)
    assert any("launch action" in f.message for f in found), found


def test_pdf_javascript_inside_a_compressed_object_stream(tmp_path: Path) -> None:
    inner = b"6 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>"
    packed = zlib.compress(inner)
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(
        packed
    )
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_pdf(extra_objects=(stream + packed + b"\nendstream",)))
    assert b"JavaScript" not in path.read_bytes()
    assert any("JavaScript" in f.message for f in _active(path))


@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ("<p>Antal 120</p><script>alert(1)</script>", "script element"),
        ("<p>Antal 120</p><img src='x.png' onerror='alert(1)'>", "onerror="),
        ("<p>Antal 120 <a href='javascript:alert(1)'>se</a></p>", "javascript: link"),
    ],
)
def test_html_scripts_and_event_handlers(tmp_path: Path, markup: str, what: str) -> None:
    path = tmp_path / "tabel.html"
    path.write_text(f"<html><body>{markup}</body></html>")
    found = _active(path)
    assert any(what in f.message and f.severity == "review" for f in found), found


def test_html_without_scripts_has_no_active_content(tmp_path: Path) -> None:
    path = tmp_path / "tabel.html"
    path.write_text("<html><body><p onion='1'>Antal 120</p><a href='x.html'>se</a></body></html>")
    assert _active(path) == []


@pytest.mark.parametrize("suffix", ["svg", "xml"])
def test_svg_event_handler_and_script(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"graf.{suffix}"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        '<text x="1" y="20">Antal 120</text><script>alert(2)</script></svg>'
    )
    found = _active(path)
    assert any("onload=" in f.message for f in found), found
    assert any("script element" in f.message for f in found), found


def test_pdf_javascript_spelled_with_name_escapes(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_pdf("/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"))
    assert any("JavaScript" in f.message for f in _active(path))
