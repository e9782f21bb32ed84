"""PDF page lines: the fast path (plain ctypes calls, segments as tuples) gives the lines that
pypdfium2's declared calls give, on pages made to be awkward: rotated and stretched text,
ligatures, right-to-left text, combining marks, spaces of several widths, tables, columns
printed in a proportional font with one space between them."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pytest

from scanners.readers import pdf as pdf_reader

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _awkward_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dv", fname=str(_FONT))
    pdf.add_font("dv", style="B", fname=str(_BOLD))
    pdf.add_page()
    pdf.set_font("dv", size=11)
    for text in (
        "\ufb01nd the \ufb02ow: \ufb03 ligatures o\ufb00",
        "Combining: e\u0301 a\u030a A\u030ar\u030ahus n\u0303",
        "Spaces:\u00a0nbsp\u2009thin\u2003em\u2002en  two   three    four",
        "RTL: \u05e9\u05dc\u05d5\u05dd 12 345 \u0645\u0631\u062d\u0628\u0627 678",
        "Mixed  1 234,5  \u221212  (3)  4.5%  1e5  -7  +8",
    ):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.rotation(30, x=100, y=150):
        pdf.text(100, 150, "Rotated 30 degrees 0101801234 and 12 34")
    with pdf.rotation(90, x=30, y=250):
        pdf.text(30, 250, "Vertical 90 degrees 17 4 5")
    pdf.set_font("dv", size=6)
    pdf.text(20, 200, "small")
    pdf.set_font("dv", size=20)
    pdf.text(40, 200, "BIG 42")
    pdf.set_font("dv", size=9)
    pdf.text(80, 198, "super 2")
    pdf.set_stretching(150)
    pdf.text(20, 225, "stretched text 44 55")
    pdf.set_stretching(100)
    pdf.add_page()
    with pdf.table() as grid:
        for cells in (
            ["Kommune", "M\u00e6nd", "Kvinder", "I alt"],
            ["Aarhus", "412", "3", "415"],
            ["\u00c6r\u00f8", "1 234", "5,6", "\u22127"],
            ["S\u00f8nderborg Kommune lang tekst", "12", "(13)", "25 %"],
        ):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    pdf.multi_cell(120, 6, "justified words spread over the line 12 34 56 " * 3, align="J")
    for number, cells in enumerate([["", "Syddanmark", "Midtjylland"], ["n", "733", "2"]]):
        for column, cell in enumerate(cells):  # one typed space, the next column placed
            pdf.text(15 + 45 * column, 200 + 6 * number, cell + " ")
    pdf.add_page()  # a page without text
    pdf.output(str(path))
    return path


def _declared_lines(textpage: object) -> list[tuple[int, str]]:
    """The lines as the reader made them with pypdfium2's declared calls (argtypes), each
    segment a dict: the reference the fast path is held to."""
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    count, text = pdf_reader.page_text(handle)
    if count <= 0:
        return []

    def box(index: int) -> tuple[float, float, float, float]:
        values = [ctypes.c_double() for _ in range(4)]
        raw.FPDFText_GetCharBox(handle, index, *(ctypes.byref(v) for v in values))
        return values[0].value, values[1].value, values[2].value, values[3].value

    def wide(index: int) -> bool:
        if not 0 < index < count - 1:
            return False
        _, before_right, before_bottom, _ = box(index - 1)
        after_left, _, after_bottom, _ = box(index + 1)
        size = raw.FPDFText_GetFontSize(handle, index) or 10.0
        if abs(after_bottom - before_bottom) > size:
            return False
        return after_left - before_right > pdf_reader._COLUMN_GAP_EM * size

    segments = []
    begin = 0
    for match in re.finditer(r"[ \r\n\t]", text + "\n"):
        index = match.start()
        if match.group() == " " and raw.FPDFText_IsGenerated(handle, index) != 1:
            if not wide(index):
                continue
        piece = text[begin:index]
        content = piece.strip()
        if content:
            first = begin + len(piece) - len(piece.lstrip())
            left, _, bottom, top = box(first)
            right = None
            if pdf_reader._NUMBER_CELL.match(content):
                right = box(begin + len(piece.rstrip()) - 1)[1]
            size = raw.FPDFText_GetFontSize(handle, first)
            segments.append(
                {
                    "top": top,
                    "bottom": bottom,
                    "left": left,
                    "right": right,
                    "size": size,
                    "content": content,
                }  # fmt: skip
            )
        begin = index + 1
    if not segments:
        return []
    segments.sort(key=lambda s: (-(s["top"] + s["bottom"]) / 2, s["left"]))
    lines: list[list[dict]] = []
    for segment in segments:
        middle = (segment["top"] + segment["bottom"]) / 2
        if lines:
            top, bottom = lines[-1][0]["top"], lines[-1][0]["bottom"]
            slack = max(top - bottom, 1.0) * pdf_reader._LINE_TOLERANCE
            if bottom - slack <= middle <= top + slack:
                lines[-1].append(segment)
                continue
        lines.append([segment])
    as_tuples = [
        [(0.0, s["left"], s["top"], s["bottom"], s["right"], s["content"], s["size"]) for s in line]
        for line in lines
    ]
    return list(enumerate(pdf_reader._placed(as_tuples), start=1))


@pytest.mark.skipif(not _FONT.exists(), reason="the DejaVu fonts are not installed")
def test_fast_lines_are_the_declared_calls_lines(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(_awkward_pdf(tmp_path / "awkward.pdf")))
    try:
        pages = []
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            fast = pdf_reader._lines(textpage)
            assert fast == _declared_lines(textpage), f"page {index + 1}"
            pages.append([line for _, line in fast])
    finally:
        document.close()
    assert pages[2] == []
    text = "\n".join(line for page in pages for line in page)
    for expected in ("find the flow", "Rotated 30 degrees 0101801234", "Syddanmark", "(13)"):
        assert expected in text
    assert any(re.search(r"Aarhus\s{3,}412\s{3,}3\s{3,}415", line) for line in pages[1])


def test_a_segment_is_a_number_as_the_pattern_says() -> None:
    for text in ("12", "1.234,5", "\u221212", "(3)", "4.5%", "1e5", "-7", "+8", ".5", "\u0663"):
        assert pdf_reader._is_number(text) == bool(pdf_reader._NUMBER_CELL.match(text)), text
    for text in ("Kommune", "12a", "\u00b2", "e5", "%", "(", "1 2"):
        assert pdf_reader._is_number(text) == bool(pdf_reader._NUMBER_CELL.match(text)), text
