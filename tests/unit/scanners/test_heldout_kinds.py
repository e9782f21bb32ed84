"""Kinds of error the held-out round of the real corpus found (tests/corpus_real/gen_heldout*):
each built here in code, small, with a clean counterpart where one can be wrong the other way.

- SAS PROC PRINT's ``Obs`` column numbers the rows; it was read as a count column (small cells
  of 1 and 2) and the listing of persons was not seen as unit records.
- SPSS and PSPP write dates as ``09-DEC-1973`` (DATE11): they were not full dates, so a LIST
  of persons with birth dates was not seen as unit records.
- A word naming the number on the line before it (R's echo ``> reg$cpr[...]`` over
  ``[1] "0504491242"``) did not support a CPR number without its dash.
- A base stated in a sentence, ``(n = 2)``, was not a small count.
- A PDF table whose cells differ in width (an html table converted by LibreOffice) was cut in
  the wrong columns, so its cell of 2 was not found.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from scanners import scan
from scanners.detectors.cell_values import is_full_date
from scanners.detectors.prose_counts import ProseCountDetector
from scanners.model import Policy, TextBlock
from tests.unit.scanners import detector_feed
from tests.unit.scanners.identifier_samples import cpr


def _risk_codes(path: Path) -> set[str]:
    report = scan(path, isolate=False)
    return {f.code for f in report.findings if f.severity == "risk"}


# --- SAS PROC PRINT: Obs numbers the rows --------------------------------------------------


def _proc_print(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["                         The SAS System          10:12 Monday, November 16, 2026", ""]
    lines.append("      " + "".join(f"{h:>12}" for h in header))
    lines.append("")
    for obs, row in enumerate(rows, start=1):
        lines.append("      " + f"{obs:>12}" + "".join(f"{v:>12}" for v in row))
    return "\n".join(lines) + "\n"


def test_proc_print_of_persons_without_a_key_is_unit_records(tmp_path: Path) -> None:
    rng = random.Random(5)
    months = ("JAN", "MAR", "MAY", "AUG", "OCT", "DEC")
    rows = [
        (
            f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(1940, 1999)}",
            rng.choice("KM"),
            str(rng.choice((101, 461, 751, 851))),
            str(rng.randint(98000, 690000)),
        )
        for _ in range(15)
    ]
    path = tmp_path / "print.lst"
    path.write_text(_proc_print(rows, ("Obs", "foed_dag", "koen", "kom", "indkomst")))
    codes = _risk_codes(path)
    assert "microdata.row_level" in codes
    assert "table.small_cell" not in codes  # Obs 1 and 2 are row numbers, not counts


def test_proc_print_of_a_summary_data_set_is_not_unit_records(tmp_path: Path) -> None:
    rows = [
        ("Hovedstaden", "3889", "352113.4"),
        ("Sjaelland", "1825", "301877.2"),
        ("Syddanmark", "2601", "311902.8"),
        ("Midtjylland", "2835", "318455.1"),
        ("Nordjylland", "1258", "296004.6"),
    ]
    path = tmp_path / "summary.lst"
    path.write_text(_proc_print(rows, ("Obs", "region", "_FREQ_", "mean_ink")))
    assert _risk_codes(path) == set()


def test_a_column_of_observations_counted_is_still_a_count() -> None:
    rows: list[list[Any]] = [["kommune", "obs", "mean"], ["Aarhus", 412, 3.1]]
    rows += [["Odense", 301, 2.9], ["Samsø", 2, 3.4]]
    assert "table.small_cell" in detector_feed.risk_codes(detector_feed.table(rows))


# --- SPSS / PSPP DATE11 dates ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["09-DEC-1973", "9 Dec 1973", "05.okt.1987", "05mar1987"])
def test_dates_with_a_month_name_are_full_dates(value: str) -> None:
    assert is_full_date(value)


@pytest.mark.parametrize("value", ["09-XYZ-1973", "2021K1", "12-2020-01", "Dec 1973"])
def test_other_shapes_are_not_full_dates(value: str) -> None:
    assert not is_full_date(value)


def test_a_pspp_list_of_birth_dates_is_unit_records() -> None:
    rng = random.Random(7)
    months = ("JAN", "FEB", "MAR", "JUN", "SEP", "DEC")
    rows: list[list[Any]] = [["foed_dato", "koen", "kom", "indkomst"]]
    for _ in range(25):
        birth = f"{rng.randint(1, 28):02d}-{rng.choice(months)}-{rng.randint(1940, 1999)}"
        rows.append(
            [birth, rng.choice((1, 2)), rng.choice((101, 461, 751)), rng.randint(1, 900000)]
        )
    found = detector_feed.risk_codes(detector_feed.table(rows, name="Data List"))
    assert "microdata.row_level" in found


# --- an identifier named on the line before ------------------------------------------------


def _lines(*texts: str) -> set[str]:
    blocks = [TextBlock(text=t, location=f"line {i}") for i, t in enumerate(texts, start=1)]
    return detector_feed.risk_codes(detector_feed.run(texts=blocks))


def test_a_cpr_number_named_on_the_line_above_is_found() -> None:
    number = cpr(random.Random(3))
    assert _lines("> reg$cpr[duplicated(reg$cpr)]", f'[1] "{number}"') == {"identifier.dk_cpr"}


def test_a_bare_number_under_a_line_that_names_nothing_is_not() -> None:
    number = cpr(random.Random(3))
    assert _lines("> x[duplicated(x)]", f'[1] "{number}"') == set()
    # the word must stand right before: two lines up, with a line between, is too far
    assert _lines("> reg$cpr", "> length(unique(reg$aar)) * 100 + nrow(reg) " * 3, number) == set()


def test_a_phone_word_on_the_line_above_still_rules_the_number_out() -> None:
    number = cpr(random.Random(3))
    assert _lines("Kontakt (CPR-kontoret), tlf.:", number) == set()


# --- a base stated as (n = 2) ----------------------------------------------------------------


def _prose(sentence: str) -> list[str]:
    detector = ProseCountDetector(Policy())
    detector.feed_text(TextBlock(text=sentence, location="line 7"))
    return [f.evidence for f in detector.findings()]


@pytest.mark.parametrize(
    ("sentence", "evidence"),
    [
        (
            "I undergruppen bosat på Læsø (n = 2) var den gennemsnitlige indkomst 412.300 kr.",
            "n = 2",
        ),
        ("Among the youngest women (N=1) the mean waiting time was 41 days in total.", "N=1"),
    ],
)
def test_a_small_stated_base_in_a_sentence_is_a_small_cell(sentence: str, evidence: str) -> None:
    assert _prose(sentence) == [evidence]


@pytest.mark.parametrize(
    "sentence",
    [
        "I ø-kommunerne samlet var den gennemsnitlige indkomst 301.220 kr. (n = 1.204).",
        "Andelen sysselsatte i Oslo var 71,2 prosent (n = 1 234) i hele perioden.",
        "Celler hvor n < 3 er undertrykt i alle tabeller i denne rapport.",
        "The mean over all regions was 2.4 visits per person (n = 12,408) in 2022.",
        "A latent class model with n = 2 classes fitted the answers best of the three.",
        "Klyngeanalysen med n = 3 klynger gav den bedste adskillelse af kommunerne.",
    ],
)
def test_a_large_base_or_a_threshold_is_not(sentence: str) -> None:
    assert _prose(sentence) == []


# --- PDF: cells placed by their position on the page ----------------------------------------


def _pdf_table(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A table drawn cell by cell, left-aligned, columns of different widths (as LibreOffice
    prints an html table): the cells of a row are separate runs of text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "Tabel 3. Personer med hjertesvigt efter kommune og køn, 2022")
    pdf.ln()
    for row in rows:
        for text, width in zip(row, (40, 22, 26, 20), strict=True):
            pdf.cell(width, 8, text)
        pdf.ln()
    pdf.output(str(path))
    return path


def test_a_small_cell_in_a_pdf_table_of_uneven_columns_is_found(tmp_path: Path) -> None:
    rows = [
        ("Kommune", "Mænd", "Kvinder", "I alt"),
        ("Aarhus", "412", "377", "789"),
        ("Odense", "301", "288", "589"),
        ("Samsø", "2", "5", "7"),
        ("I alt", "715", "670", "1385"),
    ]
    report = scan(_pdf_table(tmp_path / "tabel3.pdf", rows), isolate=False)
    small = [f for f in report.findings if f.code == "table.small_cell"]
    assert small and all("differencing" not in f.code for f in report.findings)
    assert any("2" in f.message.split("(")[0] for f in small)


def test_the_same_pdf_table_without_small_cells_is_clean(tmp_path: Path) -> None:
    rows = [
        ("Kommune", "Mænd", "Kvinder", "I alt"),
        ("Aarhus", "412", "377", "789"),
        ("Odense", "301", "288", "589"),
        ("Samsø", "12", "15", "27"),
        ("I alt", "725", "680", "1405"),
    ]
    assert _risk_codes(_pdf_table(tmp_path / "tabel3.pdf", rows)) == set()


# --- second round: R's one-way table with short names, R's echo, sampled row names ---------


def _console(tmp_path: Path, text: str) -> set[str]:
    path = tmp_path / "console.txt"
    path.write_text(text, encoding="utf-8")
    return _risk_codes(path)


def test_a_one_way_table_with_short_names_over_its_counts(tmp_path: Path) -> None:
    text = "> table(d$diagnose)\n\nC50 E11 I21 I50 J44 Q21 \n813 775 807 795 809   1 \n"
    assert _console(tmp_path, text) == {"table.small_cell"}
    clean = text.replace("809   1", "809  14")
    assert _console(tmp_path, clean) == set()


def _sample_print(row_names: list[int], header_echo: bool) -> str:
    rng = random.Random(11)
    lines = []
    if header_echo:
        lines += ['> d[sample(nrow(d), 12), c("alder", "koen", "kommune",', '+     "indkomst")]']
    lines.append("     alder   koen kommune indkomst")
    for name in row_names:
        lines.append(
            f"{name:<4} {rng.randint(20, 79):>5} {rng.choice(('Mand', 'Kvinde')):>6} "
            f"{rng.choice(('Aarhus', 'Odense', 'Esbjerg')):>7} {rng.randint(90000, 700000):>8}"
        )
    return "\n".join(lines) + "\n"


def test_rows_printed_with_their_places_in_a_larger_data_frame_are_unit_records(
    tmp_path: Path,
) -> None:
    names = [3193, 644, 1851, 2309, 2647, 3124, 1345, 3747, 1329, 3286, 325, 2992]
    assert "microdata.row_level" in _console(tmp_path, _sample_print(names, header_echo=True))


def test_an_ordered_aggregate_printed_with_its_own_row_names_is_not(tmp_path: Path) -> None:
    text = """> agg[order(-agg$antal), ]
      kommune  koen antal gns_indkomst
7   København Kvinde  1214     332921.8
2   København   Mand  1190     330112.4
5      Aarhus Kvinde   653     320268.3
1      Aarhus   Mand   640     318112.0
8      Odense Kvinde   434     326392.6
3      Odense   Mand   421     325001.7
"""
    assert _console(tmp_path, text) == set()


def test_r_echo_continuation_lines_are_code_not_a_table_header(tmp_path: Path) -> None:
    from scanners.readers.text_tables import text_and_tables

    lines = _sample_print([3193, 644, 1851, 2309, 2647], header_echo=True).splitlines()
    items = list(text_and_tables(enumerate(lines, start=1)))
    tables = [i for i in items if not isinstance(i, TextBlock)]
    assert len(tables) == 1 and tables[0].rows[0][1:] == ["alder", "koen", "kommune", "indkomst"]
    assert [i.text for i in items if isinstance(i, TextBlock)][1] == '+     "indkomst")]'


def test_codes_down_the_side_of_statistics_are_not_sampled_row_names(tmp_path: Path) -> None:
    text = """> agg[, c("region", "indkomst", "formue")]
          region     indkomst          formue
1050 Hovedstaden     412311.5        380200.0
2100 Hovedstaden     388120.2        351000.0
2300 Hovedstaden     371004.9        340100.0
4000    Sjælland     296004.6        281300.0
4100    Sjælland     301877.2        287400.0
5000  Syddanmark     311902.8        294100.0
8000 Midtjylland     318455.1        299800.0
9000 Nordjylland     299001.3        285000.0
"""
    assert _console(tmp_path, text) == set()
