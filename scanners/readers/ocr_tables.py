"""OCR text laid out as it stands in the picture, so that a table in a screenshot is a table.

``image_to_string`` joins the words of a line with single spaces: the columns of a table in a
screenshot are lost ("Læsø 2 5 7"). ``image_to_data`` gives each word's box instead; here each
line is written out again with its words at the character column their left edge stands at, so
the gaps between table columns come back as runs of spaces and ``text_tables`` finds the
columns (and their gutters) as in any aligned text output.

The numbers' decimal mark is guessed from the words: "1.204" beside "2.514" and no "12.5" is
Danish thousands, as in Statistics Denmark's tables.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DOT_DECIMAL = re.compile(r"^\d*\.(?:\d{1,2}|\d{4,})$")
_COMMA_DECIMAL = re.compile(r"^\d*,\d+$")


def grey_on_white(frame: Any) -> Any:
    """The frame in grey, a transparent background made white: PSPP and matplotlib write
    black text on transparent pixels, which a plain conversion turns all black."""
    from PIL import Image

    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("L")
    return frame.convert("L")


def ocr_lines(image: Any, *, lang: str, timeout: float) -> tuple[list[tuple[int, str]], str]:
    """The picture's text lines (numbered from 1) with words at their columns, and the decimal
    mark its numbers use ("." or ",")."""
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=lang, config="--psm 6", timeout=timeout, output_type=pytesseract.Output.DICT
    )
    return lay_out(data)


def lay_out(data: dict[str, list[Any]]) -> tuple[list[tuple[int, str]], str]:
    """Lines from ``image_to_data``'s word boxes (a dict of parallel lists)."""
    words: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    tops: dict[tuple[int, int, int], int] = {}
    widths: list[float] = []
    for k, text in enumerate(data.get("text", [])):
        text = (text or "").strip()
        if not text:
            continue
        key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
        left, width = int(data["left"][k]), int(data["width"][k])
        words.setdefault(key, []).append((left, width, text))
        tops[key] = min(tops.get(key, int(data["top"][k])), int(data["top"][k]))
        if len(text) >= 2:
            widths.append(width / len(text))
    unit = statistics.median(widths) if widths else 10.0
    ordered = [sorted(words[key]) for key in sorted(words, key=lambda k: (tops[k], k))]
    ordered = _bar_labels_as_a_row(ordered)
    lines: list[tuple[int, str]] = []
    for number, line_words in enumerate(ordered, start=1):
        line = ""
        for left, _, text in line_words:
            column = round(left / unit)
            gap = " " if line else ""
            line = f"{line}{gap}{' ' * max(0, column - len(line) - len(gap))}{text}"
        lines.append((number, line))
    return lines, _decimal_mark([t for ws in words.values() for _, _, t in ws])


_NUMBER_WORD = re.compile(r"^\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?%?$")
Word = tuple[int, int, str]


def _bar_labels_as_a_row(lines: list[list[Word]]) -> list[list[Word]]:
    """A bar chart writes each bar's number above it, at the bar's height, and the bars' names
    in one line below: the numbers are moved into one line under the names, each ending where
    its bar's name ends, so that names over numbers read as a table (``text_tables``)."""
    numeric = [k for k, ws in enumerate(lines) if ws and all(_NUMBER_WORD.match(t) for *_, t in ws)]
    names = [
        k for k, ws in enumerate(lines)
        if len(ws) >= 2 and not any(_NUMBER_WORD.match(t) for *_, t in ws)
    ]  # fmt: skip
    if len(numeric) < 2 or not names:
        return lines
    axis = max(names, key=lambda k: (k > max(numeric), len(lines[k])))
    bars = lines[axis]
    placed: dict[int, Word] = {}
    for k in numeric:
        for left, width, text in lines[k]:
            centre = left + width / 2
            nearest = min(range(len(bars)), key=lambda b: abs(bars[b][0] + bars[b][1] / 2 - centre))
            name_left, name_width, _ = bars[nearest]
            if nearest in placed or abs(name_left + name_width / 2 - centre) > max(
                name_width, width
            ):
                return lines  # not one number per bar: leave the text as it is
            placed[nearest] = (name_left + name_width - width, width, text)
    if len(placed) < 2:
        return lines
    kept = [ws for k, ws in enumerate(lines) if k not in numeric]
    at = kept.index(bars) + 1
    return [*kept[:at], [placed[b] for b in sorted(placed)], *kept[at:]]


def _decimal_mark(tokens: list[str]) -> str:
    thousands = sum(1 for t in tokens if _THOUSANDS.match(t))
    dots = sum(1 for t in tokens if _DOT_DECIMAL.match(t))
    commas = sum(1 for t in tokens if _COMMA_DECIMAL.match(t))
    return "," if commas > dots or (thousands and not dots) else "."
