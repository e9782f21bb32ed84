"""LibreOffice headless conversions: CSV tables to xlsx and ods (Calc), HTML reports and text
output to docx and pdf (Writer), as a researcher saves a table or a report for transfer.

The sources are written here (seeded); LibreOffice writes every file that is scanned. All
conversions of one kind run in one soffice process on a private profile.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, soffice_convert

TOOL = "LibreOffice"
EXECUTABLES = ("soffice",)
DEPENDS = ("gen_stata",)  # Stata logs printed to PDF

# A Danish CPR number must be reported as Danish, not also as another country's number.
NOT_DANISH = (
    "identifier.se_pnr",
    "identifier.no_fnr",
    "identifier.fi_hetu",
    "identifier.is_kennitala",
)

LABELS = (
    clean(
        "lo_aggregate.xlsx",
        "Calc's xlsx of a grouped aggregate: region x sex x age group, each combination once, "
        "counts >= 10 and a mean income with decimals",
    ),
    clean("lo_aggregate.ods", "the same grouped aggregate saved as ods"),
    clean(
        "lo_crosstab.xlsx",
        "a titled two-way table of counts with a total row and column; every cell >= 12",
    ),
    clean("lo_crosstab.ods", "the same two-way table as ods"),
    clean("lo_crosstab.pdf", "the same two-way table printed to pdf by Calc"),
    risk("lo_small.xlsx", "a two-way table of counts with one cell of 2", SMALL_CELL),
    risk("lo_small.ods", "the same table with a cell of 2, as ods", SMALL_CELL),
    risk(
        "lo_persons.xlsx",
        "one row per patient: lopnr, birth date, sex, postcode, diagnosis date and code",
        MICRODATA,
        IDENTIFIER,
    ),
    risk("lo_persons.ods", "the same patient listing as ods", MICRODATA, IDENTIFIER),
    clean(
        "lo_report_clean.docx",
        "a report: text, a table of persons by region and sex (counts >= 40, totals) and a "
        "regression table (coefficients, standard errors, N = 2000)",
    ),
    clean("lo_report_clean.pdf", "the same clean report as pdf"),
    risk(
        "lo_report_small.docx",
        "a report whose table of diagnoses by municipality has a cell of 2",
        SMALL_CELL,
    ),
    risk("lo_report_small.pdf", "the same report with a cell of 2, as pdf", SMALL_CELL),
    risk(
        "lo_report_persons.docx",
        "a report appendix listing the study participants one per row: number, birth date, "
        "sex, municipality, admission and discharge dates",
        MICRODATA,
    ),
    risk("lo_report_persons.pdf", "the same participant listing as pdf", MICRODATA),
    risk(
        "lo_report_cpr.docx",
        "a follow-up list of patients with their CPR numbers (DDMMYY-SSSS) and names",
        "identifier.dk_cpr",
        not_codes=NOT_DANISH,
    ),
    risk(
        "lo_report_cpr.pdf",
        "the same CPR list as pdf",
        "identifier.dk_cpr",
        not_codes=NOT_DANISH,
    ),
    clean("lo_crosstab.xls", "the clean two-way table saved by Calc as Excel 97 (xls)"),
    risk("lo_small.xls", "the table with a cell of 2 as Excel 97 (xls)", SMALL_CELL),
    risk("lo_persons.xls", "the patient listing as Excel 97 (xls)", MICRODATA, IDENTIFIER),
    clean("lo_crosstab.html", "the clean two-way table exported by Calc as HTML"),
    risk("lo_small.html", "the table with a cell of 2 exported by Calc as HTML", SMALL_CELL),
    clean("lo_report_clean.rtf", "the clean report saved by Writer as RTF"),
    risk("lo_report_small.rtf", "the report with a cell of 2 as RTF", SMALL_CELL),
    clean("lo_report_clean.doc", "the clean report saved by Writer as Word 97 (doc)"),
    risk("lo_report_persons.doc", "the participant listing as Word 97 (doc)", MICRODATA),
    clean("stata_regress_printed.pdf", "a Stata regress log printed to PDF by Writer"),
    clean(
        "stata_tabulate_twoway_printed.pdf",
        "a Stata two-way tabulation (all cells >= 3) printed to PDF",
    ),
    risk(
        "stata_list_printed.pdf",
        "a Stata log with list output (unit records between +---+ rules) printed to PDF",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "stata_tabulate_small_printed.pdf",
        "a Stata two-way tabulation with cells of 1 and 2 printed to PDF",
        SMALL_CELL,
    ),
    risk(
        "lo_report_text_small.docx",
        "a report whose text states a small count: of the 2 patients on Læsø one died within "
        "a year (no table)",
        SMALL_CELL,
    ),
    clean(
        "lo_report_text_clean.docx",
        "a report whose text cites large counts and percentages (1,204 patients, 38 %) and "
        "years, model degrees of freedom and p-values",
    ),
    clean(
        "lo_regression_output.pdf",
        "R regression and ANOVA console text printed to pdf: df, Sum Sq, F; no counts",
    ),
)

REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
AGE_GROUPS = ("0-17", "18-29", "30-49", "50-66", "67+")
MUNICIPALITIES = ("København", "Odense", "Aarhus", "Aalborg", "Læsø", "Samsø")


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _aggregate(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["region", "sex", "age_group", "n", "mean_income"]]
    for region in REGIONS:
        for sex in (1, 2):
            for age_group in range(1, 6):
                count = rng.randint(10, 900)
                rows.append([region, sex, age_group, count, round(rng.gauss(290000, 40000), 1)])
    return rows


def _crosstab(cells: list[list[int]], title: str) -> list[list[object]]:
    header = ["Region", *AGE_GROUPS, "Total"]
    rows: list[list[object]] = [[title], [], header]
    for region, counts in zip(REGIONS, cells, strict=True):
        rows.append([region, *counts, sum(counts)])
    totals = [sum(column) for column in zip(*cells, strict=True)]
    rows.append(["Total", *totals, sum(totals)])
    rows.append([])
    rows.append(["Source: own calculations on register data, 2022"])
    return rows


def _persons(rng: random.Random, count: int) -> list[list[object]]:
    rows: list[list[object]] = [
        ["lopnr", "foedselsdato", "koen", "postnr", "diagnosedato", "diagnose"]
    ]
    for number in range(count):
        year = rng.randint(1935, 2004)
        rows.append(
            [
                40000 + 17 * number,
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(("M", "K")),
                rng.choice((1000, 2100, 5000, 8000, 9000, 9940)) + rng.randint(0, 99),
                f"20{rng.randint(15, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(("DE10", "DE11", "DE14", "DI10", "DI21", "DJ44")),
            ]
        )
    return rows


def _cpr(rng: random.Random) -> str:
    """A made-up CPR number with a valid date and mod-11 check (born 1940-1999)."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        digits = (
            f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(40, 99):02d}"
            f"{rng.randint(0, 3)}{rng.randint(0, 99):02d}"
        )
        for last in range(10):
            number = digits + str(last)
            if sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 == 0:
                return f"{number[:6]}-{number[6:]}"


def _html_table(rows: list[list[object]], caption: str) -> str:
    head, *body = rows
    cells = "".join(f"<th>{value}</th>" for value in head)
    lines = [f"<table border='1'><caption>{caption}</caption><tr>{cells}</tr>"]
    for row in body:
        lines.append("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _html(title: str, *parts: str) -> str:
    return (
        "<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><h1>{title}</h1>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def _table_with_totals(cells: list[list[int]], labels: tuple[str, ...]) -> list[list[object]]:
    rows: list[list[object]] = [["", "Mænd", "Kvinder", "I alt"]]
    for label, (men, women) in zip(labels, cells, strict=True):
        rows.append([label, men, women, men + women])
    men = sum(c[0] for c in cells)
    women = sum(c[1] for c in cells)
    rows.append(["I alt", men, women, men + women])
    return rows


REGRESSION_TEXT = """\
> summary(lm(log(indkomst) ~ alder + factor(koen) + udd, data = d))

Call:
lm(formula = log(indkomst) ~ alder + factor(koen) + udd, data = d)

Residuals:
     Min       1Q   Median       3Q      Max
-1.60412 -0.30871  0.00211  0.32007  1.90530

Coefficients:
                    Estimate Std. Error t value Pr(>|t|)
(Intercept)        1.245e+01  3.902e-02 319.143  < 2e-16 ***
alder              2.187e-03  5.512e-04   3.968 7.51e-05 ***
factor(koen)2     -6.281e-02  2.168e-02  -2.897  0.00381 **
uddGymnasial      -2.601e-02  3.661e-02  -0.710  0.47750
uddErhvervsfaglig -2.395e-02  3.715e-02  -0.645  0.51918
uddKVU             3.912e-03  3.761e-02   0.104  0.91716
uddMVU             4.103e-03  3.797e-02   0.108  0.91396
uddLVU             3.987e-02  3.871e-02   1.030  0.30312
---
Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1

Residual standard error: 0.4835 on 1992 degrees of freedom
Multiple R-squared:  0.0113,	Adjusted R-squared:  0.007826
F-statistic: 3.252 on 7 and 1992 DF,  p-value: 0.001952

> anova(fit)
Analysis of Variance Table

Response: log(indkomst)
               Df Sum Sq Mean Sq F value    Pr(>F)
alder           1   3.68  3.6812 15.7473 7.495e-05 ***
factor(koen)    1   1.96  1.9602  8.3851  0.003822 **
udd             5   0.91  0.1821  0.7790  0.564770
Residuals    1992 465.66  0.2338
"""


def write(folder: Path) -> None:
    require("soffice")
    rng = random.Random(31)
    sources = folder / "sources"
    sources.mkdir()

    calc_inputs = []
    tables = {
        "lo_aggregate": _aggregate(rng),
        "lo_crosstab": _crosstab(
            [[rng.randint(12, 400) for _ in AGE_GROUPS] for _ in REGIONS],
            "Table 1. Persons by region and age group, 2022",
        ),
        "lo_small": _crosstab(
            [
                [312, 288, 190, 151, 40],
                [97, 84, 61, 2, 15],
                [201, 177, 140, 88, 31],
                [230, 219, 160, 111, 45],
                [88, 71, 50, 33, 12],
            ],
            "Table 2. Persons with a rare diagnosis by region and age group, 2022",
        ),
        "lo_persons": _persons(rng, 180),
    }
    for name, rows in tables.items():
        path = sources / f"{name}.csv"
        path.write_text(_csv(rows), encoding="utf-8")
        calc_inputs.append(path)
    soffice_convert(calc_inputs, "xlsx", folder, infilter="CSV:44,34,76,1")
    soffice_convert(calc_inputs, "ods", folder, infilter="CSV:44,34,76,1")
    soffice_convert([sources / "lo_crosstab.csv"], "pdf", folder, infilter="CSV:44,34,76,1")
    spreadsheets = [sources / f"{name}.csv" for name in ("lo_crosstab", "lo_small", "lo_persons")]
    soffice_convert(spreadsheets, "xls:MS Excel 97", folder, infilter="CSV:44,34,76,1")
    soffice_convert(spreadsheets[:2], "html:HTML (StarCalc)", folder, infilter="CSV:44,34,76,1")

    regression = _html_table(
        [
            ["", "Koefficient", "Std.fejl", "p"],
            ["Alder (år)", "0,0022", "0,0006", "<0,001"],
            ["Kvinde", "-0,063", "0,022", "0,004"],
            ["Lang videregående udd.", "0,040", "0,039", "0,303"],
            ["N", "2000", "", ""],
            ["R²", "0,011", "", ""],
        ],
        "Tabel 2. Lineær regression af log(indkomst)",
    )
    clean_table = _html_table(
        _table_with_totals(
            [[rng.randint(40, 900), rng.randint(40, 900)] for _ in REGIONS], REGIONS
        ),
        "Tabel 1. Personer efter region og køn, 2022",
    )
    small_table = _html_table(
        _table_with_totals(
            [[412, 390], [233, 251], [118, 97], [140, 162], [2, 5], [9, 4]], MUNICIPALITIES
        ),
        "Tabel 1. Personer med diagnosen efter kommune og køn, 2019-2022",
    )
    participants = [["Nr.", "Fødselsdato", "Køn", "Kommune", "Indlagt", "Udskrevet"]]
    for number in range(1, 61):
        admitted = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2021"
        participants.append(
            [
                number,
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1935, 2000)}",
                rng.choice(("Mand", "Kvinde")),
                rng.choice(MUNICIPALITIES),
                admitted,
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2022",
            ]
        )
    first = ("Anne", "Peter", "Mette", "Lars", "Sofie", "Jens", "Ida", "Mads", "Karen", "Ole")
    last = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen")
    cprs = [["CPR-nr.", "Navn", "Opfølgning", "Status"]]
    for _ in range(25):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        status = rng.choice(("Mødt", "Udeblevet", "Flyttet"))
        cprs.append(
            [_cpr(rng), name, f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2023", status]
        )
    intro = (
        "<p>Analysen omfatter alle personer med bopæl i Danmark 1. januar 2022. Tal er "
        "opgjort efter bopælsregion og køn. Kilde: Danmarks Statistik, egne beregninger.</p>"
    )
    reports = {
        "lo_report_clean": _html("Indkomst og uddannelse", intro, clean_table, regression),
        "lo_report_small": _html(
            "Forekomst af diagnosen",
            intro,
            small_table,
            "<p>Forekomsten er lavest på de små øer.</p>",
        ),
        "lo_report_persons": _html(
            "Bilag 3. Deltagere i interventionsstudiet",
            "<p>Oversigt over deltagerne i studiet.</p>",
            _html_table(participants, "Deltagere"),
        ),
        "lo_report_cpr": _html(
            "Opfølgningsliste",
            "<p>Patienter indkaldt til opfølgning.</p>",
            _html_table(cprs, "Patienter"),
        ),
    }
    writer_inputs = []
    for name, html in reports.items():
        path = sources / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        writer_inputs.append(path)
    soffice_convert(writer_inputs, "docx:MS Word 2007 XML", folder, infilter="HTML (StarWriter)")
    soffice_convert(writer_inputs, "pdf:writer_pdf_Export", folder, infilter="HTML (StarWriter)")
    soffice_convert(writer_inputs[:2], "rtf:Rich Text Format", folder, infilter="HTML (StarWriter)")
    soffice_convert(
        [writer_inputs[0], writer_inputs[2]], "doc:MS Word 97", folder, infilter="HTML (StarWriter)"
    )
    stata = sources / "stata"
    stata.mkdir()
    from tests.corpus_real import gen_stata

    gen_stata.write(stata)
    printed = []
    for name in ("stata_regress", "stata_tabulate_twoway", "stata_list", "stata_tabulate_small"):
        target = sources / f"{name}_printed.txt"
        target.write_text((stata / f"{name}.log").read_text(encoding="utf-8"), encoding="utf-8")
        printed.append(target)
    soffice_convert(printed, "pdf:writer_pdf_Export", folder, infilter="Text (encoded):UTF8")
    for path in stata.iterdir():
        path.unlink()
    stata.rmdir()
    prose = {
        "lo_report_text_small": _html(
            "Opfølgning af patienter på øerne",
            "<p>I alt 1.204 patienter indgik i opfølgningen i 2019-2022. På Læsø var der 2 "
            "patienter med diagnosen, og den ene døde inden for et år efter udskrivelsen. På "
            "Samsø var der 11 patienter.</p>",
        ),
        "lo_report_text_clean": _html(
            "Opfølgning af patienter",
            "<p>I alt 1.204 patienter indgik i opfølgningen i 2019-2022, heraf 38 % kvinder. "
            "Dødeligheden efter et år var 12,4 % (95 % CI 10,6-14,3). Modellen havde 7 og 1.992 "
            "frihedsgrader (F = 3,25, p = 0,002). Resultaterne svarer til dem fra 2015.</p>",
        ),
    }
    prose_inputs = []
    for name, html in prose.items():
        path = sources / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        prose_inputs.append(path)
    soffice_convert(prose_inputs, "docx:MS Word 2007 XML", folder, infilter="HTML (StarWriter)")
    text = sources / "lo_regression_output.txt"
    text.write_text(REGRESSION_TEXT, encoding="utf-8")
    soffice_convert([text], "pdf:writer_pdf_Export", folder, infilter="Text (encoded):UTF8")
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
