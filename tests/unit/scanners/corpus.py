"""A labelled corpus of result files, built in code: risky files, clean files and traps.

Each item names a file, builds its bytes, and says what the scanner must conclude: the verdict,
the finding codes that must be there (``codes``), and risk codes that may also appear without
being wrong (``also``: a hidden sheet full of microdata is rightly a row-level finding too).
``family`` is the detector family the item is about (identifier, table, microdata, hidden);
clean items carry the family their trap is aimed at, or "clean" for plain clean files.

The numbers are made up; identifiers have computed check digits and belong to no one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from identifier_samples import (
    HETU,
    KENNITALA,
    NO_ORGNR,
    cpr,
    cvr,
    cvr_passing_amounts,
    no_fnr,
    se_pnr,
)

CLEAN, RISK = "clean", "risk"


@dataclass(frozen=True)
class CorpusItem:
    name: str
    build: Callable[[], bytes]
    verdict: str
    codes: frozenset[str] = frozenset()
    family: str = "clean"
    note: str = ""
    also: frozenset[str] = field(default_factory=frozenset)


def _csv(rows: list[list[object]], sep: str = ";") -> bytes:
    return ("\n".join(sep.join(str(v) for v in row) for row in rows) + "\n").encode("utf-8")


def _dashed(number: str) -> str:
    return f"{number[:6]}-{number[6:]}"


# --- tables used in several formats --------------------------------------------------------

FREQ_CLEAN = [
    ["Kommune", "Mænd", "Kvinder", "I alt"],
    ["København", 1204, 1310, 2514],
    ["Aarhus", 822, 870, 1692],
    ["Odense", 401, 433, 834],
    ["I alt", 2427, 2613, 5040],
]
FREQ_SMALL = [
    ["Kommune", "Mænd", "Kvinder", "I alt"],
    ["København", 1204, 2, 1206],
    ["Aarhus", 822, 870, 1692],
    ["Læsø", 1, 4, 5],
    ["I alt", 2027, 876, 2903],
]
FREQ_DIFFERENCING = [
    ["Kommune", "Mænd", "Kvinder", "I alt"],
    ["København", 1204, 1310, 2514],
    ["Læsø", "..", 4, 5],
    ["Odense", 401, 433, 834],
]


def _microdata_rows(n: int, seed: int, *, key: bool = True) -> list[list[object]]:
    rng = random.Random(seed)
    header = (
        ["pnr", "koen", "alder", "kom", "indkomst"]
        if key
        else ["koen", "alder", "kom", "indkomst", "foed_dag"]
    )
    rows: list[list[object]] = [header]
    for _ in range(n):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 25000))
        values: list[object] = [
            rng.randint(1, 2),
            rng.randint(18, 90),
            rng.choice([101, 147, 751, 461]),
        ]
        values.append(rng.randint(90_000, 900_000))
        rows.append([cpr(rng), *values] if key else [*values, born.isoformat()])
    return rows


# --- csv / txt ---------------------------------------------------------------------------


def csv_cvr_column() -> bytes:
    rng = random.Random(11)
    rows: list[list[object]] = [["cvrnr", "branche", "ansatte_interval"]]
    rows += [
        [cvr(rng), rng.choice(["47", "56", "62"]), rng.choice(["1-9", "10-49"])] for _ in range(25)
    ]
    return _csv(rows)


def csv_trap_cvr_sums() -> bytes:
    amounts = cvr_passing_amounts(random.Random(12), 6)
    rows: list[list[object]] = [["Branche", "Omsætning i alt (1000 kr)"]]
    rows += [[f"Branche {i + 1}", a] for i, a in enumerate(amounts)]
    rows.append(["I alt", sum(amounts)])
    return _csv(rows)


def csv_trap_cvr_sums_by_year() -> bytes:
    rng = random.Random(13)
    rows: list[list[object]] = [["Region", "2019", "2020"]]
    for region in ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"):
        rows.append([region, *cvr_passing_amounts(rng, 2)])
    rows.append(["I alt", "", ""])
    return _csv(rows)


def csv_trap_phone() -> bytes:
    rng = random.Random(14)
    rows: list[list[object]] = [["Afdeling", "Telefon"]]
    rows += [
        [f"Afdeling {i}", f"{rng.randint(20, 99)}{rng.randint(100000, 999999)}"] for i in range(12)
    ]
    return _csv(rows)


def csv_trap_dates() -> bytes:
    rng = random.Random(15)
    rows: list[list[object]] = [["Dato", "Antal"]]
    day = dt.date(2019, 1, 1)
    for _ in range(20):
        day += dt.timedelta(days=rng.randint(1, 20))
        rows.append([day.strftime("%Y%m%d"), rng.randint(40, 400)])
    return _csv(rows)


def csv_trap_ten_digits() -> bytes:
    rng = random.Random(16)
    rows: list[list[object]] = [["Journalnr", "Beløb"]]
    rows += [[rng.randint(4_000_000_000, 9_999_999_999), rng.randint(100, 999)] for _ in range(20)]
    return _csv(rows)


def csv_large_microdata() -> bytes:
    return _csv(_microdata_rows(5000, 17))


def csv_aggregate_40() -> bytes:
    rng = random.Random(18)
    rows: list[list[object]] = [["Kommune", "Antal personer"]]
    rows += [[f"Kommune {i}", rng.randint(25, 9000)] for i in range(40)]
    return _csv(rows)


def txt_prose(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _cpr_prose() -> bytes:
    number = cpr(random.Random(19))
    return (
        "Notat om datarensning\n\nEn observation med " + _dashed(number) + " havde en "
        "ugyldig kommunekode og blev fjernet.\n"
    ).encode()


def _nordic_prose() -> bytes:
    rng = random.Random(20)
    return f"Kontrol: fødselsnummer {no_fnr(rng)} og HETU {HETU} blev slettet.\n".encode()


def _se_prose() -> bytes:
    rng = random.Random(21)
    return f"Exempel på felaktig post: {se_pnr(rng)} (borttagen).\n".encode()


# --- xlsx ------------------------------------------------------------------------------


def _workbook(sheets: list[tuple[str, list[list[object]], str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_hidden_rows() -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_workbook([("Tabel", FREQ_CLEAN, "visible")])))
    book["Tabel"].row_dimensions[3].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_comment() -> bytes:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    book = load_workbook(io.BytesIO(_workbook([("Tabel", FREQ_CLEAN, "visible")])))
    book["Tabel"]["B2"].comment = Comment("Tal fra 2021-udtrækket", "analytiker")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_cpr_lost_zero() -> bytes:
    rng = random.Random(22)
    rows: list[list[object]] = [["PNR", "Indkomst"]]
    for _ in range(40):
        number = cpr(rng)
        rows.append([int(number), rng.randint(100_000, 800_000)])  # day 01-09 -> 9 digits
    return _workbook([("Data", rows, "visible")])


def xlsx_regression() -> bytes:
    rows: list[list[object]] = [
        ["Lineær regression af log(indkomst)"],
        ["", "Coef.", "Std. Err.", "t", "P>|t|"],
        ["alder", 0.0123, 0.0004, 30.75, 0.0],
        ["kvinde", -0.1412, 0.0051, -27.69, 0.0],
        ["antal_boern", 1, 2, 0.5, 0.62],
        ["_cons", 11.2, 0.02, 560.0, 0.0],
        ["Number of obs", 48213, "", "", ""],
        ["R-squared", 0.21, "", "", ""],
    ]
    return _workbook([("Model 1", rows, "visible")])


def xlsx_pivot_cache() -> bytes:
    base = _workbook([("Pivot", FREQ_CLEAN, "visible")])
    rng = random.Random(23)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    fields = ["pnr", "koen", "kom", "indkomst"]
    definition = (
        f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition xmlns="{main}" '
        'recordCount="120"><cacheSource type="worksheet"><worksheetSource ref="A1:D121" '
        'sheet="Data"/></cacheSource><cacheFields count="4">'
        + "".join(
            f'<cacheField name="{f}" numFmtId="0"><sharedItems/></cacheField>' for f in fields
        )
        + "</cacheFields></pivotCacheDefinition>"
    )
    records = "".join(
        f'<r><s v="{cpr(rng)}"/><n v="{rng.randint(1, 2)}"/><n v="{rng.choice([101, 147])}"/>'
        f'<n v="{rng.randint(100000, 900000)}"/></r>'
        for _ in range(120)
    )
    records_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheRecords xmlns="{main}" count="120">'
        f"{records}</pivotCacheRecords>"
    )
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
        f'<Relationship Id="rId1" Type="{office}/pivotCacheRecords" '
        'Target="pivotCacheRecords1.xml"/></Relationships>'
    )
    return _add_to_zip(
        base,
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": definition.encode(),
            "xl/pivotCache/pivotCacheRecords1.xml": records_xml.encode(),
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels.encode(),
        },
    )


def _add_to_zip(data: bytes, entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


# --- docx / pptx ---------------------------------------------------------------------


def _docx(
    table: list[list[object]] | None = None, *, text: str = "Resultater for projektet.", extra=None
) -> bytes:  # type: ignore[no-untyped-def]
    from docx import Document

    document = Document()
    document.add_heading("Analyse", level=1)
    document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = str(value)
    if extra:
        extra(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _tracked_change(document) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph("Antal i Læsø: ")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "analytiker")
    deleted.set(qn("w:date"), "2024-03-01T10:00:00Z")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "2 personer"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)


def _comment(document) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph("Se tabel 2.")
    document.add_comment(paragraph.runs, text="Husk at tjekke tallene", author="vejleder")


def _hidden_text(document) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph("Synlig tekst. ")
    run = paragraph.add_run("Skjult note: rå tal fra udtræk.")
    run.font.hidden = True


def _pptx(table: list[list[object]], notes: str = "") -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Resultater"
    shape = slide.shapes.add_table(
        len(table), len(table[0]), Inches(0.5), Inches(1.5), Inches(8), Inches(3)
    )
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = str(value)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- html / tex / stata / code --------------------------------------------------------


def _html(table: list[list[object]]) -> bytes:
    head = "".join(f"<th>{v}</th>" for v in table[0])
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in table[1:])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tabel</title></head><body>"
        f"<h1>Tabel 1</h1><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    ).encode()


def _tex(table: list[list[object]]) -> bytes:
    lines = [" & ".join(str(v) for v in row) + r" \\" for row in table]
    return (
        "\\documentclass{article}\n\\begin{document}\n\\begin{table}\n\\caption{Antal personer}\n"
        "\\begin{tabular}{l"
        + "r" * (len(table[0]) - 1)
        + "}\n\\hline\n"
        + "\n".join(lines)
        + "\n\\hline\n\\end{tabular}\n\\end{table}\n\\end{document}\n"
    ).encode()


def _stata_oneway(counts: dict[str, int]) -> bytes:
    total = sum(counts.values())
    lines = [
        ". tabulate uddannelse",
        "",
        "  uddannelse |      Freq.     Percent        Cum.",
        "------------+-----------------------------------",
    ]
    cumulative = 0.0
    for label, count in counts.items():
        share = 100 * count / total
        cumulative += share
        lines.append(f"{label:>11} | {count:>10} {share:>11.2f} {cumulative:>11.2f}")
    lines += [
        "------------+-----------------------------------",
        f"{'Total':>11} | {total:>10} {100:>11.2f}",
        "",
    ]
    return ("\n".join(lines) + "\n").encode()


def _stata_twoway() -> bytes:
    return (
        b". tabulate region koen\n\n"
        b"           |         koen\n"
        b"    region |         1          2 |     Total\n"
        b"-----------+----------------------+----------\n"
        b"         1 |       412        398 |       810\n"
        b"         2 |       150          2 |       152\n"
        b"         3 |        88         91 |       179\n"
        b"-----------+----------------------+----------\n"
        b"     Total |       650        491 |     1,141\n"
    )


def _stata_regress() -> bytes:
    return (
        b". regress lninc alder kvinde\n\n"
        b"      Source |       SS           df       MS      Number of obs   =    48,213\n"
        b"-------------+----------------------------------   F(2, 48210)     =   6512.21\n"
        b"       Model |  1523.1234         2  761.561712   Prob > F        =    0.0000\n"
        b"    Residual |  5637.8112    48,210  .116943605   R-squared       =    0.2127\n"
        b"\n"
        b"------------------------------------------------------------------------------\n"
        b"       lninc |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]\n"
        b"-------------+----------------------------------------------------------------\n"
        b"       alder |   .0123112   .0004001    30.77   0.000     .0115271    .0130953\n"
        b"      kvinde |  -.1412001   .0051002   -27.69   0.000     -.151196   -.1312042\n"
        b"       _cons |   11.20123   .0201234   556.63   0.000     11.16179    11.24067\n"
        b"------------------------------------------------------------------------------\n"
    )


def _smcl_oneway() -> bytes:
    return (
        b"{smcl}\n{com}. tabulate uddannelse\n\n"
        b"{txt} uddannelse {c |}      Freq.     Percent        Cum.\n"
        b"{hline 12}{c +}{hline 35}\n"
        b"{txt}   grundskole {c |}{res}        340       60.60       60.60\n"
        b"{txt}   gymnasial {c |}{res}        219       39.04       99.64\n"
        b"{txt}   ph.d. {c |}{res}          2        0.36      100.00\n"
        b"{txt}{hline 12}{c +}{hline 35}\n"
        b"{txt}       Total {c |}{res}        561      100.00\n"
    )


def _stata_list_pnr() -> bytes:
    rng = random.Random(24)
    lines = [
        ". list pnr koen indkomst in 1/5",
        "",
        "     +------------------------------+",
        "     |        pnr   koen   indkomst |",
        "     |------------------------------|",
    ]
    for i in range(5):
        lines.append(
            f"  {i + 1}. | {cpr(rng)}      {rng.randint(1, 2)}     {rng.randint(100000, 900000)} |"
        )
    lines.append("     +------------------------------+")
    return ("\n".join(lines) + "\n").encode()


DO_FILE = b"""* Analyse af indkomst
use "$data/pop.dta", clear
merge 1:1 pnr using "$data/ind.dta", keep(match)
keep pnr koen alder indkomst
collapse (mean) indkomst (count) n=pnr, by(koen)
list if n >= 3
"""

SAS_FILE = b"""/* Analyse */
proc sort data=raw.bef out=bef; by pnr; run;
data analyse; set bef; keep pnr koen alder; run;
proc freq data=analyse; tables koen*alder / nopercent; run;
"""


def _sas_datalines() -> bytes:
    rng = random.Random(25)
    lines = ["data test;", "  input pnr $ 1-10 koen alder;", "  datalines;"]
    lines += [f"{cpr(rng)} {rng.randint(1, 2)} {rng.randint(20, 80)}" for _ in range(6)]
    lines += [";", "run;"]
    return ("\n".join(lines) + "\n").encode()


# --- data files / pdf ------------------------------------------------------------------


def _dataframe(rows: list[list[object]]):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(rows[1:], columns=[str(c) for c in rows[0]])


def _dta(rows: list[list[object]]) -> bytes:
    frame = _dataframe(rows)
    out = io.BytesIO()
    frame.to_stata(out, write_index=False)
    return out.getvalue()


def _sav(rows: list[list[object]]) -> bytes:
    import pyreadstat

    frame = _dataframe(rows)
    handle, path = tempfile.mkstemp(suffix=".sav")
    os.close(handle)
    try:
        pyreadstat.write_sav(frame, path)
        with open(path, "rb") as saved:
            return saved.read()
    finally:
        os.unlink(path)


def _microdata_no_key_data_file(n: int, seed: int) -> list[list[object]]:
    rng = random.Random(seed)
    rows: list[list[object]] = [["koen", "alder", "kom", "indkomst"]]
    rows += [
        [
            rng.randint(1, 2),
            rng.randint(18, 90),
            rng.choice([101, 147, 751]),
            round(rng.uniform(9e4, 9e5), 2),
        ]
        for _ in range(n)
    ]
    return rows


AGGREGATE_DATA = [["koen", "aldersgruppe", "antal"]] + [
    [k, a, 40 + 7 * a + k] for k in (1, 2) for a in range(1, 6)
]
AGGREGATE_SMALL_DATA = [["koen", "aldersgruppe", "antal"]] + [
    [k, a, 2 if (k, a) == (2, 5) else 40 + a] for k in (1, 2) for a in range(1, 6)
]


def _macro_workbook(source: str) -> bytes:
    """An xlsm of one aggregate sheet whose VBA module holds ``source``."""
    from vba_project import macro_file, vba_project

    rows: list[list[object]] = [["Region", "Antal"], ["Hovedstaden", 412], ["Sjælland", 238]]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bog.xlsm")
        with open(path, "wb") as out:
            out.write(_workbook([("Tabel", rows, "visible")]))
        project = vba_project({"Module1": source})
        return macro_file(Path(path), "xl/vbaProject.bin", project).read_bytes()


def _tiff_with_zip(member: bytes) -> bytes:
    """A TIFF (as Pillow writes it) with a zip archive appended after its last part."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (900, 120), "white")
    font = ImageFont.load_default(size=48)
    ImageDraw.Draw(image).text((20, 30), "Antal personer 120", fill="black", font=font)
    picture = io.BytesIO()
    image.save(picture, "TIFF")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("noter.csv", member)
    return picture.getvalue() + archive.getvalue()


def _pdf(table: list[list[object]] | None = None, text: str = "Resultater") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 8, text)
    if table:
        with pdf.table() as grid:
            for row in table:
                cells = grid.row()
                for value in row:
                    cells.cell(str(value))
    return bytes(pdf.output())


def _pdf_cpr() -> bytes:
    number = cpr(random.Random(26))
    return _pdf(text=f"Fejlliste: posten {_dashed(number)} blev fjernet fra analysen.")


LATIN = "Kommune;Maend;Kvinder;I alt"  # plain-ASCII header for PDF core fonts


def _ascii(table: list[list[object]]) -> list[list[object]]:
    swap = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    return [[str(v).translate(swap) for v in row] for row in table]


def _pnum_rows() -> list[list[object]]:
    rng = random.Random(27)
    rows: list[list[object]] = [["pnummer", "branche"]]
    while len(rows) < 15:
        head = f"1{rng.randint(0, 99_999_999):08d}"
        total = sum(int(d) * w for d, w in zip(head, (4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
        check = (11 - total % 11) % 11
        if check < 10:
            rows.append([head + str(check), rng.choice(["47", "56"])])
    return rows


def _tidy_long_aggregate() -> bytes:
    rng = random.Random(31)
    rows: list[list[object]] = [["kommune", "koen", "aldersgruppe", "value"]]
    for kom in range(101, 131):
        for sex in (1, 2):
            for group in range(1, 9):
                rows.append([kom, sex, group, rng.randint(20, 4000)])
    return _csv(rows)


def _small_int_microdata() -> bytes:
    rng = random.Random(32)
    rows: list[list[object]] = [["koen", "alder", "boern", "udd"]]
    rows += [
        [rng.randint(1, 2), rng.randint(18, 90), rng.randint(0, 4), rng.choice([10, 20, 30, 40])]
        for _ in range(45)
    ]
    return _csv(rows)


def _kennitala_and_orgnr_text() -> bytes:
    return f"Kennitala {KENNITALA} og organisasjonsnummer {NO_ORGNR} er fjernet.\n".encode()


def _spaced_cpr_text() -> bytes:
    number = cpr(random.Random(33))
    return f"Person {number[:6]} {number[6:]} indgik ved en fejl.\n".encode()


REGRESSION_DOCX = [
    ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)"],
    ["(Intercept)", "11.20", "0.02", "556.6", "<2e-16"],
    ["alder", "0.012", "0.0004", "30.8", "<2e-16"],
    ["antal_boern", "1", "2", "0.5", "0.62"],
]

PERCENT_HTML = [
    ["Region", "Mænd (%)", "Kvinder (%)"],
    ["Nord", 49, 51],
    ["Syd", 98, 2],
    ["Øst", 1, 99],
]


# --- the corpus ------------------------------------------------------------------------

ID, TABLE, MICRO, HIDDEN = "identifier", "table", "microdata", "hidden"
S = frozenset


CORPUS: list[CorpusItem] = [
    # csv
    CorpusItem(
        "tabel_ren.csv", lambda: _csv(FREQ_CLEAN), CLEAN, note="frequency table, all cells >= 3"
    ),
    CorpusItem("tabel_smaa.csv", lambda: _csv(FREQ_SMALL), RISK, S({"table.small_cell"}), TABLE),
    CorpusItem(
        "tabel_diff.csv", lambda: _csv(FREQ_DIFFERENCING), RISK, S({"table.differencing"}), TABLE
    ),
    CorpusItem(
        "gns_indkomst.csv",
        lambda: _csv(
            [
                ["Branche", "N", "Gns. indkomst", "Median"],
                ["A", 2, "412.300,50", "400.100,00"],
                ["B", 85, "351.120,75", "340.000,00"],
            ]
        ),
        RISK,
        S({"table.small_cell"}),
        TABLE,
        "N = 2 beside a mean and a median",
    ),  # fmt: skip
    CorpusItem(
        "dominans.csv",
        lambda: _csv(
            [
                ["Branche", "Omsætning i alt", "Største", "Næststørste", "Antal"],
                ["Bryggerier", 1000, 820, 90, 6],
                ["Bagerier", 5000, 400, 300, 120],
            ]
        ),
        RISK,
        S({"table.dominance"}),
        TABLE,
        "largest two make 91% of the total",
    ),  # fmt: skip
    CorpusItem(
        "mikrodata_pnr.csv",
        lambda: _csv(_microdata_rows(200, 1)),
        RISK,
        S({"identifier.dk_cpr", "identifier.column", "microdata.row_level"}),
        MICRO,
    ),  # fmt: skip
    CorpusItem(
        "mikrodata_uden_noegle.csv",
        lambda: _csv(_microdata_rows(150, 2, key=False)),
        RISK,
        S({"microdata.row_level"}),
        MICRO,
        "no key, but birth dates and amounts per row",
    ),  # fmt: skip
    CorpusItem(
        "stor_mikrodata.csv",
        csv_large_microdata,
        RISK,
        S({"identifier.dk_cpr", "identifier.column", "microdata.row_level"}),
        MICRO,
    ),
    CorpusItem(
        "cvr_kolonne.csv",
        csv_cvr_column,
        RISK,
        S({"identifier.dk_cvr", "identifier.column"}),
        ID,
        also=S({"microdata.row_level"}),
    ),
    CorpusItem(
        "pnummer.csv",
        lambda: _csv(_pnum_rows()),
        RISK,
        S({"identifier.dk_pnum", "identifier.column"}),
        ID,
        also=S({"microdata.row_level"}),
    ),
    CorpusItem(
        "bopikom.csv",
        lambda: _csv([["BOPIKOM", "antal"], ["a81", 5], ["b22", 7], ["c13", 9]]),
        RISK,
        S({"identifier.column"}),
        ID,
        "key variable as a column header",
    ),  # fmt: skip
    CorpusItem(
        "faelde_cvr_summer.csv",
        csv_trap_cvr_sums,
        CLEAN,
        family=ID,
        note="sums that pass the CVR check",
    ),
    CorpusItem(
        "faelde_cvr_aar.csv",
        csv_trap_cvr_sums_by_year,
        CLEAN,
        family=ID,
        note="CVR-valid sums under year headers",
    ),
    CorpusItem(
        "faelde_telefon.csv", csv_trap_phone, CLEAN, family=ID, note="8-digit phone numbers"
    ),
    CorpusItem("faelde_datoer.csv", csv_trap_dates, CLEAN, family=ID, note="YYYYMMDD dates"),
    CorpusItem(
        "faelde_10_cifre.csv",
        csv_trap_ten_digits,
        CLEAN,
        family=ID,
        note="10-digit numbers that are not dates",
    ),
    CorpusItem(
        "faelde_procent.csv",
        lambda: _csv(
            [
                ["Kommune", "Andel ledige (%)", "Pct. kvinder"],
                ["A", "1,5", "2,0"],
                ["B", "2,4", "51,0"],
                ["C", "2,0", "1,0"],
            ]
        ),
        CLEAN,
        family=TABLE,
        note="percentages of 1 and 2",
    ),  # fmt: skip
    CorpusItem(
        "faelde_aarstal.csv",
        lambda: _csv(
            [["Kommune", 2019, 2020, 2021], ["A", 40, 41, 45], ["B", 33, 35, 36], ["C", 12, 14, 15]]
        ),
        CLEAN,
        family=TABLE,
        note="years as column headers",
    ),  # fmt: skip
    CorpusItem(
        "faelde_40_kommuner.csv",
        csv_aggregate_40,
        CLEAN,
        family=MICRO,
        note="40-row aggregate is not row level",
    ),
    CorpusItem(
        "faelde_nul.csv",
        lambda: _csv([["Alder", "Antal"], ["0-14", 0], ["15-64", 540], ["65+", 230]]),
        CLEAN,
        family=TABLE,
        note="a structural zero",
    ),  # fmt: skip
    CorpusItem(
        "faelde_undertrykt_uden_total.csv",
        lambda: _csv([["Kommune", "Mænd", "Kvinder"], ["A", 120, "<3"], ["B", 80, 90]]),
        CLEAN,
        family=TABLE,
        note="suppressed cell without a total",
    ),  # fmt: skip
    # txt
    CorpusItem(
        "notat.txt",
        txt_prose("Notat\n\nAnalysen viser en stigning på 4,5 procent fra 2019 til 2021.\n"),
        CLEAN,
    ),
    CorpusItem("notat_cpr.txt", _cpr_prose, RISK, S({"identifier.dk_cpr"}), ID),
    CorpusItem(
        "nordiske_id.txt", _nordic_prose, RISK, S({"identifier.no_fnr", "identifier.fi_hetu"}), ID
    ),
    CorpusItem("svensk.txt", _se_prose, RISK, S({"identifier.se_pnr"}), ID),
    CorpusItem(
        "faelde_kontakt.txt",
        txt_prose(
            "Kontakt: tlf. 33923300 eller 70121300. Journalnr. 2023-104512.\nUdtræk 20230115.\n"
        ),
        CLEAN,
        family=ID,
        note="phone and journal numbers",
    ),  # fmt: skip
    # xlsx
    CorpusItem("tabel_ren.xlsx", lambda: _workbook([("Tabel 1", FREQ_CLEAN, "visible")]), CLEAN),
    CorpusItem(
        "tabel_smaa.xlsx",
        lambda: _workbook([("Tabel 1", FREQ_SMALL, "visible")]),
        RISK,
        S({"table.small_cell"}),
        TABLE,
    ),
    CorpusItem(
        "skjult_ark.xlsx",
        lambda: _workbook(
            [("Tabel 1", FREQ_CLEAN, "visible"), ("Data", _microdata_rows(60, 3), "hidden")]
        ),
        RISK,
        S({"hidden.sheet", "microdata.row_level"}),
        HIDDEN,
        also=S({"identifier.dk_cpr", "identifier.column"}),
    ),  # fmt: skip
    CorpusItem(
        "meget_skjult_ark.xlsx",
        lambda: _workbook(
            [("Tabel 1", FREQ_CLEAN, "visible"), ("Noter", [["Note"], ["ok"]], "veryHidden")]
        ),
        RISK,
        S({"hidden.sheet"}),
        HIDDEN,
    ),  # fmt: skip
    CorpusItem(
        "pivot.xlsx",
        xlsx_pivot_cache,
        RISK,
        S({"hidden.pivot_cache"}),
        HIDDEN,
        also=S({"microdata.row_level", "identifier.dk_cpr", "identifier.column"}),
    ),
    CorpusItem("skjulte_raekker.xlsx", xlsx_hidden_rows, RISK, S({"hidden.rows_columns"}), HIDDEN),
    CorpusItem(
        "kommentar.xlsx",
        xlsx_comment,
        CLEAN,
        S({"hidden.comment"}),
        HIDDEN,
        "a comment is for review, not a risk",
    ),
    CorpusItem(
        "cpr_uden_nul.xlsx",
        xlsx_cpr_lost_zero,
        RISK,
        S({"identifier.dk_cpr", "identifier.column"}),
        ID,
        also=S({"microdata.row_level"}),
    ),
    CorpusItem(
        "faelde_regression.xlsx",
        xlsx_regression,
        CLEAN,
        family=TABLE,
        note="regression output with N = 48213",
    ),
    CorpusItem(
        "faelde_cvr_summer.xlsx",
        lambda: _workbook(
            [
                (
                    "Omsætning",
                    [
                        ["Branche", "Omsætning i alt"],
                        *[
                            [f"B{i}", a]
                            for i, a in enumerate(cvr_passing_amounts(random.Random(28), 5))
                        ],
                    ],
                    "visible",
                )
            ]
        ),
        CLEAN,
        family=ID,
        note="sums that pass the CVR check",
    ),  # fmt: skip
    # docx
    CorpusItem("rapport.docx", lambda: _docx(FREQ_CLEAN), CLEAN),
    CorpusItem(
        "rapport_smaa.docx", lambda: _docx(FREQ_SMALL), RISK, S({"table.small_cell"}), TABLE
    ),
    CorpusItem(
        "rapport_diff.docx",
        lambda: _docx(FREQ_DIFFERENCING),
        RISK,
        S({"table.differencing"}),
        TABLE,
    ),
    CorpusItem(
        "sporede_aendringer.docx",
        lambda: _docx(FREQ_CLEAN, extra=_tracked_change),
        RISK,
        S({"hidden.tracked_changes"}),
        HIDDEN,
    ),
    CorpusItem(
        "kommentarer.docx",
        lambda: _docx(FREQ_CLEAN, extra=_comment),
        CLEAN,
        S({"hidden.comment"}),
        HIDDEN,
    ),
    CorpusItem(
        "skjult_tekst.docx",
        lambda: _docx(FREQ_CLEAN, extra=_hidden_text),
        RISK,
        S({"hidden.text"}),
        HIDDEN,
    ),
    CorpusItem(
        "rapport_cpr.docx",
        lambda: _docx(text=f"Fejl i posten {_dashed(cpr(random.Random(29)))}."),
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
    ),  # fmt: skip
    # pptx
    CorpusItem("slides.pptx", lambda: _pptx(FREQ_CLEAN), CLEAN),
    CorpusItem("slides_smaa.pptx", lambda: _pptx(FREQ_SMALL), RISK, S({"table.small_cell"}), TABLE),
    CorpusItem(
        "slides_noter_cpr.pptx",
        lambda: _pptx(FREQ_CLEAN, notes=f"Tjek {_dashed(cpr(random.Random(30)))}"),
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
    ),  # fmt: skip
    # html / tex
    CorpusItem("tabel.html", lambda: _html(FREQ_CLEAN), CLEAN),
    CorpusItem("tabel_smaa.html", lambda: _html(FREQ_SMALL), RISK, S({"table.small_cell"}), TABLE),
    CorpusItem(
        "tabel_diff.html", lambda: _html(FREQ_DIFFERENCING), RISK, S({"table.differencing"}), TABLE
    ),
    CorpusItem("tabel.tex", lambda: _tex(FREQ_CLEAN), CLEAN),
    CorpusItem("tabel_smaa.tex", lambda: _tex(FREQ_SMALL), RISK, S({"table.small_cell"}), TABLE),
    # stata / sas
    CorpusItem(
        "tab_ren.log",
        lambda: _stata_oneway({"grundskole": 340, "gymnasial": 219, "videregaaende": 187}),
        CLEAN,
    ),
    CorpusItem(
        "tab_smaa.log",
        lambda: _stata_oneway({"grundskole": 340, "gymnasial": 219, "ph.d.": 2}),
        RISK,
        S({"table.small_cell"}),
        TABLE,
    ),
    CorpusItem("tab_2vejs.log", _stata_twoway, RISK, S({"table.small_cell"}), TABLE),
    CorpusItem(
        "faelde_regress.log",
        _stata_regress,
        CLEAN,
        family=TABLE,
        note="regression output, N = 48,213",
    ),
    CorpusItem("tab_smaa.smcl", _smcl_oneway, RISK, S({"table.small_cell"}), TABLE),
    CorpusItem(
        "list_pnr.log",
        _stata_list_pnr,
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
        also=S({"identifier.column", "microdata.row_level"}),
    ),
    CorpusItem("faelde_analyse.do", lambda: DO_FILE, CLEAN, family=ID, note="code that names pnr"),
    CorpusItem(
        "faelde_analyse.sas", lambda: SAS_FILE, CLEAN, family=ID, note="code that names pnr"
    ),
    CorpusItem(
        "datalines.sas",
        _sas_datalines,
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
        also=S({"microdata.row_level", "identifier.column"}),
    ),
    # data files
    CorpusItem(
        "mikrodata.dta",
        lambda: _dta(_microdata_no_key_data_file(80, 4)),
        RISK,
        S({"microdata.row_level"}),
        MICRO,
    ),
    CorpusItem(
        "mikrodata_pnr.dta",
        lambda: _dta(_microdata_rows(50, 5)),
        RISK,
        S({"microdata.row_level", "identifier.dk_cpr", "identifier.column"}),
        MICRO,
    ),
    CorpusItem(
        "aggregat.dta",
        lambda: _dta(AGGREGATE_DATA),
        CLEAN,
        family=MICRO,
        note="a collapsed data set of counts",
    ),
    CorpusItem(
        "mikrodata.sav",
        lambda: _sav(_microdata_no_key_data_file(80, 6)),
        RISK,
        S({"microdata.row_level"}),
        MICRO,
    ),
    CorpusItem(
        "aggregat_smaa.sav",
        lambda: _sav(AGGREGATE_SMALL_DATA),
        RISK,
        S({"table.small_cell"}),
        TABLE,
    ),
    # pdf
    CorpusItem("tabel.pdf", lambda: _pdf(_ascii(FREQ_CLEAN)), CLEAN),
    CorpusItem(
        "tabel_smaa.pdf", lambda: _pdf(_ascii(FREQ_SMALL)), RISK, S({"table.small_cell"}), TABLE
    ),
    CorpusItem("notat_cpr.pdf", _pdf_cpr, RISK, S({"identifier.dk_cpr"}), ID),
    # added after the detectors were tuned: harder cases, some of them known weaknesses
    CorpusItem(
        "faelde_lang_aggregat.csv",
        _tidy_long_aggregate,
        CLEAN,
        family=MICRO,
        note="tidy long-format aggregate whose count column is called 'value'",
    ),  # fmt: skip
    CorpusItem(
        "mikrodata_smaa_heltal.csv",
        _small_int_microdata,
        RISK,
        S({"microdata.row_level"}),
        MICRO,
        "45 unit records of small integers only: no id, no dates, no amounts",
    ),  # fmt: skip
    CorpusItem(
        "kennitala_orgnr.txt",
        _kennitala_and_orgnr_text,
        RISK,
        S({"identifier.is_kennitala", "identifier.no_orgnr"}),
        ID,
    ),
    CorpusItem(
        "cpr_med_mellemrum.txt",
        _spaced_cpr_text,
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
        "CPR written with a space",
    ),
    CorpusItem(
        "faelde_regression.docx",
        lambda: _docx(REGRESSION_DOCX),
        CLEAN,
        family=TABLE,
        note="R regression table",
    ),
    # 1.3.0: macro source and the bytes after a TIFF's structure are read
    CorpusItem(
        "makro_cpr.xlsm",
        lambda: _macro_workbook(
            f'Sub Tjek()\n    Const Testperson = "{_dashed(cpr(random.Random(1301)))}"\nEnd Sub\n'
        ),
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
        "a CPR number typed into a macro module of an otherwise aggregate workbook",
    ),
    CorpusItem(
        "faelde_makro.xlsm",
        lambda: _macro_workbook('Sub Formater()\n    Range("A1:B3").Font.Bold = True\nEnd Sub\n'),
        CLEAN,
        family=HIDDEN,
        note="a formatting macro: reviewed as active content, nothing to report as risk",
    ),
    CorpusItem(
        "billede_zip_cpr.tif",
        lambda: _tiff_with_zip(_csv([["pnr", "alder"], [cpr(random.Random(1302)), 44]])),
        RISK,
        S({"identifier.dk_cpr"}),
        ID,
        "a zip holding a CSV of a CPR number appended to a TIFF",
        also=S({"identifier.column", "hidden.embedded_object"}),
    ),
    CorpusItem(
        "faelde_procent.html",
        lambda: _html(PERCENT_HTML),
        CLEAN,
        family=TABLE,
        note="integer percentages of 1 and 2",
    ),
]
