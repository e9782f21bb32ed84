"""Statistical output in pictures and SPSS Viewer files: judged as the table it shows.

A screenshot of a table is read by OCR with its columns kept, so its cells get the small-cell
rule; a chart with no readable table goes to review instead of passing as clean. PSPP's .spv
files (binary tables) are read through ``pspp-output``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scanners import scan
from scanners.model import REVIEW, RISK

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(), reason="tesseract or font missing"
)
needs_pspp = pytest.mark.skipif(shutil.which("pspp") is None, reason="PSPP is not installed")

ROWS = [
    ("Kommune", "Mænd", "Kvinder", "I alt"),
    ("København", "1.204", "1.310", "2.514"),
    ("Aarhus", "822", "870", "1.692"),
    ("Læsø", "2", "5", "7"),
    ("Fanø", "14", "11", "25"),
]


def _screenshot(path: Path, rows: list[tuple[str, ...]], *, transparent: bool = False) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 22)
    mode, background = ("RGBA", (0, 0, 0, 0)) if transparent else ("RGB", "white")
    image = Image.new(mode, (760, 60 + 44 * len(rows)), background)
    draw = ImageDraw.Draw(image)
    right_edges = (0, 390, 530, 670)
    for r, row in enumerate(rows):
        y = 30 + 44 * r
        for c, text in enumerate(row):
            if c == 0:
                draw.text((50, y), text, font=font, fill="black")
            else:
                width = draw.textlength(text, font=font)
                draw.text((right_edges[c] - width, y), text, font=font, fill="black")
    image.save(path)
    return path


@needs_ocr
def test_small_cell_in_a_screenshot_of_a_table(tmp_path: Path) -> None:
    report = scan(_screenshot(tmp_path / "tabel.png", ROWS), isolate=False)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2"]
    assert "Læsø" in found[0].message and found[0].location.startswith("OCR line")


@needs_ocr
def test_clean_screenshot_and_one_on_a_transparent_background(tmp_path: Path) -> None:
    clean = [row if row[0] != "Læsø" else ("Læsø", "12", "15", "27") for row in ROWS]
    assert scan(_screenshot(tmp_path / "ren.png", clean), isolate=False).verdict == "clean"
    # Black text on transparent pixels (PSPP, matplotlib) must not turn into a black picture.
    report = scan(_screenshot(tmp_path / "alpha.png", ROWS, transparent=True), isolate=False)
    assert [f.evidence for f in report.findings if f.code == "table.small_cell"] == ["2"]


@needs_ocr
def test_a_chart_without_a_readable_table_goes_to_review(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 20)
    image = Image.new("RGB", (800, 500), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 20), "Andel med videregående uddannelse efter region", font=font, fill="black")
    for k, (name, height) in enumerate([("Hovedstaden", 300), ("Sjælland", 200), ("Fyn", 240)]):
        x = 120 + 220 * k
        draw.rectangle((x, 440 - height, x + 120, 440), fill="#4472c4")
        draw.text((x, 455), name, font=font, fill="black")
    path = tmp_path / "chart.png"
    image.save(path)
    report = scan(path, isolate=False)
    assert not [f for f in report.findings if f.severity == RISK]
    assert [f.code for f in report.findings if f.severity == REVIEW] == ["table.unread_graphic"]


@needs_pspp
def test_pspp_viewer_file_with_binary_tables_is_read(tmp_path: Path) -> None:
    data = tmp_path / "persons.dat"
    lines = [f"{k} {1 + k % 3}" for k in range(1, 41)] + ["41 4", "42 4"]
    data.write_text("\n".join(lines) + "\n")
    syntax = tmp_path / "freq.sps"
    syntax.write_text(
        f"DATA LIST FREE FILE='{data}' / id diag.\n"
        "VALUE LABELS diag 1 'Ingen' 2 'Type 2' 3 'Type 1' 4 'MODY'.\n"
        "FREQUENCIES VARIABLES=diag.\n"
    )
    output = tmp_path / "freq.spv"
    subprocess.run(
        ["pspp", "-o", str(output), str(syntax)], check=True, capture_output=True, timeout=60
    )
    report = scan(output, isolate=False)
    assert report.verdict == "risk", report.findings
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2"]
    assert "MODY" in found[0].message


@needs_ocr
def test_a_bar_chart_with_a_count_written_on_each_bar(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 20)
    image = Image.new("RGB", (900, 520), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 15), "Antal personer med diagnosen efter kommune", font=font, fill="black")
    bars = [("København", 412), ("Odense", 233), ("Aarhus", 118), ("Læsø", 2), ("Fanø", 27)]
    for k, (name, count) in enumerate(bars):
        x, height = 90 + 160 * k, 20 + count * 0.8
        draw.rectangle((x, 460 - height, x + 90, 460), fill="#4472c4")
        label = str(count)
        draw.text((x + 45 - draw.textlength(label, font=font) / 2, 430 - height), label,
                  font=font, fill="black")  # fmt: skip
        draw.text((x + 45 - draw.textlength(name, font=font) / 2, 470), name, font=font,
                  fill="black")  # fmt: skip
    path = tmp_path / "bars.png"
    image.save(path)
    report = scan(path, isolate=False)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2"]
    assert "Læsø" in found[0].message
