"""Result tables taken through LibreOffice headless, as a researcher pastes them into a report or
a spreadsheet: gen_hand's HTML tables (stargazer, a Danish report table, a Kaplan-Meier table)
converted to Word, PDF and Excel, and Danish-notation csv (``;``, decimal comma) opened in
Calc and saved as xlsx and ods.
"""

from __future__ import annotations

import html
from pathlib import Path

from tests.corpus_real import gen_hand
from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, soffice_convert

TOOL = "LibreOffice"
EXECUTABLES = ("soffice",)
DEPENDS = ("gen_hand",)

LABELS = (
    clean("lo2_stargazer.docx", "stargazer's HTML regression table converted to Word"),
    clean("lo2_stargazer.pdf", "the stargazer table printed to PDF by Writer"),
    clean(
        "lo2_report_dk.docx",
        "the Danish report table (thousands points, I alt, counts >= 30) in Word",
    ),
    clean("lo2_report_dk.pdf", "the Danish report table printed to PDF"),
    clean("lo2_report_dk.xlsx", "the Danish report table opened in Calc and saved as xlsx"),
    clean(
        "lo2_km_table.docx",
        "a Kaplan-Meier table (numbers at risk >= 180) in a Word report",
    ),
    clean(
        "lo2_descriptives_dk.xlsx",
        "Danish descriptive statistics csv (N; Gennemsnit; Spredning; kvartiler) opened in "
        "Calc with the Danish locale and saved as xlsx",
    ),
    clean(
        "lo2_rates_dk.ods",
        "cases, population and rate per 100.000 by region (Danish notation) saved as ods",
    ),
    risk(
        "lo2_report_dk_small.docx",
        "the Danish report table with 2 women in Ærø, in Word",
        SMALL_CELL,
    ),
    risk("lo2_report_dk_small.pdf", "the same table with a cell of 2, as PDF", SMALL_CELL),
    risk("lo2_report_dk_small.xlsx", "the same table with a cell of 2, as xlsx", SMALL_CELL),
    risk(
        "lo2_km_table_small.docx",
        "the Kaplan-Meier table whose number at risk falls to 2, in Word",
        SMALL_CELL,
    ),
    risk(
        "lo2_rates_dk_small.ods",
        "the rates table where one municipality has 1 case, as ods",
        SMALL_CELL,
    ),
    risk(
        "lo2_patients.docx",
        "a Word appendix listing patients: birth date, sex, postcode, diagnosis, admission date",
        MICRODATA,
    ),
)


def _html_page(title: str, header: list[str], rows: list[list[str]], note: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><h3>{html.escape(title)}</h3>\n<table border="1">\n<tr>{head}</tr>\n'
        f"{body}\n</table><p>{html.escape(note)}</p></body></html>\n"
    )


def _km_page(small: bool) -> str:
    lines = gen_hand.km_table(small).splitlines()
    rows = []
    for line in lines[4:]:
        if not line.strip() or line.startswith("CI"):
            continue
        group, rest = line[:11].strip(), line[11:].split(None, 3)
        rows.append([group, *rest])
    return _html_page(
        "Tabel 3. Overlevelse efter behandlingsgruppe (Kaplan-Meier)",
        ["Gruppe", "År", "Antal i risiko", "Hændelser", "Overlevelse (95% CI)"],
        rows,
        "CI: konfidensinterval.",
    )


def _patients_page() -> str:
    lines = gen_hand.persons_markdown(seed=8).splitlines()[4:]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    return _html_page(
        "Bilag 2. Patienter med afvigende forløb",
        ["Fødselsdato", "Køn", "Postnr.", "Diagnose", "Indlagt"],
        rows,
    )


RATES = (
    ("Hovedstaden", "1.412", "1.855.084", "76,1"),
    ("Sjælland", "702", "843.513", "83,2"),
    ("Syddanmark", "1.004", "1.227.430", "81,8"),
    ("Midtjylland", "1.077", "1.341.542", "80,3"),
    ("Nordjylland", "488", "590.439", "82,7"),
)


def _rates_csv(small: bool) -> str:
    rows = list(RATES)
    if small:
        rows.append(("Læsø Kommune", "1", "1.776", "56,3"))
    head = "Område;Tilfælde;Befolkning;Rate pr. 100.000"
    return "\n".join([head, *(";".join(r) for r in rows)]) + "\n"


def write(folder: Path) -> None:
    require("soffice")
    sources = folder / "sources"
    sources.mkdir()
    pages = {
        "lo2_stargazer": gen_hand.stargazer_html(),
        "lo2_report_dk": gen_hand.report_dk_html(False),
        "lo2_report_dk_small": gen_hand.report_dk_html(True),
        "lo2_km_table": _km_page(False),
        "lo2_km_table_small": _km_page(True),
        "lo2_patients": _patients_page(),
    }
    for name, page in pages.items():
        (sources / f"{name}.html").write_text(page, encoding="utf-8")
    writer = [sources / f"{name}.html" for name in pages]
    soffice_convert(writer, "docx:MS Word 2007 XML", folder, infilter="HTML (StarWriter)")
    printed = [sources / f"{name}.html" for name in ("lo2_stargazer", "lo2_report_dk",
                                                     "lo2_report_dk_small")]  # fmt: skip
    soffice_convert(printed, "pdf:writer_pdf_Export", folder, infilter="HTML (StarWriter)")
    calc = [sources / f"{name}.html" for name in ("lo2_report_dk", "lo2_report_dk_small")]
    soffice_convert(calc, "xlsx", folder, infilter="HTML (StarCalc)")
    (sources / "lo2_descriptives_dk.csv").write_text(gen_hand.descriptives_dk(), encoding="utf-8")
    (sources / "lo2_rates_dk.csv").write_text(_rates_csv(False), encoding="utf-8")
    (sources / "lo2_rates_dk_small.csv").write_text(_rates_csv(True), encoding="utf-8")
    # CSV filter: ';' (59), '"' (34), UTF-8 (76), from line 1, Danish locale (1030)
    danish = "CSV:59,34,76,1,,1030"
    soffice_convert([sources / "lo2_descriptives_dk.csv"], "xlsx", folder, infilter=danish)
    soffice_convert(
        [sources / "lo2_rates_dk.csv", sources / "lo2_rates_dk_small.csv"],
        "ods",
        folder,
        infilter=danish,
    )
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
