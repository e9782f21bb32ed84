"""Pictures researchers put in a transfer: a screenshot of a table (drawn with Pillow in Debian's
DejaVu font, as a spreadsheet looks on screen) and charts. A chart with no numbers cannot be
judged from the picture: it must go to a person (review), never pass as clean.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tests.corpus_real.labels import SMALL_CELL, clean, review, risk
from tests.corpus_real.tools import ToolMissing

TOOL = "Pillow"
EXECUTABLES: tuple[str, ...] = ()

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

LABELS = (
    risk(
        "screenshot_table_small.png",
        "a screenshot of a table of persons by municipality and sex with a cell of 2",
        SMALL_CELL,
    ),
    risk(
        "screenshot_table_small.jpg",
        "the same screenshot saved as JPEG",
        SMALL_CELL,
    ),
    clean(
        "screenshot_table_clean.png",
        "a screenshot of a table of persons by region and sex: every count >= 100, with totals",
    ),
    risk(
        "chart_bars_labelled_small.png",
        "a bar chart of persons by municipality with the count written on each bar; one bar "
        "is labelled 2",
        SMALL_CELL,
    ),
    review(
        "chart_bars.png",
        "a bar chart of shares by region with axis ticks in percent and no counts: the table it "
        "was drawn from is not in the picture, so it cannot be judged here",
    ),
    review(
        "chart_lines.png",
        "a line chart of an index over years, no numbers beside the points",
    ),
)

SMALL = [
    ("Kommune", "Mænd", "Kvinder", "I alt"),
    ("København", "1.204", "1.310", "2.514"),
    ("Aarhus", "822", "870", "1.692"),
    ("Læsø", "2", "5", "7"),
    ("Fanø", "14", "11", "25"),
    ("I alt", "2.042", "2.196", "4.238"),
]
CLEAN = [
    ("Region", "Mænd", "Kvinder", "I alt"),
    ("Hovedstaden", "1.204", "1.310", "2.514"),
    ("Sjælland", "822", "870", "1.692"),
    ("Syddanmark", "401", "433", "834"),
    ("Midtjylland", "612", "645", "1.257"),
    ("Nordjylland", "233", "251", "484"),
    ("I alt", "3.272", "3.509", "6.781"),
]


def _table_image(rows: Sequence[Sequence[str]], title: str):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 22)
    bold = ImageFont.truetype(str(BOLD), 22)
    widths = [220, 140, 140, 140]
    height = 44
    image = Image.new("RGB", (sum(widths) + 80, height * (len(rows) + 2) + 60), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 24), title, font=bold, fill="black")
    top = 80
    for r, row in enumerate(rows):
        x = 40
        y = top + r * height
        if r == 0:
            draw.rectangle((40, y, 40 + sum(widths), y + height), fill=(221, 235, 247))
        for c, (value, width) in enumerate(zip(row, widths, strict=True)):
            draw.rectangle((x, y, x + width, y + height), outline=(160, 160, 160))
            face = bold if r == 0 or row[0] == "I alt" else font
            text_width = draw.textlength(value, font=face)
            left = x + 10 if c == 0 else x + width - 10 - text_width
            draw.text((left, y + 10), value, font=face, fill="black")
            x += width
    return image


def _bar_chart():  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 18)
    image = Image.new("RGB", (900, 560), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (60, 20), "Andel med videregående uddannelse efter region, 2022", font=font, fill="black"
    )
    left, bottom, top = 110, 480, 80
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, 860, bottom), fill="black", width=2)
    for tick in range(0, 51, 10):
        y = bottom - (bottom - top) * tick / 50
        draw.line((left - 6, y, left, y), fill="black")
        draw.text((left - 60, y - 10), f"{tick} %", font=font, fill="black")
    shares = (41.5, 27.2, 30.8, 33.9, 26.4)
    names = ("Hovedst.", "Sjælland", "Syddanm.", "Midtjyl.", "Nordjyl.")
    for i, (share, name) in enumerate(zip(shares, names, strict=True)):
        x = left + 40 + i * 145
        y = bottom - (bottom - top) * share / 50
        draw.rectangle((x, y, x + 90, bottom), fill=(68, 114, 196))
        draw.text((x + 5, bottom + 12), name, font=font, fill="black")
    return image


def _labelled_bars():  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 20)
    image = Image.new("RGB", (900, 560), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 20), "Antal personer med diagnosen efter kommune, 2022", font=font, fill="black")
    left, bottom, top = 80, 480, 90
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, 860, bottom), fill="black", width=2)
    counts = (412, 233, 118, 2, 27)
    names = ("København", "Odense", "Aarhus", "Læsø", "Fanø")
    for i, (count, name) in enumerate(zip(counts, names, strict=True)):
        x = left + 40 + i * 150
        y = bottom - (bottom - top) * count / 450
        draw.rectangle((x, y, x + 90, bottom), fill=(68, 114, 196))
        draw.text((x + 25, y - 30), str(count), font=font, fill="black")
        draw.text((x, bottom + 12), name, font=font, fill="black")
    return image


def _line_chart():  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 18)
    image = Image.new("RGB", (900, 520), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 20), "Indeks for realindkomst (2015 = 100)", font=font, fill="black")
    left, bottom, top = 100, 440, 80
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, 860, bottom), fill="black", width=2)
    values = (100, 101.8, 103.1, 104.0, 106.2, 105.1, 108.4, 104.9)
    points = []
    for i, value in enumerate(values):
        x = left + 40 + i * 100
        y = bottom - (bottom - top) * (value - 95) / 15
        points.append((x, y))
        draw.text((x - 20, bottom + 12), str(2015 + i), font=font, fill="black")
    for tick in (95, 100, 105, 110):
        y = bottom - (bottom - top) * (tick - 95) / 15
        draw.text((left - 50, y - 10), str(tick), font=font, fill="black")
    draw.line(points, fill=(192, 80, 77), width=4)
    return image


def write(folder: Path) -> None:
    if not FONT.exists():
        raise ToolMissing(f"the DejaVu font ({FONT}) is not installed (apt: fonts-dejavu-core)")
    small = _table_image(SMALL, "Tabel 3. Personer med diagnosen efter kommune og køn")
    small.save(folder / "screenshot_table_small.png")
    small.save(folder / "screenshot_table_small.jpg", quality=90)
    _table_image(CLEAN, "Tabel 1. Personer efter region og køn, 2022").save(
        folder / "screenshot_table_clean.png"
    )
    _bar_chart().save(folder / "chart_bars.png")
    _labelled_bars().save(folder / "chart_bars_labelled_small.png")
    _line_chart().save(folder / "chart_lines.png")
