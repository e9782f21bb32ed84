"""Output written to the layout of tools that are not installed here, by another hand than the
scanner's: stargazer and modelsummary (R), esttab (Stata), kable and pandoc Markdown, LaTeX
booktabs, SAS PROC LOGISTIC / PHREG / MEANS / TTEST / CORR listings, Danish report tables in
HTML, codebooks as text, Kaplan-Meier and ROC tables typed into a report.

Each layout follows the tool's own output (column alignment, rules, notes, the statistics it
prints at the foot), with numbers made up but consistent (totals add up, N is the same in every
model). Nothing here was tuned to what the scanner looks for.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk

TOOL = "hand-written (stargazer, esttab, modelsummary, kable, SAS layouts)"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "hand_stargazer.txt",
        "stargazer(type = 'text') of three OLS models: coefficients with standard errors in "
        "brackets, Observations 2,000, R2, Residual Std. Error (df = 1994), F Statistic",
    ),
    clean(
        "hand_stargazer.tex",
        "stargazer's LaTeX output of the same models (\\\\[-1.8ex], Observations & 2,000)",
    ),
    clean(
        "hand_stargazer.html",
        "stargazer's HTML output of the same models",
    ),
    clean(
        "hand_esttab.txt",
        "esttab of two logit models: b with t statistics in parentheses, N 1873, pseudo R-sq",
    ),
    clean(
        "hand_esttab.csv",
        'esttab using file.csv: Excel-safe cells (="0.123***"), N and r2 at the foot',
    ),
    clean(
        "hand_modelsummary.txt",
        "modelsummary(output = 'markdown') of two models: Num.Obs. 2000, R2, AIC, BIC, "
        "Log.Lik., RMSE, with standard errors in parentheses",
    ),
    clean(
        "hand_kable_counts.txt",
        "knitr::kable() Markdown table of persons by region and sex with a total row, every "
        "count >= 40",
    ),
    clean(
        "hand_booktabs_counts.tex",
        "a booktabs LaTeX table of patients by age group and sex with percentages and totals, "
        "every count >= 10",
    ),
    clean(
        "hand_sas_logistic.lst",
        "SAS PROC LOGISTIC: model information, response profile (ordered values 1 and 2 with "
        "total frequencies in the hundreds), DF column of 1s, Wald chi-square, odds ratios",
    ),
    clean(
        "hand_sas_phreg.lst",
        "SAS PROC PHREG: events and censored totals, model fit statistics, parameter "
        "estimates with DF 1 and hazard ratios",
    ),
    clean(
        "hand_sas_means_class.lst",
        "SAS PROC MEANS with a CLASS statement: N Obs and N >= 60 per region, mean, std dev, "
        "minimum, maximum",
    ),
    clean(
        "hand_sas_ttest.lst",
        "SAS PROC TTEST: N, means and std devs per sex, pooled and Satterthwaite t tests "
        "with DF, the equality of variances test (Num DF 1003, Den DF 996)",
    ),
    clean(
        "hand_sas_corr.lst",
        "SAS PROC CORR: simple statistics (N 2000) and Pearson correlations with p-values",
    ),
    clean(
        "hand_report_dk.html",
        "a Danish report table in HTML: Antal personer efter kommune og køn, numbers with "
        "thousands points (1.234), I alt, every count >= 30",
    ),
    clean(
        "hand_codebook.txt",
        "a codebook typed as text: variable name, label, type, and its value labels "
        "(1 = Mand, 2 = Kvinde; 1-5 regions), no frequencies",
    ),
    clean(
        "hand_km_table.txt",
        "a Kaplan-Meier table for a report: years, number at risk (>= 180), events and "
        "survival with 95% CI, per treatment group",
    ),
    clean(
        "hand_auc_table.txt",
        "a table of the discrimination of three prediction models: AUC (95% CI), Brier "
        "score, calibration slope, over n = 4,210",
    ),
    clean(
        "hand_rates_markdown.txt",
        "a pandoc Markdown table of age-standardised incidence per 100,000 by region and sex, "
        "with cases >= 25",
    ),
    clean(
        "hand_descriptives_dk.csv",
        "a Danish descriptive table (semicolon, decimal comma): Variabel; N; Gennemsnit; "
        "Spredning; Median; Nedre kvartil; Øvre kvartil, N over 3.000",
    ),
    risk(
        "hand_kable_counts_small.txt",
        "the kable Markdown table where one region x sex cell is 2",
        SMALL_CELL,
    ),
    risk(
        "hand_booktabs_counts_small.tex",
        "the booktabs table where one age group of women holds 1 patient",
        SMALL_CELL,
    ),
    risk(
        "hand_sas_means_class_small.lst",
        "SAS PROC MEANS with a CLASS statement where one municipality has N Obs 2: its mean, "
        "minimum and maximum are two persons' incomes",
        SMALL_CELL,
    ),
    risk(
        "hand_report_dk_small.html",
        "the Danish report table where one municipality has 2 women",
        SMALL_CELL,
    ),
    risk(
        "hand_km_table_small.txt",
        "the Kaplan-Meier table where the number at risk of one group falls to 2",
        SMALL_CELL,
    ),
    risk(
        "hand_persons_markdown.txt",
        "a Markdown table in a project note listing patients: birth date, sex, postcode, "
        "diagnosis and admission date, one person per row",
        MICRODATA,
    ),
    risk(
        "hand_sas_report_events.lst",
        "SAS PROC REPORT listing adverse events: one row per event with its date, the "
        "patient's age and sex, the event and its grade",
        MICRODATA,
    ),
    risk(
        "hand_rates_markdown_small.txt",
        "the incidence table where one region's women have 2 cases",
        SMALL_CELL,
    ),
)

# --- regression tables -----------------------------------------------------------------------

_TERMS = (
    ("alder", (0.0312, 0.0021), (0.0298, 0.0022), (0.0301, 0.0022)),
    ("kvinde", (-0.1420, 0.0188), (-0.1385, 0.0187), (-0.1290, 0.0189)),
    ("gymnasial", None, (0.0871, 0.0290), (0.0842, 0.0291)),
    ("videregaaende", None, (0.2514, 0.0263), (0.2433, 0.0264)),
    ("hovedstaden", None, None, (0.0624, 0.0201)),
    ("Constant", (11.8120, 0.0905), (11.7420, 0.0921), (11.7011, 0.0934)),
)


def _stars(b: float, se: float) -> str:
    t = abs(b / se)
    return "***" if t > 3.29 else "**" if t > 2.58 else "*" if t > 1.96 else ""


def stargazer_text() -> str:
    w = 28
    rule = "=" * (w + 3 * 17)
    thin = "-" * (w + 3 * 17)
    lines = [
        "",
        rule,
        f"{'':<{w}}{'Dependent variable:':^51}",
        f"{'':<{w}}{'-' * 51}",
        f"{'':<{w}}{'log(indkomst)':^51}",
        f"{'':<{w}}{'(1)':^17}{'(2)':^17}{'(3)':^17}",
        thin,
    ]
    for name, *models in _TERMS:
        coef = "".join(f"{(f'{m[0]:.3f}{_stars(*m)}' if m else ''):^17}" for m in models)
        se = "".join(f"{(f'({m[1]:.3f})' if m else ''):^17}" for m in models)
        lines += [f"{name:<{w}}{coef}", f"{'':<{w}}{se}", f"{'':<{w}}"]
    lines += [
        thin,
        f"{'Observations':<{w}}{'2,000':^17}{'2,000':^17}{'2,000':^17}",
        f"{'R2':<{w}}{'0.118':^17}{'0.163':^17}{'0.167':^17}",
        f"{'Adjusted R2':<{w}}{'0.117':^17}{'0.161':^17}{'0.165':^17}",
        f"{'Residual Std. Error':<{w}}{'0.412 (df = 1997)':^17}{'0.402 (df = 1995)':^17}"
        f"{'0.401 (df = 1994)':^17}",
        f"{'F Statistic':<{w}}{'133.4*** (df = 2; 1997)':^17}{'96.9*** (df = 4; 1995)':^17}"
        f"{'80.3*** (df = 5; 1994)':^17}",
        rule,
        f"{'Note:':<{w}}{'*p<0.1; **p<0.05; ***p<0.01':>51}",
        "",
    ]
    return "\n".join(lines)


def stargazer_tex() -> str:
    rows = []
    for name, *models in _TERMS:
        coef = " & ".join(f"{m[0]:.3f}$^{{{_stars(*m)}}}$" if m else "" for m in models)
        se = " & ".join(f"({m[1]:.3f})" if m else "" for m in models)
        rows += [f" {name} & {coef} \\\\ ", f"  & {se} \\\\ ", "  & & & \\\\ "]
    return "\n".join(
        [
            "% Table created by stargazer v.5.2.3 by Marek Hlavac, Social Policy Institute. "
            "E-mail: marek.hlavac at gmail.com",
            "% Date and time: ma, dec 01, 2026 - 10:14:22",
            "\\begin{table}[!htbp] \\centering ",
            "  \\caption{Log personindkomst} ",
            "  \\label{tab:lonn} ",
            "\\begin{tabular}{@{\\extracolsep{5pt}}lccc} ",
            "\\\\[-1.8ex]\\hline ",
            "\\hline \\\\[-1.8ex] ",
            " & \\multicolumn{3}{c}{\\textit{Dependent variable:}} \\\\ ",
            "\\cline{2-4} ",
            "\\\\[-1.8ex] & \\multicolumn{3}{c}{log(indkomst)} \\\\ ",
            "\\\\[-1.8ex] & (1) & (2) & (3)\\\\ ",
            "\\hline \\\\[-1.8ex] ",
            *rows,
            "\\hline \\\\[-1.8ex] ",
            "Observations & 2,000 & 2,000 & 2,000 \\\\ ",
            "R$^{2}$ & 0.118 & 0.163 & 0.167 \\\\ ",
            "Adjusted R$^{2}$ & 0.117 & 0.161 & 0.165 \\\\ ",
            "Residual Std. Error & 0.412 (df = 1997) & 0.402 (df = 1995) & 0.401 (df = 1994) \\\\ ",
            "F Statistic & 133.4$^{***}$ (df = 2; 1997) & 96.9$^{***}$ (df = 4; 1995) & "
            "80.3$^{***}$ (df = 5; 1994) \\\\ ",
            "\\hline ",
            "\\hline \\\\[-1.8ex] ",
            "\\textit{Note:}  & \\multicolumn{3}{r}{$^{*}$p$<$0.1; $^{**}$p$<$0.05; "
            "$^{***}$p$<$0.01} \\\\ ",
            "\\end{tabular} ",
            "\\end{table} ",
            "",
        ]
    )


def stargazer_html() -> str:
    cells = []
    for name, *models in _TERMS:
        coef = "".join(f"<td>{m[0]:.3f}<sup>{_stars(*m)}</sup></td>" if m else "<td></td>"
                       for m in models)  # fmt: skip
        se = "".join(f"<td>({m[1]:.3f})</td>" if m else "<td></td>" for m in models)
        cells += [
            f'<tr><td style="text-align:left">{name}</td>{coef}</tr>',
            f'<tr><td style="text-align:left"></td>{se}</tr>',
            '<tr><td style="text-align:left"></td><td></td><td></td><td></td></tr>',
        ]
    foot = [
        ("Observations", "2,000", "2,000", "2,000"),
        ("R<sup>2</sup>", "0.118", "0.163", "0.167"),
        ("Adjusted R<sup>2</sup>", "0.117", "0.161", "0.165"),
        ("Residual Std. Error", "0.412 (df = 1997)", "0.402 (df = 1995)", "0.401 (df = 1994)"),
        ("F Statistic", "133.4<sup>***</sup> (df = 2; 1997)", "96.9<sup>***</sup> (df = 4; 1995)",
         "80.3<sup>***</sup> (df = 5; 1994)"),
    ]  # fmt: skip
    foot_rows = [
        f'<tr><td style="text-align:left">{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>'
        for a, b, c, d in foot
    ]
    return (
        '<table style="text-align:center"><caption><strong>Log personindkomst</strong>'
        '</caption>\n<tr><td colspan="4" style="border-bottom: 1px solid black"></td></tr>'
        '<tr><td style="text-align:left"></td><td colspan="3"><em>Dependent variable:</em>'
        '</td></tr>\n<tr><td></td><td colspan="3" style="border-bottom: 1px solid black">'
        '</td></tr>\n<tr><td style="text-align:left"></td><td colspan="3">log(indkomst)</td>'
        '</tr>\n<tr><td style="text-align:left"></td><td>(1)</td><td>(2)</td><td>(3)</td></tr>'
        '\n<tr><td colspan="4" style="border-bottom: 1px solid black"></td></tr>\n'
        + "\n".join(cells)
        + '\n<tr><td colspan="4" style="border-bottom: 1px solid black"></td></tr>\n'
        + "\n".join(foot_rows)
        + '\n<tr><td colspan="4" style="border-bottom: 1px solid black"></td></tr>'
        '<tr><td style="text-align:left"><em>Note:</em></td><td colspan="3" '
        'style="text-align:right"><sup>*</sup>p&lt;0.1; <sup>**</sup>p&lt;0.05; '
        "<sup>***</sup>p&lt;0.01</td></tr>\n</table>\n"
    )


_LOGIT = (
    ("age", (0.0412, 8.21), (0.0398, 7.84)),
    ("female", (-0.3120, -4.02), (-0.2984, -3.81)),
    ("married", (0.2214, 2.61), (0.2102, 2.47)),
    ("educ_years", None, (0.0871, 5.12)),
    ("_cons", (-2.1140, -9.33), (-3.0412, -10.25)),
)


def esttab_text() -> str:
    lines = ["", "-" * 44, f"{'':<16}{'(1)':>14}{'(2)':>14}", f"{'':<16}{'employed':>14}"
             f"{'employed':>14}", "-" * 44]  # fmt: skip
    for name, *models in _LOGIT:
        b = "".join(
            f"{(f'{m[0]:.3f}' + ('***' if abs(m[1]) > 3.29 else '**')) if m else '':>14}"
            for m in models
        )
        t = "".join(f"{f'({m[1]:.2f})' if m else '':>14}" for m in models)
        lines += [f"{name:<16}{b}", f"{'':<16}{t}", ""]
    lines += [
        "-" * 44,
        f"{'N':<16}{'1873':>14}{'1873':>14}",
        f"{'pseudo R-sq':<16}{'0.061':>14}{'0.074':>14}",
        "-" * 44,
        "t statistics in parentheses",
        "* p<0.05, ** p<0.01, *** p<0.001",
        "",
    ]
    return "\n".join(lines)


def esttab_csv() -> str:
    rows = ['"",="(1)",="(2)"', '"",="employed",="employed"']
    for name, *models in _LOGIT:
        b = ",".join(f'="{m[0]:.3f}***"' if m else '=""' for m in models)
        t = ",".join(f'="({m[1]:.2f})"' if m else '=""' for m in models)
        rows += [f'="{name}",{b}', f'="",{t}']
    rows += ['="N",="1873",="1873"', '="r2_p",="0.061",="0.074"']
    return "\n".join(rows) + "\n"


def modelsummary_markdown() -> str:
    lines = [
        "|            | Model 1   | Model 2   |",
        "|:-----------|:---------:|:---------:|",
    ]
    for name, first, second, _ in _TERMS:
        label = "(Intercept)" if name == "Constant" else name
        a = f"{first[0]:.3f}" if first else ""
        b = f"{second[0]:.3f}" if second else ""
        sa = f"({first[1]:.3f})" if first else ""
        sb = f"({second[1]:.3f})" if second else ""
        lines += [f"| {label:<10} | {a:>9} | {b:>9} |", f"|            | {sa:>9} | {sb:>9} |"]
    lines += [
        "| Num.Obs.   | 2000      | 2000      |",
        "| R2         | 0.118     | 0.163     |",
        "| R2 Adj.    | 0.117     | 0.161     |",
        "| AIC        | 2136.4    | 2049.8    |",
        "| BIC        | 2158.8    | 2083.4    |",
        "| Log.Lik.   | -1064.199 | -1018.893 |",
        "| RMSE       | 0.41      | 0.40      |",
        "",
    ]
    return "\n".join(lines)


# --- tables of counts ------------------------------------------------------------------------

_REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")


def kable_counts(small: bool) -> str:
    men = [1204, 512, 733, 861, 298]
    women = [1297, 540, 751, 902, 311]
    if small:
        women[4] = 2
    lines = [
        "Table: Antal personer med diagnosen efter region og køn, 2022",
        "",
        "|Region      | Mænd| Kvinder| I alt|",
        "|:-----------|----:|-------:|-----:|",
    ]
    for region, m, w in zip(_REGIONS, men, women, strict=True):
        lines.append(f"|{region:<12}|{m:>5}|{w:>8}|{m + w:>6}|")
    lines.append(f"|{'I alt':<12}|{sum(men):>5}|{sum(women):>8}|{sum(men) + sum(women):>6}|")
    return "\n".join(lines) + "\n"


def booktabs_counts(small: bool) -> str:
    groups = ("18--39", "40--59", "60--79", "80+")
    men = [41, 133, 212, 58]
    women = [37, 121, 190, 1 if small else 71]
    tm, tw = sum(men), sum(women)
    rows = [
        f"{g} & {m} & {100 * m / tm:.1f} & {w} & {100 * w / tw:.1f} \\\\"
        for g, m, w in zip(groups, men, women, strict=True)
    ]
    return "\n".join(
        [
            "\\begin{table}[htb]",
            "\\centering",
            "\\caption{Patienter efter aldersgruppe og køn}",
            "\\label{tab:alder}",
            "\\begin{tabular}{lrrrr}",
            "\\toprule",
            " & \\multicolumn{2}{c}{Mænd} & \\multicolumn{2}{c}{Kvinder} \\\\",
            "\\cmidrule(lr){2-3} \\cmidrule(lr){4-5}",
            "Aldersgruppe & $n$ & \\% & $n$ & \\% \\\\",
            "\\midrule",
            *rows,
            "\\midrule",
            f"I alt & {tm} & 100.0 & {tw} & 100.0 \\\\",
            "\\bottomrule",
            "\\end{tabular}",
            "\\end{table}",
            "",
        ]
    )


def report_dk_html(small: bool) -> str:
    kommuner = ("København", "Frederiksberg", "Aarhus", "Odense", "Aalborg", "Ærø")
    maend = [31204, 5120, 16733, 9861, 10298, 412]
    kvinder = [33297, 5540, 17751, 10902, 10311, 2 if small else 398]

    def dk(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    body = "\n".join(
        f'<tr><td>{k}</td><td align="right">{dk(m)}</td><td align="right">{dk(w)}</td>'
        f'<td align="right">{dk(m + w)}</td></tr>'
        for k, m, w in zip(kommuner, maend, kvinder, strict=True)
    )
    total = (
        f'<tr><td><b>I alt</b></td><td align="right"><b>{dk(sum(maend))}</b></td>'
        f'<td align="right"><b>{dk(sum(kvinder))}</b></td>'
        f'<td align="right"><b>{dk(sum(maend) + sum(kvinder))}</b></td></tr>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Tabel 3</title>'
        "</head><body>\n<h2>Tabel 3. Personer med mindst én kontakt til almen praksis efter "
        "kommune og køn, 2023</h2>\n<p>Opgjort på bopælskommune pr. 1. januar.</p>\n"
        '<table border="1" cellpadding="3">\n<thead><tr><th>Kommune</th><th>Mænd</th>'
        "<th>Kvinder</th><th>I alt</th></tr></thead>\n<tbody>\n"
        f"{body}\n{total}\n</tbody></table>\n<p>Kilde: Egne beregninger på data fra "
        "Danmarks Statistik.</p>\n</body></html>\n"
    )


def km_table(small: bool) -> str:
    lines = [
        "Table 3. Kaplan-Meier estimates of overall survival by treatment group",
        "",
        "Group        Years  Number at risk  Events  Survival (95% CI)",
        "-----------  -----  --------------  ------  -----------------",
    ]
    series = {
        "Standard": [(0, 812, 0, "1.000"), (1, 690, 98, "0.876 (0.852-0.897)"),
                     (2, 571, 81, "0.770 (0.740-0.797)"), (3, 463, 66, "0.678 (0.645-0.709)"),
                     (4, 350, 48, "0.602 (0.566-0.636)"), (5, 241, 31, "0.541 (0.502-0.578)")],
        "Intensive": [(0, 798, 0, "1.000"), (1, 702, 71, "0.909 (0.888-0.927)"),
                      (2, 611, 63, "0.826 (0.798-0.851)"), (3, 512, 50, "0.754 (0.722-0.783)"),
                      (4, 399, 38, "0.690 (0.655-0.722)"), (5, 180, 22, "0.640 (0.602-0.676)")],
    }  # fmt: skip
    if small:
        series["Intensive"][-2:] = [(4, 9, 3, "0.410 (0.201-0.611)"),
                                    (5, 2, 1, "0.205 (0.031-0.480)")]  # fmt: skip
    for group, rows in series.items():
        for k, (year, at_risk, events, surv) in enumerate(rows):
            name = group if k == 0 else ""
            lines.append(f"{name:<11}  {year:>5}  {at_risk:>14}  {events:>6}  {surv}")
    lines += ["", "CI: confidence interval (log-log)."]
    return "\n".join(lines) + "\n"


def auc_table() -> str:
    return (
        "Table 4. Discrimination and calibration of the prediction models (n = 4,210; "
        "312 events)\n\n"
        "| Model                      | AUC (95% CI)        | Brier score | Calibration slope |\n"
        "|----------------------------|---------------------|-------------|-------------------|\n"
        "| Age and sex                | 0.642 (0.611-0.673) | 0.066       | 0.98              |\n"
        "| + comorbidity (CCI)        | 0.701 (0.672-0.730) | 0.063       | 1.02              |\n"
        "| + laboratory values        | 0.748 (0.721-0.775) | 0.061       | 0.95              |\n"
        "\nAUC: area under the ROC curve; CCI: Charlson comorbidity index.\n"
    )


def rates_markdown(small: bool) -> str:
    rows = [
        ("Hovedstaden", 612, 48.2, 655, 47.9),
        ("Sjælland", 301, 61.0, 288, 55.3),
        ("Syddanmark", 402, 52.7, 391, 49.8),
        ("Midtjylland", 388, 45.1, 402, 44.6),
        ("Nordjylland", 171, 54.9, 2 if small else 166, 0.6 if small else 51.2),
    ]
    lines = [
        "Table 2: Age-standardised incidence per 100,000 person-years, 2018-2022",
        "",
        "  Region         Men: cases   Men: rate   Women: cases   Women: rate",
        "  ------------- ------------ ----------- -------------- -------------",
    ]
    for region, mc, mr, wc, wr in rows:
        lines.append(f"  {region:<13} {mc:>12} {mr:>11.1f} {wc:>14} {wr:>13.1f}")
    lines += ["", "Standardised to the European Standard Population 2013."]
    return "\n".join(lines) + "\n"


def descriptives_dk() -> str:
    rows = [
        ("Alder (år)", "3.412", "47,3", "14,1", "48", "36", "59"),
        ("Personindkomst (1.000 kr.)", "3.398", "362,4", "141,8", "338", "262", "431"),
        ("Ugentlige arbejdstimer", "2.977", "34,2", "8,9", "37", "32", "37"),
        ("BMI (kg/m²)", "3.104", "26,1", "4,7", "25,4", "22,9", "28,6"),
    ]
    head = "Variabel;N;Gennemsnit;Spredning;Median;Nedre kvartil;Øvre kvartil"
    return "\n".join([head, *(";".join(r) for r in rows)]) + "\n"


def codebook_text() -> str:
    return """KODEBOG: analysefil_2022.dta   (3.412 observationer, 9 variable)
Udarbejdet 14.11.2026

Variabel    Label                                   Type       Format
----------  --------------------------------------  ---------  --------
koen        Køn                                     byte       %8.0g
region      Bopælsregion 1. januar                  byte       %11.0g
aldgrp      Aldersgruppe (5-års)                    byte       %8.0g
udd         Højeste fuldførte uddannelse (ISCED)    byte       %14.0g
beskst      Beskæftigelsesstatus                    byte       %9.0g
indk        Personindkomst, kr.                     double     %10.0g
timer       Ugentlige arbejdstimer                  float      %9.0g
bmi         Body mass index                         float      %9.0g
doed        Død inden 31.12.2023                    byte       %8.0g

Værdilabels
-----------
koen:    1 "Mand"  2 "Kvinde"
region:  1 "Hovedstaden"  2 "Sjælland"  3 "Syddanmark"  4 "Midtjylland"  5 "Nordjylland"
aldgrp:  1 "18-24"  2 "25-29"  3 "30-34"  4 "35-39"  5 "40-44"  6 "45-49"  7 "50-54"
         8 "55-59"  9 "60-64"  10 "65+"
udd:     1 "Grundskole"  2 "Gymnasial"  3 "Erhvervsfaglig"  4 "KVU"  5 "MVU"  6 "LVU"
beskst:  1 "I beskæftigelse"  2 "Ledig"  3 "Uden for arbejdsstyrken"
doed:    0 "Nej"  1 "Ja"

Manglende værdier: . = ikke oplyst; .a = ikke relevant
"""


def persons_markdown(seed: int = 3) -> str:
    rng = random.Random(seed)
    lines = [
        "Noter til møde 12/3: patienter med afvigende forløb (til gennemgang)",
        "",
        "| Fødselsdato | Køn | Postnr. | Diagnose | Indlagt    |",
        "|-------------|-----|---------|----------|------------|",
    ]
    for _ in range(14):
        birth = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1931, 1990)}"
        admitted = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sex = rng.choice("KM")
        post = rng.choice((2100, 2300, 2720, 4000, 5000, 7100, 8000, 8200, 9000, 9900))
        diag = rng.choice(("DI219", "DI639", "DE119", "DJ441", "DC509", "DF329"))
        lines.append(f"| {birth}  | {sex}   | {post}    | {diag}    | {admitted} |")
    return "\n".join(lines) + "\n"


# --- SAS listings ----------------------------------------------------------------------------

_SAS_HEAD = (
    "                                      The SAS System        "
    "10:14 Tuesday, December 1, 2026   {page}\n"
)


def sas_logistic() -> str:
    return (
        _SAS_HEAD.format(page=1)
        + """
                                    The LOGISTIC Procedure

                                      Model Information

                        Data Set                      WORK.ANALYSE
                        Response Variable             beskaeftiget
                        Number of Response Levels     2
                        Model                         binary logit
                        Optimization Technique        Fisher's scoring


                            Number of Observations Read        2000
                            Number of Observations Used        1973


                                       Response Profile

                              Ordered                      Total
                                Value    beskaeftiget  Frequency

                                    1               1       1412
                                    2               0        561

                            Probability modeled is beskaeftiget=1.


                                   Model Convergence Status

                        Convergence criterion (GCONV=1E-8) satisfied.


                                     Model Fit Statistics

                                                         Intercept
                                          Intercept            and
                            Criterion          Only     Covariates

                            AIC            2366.412       2201.871
                            SC             2372.011       2229.864
                            -2 Log L       2364.412       2191.871


                           Testing Global Null Hypothesis: BETA=0

                   Test                 Chi-Square       DF     Pr > ChiSq

                   Likelihood Ratio       172.5410        4         <.0001
                   Score                  164.2087        4         <.0001
                   Wald                   149.9930        4         <.0001


                          Analysis of Maximum Likelihood Estimates

                                              Standard          Wald
               Parameter       DF    Estimate       Error    Chi-Square    Pr > ChiSq

               Intercept        1     -2.1140      0.2265       87.1102        <.0001
               alder            1      0.0412     0.00502       67.3580        <.0001
               koen             1     -0.3120      0.0776       16.1646        <.0001
               gift             1      0.2214      0.0848        6.8167        0.0090
               udd_aar          1      0.0871      0.0170       26.2500        <.0001


                                    Odds Ratio Estimates

                                       Point          95% Wald
                         Effect     Estimate      Confidence Limits

                         alder         1.042       1.032       1.052
                         koen          0.732       0.629       0.852
                         gift          1.248       1.057       1.474
                         udd_aar       1.091       1.055       1.128
"""
    )


def sas_phreg() -> str:
    return (
        _SAS_HEAD.format(page=1)
        + """
                                     The PHREG Procedure

                                      Model Information

                             Data Set                 WORK.KOHORTE
                             Dependent Variable       tid
                             Censoring Variable       doed
                             Censoring Value(s)       0
                             Ties Handling            BRESLOW


                            Number of Observations Read        4210
                            Number of Observations Used        4210


                     Summary of the Number of Event and Censored Values

                                                               Percent
                            Total       Event    Censored     Censored

                             4210         312        3898        92.59


                                   Model Fit Statistics

                                            Without           With
                           Criterion     Covariates     Covariates

                           -2 LOG L        5201.337       5011.902
                           AIC             5201.337       5019.902
                           SBC             5201.337       5035.290


                                Analysis of Maximum Likelihood Estimates

                       Parameter      Standard                              Hazard
          Parameter   DF   Estimate       Error   Chi-Square   Pr > ChiSq    Ratio

          alder        1    0.05120     0.00421     147.9085       <.0001     1.053
          koen         1   -0.21410     0.11402       3.5259       0.0604     0.807
          cci          1    0.30111     0.04210      51.1558       <.0001     1.351
          ryger        1    0.41022     0.12018      11.6510       0.0006     1.507
"""
    )


def _sas_means(small: bool) -> str:
    kommuner = [("Aarhus", 412), ("Esbjerg", 131), ("Odense", 288), ("Vejle", 97),
                ("Aalborg", 240), ("Herning", 61)]  # fmt: skip
    if small:
        kommuner.append(("Læsø", 2))
    rng = random.Random(11)
    lines = [
        _SAS_HEAD.format(page=2),
        "",
        "                                     The MEANS Procedure",
        "",
        "                            Analysis Variable : indkomst Personindkomst",
        "",
        "    kommune        N Obs     N            Mean         Std Dev         Minimum"
        "         Maximum",
        "    " + "-" * 87,
    ]  # fmt: skip
    for name, n in kommuner:
        mean = rng.uniform(280000, 360000)
        sd = rng.uniform(80000, 130000) if n > 2 else 41012.2
        low = rng.uniform(20000, 60000) if n > 2 else 312455.0
        high = rng.uniform(1200000, 2400000) if n > 2 else 370455.0
        if n == 2:
            mean = 341455.0
        lines.append(
            f"    {name:<10} {n:>9} {n:>5} {mean:>15.2f} {sd:>15.2f} {low:>15.2f} {high:>15.2f}"
        )
    lines.append("    " + "-" * 87)
    return "\n".join(lines) + "\n"


def sas_ttest() -> str:
    return (
        _SAS_HEAD.format(page=3)
        + """
                                     The TTEST Procedure

                                     Variable:  indkomst

      koen             N        Mean     Std Dev     Std Err     Minimum     Maximum

      1             1004      372412      131204      4140.8     24012.0     2401220
      2              997      341987      118741      3760.6     19877.0     1988120
      Diff (1-2)               30425.0      125186      5595.1

      koen          Method               Mean       95% CL Mean        Std Dev      95% CL Std Dev

      1                                372412     364287   380537     131204     125723   137191
      2                                341987     334607   349367     118741     113761   124178
      Diff (1-2)    Pooled            30425.0    19452.3  41397.7     125186     121445   129168
      Diff (1-2)    Satterthwaite     30425.0    19454.0  41396.0

                      Method           Variances        DF    t Value    Pr > |t|

                      Pooled           Equal          1999       5.44      <.0001
                      Satterthwaite    Unequal      1986.3       5.44      <.0001

                                     Equality of Variances

                       Method      Num DF    Den DF    F Value    Pr > F

                       Folded F      1003       996       1.22    0.0016
"""
    )


def sas_corr() -> str:
    return (
        _SAS_HEAD.format(page=4)
        + """
                                      The CORR Procedure

                             3  Variables:    alder    indkomst timer


                                        Simple Statistics

   Variable           N          Mean       Std Dev           Sum       Minimum       Maximum

   alder           2000      47.31200      14.10310         94624      18.00000      80.00000
   indkomst        2000        362412        141802     724824000         19877       2401220
   timer           1877      34.21100       8.91200         64214       0             60.00000


                           Pearson Correlation Coefficients
                              Prob > |r| under H0: Rho=0
                                Number of Observations

                            alder        indkomst           timer

              alder       1.00000         0.21402        -0.11022
                                           <.0001          <.0001
                             2000            2000            1877

              indkomst    0.21402         1.00000         0.30114
                           <.0001                          <.0001
                             2000            2000            1877

              timer      -0.11022         0.30114         1.00000
                           <.0001          <.0001
                             1877            1877            1877
"""
    )


def sas_report_events(seed: int = 5) -> str:
    rng = random.Random(seed)
    events = ("Kvalme", "Hovedpine", "Udslæt", "Svimmelhed", "Træthed", "Diarré", "Feber")
    lines = [
        _SAS_HEAD.format(page=1),
        "",
        "                         Bivirkninger i opfølgningsperioden (alle hændelser)",
        "",
        "      Dato         Alder   Køn   Hændelse        Grad   Relateret",
        "      -------------------------------------------------------------",
    ]
    for _ in range(36):
        date = f"{rng.randint(1, 28):02d}{rng.choice(('JAN', 'FEB', 'MAR', 'APR', 'MAY'))}2024"
        lines.append(
            f"      {date:<12} {rng.randint(24, 88):>5}   {rng.choice('KM'):<3}   "
            f"{rng.choice(events):<14} {rng.randint(1, 3):>4}   {rng.choice(('Ja', 'Nej')):<9}"
        )
    return "\n".join(lines) + "\n"


FILES = {
    "hand_stargazer.txt": stargazer_text,
    "hand_stargazer.tex": stargazer_tex,
    "hand_stargazer.html": stargazer_html,
    "hand_esttab.txt": esttab_text,
    "hand_esttab.csv": esttab_csv,
    "hand_modelsummary.txt": modelsummary_markdown,
    "hand_kable_counts.txt": lambda: kable_counts(False),
    "hand_kable_counts_small.txt": lambda: kable_counts(True),
    "hand_booktabs_counts.tex": lambda: booktabs_counts(False),
    "hand_booktabs_counts_small.tex": lambda: booktabs_counts(True),
    "hand_sas_logistic.lst": sas_logistic,
    "hand_sas_phreg.lst": sas_phreg,
    "hand_sas_means_class.lst": lambda: _sas_means(False),
    "hand_sas_means_class_small.lst": lambda: _sas_means(True),
    "hand_sas_ttest.lst": sas_ttest,
    "hand_sas_corr.lst": sas_corr,
    "hand_sas_report_events.lst": sas_report_events,
    "hand_report_dk.html": lambda: report_dk_html(False),
    "hand_report_dk_small.html": lambda: report_dk_html(True),
    "hand_codebook.txt": codebook_text,
    "hand_km_table.txt": lambda: km_table(False),
    "hand_km_table_small.txt": lambda: km_table(True),
    "hand_auc_table.txt": auc_table,
    "hand_rates_markdown.txt": lambda: rates_markdown(False),
    "hand_rates_markdown_small.txt": lambda: rates_markdown(True),
    "hand_descriptives_dk.csv": descriptives_dk,
    "hand_persons_markdown.txt": persons_markdown,
}


def write(folder: Path) -> None:
    for name, make in FILES.items():
        (folder / name).write_text(make(), encoding="utf-8")
