"""A second, smaller held-out round (December 2026), written after the first round's fixes.

Less blind than the first: its author had read the detectors the first round's errors led to
(unit_records, prose_counts, identifier_text, the PDF reader's lines). It aims at kinds those
did not touch: R's htest and anova printouts, SAS two-way PROC FREQ with its four numbers per
cell, PSPP chi-square tests and SPLIT FILE descriptives, Stata `tabstat`, `margins` and
`list, clean noobs`, openxlsx cell comments and hidden columns, a data frame printed with the
row names of a sample. Labels follow Statistics Denmark's rules (seed 001).
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.identity_numbers import dk_cpr, se_pnr
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import r_preamble, require, run, run_pspp, stata_log_opened

TOOL = "R, PSPP and Stata/SAS layouts (second held-out round)"
EXECUTABLES = ("Rscript", "pspp")

_RNG = random.Random(4711)
CPR_COMMENT = dk_cpr(_RNG)
CPR_LIST = [dk_cpr(_RNG) for _ in range(6)]
PNR_LOG = se_pnr(_RNG).replace("-", "")

LABELS = (
    # --- clean -----------------------------------------------------------------------------------
    clean(
        "heldout2_r_ttest.txt",
        "t.test and chisq.test printouts: t, df = 3998, p-value, X-squared with df = 5",
    ),
    clean(
        "heldout2_r_anova.txt",
        "anova(m1, m2) of nested linear models: Res.Df, RSS, Df 1 and 5, F, Pr(>F)",
    ),
    clean(
        "heldout2_r_dash_marks.xlsx",
        "openxlsx chart data: counts by municipality and year with counts under 5 shown as "
        "'-' and a note saying so; no totals, so nothing can be recalculated",
    ),
    clean(
        "heldout2_pspp_chisq.txt",
        "CROSSTABS udd BY koen /STATISTICS=CHISQ: every cell >= 100; the test table's df is 5",
    ),
    clean(
        "heldout2_pspp_freq_stats.html",
        "FREQUENCIES /FORMAT=NOTABLE /STATISTICS=MEAN MEDIAN STDDEV of age: N valid 4000",
    ),
    clean(
        "heldout2_stata_tabstat.log",
        "tabstat indkomst, by(region) stat(n mean p50): N per region >= 900",
    ),
    clean(
        "heldout2_stata_margins.log",
        "margins, dydx(*) after logit: Number of obs = 12,408, dy/dx with z and P>|z|",
    ),
    clean(
        "heldout2_sas_freq_crosstab.lst",
        "SAS PROC FREQ region*koen: Frequency, Percent, Row Pct, Col Pct stacked in each "
        "cell; every frequency >= 600",
    ),
    clean(
        "heldout2_sas_logistic_profile.lst",
        "PROC LOGISTIC Response Profile (Ordered Value 1 and 2 with Total Frequency in the "
        "thousands) and the odds ratio estimates",
    ),
    clean(
        "heldout2_xtable.tex",
        "an xtable-style LaTeX table of counts by region and sex, all >= 40",
    ),
    # --- risky -----------------------------------------------------------------------------------
    risk(
        "heldout2_sas_freq_crosstab_small.lst",
        "SAS PROC FREQ kommune*koen with four numbers per cell, where Læsø's women have "
        "Frequency 2",
        SMALL_CELL,
    ),
    risk(
        "heldout2_stata_tabstat_small.log",
        "tabstat indkomst, by(kom) stat(n mean min max): Læsø has N 2 with its mean, min, max",
        SMALL_CELL,
    ),
    risk(
        "heldout2_r_table_oneway_small.txt",
        "table(d$diagnose) printed at the console: names over counts, one diagnosis is 1",
        SMALL_CELL,
    ),
    risk(
        "heldout2_pspp_chisq_small.txt",
        "CROSSTABS kommune BY koen /STATISTICS=CHISQ where Fanø's cell for men is 1",
        SMALL_CELL,
    ),
    risk(
        "heldout2_pspp_split_desc.txt",
        "SPLIT FILE BY kommune then DESCRIPTIVES of income: Fanø's group has N 2 with mean, "
        "min and max",
        SMALL_CELL,
    ),
    risk(
        "heldout2_sas_log_pnr.log",
        "a SAS log WARNING naming a duplicated personnummer written as 12 digits without the dash",
        IDENTIFIER,
    ),
    risk(
        "heldout2_r_comment_cpr.xlsx",
        "an openxlsx results workbook with a cell comment 'tjek <CPR number>' on a count",
        IDENTIFIER,
    ),
    risk(
        "heldout2_r_hidden_id_column.xlsx",
        "a person-level sheet (birth year, sex, municipality, income) whose first column, "
        "LopNr, is hidden",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "heldout2_stata_list_clean.log",
        "list foed_dag koen kom indkomst in 1/15, clean noobs: 15 person rows with birth dates "
        "and no row numbers or boxes",
        MICRODATA,
    ),
    risk(
        "heldout2_r_sample_rows.txt",
        "print(d[sample(nrow(d), 12), ]) of persons: the row names are the sampled rows' "
        "numbers (17, 254, 1033...), with age, sex, municipality and income",
        MICRODATA,
    ),
    risk(
        "heldout2_excluded_cpr.html",
        "an html note listing the six excluded persons by CPR number in a table",
        IDENTIFIER,
    ),
)

_PREAMBLE = r_preamble(libraries=["haven", "openxlsx"], options="width = 100", seed=4711)
R_SCRIPT = (
    _PREAMBLE
    + r"""n <- 4000
udd <- c("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
kom <- c("København", "Aarhus", "Odense", "Aalborg", "Esbjerg")
d <- data.frame(koen = sample(c("Mand", "Kvinde"), n, TRUE),
                udd = factor(sample(udd, n, TRUE), levels = udd),
                kommune = sample(kom, n, TRUE),
                alder = sample(20:79, n, TRUE))
d$indkomst <- round(exp(rnorm(n, 12.4, 0.45)) + 18000 * (d$koen == "Mand") + 1100 * d$alder)
d$diagnose <- sample(c("I21", "I50", "E11", "J44", "C50"), n, TRUE)
d$diagnose[17] <- "Q21"
assign("d", d, envir = globalenv())
console("heldout2_r_ttest.txt", "
t.test(indkomst ~ koen, data = d)
chisq.test(table(d$udd, d$koen))
")
console("heldout2_r_anova.txt", "
m1 <- lm(indkomst ~ alder, data = d)
m2 <- lm(indkomst ~ alder + udd, data = d)
anova(m1, m2)
")
console("heldout2_r_table_oneway_small.txt", "
table(d$diagnose)
")
console("heldout2_r_sample_rows.txt", "
d[sample(nrow(d), 12), c('alder', 'koen', 'kommune', 'indkomst')]
")
cd <- expand.grid(Kommune = c("Aarhus", "Odense", "Læsø", "Samsø", "Fanø"), År = 2019:2022)
cd$Antal <- c(412, 301, 3, 7, 2, 420, 288, 1, 9, 4, 433, 310, 4, 6, 3, 440, 297, 2, 8, 6)
cd$Antal <- ifelse(cd$Antal < 5, "-", as.character(cd$Antal))
wb <- createWorkbook()
addWorksheet(wb, "Figur 2 data")
writeData(wb, "Figur 2 data", "Data til figur 2: Nye tilfælde efter kommune og år")
writeData(wb, "Figur 2 data", cd, startRow = 3)
writeData(wb, "Figur 2 data", "Tal under 5 er erstattet med '-'.", startRow = 25)
saveWorkbook(wb, path("heldout2_r_dash_marks.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "Tabel 2")
writeData(wb, "Tabel 2", data.frame(Kommune = kom, Antal = as.vector(table(d$kommune)[kom])))
writeComment(wb, "Tabel 2", col = 2, row = 3,
             comment = createComment("tjek @CPR_COMMENT@ - flyttet i 2021?", author = "jkh"))
saveWorkbook(wb, path("heldout2_r_comment_cpr.xlsx"), overwrite = TRUE)

p <- data.frame(LopNr = sample(100000:999999, 150), FodelseAr = sample(1940:2000, 150, TRUE),
                Kon = sample(1:2, 150, TRUE), Kommun = sample(c("0180", "1280", "1480"), 150, TRUE),
                DispInk = round(exp(rnorm(150, 7.6, 0.4))))
wb <- createWorkbook()
addWorksheet(wb, "urval")
writeData(wb, "urval", p)
setColWidths(wb, "urval", cols = 1, widths = 8, hidden = TRUE)
saveWorkbook(wb, path("heldout2_r_hidden_id_column.xlsx"), overwrite = TRUE)

pd <- data.frame(udd = labelled(as.numeric(d$udd), setNames(1:6, udd), label = "Uddannelse"),
                 koen = labelled(ifelse(d$koen == "Mand", 1, 2), c(Mand = 1, Kvinde = 2),
                                 label = "Køn"),
                 alder = d$alder)
write_sav(pd, path("_p_main.sav"))
ks <- c("Aarhus", "Odense", "Fanø")
sm <- data.frame(kommune = labelled(c(sample(1:2, 600, TRUE), 3, 3, 3, 3),
                                    setNames(1:3, ks), label = "Kommune"),
                 koen = labelled(c(sample(1:2, 600, TRUE), 1, 2, 2, 2), c(Mand = 1, Kvinde = 2),
                                 label = "Køn"),
                 indkomst = c(round(exp(rnorm(600, 12.6, 0.4))), 246600, 390301, 301200, 288100))
write_sav(sm, path("_p_small.sav"))
sm2 <- sm[1:602, ]
write_sav(sm2, path("_p_small2.sav"))
"""
)

PSPP_RUNS = (
    (
        "heldout2_pspp_chisq.txt",
        "_p_main.sav",
        "CROSSTABS /TABLES=udd BY koen /STATISTICS=CHISQ.",
    ),
    (
        "heldout2_pspp_freq_stats.html",
        "_p_main.sav",
        "FREQUENCIES VARIABLES=alder /FORMAT=NOTABLE /STATISTICS=MEAN MEDIAN STDDEV.",
    ),
    (
        "heldout2_pspp_chisq_small.txt",
        "_p_small.sav",
        "CROSSTABS /TABLES=kommune BY koen /STATISTICS=CHISQ.",
    ),
    (
        "heldout2_pspp_split_desc.txt",
        "_p_small2.sav",
        "SORT CASES BY kommune.\nSPLIT FILE BY kommune.\nDESCRIPTIVES VARIABLES=indkomst.",
    ),
)


def _stata_opened(log: str) -> str:
    return stata_log_opened(log, at="20 Nov 2026, 09:41:02")


TABSTAT = """
. tabstat indkomst, by(region) stat(n mean p50)

Summary for variables: indkomst
Group variable: region (Bopælsregion)

     region |         N      Mean       p50
------------+------------------------------
Hovedstaden |      3889  352113.4    318200
   Sjælland |      1825  301877.2    287400
 Syddanmark |      2601  311902.8    294100
Midtjylland |      2835  318455.1    299800
Nordjylland |      1258  296004.6    281300
------------+------------------------------
      Total |     12408  325311.9    301100
-------------------------------------------
"""

TABSTAT_SMALL = """
. tabstat indkomst, by(kom) stat(n mean min max)

Summary for variables: indkomst
Group variable: kom (Bopælskommune)

     kom |         N      Mean       Min       Max
---------+----------------------------------------
  Aarhus |      1412  322118.7     11870   2980221
  Odense |       877  311902.8     15300   2011870
    Læsø |         2  318450.5    246600    390301
---------+----------------------------------------
   Total |      2291  318266.3     11870   2980221
--------------------------------------------------
"""

MARGINS = """
. margins, dydx(*)

Average marginal effects                                Number of obs = 12,408
Model VCE: OIM

Expression: Pr(ryger), predict()
dy/dx wrt:  1.koen alder

------------------------------------------------------------------------------
             |            Delta-method
             |      dy/dx   std. err.      z    P>|z|     [95% conf. interval]
-------------+----------------------------------------------------------------
        koen |
     Kvinde  |  -.0412331   .0082714    -4.98   0.000    -.0574447   -.0250215
       alder |  -.0025012   .0002811    -8.90   0.000    -.0030522   -.0019502
------------------------------------------------------------------------------
Note: dy/dx for factor levels is the discrete change from the base level.
"""


def _list_clean(rng: random.Random) -> str:
    months = ("jan", "mar", "may", "jul", "sep", "nov")
    lines = ["", ". list foed_dag koen kom indkomst in 1/15, clean noobs", ""]
    lines.append("     foed_dag     koen   kom   indkomst")
    for _ in range(15):
        birth = f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(1940, 1999)}"
        lines.append(
            f"    {birth}   {rng.choice(('Mand', 'Kvinde')):>6}   "
            f"{rng.choice((101, 461, 751, 851))}   {rng.randint(98000, 690000):>8}"
        )
    return "\n".join(lines) + "\n"


SAS_HEAD = "1                                       The SAS System\n"


def _sas_crosstab(title: str, rows: list[tuple[str, int, int]]) -> str:
    total = sum(m + w for _, m, w in rows)
    men, women = sum(m for _, m, _ in rows), sum(w for _, _, w in rows)
    out = [
        SAS_HEAD,
        "                                        The FREQ Procedure",
        "",
        f"                                      Table of {title} by koen",
        "",
        f"                          {title:<12}     koen",
        "",
        "                          Frequency   |",
        "                          Percent     |",
        "                          Row Pct     |",
        "                          Col Pct     |Mand    |Kvinde  |  Total",
        "                          ------------+--------+--------+",
    ]
    for name, m, w in rows:
        row = m + w
        out += [
            f"                          {name:<12}|{m:>8}|{w:>8}|{row:>7}",
            f"                                      |{100 * m / total:>8.2f}|"
            f"{100 * w / total:>8.2f}|{100 * row / total:>7.2f}",
            f"{' ' * 38}|{100 * m / row:>8.2f}|{100 * w / row:>8.2f}|",
            f"{' ' * 38}|{100 * m / men:>8.2f}|{100 * w / women:>8.2f}|",
            "                          ------------+--------+--------+",
        ]
    out += [
        f"                          Total        {men:>8} {women:>8} {total:>7}",
        f"                                       {100 * men / total:>8.2f} "
        f"{100 * women / total:>8.2f}  100.00",
    ]
    return "\n".join(out) + "\n"


SAS_LOGISTIC = (
    SAS_HEAD
    + """
                                       The LOGISTIC Procedure

                                         Model Information

                           Data Set                      PROJ.ANALYSE
                           Response Variable             ryger
                           Number of Response Levels     2
                           Model                         binary logit
                           Optimization Technique        Fisher's scoring

                                Number of Observations Read       12408
                                Number of Observations Used       12408

                                          Response Profile

                                 Ordered                      Total
                                   Value        ryger     Frequency

                                       1            1          4285
                                       2            0          8123

                                   Probability modeled is ryger=1.

                                        Odds Ratio Estimates

                                             Point          95% Wald
                           Effect         Estimate      Confidence Limits

                           koen 2 vs 1       0.812       0.748       0.882
                           alder             0.987       0.984       0.990
"""
)

SAS_LOG_PNR = f"""\
NOTE: SAS (r) Proprietary Software 9.4 (TS1M7)
1          proc sort data=proj.lisa out=lisa nodupkey dupout=dubletter;
2            by personnr;
3          run;

NOTE: There were 1204331 observations read from the data set PROJ.LISA.
NOTE: 1 observations with duplicate key values were deleted.
NOTE: The data set WORK.LISA has 1204330 observations and 14 variables.
4          data _null_;
5            set dubletter;
6            put "WARNING: dubblett i personnr " personnr;
7          run;

WARNING: dubblett i personnr {PNR_LOG}
NOTE: There were 1 observations read from the data set WORK.DUBLETTER.
"""

XTABLE = r"""% latex table generated in R 4.3.1 by xtable 1.8-4 package
% Tue Nov 17 10:02:11 2026
\begin{table}[ht]
\centering
\begin{tabular}{rlrr}
  \hline
 & Region & Mænd & Kvinder \\
  \hline
1 & Hovedstaden & 1912 & 1977 \\
  2 & Sjælland & 904 & 921 \\
  3 & Syddanmark & 1311 & 1290 \\
  4 & Midtjylland & 1402 & 1433 \\
  5 & Nordjylland & 41 & 48 \\
   \hline
\end{tabular}
\end{table}
"""


def _excluded_html() -> str:
    rows = "\n".join(
        f"<tr><td>{number}</td><td>{reason}</td></tr>"
        for number, reason in zip(
            CPR_LIST,
            (
                "dødsdato før diagnose",
                "udvandret",
                "dublet",
                "manglende køn",
                "udvandret",
                "dublet",
            ),
            strict=True,
        )
    )
    return f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Eksklusioner</title></head><body>
<h2>Personer ekskluderet fra analysen</h2>
<table border="1">
<tr><th>CPR</th><th>Årsag</th></tr>
{rows}
</table>
<p>I alt 6 personer blev ekskluderet fra kohorten på 12.408 personer.</p>
</body></html>
"""


def write(folder: Path) -> None:
    rscript = require("Rscript")
    pspp = require("pspp")
    script = folder / "make_heldout2.R"
    script.write_text(R_SCRIPT.replace("@CPR_COMMENT@", CPR_COMMENT), encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
    run_pspp(pspp, folder, PSPP_RUNS)
    for temp in folder.glob("_p_*.sav"):
        temp.unlink()
    rng = random.Random(99)
    texts = {
        "heldout2_stata_tabstat.log": _stata_opened("tabstat.log") + TABSTAT,
        "heldout2_stata_tabstat_small.log": _stata_opened("kom.log") + TABSTAT_SMALL,
        "heldout2_stata_margins.log": _stata_opened("margins.log") + MARGINS,
        "heldout2_stata_list_clean.log": _stata_opened("tjek.log") + _list_clean(rng),
        "heldout2_sas_freq_crosstab.lst": _sas_crosstab(
            "region",
            [("Hovedstaden", 1912, 1977), ("Sjælland", 904, 921), ("Syddanmark", 1311, 1290)],
        ),
        "heldout2_sas_freq_crosstab_small.lst": _sas_crosstab(
            "kommune", [("Aarhus", 1402, 1433), ("Odense", 877, 901), ("Læsø", 4, 2)]
        ),
        "heldout2_sas_logistic_profile.lst": SAS_LOGISTIC,
        "heldout2_sas_log_pnr.log": SAS_LOG_PNR,
        "heldout2_xtable.tex": XTABLE,
        "heldout2_excluded_cpr.html": _excluded_html(),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
