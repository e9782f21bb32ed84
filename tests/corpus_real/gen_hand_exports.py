"""Result tables in the document formats their tools write: esttab's RTF, LaTeX and HTML
(Stata), kable's HTML (R), a cross table saved as RTF by hand, and a tableone print and an
R listing printed to PDF by LibreOffice Writer.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real import gen_hand, gen_hand_tables
from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, soffice_convert

TOOL = "hand-written (esttab, kable) and LibreOffice"
EXECUTABLES = ("soffice",)
DEPENDS = ("gen_hand", "gen_hand_tables")

LABELS = (
    clean("he_esttab.rtf", "esttab using x.rtf: two logit models, t statistics, N 1873"),
    clean("he_esttab.tex", "esttab using x.tex (booktabs): b, se, N 1873, pseudo R2"),
    clean("he_esttab.html", "esttab using x.html: the same table as HTML"),
    clean("he_kable.html", "knitr::kable(format = 'html') of counts by region and sex (>= 40)"),
    clean("he_crosstab.rtf", "a cross table typed into an RTF report, every cell >= 12"),
    clean(
        "he_tableone.pdf",
        "a tableone print of three strata (n >= 200 each) printed to PDF",
    ),
    clean(
        "he_gt.html",
        "a gt table as HTML: region cells spanning their two sex rows (rowspan), counts >= 298",
    ),
    clean("he_gt.docx", "the gt table (rowspan) converted to Word by Writer"),
    risk(
        "he_gt_small.docx", "the gt table with 2 women under a spanning cell, in Word", SMALL_CELL
    ),
    risk("he_gt_small.pdf", "the same gt table printed to PDF", SMALL_CELL),
    risk("he_kable_small.html", "the kable HTML table with a cell of 2", SMALL_CELL),
    risk(
        "he_gt_small.html",
        "the gt table where Nordjylland's women (a row under a rowspan) are 2",
        SMALL_CELL,
    ),
    risk("he_crosstab_small.rtf", "the RTF cross table where one cell is 1", SMALL_CELL),
    risk(
        "he_tableone_small.pdf",
        "the tableone print with a stratum of n = 2, printed to PDF",
        SMALL_CELL,
    ),
    risk(
        "he_persons.pdf",
        "a Markdown listing of patients (birth date, sex, postcode, diagnosis, admission "
        "date) printed to PDF",
        MICRODATA,
    ),
)

_LOGIT = gen_hand._LOGIT


def _esttab_rtf() -> str:
    def cell(text: str, right: int) -> str:
        return f"\\pard\\intbl\\qc {text}\\cell"

    rows = []
    header = ["", "(1)", "(2)"]
    rows.append(header)
    rows.append(["", "employed", "employed"])
    for name, *models in _LOGIT:
        rows.append([name] + [f"{m[0]:.3f}***" if m else "" for m in models])
        rows.append([""] + [f"({m[1]:.2f})" if m else "" for m in models])
    rows.append(["N", "1873", "1873"])
    rows.append(["pseudo R-sq", "0.061", "0.074"])
    body = []
    for row in rows:
        body.append(
            "{\\trowd\\trgaph108\\trleft-108\\cellx1638\\cellx3276\\cellx4914\n"
            + "".join(cell(text.replace("_", "\\_"), 0) for text in row)
            + "\n\\row}"
        )
    return (
        "{\\rtf1\\ansi\\deff0 {\\fonttbl\\f0\\fnil Times New Roman;}\n"
        "{\\info {\\author .}{\\operator .}}\n"
        + "\n".join(body)
        + "\n{\\pard\\ql\\fs20 \\i t\\i0  statistics in parentheses\\par}\n"
        "{\\pard\\ql\\fs20 \\super *\\nosupersub  p<0.05, \\super **\\nosupersub  p<0.01, "
        "\\super ***\\nosupersub  p<0.001\\par}\n}\n"
    )


def _esttab_tex() -> str:
    lines = [
        "{",
        "\\def\\sym#1{\\ifmmode^{#1}\\else\\(^{#1}\\)\\fi}",
        "\\begin{tabular}{l*{2}{c}}",
        "\\toprule",
        "                    &\\multicolumn{1}{c}{(1)}&\\multicolumn{1}{c}{(2)}\\\\",
        "                    &\\multicolumn{1}{c}{employed}&\\multicolumn{1}{c}{employed}\\\\",
        "\\midrule",
    ]
    for name, *models in _LOGIT:
        label = name.replace("_", "\\_")
        b = "&".join(f"{m[0]:>12.3f}\\sym{{***}}" if m else " " * 12 for m in models)
        t = "&".join(f"{f'({m[1]:.2f})':>12}" if m else " " * 12 for m in models)
        lines += [f"{label:<20}&{b}\\\\", f"{'':<20}&{t}\\\\"]
    lines += [
        "\\midrule",
        "\\(N\\)               &        1873         &        1873         \\\\",
        "pseudo \\(R^{2}\\)    &       0.061         &       0.074         \\\\",
        "\\bottomrule",
        "\\multicolumn{3}{l}{\\footnotesize \\textit{t} statistics in parentheses}\\\\",
        "\\end{tabular}",
        "}",
        "",
    ]
    return "\n".join(lines)


def _esttab_html() -> str:
    rows = ['<tr><td></td><td>(1)</td><td>(2)</td></tr>',
            '<tr><td></td><td>employed</td><td>employed</td></tr>']  # fmt: skip
    for name, *models in _LOGIT:
        rows.append(
            f"<tr><td>{name}</td>"
            + "".join(f"<td>{m[0]:.3f}<sup>***</sup></td>" if m else "<td></td>" for m in models)
            + "</tr>"
        )
        rows.append(
            "<tr><td></td>"
            + "".join(f"<td>({m[1]:.2f})</td>" if m else "<td></td>" for m in models)
            + "</tr>"
        )
    rows += [
        "<tr><td><i>N</i></td><td>1873</td><td>1873</td></tr>",
        "<tr><td>pseudo <i>R</i><sup>2</sup></td><td>0.061</td><td>0.074</td></tr>",
    ]
    return (
        '<html>\n<table border="0" width="*">\n<tr><td colspan=3><hr></td></tr>\n'
        + "\n".join(rows)
        + "\n<tr><td colspan=3><hr></td></tr>\n<tr><td colspan=3><i>t</i> statistics in "
        "parentheses</td></tr>\n</table>\n</html>\n"
    )


def _kable_html(small: bool) -> str:
    men = [1204, 512, 733, 861, 298]
    women = [1297, 540, 751, 902, 2 if small else 311]
    regions = gen_hand._REGIONS
    rows = "\n".join(
        f'  <tr>\n   <td style="text-align:left;"> {r} </td>\n'
        f'   <td style="text-align:right;"> {m} </td>\n'
        f'   <td style="text-align:right;"> {w} </td>\n  </tr>'
        for r, m, w in zip(regions, men, women, strict=True)
    )
    return (
        '<table>\n <thead>\n  <tr>\n   <th style="text-align:left;"> Region </th>\n'
        '   <th style="text-align:right;"> Mænd </th>\n'
        '   <th style="text-align:right;"> Kvinder </th>\n  </tr>\n </thead>\n<tbody>\n'
        f"{rows}\n</tbody>\n</table>\n"
    )


def _crosstab_rtf(small: bool) -> str:
    rows = [
        ["Kommune", "Ingen", "Type 2", "Type 1", "I alt"],
        ["København", "412", "96", "31", "539"],
        ["Aarhus", "288", "71", "19", "378"],
        ["Odense", "201", "55", "1" if small else "12", "257" if small else "268"],
    ]
    body = []
    for row in rows:
        cells = "".join(f"\\pard\\intbl {text}\\cell " for text in row)
        body.append(
            "\\trowd\\cellx2000\\cellx3500\\cellx5000\\cellx6500\\cellx8000 " + cells + "\\row"
        )
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\n"
        "\\pard Tabel 2. Personer efter kommune og diagnose\\par\n"
        + "\n".join(body)
        + "\n\\pard Kilde: egne beregninger\\par\n}\n"
    )


def _gt_html(small: bool) -> str:
    counts = {
        ("Hovedstaden", "Mand"): 1204,
        ("Hovedstaden", "Kvinde"): 1310,
        ("Syddanmark", "Mand"): 733,
        ("Syddanmark", "Kvinde"): 751,
        ("Nordjylland", "Mand"): 298,
        ("Nordjylland", "Kvinde"): 2 if small else 311,
    }
    rows = []
    for region in ("Hovedstaden", "Syddanmark", "Nordjylland"):
        rows.append(
            f'<tr><td class="gt_row gt_left" rowspan="2">{region}</td>'
            f'<td class="gt_row gt_left">Mand</td>'
            f'<td class="gt_row gt_right">{counts[(region, "Mand")]}</td></tr>'
        )
        rows.append(
            f'<tr><td class="gt_row gt_left">Kvinde</td>'
            f'<td class="gt_row gt_right">{counts[(region, "Kvinde")]}</td></tr>'
        )
    return (
        '<div id="gt-table"><table class="gt_table">\n<thead><tr class="gt_heading">'
        '<td colspan="3" class="gt_heading gt_title">Personer efter region og køn</td></tr>'
        '<tr><th class="gt_col_heading">Region</th><th class="gt_col_heading">Køn</th>'
        '<th class="gt_col_heading">Antal</th></tr></thead>\n<tbody class="gt_table_body">\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>\n"
    )


def write(folder: Path) -> None:
    require("soffice")
    files = {
        "he_esttab.rtf": _esttab_rtf(),
        "he_esttab.tex": _esttab_tex(),
        "he_esttab.html": _esttab_html(),
        "he_kable.html": _kable_html(False),
        "he_kable_small.html": _kable_html(True),
        "he_crosstab.rtf": _crosstab_rtf(False),
        "he_crosstab_small.rtf": _crosstab_rtf(True),
        "he_gt.html": _gt_html(False),
        "he_gt_small.html": _gt_html(True),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    sources = folder / "sources"
    sources.mkdir()
    for name in ("he_gt", "he_gt_small"):
        (sources / f"{name}.html").write_text(files[f"{name}.html"], encoding="utf-8")
    gt_pages = [sources / "he_gt.html", sources / "he_gt_small.html"]
    soffice_convert(gt_pages, "docx:MS Word 2007 XML", folder, infilter="HTML (StarWriter)")
    soffice_convert(gt_pages[1:], "pdf:writer_pdf_Export", folder, infilter="HTML (StarWriter)")
    texts = {
        "he_tableone": gen_hand_tables._tableone(False, strata=3),
        "he_tableone_small": gen_hand_tables._tableone(True, strata=3),
        "he_persons": gen_hand.persons_markdown(seed=41),
    }
    for name, text in texts.items():
        (sources / f"{name}.txt").write_text(text, encoding="utf-8")
    soffice_convert(
        [sources / f"{name}.txt" for name in texts],
        "pdf:writer_pdf_Export",
        folder,
        infilter="Text (encoded):UTF8",
    )
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
