"""Kinds of error the fifth held-out round of the real corpus found
(tests/corpus_real/gen_heldout_round5.py), each built here in code with its counterpart:

- Text in a Word text box was never read: a text box's runs were skipped as "inside a text
  box" even when the box itself was being read, so a CPR number or a HETU in a LibreOffice or
  Word text box passed. Boxes are now read as stories of their own (paragraphs, tables, hidden
  and deleted runs), and the VML copy older readers show (``mc:Fallback``) is read too when it
  says something the DrawingML copy does not.
- A short listing of persons (PSPP's ``LIST`` of 25 cases: age, sex, municipality, income)
  was not unit records: amounts and repeating categories counted only from 30 rows. A table of
  10 to 29 rows with no sign of an aggregate, a category repeating beside an amount that
  differs in every row, now is; a short aggregate (each group once, or counted) is not.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scanners import scan
from tests.unit.scanners.file_makers import CPR, CPR_2, extract

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

# --- Word text boxes -------------------------------------------------------------------------


def _box(paragraphs: str) -> str:
    return f"<w:txbxContent>{paragraphs}</w:txbxContent>"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _text_box_run(choice: str, fallback: str | None) -> str:
    """A run holding a text box as Word and LibreOffice write it: DrawingML in mc:Choice and,
    for older readers, VML in mc:Fallback."""
    vml = "" if fallback is None else f"<mc:Fallback><w:pict><v:rect><v:textbox>{fallback}"
    vml += "" if fallback is None else "</v:textbox></v:rect></w:pict></mc:Fallback>"
    return (
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}" xmlns:v="{V}" xmlns:wps="{WPS}">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"{choice}</wps:txbx></wps:wsp></w:drawing></mc:Choice>{vml}</mc:AlternateContent></w:r>"
    )


def _docx_with(path: Path, run: str, *, in_header: bool = False) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Resultater for projektet")
    holder = (
        document.sections[0].header.paragraphs[0] if in_header else document.add_paragraph("Se ")
    )
    holder._p.append(parse_xml(run))
    document.save(path)
    return path


def _cpr_locations(path: Path) -> list[str]:
    report = scan(path, isolate=False)
    return [f.location for f in report.findings if f.code == "identifier.dk_cpr"]


def test_a_cpr_number_in_a_text_box_is_found_once_at_the_box(tmp_path: Path) -> None:
    box = _box(_p("Kontrolperson ") + _p(CPR))
    path = _docx_with(tmp_path / "boks.docx", _text_box_run(box, fallback=box))
    locations = _cpr_locations(path)
    assert len(locations) == 1, locations  # the VML copy says the same: not read twice
    assert "text box 1" in locations[0]


def test_a_text_box_without_an_identifier_gives_no_finding(tmp_path: Path) -> None:
    box = _box(_p("Kilde: Danmarks Statistik, egne beregninger"))
    path = _docx_with(tmp_path / "boks.docx", _text_box_run(box, fallback=box))
    report = scan(path, isolate=False)
    assert report.verdict == "clean", [f.code for f in report.findings]
    texts = [t.text for t in extract(path).text if t.part == "text_box"]
    assert texts == ["Kilde: Danmarks Statistik, egne beregninger"]


def test_a_text_box_in_a_header_is_read(tmp_path: Path) -> None:
    box = _box(_p(f"Udtræk for {CPR}"))
    path = _docx_with(tmp_path / "sidehoved.docx", _text_box_run(box, None), in_header=True)
    locations = _cpr_locations(path)
    assert locations, "the CPR number in the header's text box was not found"
    assert "header 1" in locations[0] and "text box" in locations[0]


def test_a_vml_copy_that_differs_from_the_drawing_is_read(tmp_path: Path) -> None:
    shown = _box(_p("Tabel 3"))
    older = _box(_p(f"Tabel 3 {CPR_2}"))  # what Word 2007 and older readers show
    path = _docx_with(tmp_path / "vml.docx", _text_box_run(shown, fallback=older))
    locations = _cpr_locations(path)
    assert len(locations) == 1 and "alternative content" in locations[0], locations


def test_a_deleted_run_in_a_text_box_is_a_tracked_change(tmp_path: Path) -> None:
    box = _box(
        "<w:p><w:r><w:t>Rettet </w:t></w:r><w:del w:id='7' w:author='a'><w:r>"
        f"<w:delText>{CPR}</w:delText></w:r></w:del></w:p>"
    )
    path = _docx_with(tmp_path / "rettet.docx", _text_box_run(box, None))
    report = scan(path, isolate=False)
    codes = {f.code for f in report.findings}
    assert {"identifier.dk_cpr", "hidden.tracked_changes"} <= codes, codes


def test_a_small_count_in_a_table_in_a_text_box_is_a_small_cell(tmp_path: Path) -> None:
    rows = "".join(
        f"<w:tr><w:tc>{_p(label)}</w:tc><w:tc>{_p(count)}</w:tc></w:tr>"
        for label, count in [("kommune", "antal"), ("Aarhus", "1204"), ("Læsø", "2")]
    )
    box = _box(f"<w:tbl>{rows}</w:tbl>")
    path = _docx_with(tmp_path / "tabel.docx", _text_box_run(box, None))
    report = scan(path, isolate=False)
    small = [f for f in report.findings if f.code == "table.small_cell"]
    assert small, [f.code for f in report.findings]


# --- Short listings of persons ----------------------------------------------------------------


def _pspp_box(header: list[str], rows: list[list[object]]) -> str:
    """A table as PSPP's text output draws it, under its title."""
    widths = [max(len(h), *(len(str(r[c])) for r in rows)) for c, h in enumerate(header)]
    rule = "+" + "+".join("-" * w for w in widths) + "+"
    lines = [
        "          Data List",
        rule,
        "|" + "|".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "|",
        rule,
    ]
    lines += [
        "|" + "|".join(str(v).rjust(w) for v, w in zip(r, widths, strict=True)) + "|" for r in rows
    ]
    return "\n".join([*lines, rule]) + "\n"


def _persons(n: int, seed: int) -> list[list[object]]:
    rng = random.Random(seed)
    return [
        [rng.randint(20, 89), rng.randint(1, 2), rng.choice([101, 147, 250, 430, 561, 751, 851]),
         f"{rng.randint(2000, 9000) * 100:.1f}"]
        for _ in range(n)
    ]  # fmt: skip


@pytest.mark.parametrize("n", [12, 25])
def test_a_short_listing_of_persons_is_unit_records(tmp_path: Path, n: int) -> None:
    path = tmp_path / "liste.txt"
    path.write_text(_pspp_box(["alder", "koen", "kommune", "indkomst"], _persons(n, n)))
    report = scan(path, isolate=False)
    assert "microdata.row_level" in {f.code for f in report.findings}, report.findings


def test_a_short_aggregate_by_age_group_and_sex_stays_clean(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows: list[list[object]] = [
        [group, sex, f"{rng.randint(2000, 9000) * 100:.1f}"]
        for group in ("20-29", "30-39", "40-49", "50-59", "60-69", "70-79")
        for sex in (1, 2)
    ]
    path = tmp_path / "middel.txt"
    path.write_text(_pspp_box(["aldersgruppe", "koen", "gns_indkomst"], rows))
    report = scan(path, isolate=False)
    assert report.verdict == "clean", [(f.code, f.message) for f in report.findings]
