"""A fifth, blind held-out round (May 2026): labelled before the scanner ran on any file.

Its author read only the rules (seed 001, SCANNING.md), the finding-code list and the corpus
mechanics; not the detectors, their tests or earlier labels. It aims at what could fool a
scanner either way. Clean files that may look risky: a 98-municipality x 10-year x sex table
with many 3s and 4s and a zero, Danish thousands separators, rates with decimals, Cox and logit
summaries, a codebook that names `pnr` and `bopikom` without values, a project note full of
10-digit numbers that are not CPR numbers, a correctly suppressed table, PSPP output of a large
sample, LibreOffice reports. Risky files that may look clean: one CPR number in a docx footer,
comment, tracked deletion or document title, a Finnish HETU in a text box, hidden rows, a
very-hidden sheet, a hidden column, a cell note, a count of 1 deep in a long table, a cross-tab
row of 2, a footnote with 2 persons in a PDF, a suppressed cell recoverable from the total,
person rows without a key (`head()`, xlsx, dta, PSPP LIST), a Swedish personnummer and a
Norwegian fødselsnummer. A Kaplan-Meier curve drawn without its table goes to review.

Made by: one Rscript run (base R, haven, openxlsx, survival), one `pspp` run per output file,
`soffice --headless --convert-to` from flat ODF (fodt, fods) and csv sources, and text typed to
the layouts of Stata 17 logs, SAS 9.4 listings and logs and a LaTeX report.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

from tests.corpus_real.identity_numbers import (
    cpr_mod11,
    dk_cpr,
    fi_hetu,
    first_number,
    no_fnr,
    se_pnr,
)
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, review, risk
from tests.corpus_real.tools import (
    r_preamble,
    require,
    run,
    run_pspp,
    soffice_convert,
    stata_log_closed,
    stata_log_opened,
)

TOOL = "R, PSPP, LibreOffice and Stata/SAS/LaTeX layouts (blind held-out round 5)"
EXECUTABLES = ("Rscript", "pspp", "soffice")

HIDDEN = "hidden"
DIFFERENCING = "table.differencing"
NOT_DK = ("identifier.dk_cpr",)

_RNG = random.Random(20260505)
CPR_FOOTER = dk_cpr(_RNG)
CPR_COMMENT = dk_cpr(_RNG)
CPR_DELETED = dk_cpr(_RNG)
CPR_TITLE = dk_cpr(_RNG)
CPR_NOTE = dk_cpr(_RNG)
CPR_HIDDEN_COLUMN = [dk_cpr(_RNG, dash=False) for _ in range(5)]
CPR_VERY_HIDDEN = [dk_cpr(_RNG, dash=False) for _ in range(40)]
SE_PNR = se_pnr(_RNG)
NO_FNR = no_fnr(_RNG)
FI_HETU = fi_hetu(_RNG)
while not FI_HETU[-1].isalpha():  # a check letter: the number cannot be read as a CPR
    FI_HETU = fi_hetu(_RNG)


# A case number whose digits read as a valid date (24-03-15) but fail mod 11.
CASE_NUMBER = first_number(2403150932, lambda s: not cpr_mod11(s))

LABELS = (
    # --- R --------------------------------------------------------------------------------
    clean(
        "r5_r_kommune_aar_koen.csv",
        "An aggregate of 98 municipalities x 10 years x sex (1960 rows), write.csv2 with ';' "
        "and decimal commas: every count is 3 or more (many 3s and 4s, which pass), the "
        "rate per 1,000 has decimals; a grouped table, not unit records.",
    ),
    risk(
        "r5_r_kommune_small_deep.csv",
        "The same kind of municipality x year x sex table, but one count deep inside "
        "(row 1377) is 1: a cell below the minimum of 3.",
        SMALL_CELL,
    ),
    clean(
        "r5_r_coxph_summary.txt",
        "R summary() of a Cox model on 4000 persons with hundreds of events: coefficients, "
        "hazard ratios, CIs, tests and n; estimation output is safe.",
    ),
    clean(
        "r5_r_glm_summary.txt",
        "R summary() of a logistic glm and its odds ratios with Wald CIs: coefficients, "
        "standard errors, deviances with degrees of freedom; no counts below 3.",
    ),
    risk(
        "r5_r_head_persons.txt",
        "R console print of head(kohorte, 12): one row per person with age, sex, municipality, "
        "diagnosis code, full diagnosis date and income; unit records, even without a key.",
        MICRODATA,
    ),
    risk(
        "r5_r_persons_nokey.xlsx",
        "openxlsx sheet of 250 persons: age, sex, municipality, full diagnosis date, income; "
        "row-level data with the key removed is still microdata.",
        MICRODATA,
    ),
    risk(
        "r5_r_hidden_rows.xlsx",
        "A clean region x sex table on top, but rows 10-49 are hidden and hold 40 person rows "
        "(age, sex, municipality, income): microdata a reader of the sheet would not see.",
        HIDDEN,
        MICRODATA,
    ),
    risk(
        "r5_r_veryhidden.xlsx",
        "A clean table on the visible sheet; a veryHidden sheet 'udtraek' holds 40 person rows "
        "with a pnr column of CPR numbers.",
        HIDDEN,
        IDENTIFIER,
        MICRODATA,
    ),
    risk(
        "r5_r_note_cpr.xlsx",
        "A clean aggregate table whose cell C4 carries a note naming one CPR number "
        "(a person checked for double registration).",
        "hidden.comment",
        IDENTIFIER,
    ),
    risk(
        "r5_r_persons.dta",
        "Stata data set written by haven: 500 persons with age, sex, municipality, ICD-10 "
        "diagnosis and diagnosis date, no key: unit records.",
        MICRODATA,
    ),
    clean(
        "r5_r_agg_diag.sav",
        "SPSS data set of an aggregate: region x diagnosis group x year with counts, one of "
        "them 0 (a zero is not a small cell) and the others 3 or more.",
    ),
    review(
        "r5_r_km_curve.png",
        "A Kaplan-Meier curve drawn by R with no numbers at risk: the table it was drawn from "
        "is not in the file, and a graph is judged as its table, so a person must look.",
    ),
    clean(
        "r5_r_codebook.csv",
        "A codebook (variable, type, description, source) naming pnr, cpr_mor, bopikom and "
        "foed_dag as variables of the project, without a single value of them.",
    ),
    risk(
        "r5_r_se_table.csv",
        "A clean table of counts by Swedish county, but the footnote row names the excluded "
        "duplicate by personnummer: a Swedish identifier in output.",
        "identifier.se_pnr",
        not_codes=NOT_DK,
    ),
    # --- PSPP -----------------------------------------------------------------------------
    clean(
        "r5_pspp_freq_large.txt",
        "PSPP FREQUENCIES of region and age group on 20000 persons: every frequency is in the "
        "hundreds or thousands.",
    ),
    risk(
        "r5_pspp_list.txt",
        "PSPP LIST of the first 25 cases: age, sex, municipality, income per person.",
        MICRODATA,
    ),
    risk(
        "r5_pspp_crosstab_margin.html",
        "PSPP CROSSTABS diagnosis by sex: diagnosis E13 has 2 men, 0 women, total 2: "
        "a cell and a row margin below 3.",
        SMALL_CELL,
    ),
    clean(
        "r5_pspp_regression.spv",
        "PSPP REGRESSION (coefficients, ANOVA with df and N) on 3000 persons: estimation output.",
    ),
    clean(
        "r5_pspp_means.html",
        "PSPP MEANS of income by region with mean, N and std. deviation; every N is large.",
    ),
    # --- LibreOffice ----------------------------------------------------------------------
    clean(
        "r5_lo_report.docx",
        "Writer report converted to docx: counts with thousands separators (12.345), shares "
        "and rates with decimal commas, ICD-10 codes, years and year-months, a regression "
        "table with N; nothing below 3.",
    ),
    clean(
        "r5_lo_report.pdf",
        "The same clean Writer report exported to PDF.",
    ),
    clean(
        "r5_lo_suppressed.rtf",
        "Writer RTF with a table of counts by municipality where one cell is shown as '<3' and "
        "no total or percentage is given, so it cannot be recovered: suppression done right.",
    ),
    clean(
        "r5_lo_kommuner.ods",
        "Calc sheet from a Danish-locale csv: persons by municipality and sex with thousands "
        "separators; one municipality has 0 women in a category, all other counts are >= 3.",
    ),
    risk(
        "r5_lo_footer_cpr.docx",
        "A clean report whose page footer carries one CPR number ('Udarbejdet for sag "
        "vedr. <CPR>').",
        IDENTIFIER,
    ),
    risk(
        "r5_lo_comment_cpr.docx",
        "A clean report with a reviewer's comment naming one CPR number.",
        IDENTIFIER,
        "hidden.comment",
    ),
    risk(
        "r5_lo_tracked_cpr.docx",
        "A clean report whose tracked changes keep a deleted sentence with a CPR number.",
        IDENTIFIER,
        "hidden.tracked_changes",
    ),
    risk(
        "r5_lo_props_cpr.docx",
        "A clean report whose document title and keywords name a CPR number.",
        IDENTIFIER,
        "hidden.metadata",
    ),
    risk(
        "r5_lo_textbox_hetu.docx",
        "A clean report with a text box that names a Finnish HETU of an excluded person.",
        "identifier.fi_hetu",
        not_codes=NOT_DK,
    ),
    risk(
        "r5_lo_footnote_small.pdf",
        "A PDF from Writer: the table is large counts, but its footnote says 2 of the "
        "persons lived on Læsø: a count below 3.",
        SMALL_CELL,
    ),
    risk(
        "r5_lo_hidden_column.xlsx",
        "Calc sheet of counts by region with a hidden column holding a CPR number per row.",
        IDENTIFIER,
        HIDDEN,
    ),
    # --- Stata, SAS, LaTeX typed to their layouts -----------------------------------------
    clean(
        "r5_stata_logit.log",
        "Stata 17 logit with odds ratios on 48,211 persons: iterations, LR chi2, Pseudo R2, "
        "coefficients and CIs.",
    ),
    clean(
        "r5_sas_freq.lst",
        "SAS PROC FREQ one-way table of region with frequencies in the thousands.",
    ),
    risk(
        "r5_tex_derivable.tex",
        "A LaTeX table with one region suppressed as '<3' but the total row shown: the "
        "suppressed count is the total minus the other cells (2).",
        DIFFERENCING,
        SMALL_CELL,
    ),
    risk(
        "r5_sas_log_fnr.log",
        "SAS log 'Invalid data' note that dumps the input record: a Norwegian fødselsnummer "
        "with the person's birth date and municipality.",
        "identifier.no_fnr",
        MICRODATA,
        not_codes=NOT_DK,
    ),
    clean(
        "r5_projektnote.txt",
        "A project note with phone numbers (+45), a case number, a bank account, a DKK amount "
        "with separators, a file size and a Unix timestamp: 10-digit numbers none of which "
        "is a CPR number.",
    ),
)

KOMMUNER = (
    "101 147 151 153 155 157 159 161 163 165 167 169 173 175 183 185 187 190 201 210 217 219 "
    "223 230 240 250 253 259 260 265 269 270 306 316 320 326 329 330 336 340 350 360 370 376 "
    "390 400 410 420 430 440 450 461 479 480 482 492 510 530 540 550 561 563 573 575 580 607 "
    "615 621 630 657 661 665 671 706 707 710 727 730 740 741 746 751 756 760 766 773 779 787 "
    "791 810 813 820 825 840 846 849 851 860"
)

# --- one Rscript run -------------------------------------------------------------------------

_PREAMBLE = r_preamble(
    libraries=["haven", "openxlsx", "survival"], options="width = 100", seed=20260505
)
R_SCRIPT = (
    _PREAMBLE
    + r"""kom <- as.integer(strsplit("@KOMMUNER@", " ")[[1]])
tab <- function() {
  g <- expand.grid(koen = c("Mand", "Kvinde"), aar = 2014:2023, kommune = kom,
                   stringsAsFactors = FALSE)
  g <- g[, c("kommune", "aar", "koen")]
  size <- exp(rnorm(length(kom), 3.2, 1.1))
  g$antal <- pmax(3L, as.integer(rpois(nrow(g), rep(size, each = 20))))
  g$befolkning <- as.integer(round(rep(size, each = 20) * runif(nrow(g), 170, 190)))
  g$rate_pr_1000 <- round(1000 * g$antal / g$befolkning, 2)
  g
}
g1 <- tab()
write.csv2(g1, path("r5_r_kommune_aar_koen.csv"), row.names = FALSE, fileEncoding = "UTF-8")
g2 <- tab()
g2$antal[1377] <- 1L
g2$rate_pr_1000 <- round(1000 * g2$antal / g2$befolkning, 2)
write.csv2(g2, path("r5_r_kommune_small_deep.csv"), row.names = FALSE, fileEncoding = "UTF-8")

regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
n <- 4000
kohorte <- data.frame(
  alder = sample(30:84, n, TRUE),
  koen = sample(c("Mand", "Kvinde"), n, TRUE),
  kommune = sample(kom, n, TRUE),
  region = factor(sample(regioner, n, TRUE, prob = c(.32, .15, .21, .23, .09)), regioner),
  udd = factor(sample(c("Grundskole", "Erhvervsfaglig", "Videregående"), n, TRUE)),
  diag = sample(c("E10", "E11", "I21", "I63", "C50", "J44"), n, TRUE),
  diagdato = as.Date("2015-01-01") + sample(0:3200, n, TRUE),
  indkomst = round(exp(rnorm(n, 12.7, 0.45)), -2),
  stringsAsFactors = FALSE
)
kohorte$tid <- round(rexp(n, 0.08 + 0.002 * (kohorte$alder - 30)), 2)
kohorte$doed <- as.integer(kohorte$tid < 8)
kohorte$tid <- pmin(kohorte$tid, 8)
kohorte$diab <- rbinom(n, 1, plogis(-4 + 0.04 * kohorte$alder))
console("r5_r_coxph_summary.txt", "fit <- coxph(Surv(tid, doed) ~ alder + koen + region,
  data = kohorte)
summary(fit)")
console("r5_r_glm_summary.txt", "fit2 <- glm(diab ~ alder + koen + udd, family = binomial,
  data = kohorte)
summary(fit2)
round(exp(cbind(OR = coef(fit2), confint.default(fit2))), 3)")
persons <- c("alder", "koen", "kommune", "diag", "diagdato", "indkomst")
console("r5_r_head_persons.txt", "head(kohorte[, persons], 12)")
write.xlsx(kohorte[1:250, persons], path("r5_r_persons_nokey.xlsx"))

agg <- as.data.frame.matrix(table(kohorte$region, kohorte$koen))
agg <- data.frame(region = rownames(agg), agg, row.names = NULL)
wb <- createWorkbook()
addWorksheet(wb, "Tabel")
writeData(wb, "Tabel", agg)
writeData(wb, "Tabel", kohorte[1:40, c("alder", "koen", "kommune", "indkomst")],
          startRow = 10, colNames = FALSE)
groupRows(wb, "Tabel", rows = 10:49, hidden = TRUE)
saveWorkbook(wb, path("r5_r_hidden_rows.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "Tabel")
writeData(wb, "Tabel", agg)
addWorksheet(wb, "udtraek")
writeData(wb, "udtraek", data.frame(pnr = strsplit("@CPR_VERY_HIDDEN@", " ")[[1]],
                                     kohorte[1:40, c("alder", "koen", "indkomst")]))
sheetVisibility(wb)[2] <- "veryHidden"
saveWorkbook(wb, path("r5_r_veryhidden.xlsx"), overwrite = TRUE)

yr <- as.data.frame.matrix(table(kohorte$region, format(kohorte$diagdato, "%Y")))
yr <- data.frame(region = rownames(yr), yr, row.names = NULL, check.names = FALSE)
wb <- createWorkbook()
addWorksheet(wb, "Nye tilfælde")
writeData(wb, 1, yr)
writeComment(wb, 1, col = 3, row = 4, comment = createComment(
  comment = "Tjek: @CPR_NOTE@ dobbeltregistreret i BEF, fjernet", author = "au4711"))
saveWorkbook(wb, path("r5_r_note_cpr.xlsx"), overwrite = TRUE)

write_dta(kohorte[1:500, c("alder", "koen", "kommune", "diag", "diagdato")],
          path("r5_r_persons.dta"))

ad <- expand.grid(region = regioner, diaggrp = c("E10", "E11", "I21", "I63"), aar = 2018:2023,
                  stringsAsFactors = FALSE)
ad$antal <- pmax(3L, as.integer(rpois(nrow(ad), 140)))
ad$antal[7] <- 0L
write_sav(ad, path("r5_r_agg_diag.sav"))

png(path("r5_r_km_curve.png"), width = 800, height = 600)
km <- survfit(Surv(tid, doed) ~ koen, data = kohorte[1:60, ])
plot(km, col = c("firebrick", "navy"), lwd = 2, xlab = "År siden diagnose",
     ylab = "Andel i live", main = "Overlevelse efter køn")
legend("bottomleft", c("Kvinde", "Mand"), col = c("firebrick", "navy"), lwd = 2)
invisible(dev.off())

codebook <- data.frame(
  variabel = c("pnr", "cpr_mor", "bopikom", "foed_dag", "koen", "alder", "kom", "diag",
               "diagdato", "indkomst"),
  type = c("char(10)", "char(10)", "num", "date", "num", "num", "num", "char(4)", "date", "num"),
  beskrivelse = c("Pseudonymiseret personnummer", "Moderens pseudonymiserede personnummer",
                  "Adressekode (pseudonymiseret)", "Fødselsdato", "Køn (1 = mand, 2 = kvinde)",
                  "Alder 31.12", "Bopælskommune", "Aktionsdiagnose (ICD-10)",
                  "Dato for første diagnose", "Personindkomst i alt, kr."),
  kilde = c("BEF", "BEF", "BEF", "BEF", "BEF", "BEF", "BEF", "LPR", "LPR", "IND")
)
write.csv2(codebook, path("r5_r_codebook.csv"), row.names = FALSE, fileEncoding = "UTF-8")

lan <- c("Stockholms län", "Uppsala län", "Skåne län", "Västra Götalands län", "Östergötlands län",
         "Jönköpings län", "Norrbottens län")
se <- data.frame(lan = lan, antal_personer = as.integer(round(runif(7, 2400, 31000))))
se$andel_procent <- round(100 * se$antal_personer / sum(se$antal_personer), 1)
write.csv2(se, path("r5_r_se_table.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat("Exkluderad dubblett: personnummer @SE_PNR@ (finns två gånger i RTB 2021)\n",
    file = path("r5_r_se_table.csv"), append = TRUE)

m <- 20000
main <- data.frame(
  region = labelled(sample(1:5, m, TRUE, prob = c(.32, .15, .21, .23, .09)),
                    c(Hovedstaden = 1, "Sjælland" = 2, Syddanmark = 3, Midtjylland = 4,
                      Nordjylland = 5)),
  aldersgrp = labelled(sample(1:5, m, TRUE), c("18-29" = 1, "30-44" = 2, "45-59" = 3,
                                                "60-74" = 4, "75+" = 5)),
  alder = sample(18:90, m, TRUE),
  koen = labelled(sample(1:2, m, TRUE), c(Mand = 1, Kvinde = 2)),
  kommune = sample(kom, m, TRUE),
  indkomst = round(exp(rnorm(m, 12.7, 0.45)), -2)
)
main$indkomst <- round(main$indkomst + 2500 * (main$koen == 1) + 900 * main$alder, -2)
write_sav(main, path("_r5_main.sav"))
write_sav(main[1:3000, ], path("_r5_reg.sav"))
d <- c(sample(c(1, 2, 4), 2998, TRUE, prob = c(.2, .7, .1)), 3, 3)
diab <- data.frame(
  diag = labelled(d, c("E10 Type 1-diabetes" = 1, "E11 Type 2-diabetes" = 2,
                       "E13 Anden diabetes" = 3, "E14 Uspecificeret" = 4)),
  koen = labelled(c(sample(1:2, 2998, TRUE), 1, 1), c(Mand = 1, Kvinde = 2))
)
write_sav(diab, path("_r5_diab.sav"))
"""
)

PSPP_RUNS = (
    ("r5_pspp_freq_large.txt", "_r5_main.sav", "FREQUENCIES VARIABLES=region aldersgrp."),
    (
        "r5_pspp_list.txt",
        "_r5_main.sav",
        "LIST VARIABLES=alder koen kommune indkomst /CASES=FROM 1 TO 25.",
    ),
    ("r5_pspp_crosstab_margin.html", "_r5_diab.sav", "CROSSTABS /TABLES=diag BY koen."),
    (
        "r5_pspp_regression.spv",
        "_r5_reg.sav",
        "REGRESSION /VARIABLES=alder koen /DEPENDENT=indkomst /STATISTICS=COEFF R ANOVA.",
    ),
    (
        "r5_pspp_means.html",
        "_r5_main.sav",
        "MEANS TABLES=indkomst BY region /CELLS=MEAN COUNT STDDEV.",
    ),
)


def _r_script() -> str:
    return (
        R_SCRIPT.replace("@KOMMUNER@", KOMMUNER)
        .replace("@CPR_VERY_HIDDEN@", " ".join(CPR_VERY_HIDDEN))
        .replace("@CPR_NOTE@", CPR_NOTE)
        .replace("@SE_PNR@", SE_PNR)
    )


def _write_r_and_pspp(folder: Path) -> None:
    rscript = require("Rscript")
    pspp = require("pspp")
    script = folder / "make_round5.R"
    script.write_text(_r_script(), encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
    run_pspp(pspp, folder, PSPP_RUNS)
    for temp in folder.glob("_r5_*.sav"):
        temp.unlink()


# --- LibreOffice: flat ODF sources converted by soffice ------------------------------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)


def _p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def _table(name: str, rows: list[list[str]]) -> str:
    columns = len(rows[0])
    out = [
        f'<table:table table:name="{name}">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
    ]
    for row in rows:
        cells = "".join(
            f'<table:table-cell office:value-type="string">{_p(escape(v))}</table:table-cell>'
            for v in row
        )
        out.append(f"<table:table-row>{cells}</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def _fodt(
    body: str, *, title: str = "Diabetes i Danmark 2014-2023", keywords: str = "", footer: str = ""
) -> str:
    keyword = f"<meta:keyword>{escape(keywords)}</meta:keyword>" if keywords else ""
    footer_xml = f"<style:footer>{_p(escape(footer))}</style:footer>" if footer else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_ODF_NS} office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:meta><dc:title>{escape(title)}</dc:title>{keyword}"
        "<meta:initial-creator>au4711</meta:initial-creator></office:meta>"
        '<office:automatic-styles><style:page-layout style:name="pm1">'
        '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
        'fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm"/>'
        "</style:footer-style></style:page-layout></office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" '
        f'style:page-layout-name="pm1">{footer_xml}</style:master-page></office:master-styles>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document>\n"
    )


def _ci(estimate: float, half: float) -> str:
    low, high = estimate - half, estimate + half
    return f"{low:.1f}–{high:.1f}".replace(".", ",")


def _report_body(rng: random.Random, *, extra: str = "", first_paragraph_extra: str = "") -> str:
    years = [
        [str(y), f"{rng.randint(28000, 36000):,}".replace(",", "."), f"{rng.uniform(560, 660):.1f}"]
        for y in range(2014, 2024)
    ]
    years = [[y, n, r.replace(".", ","), _ci(float(r), rng.uniform(5, 9))] for y, n, r in years]
    icd = [
        ["E10", "Type 1-diabetes", "41.207", "12,6 %"],
        ["E11", "Type 2-diabetes", "268.954", "82,1 %"],
        ["E13", "Anden diabetes", "9.872", "3,0 %"],
        ["E14", "Uspecificeret diabetes", "7.533", "2,3 %"],
    ]
    regression = [
        ["Variabel", "OR", "95 %-CI", "p"],
        ["Alder (pr. 10 år)", "1,58", "1,55–1,61", "<0,001"],
        ["Mand (ref. kvinde)", "1,21", "1,17–1,25", "<0,001"],
        ["Videregående uddannelse", "0,72", "0,69–0,76", "<0,001"],
        ["N = 48.211 personer, 3.904 hændelser", "", "", ""],
    ]
    return (
        _p("Diabetes i Danmark 2014-2023", "Heading")
        + _p(
            "Opgørelsen bygger på Landspatientregistret (LPR) og Lægemiddelstatistikregistret, "
            "opfølgning til 2023-12. Incidensen er pr. 100.000 personer." + first_paragraph_extra
        )
        + _table("Tabel1", [["År", "Nye tilfælde", "Incidens", "95 %-CI"], *years])
        + _p("Tabel 2. Prævalente tilfælde 2023 efter ICD-10-diagnose.")
        + _table("Tabel2", [["ICD-10", "Diagnose", "Antal", "Andel"], *icd])
        + extra
        + _p("Tabel 3. Logistisk regression af diabetes 2023.")
        + _table("Tabel3", regression)
    )


def _writer_sources(rng: random.Random) -> dict[str, str]:
    comment = (
        "<office:annotation><dc:creator>au4711</dc:creator><dc:date>2026-04-02T10:12:00</dc:date>"
        f"{_p('Er ' + CPR_COMMENT + ' fjernet fra kohorten? Han optræder to gange.')}"
        "</office:annotation>"
    )
    tracked = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>au4711</dc:creator>"
        "<dc:date>2026-04-02T10:15:00</dc:date></office:change-info>"
        f"{_p('Person ' + CPR_DELETED + ' er udeladt på grund af dobbeltregistrering.')}"
        "</text:deletion></text:changed-region></text:tracked-changes>"
    )
    textbox = (
        '<draw:frame draw:name="Tekstfelt 1" text:anchor-type="paragraph" svg:width="9cm" '
        'svg:height="1.5cm"><draw:text-box>'
        f"{_p('Huom: poistettu henkilö ' + FI_HETU + ' (kaksoisrekisteröinti, THL).')}"
        "</draw:text-box></draw:frame>"
    )
    footnote = (
        '<text:note text:id="ftn1" text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation>"
        "<text:note-body>"
        + _p("Heraf 2 personer med bopæl på Læsø, som indgår i Region Nordjylland.")
        + "</text:note-body></text:note>"
    )
    suppressed = _table(
        "Tabel1",
        [
            ["Kommune", "Personer med type 1-diabetes, 2023"],
            ["Frederikshavn", "231"],
            ["Hjørring", "244"],
            ["Brønderslev", "127"],
            ["Læsø", "<3"],
            ["Jammerbugt", "139"],
        ],
    )
    return {
        "r5_lo_report": _fodt(_report_body(random.Random(5))),
        "r5_lo_footer_cpr": _fodt(
            _report_body(random.Random(6)), footer=f"Udarbejdet for sag vedr. {CPR_FOOTER}"
        ),
        "r5_lo_comment_cpr": _fodt(_report_body(random.Random(7), first_paragraph_extra=comment)),
        "r5_lo_tracked_cpr": _fodt(
            tracked
            + _report_body(
                random.Random(8), first_paragraph_extra='<text:change text:change-id="ct1"/>'
            )
        ),
        "r5_lo_props_cpr": _fodt(
            _report_body(random.Random(9)),
            title=f"Opfølgning {CPR_TITLE}",
            keywords=f"diabetes; {CPR_TITLE}",
        ),
        "r5_lo_textbox_hetu": _fodt(_report_body(random.Random(10), first_paragraph_extra=textbox)),
        "r5_lo_footnote_small": _fodt(
            _report_body(
                random.Random(11),
                extra=_p(
                    "Tabel 2a. Type 1-diabetes i Region Nordjylland: 3.412 personer." + footnote
                ),
            )
        ),
        "r5_lo_suppressed": _fodt(
            _p("Type 1-diabetes i Region Nordjylland efter kommune", "Heading")
            + suppressed
            + _p("&lt;3: færre end 3 personer; tallet er udeladt af diskretionshensyn.")
        ),
    }


def _fods(rows: list[list[object]], *, hidden_column: int | None = None) -> str:
    columns = len(rows[0])
    cols = "".join(
        '<table:table-column table:visibility="collapse"/>'
        if i == hidden_column
        else "<table:table-column/>"
        for i in range(columns)
    )
    body = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, int):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"{_p(str(value))}</table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string">{_p(escape(str(value)))}'
                    "</table:table-cell>"
                )
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document {_ODF_NS} "
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        '<office:body><office:spreadsheet><table:table table:name="Tabel">'
        f"{cols}{''.join(body)}</table:table></office:spreadsheet></office:body>"
        "</office:document>\n"
    )


REGIONER = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")


def _hidden_column_fods(rng: random.Random) -> str:
    rows: list[list[object]] = [["Region", "pnr_tjek", "Personer", "Heraf mænd"]]
    for region, cpr in zip(REGIONER, CPR_HIDDEN_COLUMN, strict=True):
        total = rng.randint(3000, 12000)
        rows.append([region, cpr, total, total * rng.randint(45, 55) // 100])
    return _fods(rows, hidden_column=1)


KOMMUNE_NAVNE = (
    "København Frederiksberg Ballerup Brøndby Dragør Gentofte Gladsaxe Glostrup Herlev "
    "Albertslund Hvidovre Høje-Taastrup Lyngby-Taarbæk Rødovre Ishøj Tårnby Vallensbæk "
    "Furesø Allerød Fredensborg Helsingør Hillerød Hørsholm Rudersdal Egedal Frederikssund "
    "Greve Køge Halsnæs Roskilde Solrød Gribskov Odsherred Holbæk Faxe Kalundborg Ringsted "
    "Slagelse Stevns Sorø Lejre Lolland Næstved Guldborgsund Vordingborg Bornholm Middelfart "
    "Assens Faaborg-Midtfyn Kerteminde Nyborg Odense Svendborg Nordfyns Langeland Ærø "
    "Haderslev Billund Sønderborg Tønder Esbjerg Fanø Varde Vejen Aabenraa Fredericia Horsens "
    "Kolding Vejle Herning Holstebro Lemvig Struer Syddjurs Norddjurs Favrskov Odder "
    "Randers Silkeborg Samsø Skanderborg Aarhus Ikast-Brande Ringkøbing-Skjern Hedensted "
    "Morsø Skive Thisted Viborg Brønderslev Frederikshavn Vesthimmerlands Læsø Rebild "
    "Mariagerfjord Jammerbugt Aalborg Hjørring"
).split()


def _kommuner_csv(rng: random.Random) -> str:
    lines = ['"Kommune";"Køn";"Personer 65+";"Heraf med demensdiagnose"']
    for name in KOMMUNE_NAVNE:
        for koen in ("Mænd", "Kvinder"):
            base = 400 if name in ("Læsø", "Fanø", "Samsø", "Ærø") else rng.randint(3000, 60000)
            persons = base + rng.randint(0, 300)
            dementia = persons * rng.randint(20, 45) // 1000
            if name == "Læsø" and koen == "Mænd":
                dementia = 0
            lines.append(
                f'"{name}";"{koen}";{persons:,};{max(dementia, 3) if dementia else 0:,}'.replace(
                    ",", "."
                )
            )
    return "\n".join(lines) + "\n"


def _write_libreoffice(folder: Path) -> None:
    rng = random.Random(55)
    sources = folder / "_lo"
    sources.mkdir()
    writer = _writer_sources(rng)
    for name, text in writer.items():
        (sources / f"{name}.fodt").write_text(text, encoding="utf-8")
    (sources / "r5_lo_hidden_column.fods").write_text(_hidden_column_fods(rng), encoding="utf-8")
    (sources / "r5_lo_kommuner.csv").write_text(_kommuner_csv(rng), encoding="utf-8")
    docx = [
        "r5_lo_report",
        "r5_lo_footer_cpr",
        "r5_lo_comment_cpr",
        "r5_lo_tracked_cpr",
        "r5_lo_props_cpr",
        "r5_lo_textbox_hetu",
    ]
    soffice_convert([sources / f"{n}.fodt" for n in docx], "docx:MS Word 2007 XML", sources)
    soffice_convert(
        [sources / "r5_lo_report.fodt", sources / "r5_lo_footnote_small.fodt"],
        "pdf:writer_pdf_Export",
        sources,
    )
    soffice_convert([sources / "r5_lo_suppressed.fodt"], "rtf:Rich Text Format", sources)
    soffice_convert([sources / "r5_lo_hidden_column.fods"], "xlsx:Calc MS Excel 2007 XML", sources)
    danish_csv = "Text - txt - csv (StarCalc):59,34,76,1,,1030"
    soffice_convert([sources / "r5_lo_kommuner.csv"], "ods", sources, infilter=danish_csv)
    made = [f"{n}.docx" for n in docx] + [
        "r5_lo_report.pdf",
        "r5_lo_footnote_small.pdf",
        "r5_lo_suppressed.rtf",
        "r5_lo_hidden_column.xlsx",
        "r5_lo_kommuner.ods",
    ]
    for name in made:
        shutil.move(sources / name, folder / name)
    shutil.rmtree(sources)


# --- Stata 17, SAS 9.4 and LaTeX, typed to their layouts ------------------------------------

_STATA_LOGIT = """
. use E:\\workdata\\707070\\analyse\\diab2023.dta, clear
(Diabetes 2023, personer 30-84 år)

. logit diabetes alder i.koen i.udd, or

Iteration 0:   log likelihood = -13402.118
Iteration 1:   log likelihood = -12687.954
Iteration 2:   log likelihood = -12651.302
Iteration 3:   log likelihood = -12651.211
Iteration 4:   log likelihood = -12651.211

Logistic regression                                    Number of obs =  48,211
                                                       LR chi2(4)    = 1501.81
                                                       Prob > chi2   =  0.0000
Log likelihood = -12651.211                            Pseudo R2     =  0.0560

------------------------------------------------------------------------------
    diabetes | Odds ratio   Std. err.      z    P>|z|     [95% conf. interval]
-------------+----------------------------------------------------------------
       alder |   1.046712   .0013108    36.48   0.000     1.044146    1.049284
             |
        koen |
       Mand  |   1.211406   .0398735     5.83   0.000     1.135702    1.292156
             |
         udd |
Erhvervsfa~g |   .8712236   .0354106    -3.39   0.001     .8044962    .9434849
Videregåen~e |   .7235318   .0311822    -7.51   0.000     .6649283    .7873007
             |
       _cons |   .0071344   .0006213   -56.77   0.000     .0060149    .0084623
------------------------------------------------------------------------------
Note: _cons estimates baseline odds.

. estat ic

Akaike's information criterion and Bayesian information criterion

-----------------------------------------------------------------------------
       Model |          N   ll(null)  ll(model)      df        AIC        BIC
-------------+---------------------------------------------------------------
           . |     48,211  -13402.12  -12651.21       5   25312.42   25356.35
-----------------------------------------------------------------------------
Note: BIC uses N = number of observations. See [R] IC note.
"""
STATA_LOGIT = "\n".join(
    line + "  " if line.startswith("Iteration") else line for line in _STATA_LOGIT.split("\n")
)

SAS_PAGE = "1" + " " * 39 + "The SAS System" + " " * 20 + "09:41 Tuesday, April 7, 2026\n"


def _sas_freq(rng: random.Random) -> str:
    counts = [rng.randint(40000, 190000) for _ in REGIONER]
    total = sum(counts)
    lines = [
        SAS_PAGE,
        " " * 27 + "The FREQ Procedure",
        "",
        " " * 26 + "Regionskode 2023",
        "",
        " " * 5 + " " * 36 + f"{'Cumulative':>14s}{'Cumulative':>13s}",
        f"     {'region':<11s}{'Frequency':>13s}{'Percent':>12s}{'Frequency':>14s}{'Percent':>13s}",
        "     " + "-" * 63,
    ]
    cumulative = 0
    for region, count in zip(REGIONER, counts, strict=True):
        cumulative += count
        lines.append(
            f"     {region:<11s}{count:>13d}{100 * count / total:>12.2f}"
            f"{cumulative:>14d}{100 * cumulative / total:>13.2f}"
        )
    return "\n".join(lines) + "\n"


def _sas_log_fnr() -> str:
    fnr = NO_FNR
    record = f"{fnr};{fnr[:2]}.{fnr[2:4]}.19{fnr[4:6]};0301;Oslo;K"
    csv = "E:\\workdata\\707070\\ssb\\ssb_personer.csv"
    return (
        "1" + " " * 58 + "The SAS System" + " " * 26 + "09:12 Tuesday, April 7, 2026\n\n"
        "NOTE: Copyright (c) 2016 by SAS Institute Inc., Cary, NC, USA. \n"
        "NOTE: SAS (r) Proprietary Software 9.4 (TS1M7) \n"
        "      Licensed to DANMARKS STATISTIK, Site 70012345.\n"
        "NOTE: This session is executing on the X64_SRV19  platform.\n\n\n\n"
        "NOTE: Analytical products:\n      \n      SAS/STAT 15.2\n\n"
        "NOTE: Additional host information:\n\n X64_SRV19 WIN 10.0.17763  Server\n\n"
        "NOTE: SAS initialization used:\n      real time           1.02 seconds\n"
        "      cpu time            0.43 seconds\n      \n"
        "1          data work.ssb_pers;\n"
        f"2            infile \"{csv}\" dlm=';' firstobs=2 dsd truncover;\n"
        "3            input fnr :$11. fodt :yymmdd10. kommune :$4. kommunenavn :$30. kjonn :$1.;\n"
        "4            format fodt date9.;\n"
        "5          run;\n\n"
        f'NOTE: The infile "{csv}" is:\n'
        f"      Filename={csv},\n"
        "      RECFM=V,LRECL=32767,File Size (bytes)=2938113,\n"
        "      Last Modified=02. april 2026 14:03:51,\n"
        "      Create Time=02. april 2026 14:03:51\n\n"
        "NOTE: Invalid data for fodt in line 1432 13-22.\n"
        "RULE:     ----+----1----+----2----+----3----+----4----+----5----+----6----+----7----+--\n"
        f"1432      {record} {len(record)}\n"
        f"fnr={fnr} fodt=. kommune=0301 kommunenavn=Oslo kjonn=K _ERROR_=1 _N_=1431\n"
        f'NOTE: 86412 records were read from the infile "{csv}".\n'
        "      The minimum record length was 31.\n"
        "      The maximum record length was 47.\n"
        "NOTE: The data set WORK.SSB_PERS has 86412 observations and 5 variables.\n"
        "NOTE: DATA statement used (Total process time):\n"
        "      real time           0.21 seconds\n"
        "      cpu time            0.18 seconds\n"
        "      \n\n"
        "6          proc freq data=work.ssb_pers; tables kjonn; run;\n\n"
        "NOTE: There were 86412 observations read from the data set WORK.SSB_PERS.\n"
        "NOTE: PROCEDURE FREQ used (Total process time):\n"
        "      real time           0.04 seconds\n"
        "      cpu time            0.03 seconds\n"
    )


TEX_DERIVABLE = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage{booktabs}
\begin{document}

\begin{table}[ht]
\centering
\caption{Børn 0--4 år med nydiagnosticeret type 1-diabetes efter region, 2023}
\begin{tabular}{lr}
\toprule
Region & Antal \\
\midrule
Hovedstaden & 14 \\
Sjælland & 6 \\
Syddanmark & 9 \\
Midtjylland & 11 \\
Nordjylland & $<3$ \\
\midrule
I alt & 42 \\
\bottomrule
\end{tabular}

\smallskip
{\footnotesize Kilde: LPR og BEF. $<3$: færre end 3, udeladt af diskretionshensyn.}
\end{table}

\end{document}
"""


def _projektnote() -> str:
    return (
        "Projekt 707070 - Diabetes og beskæftigelse\n"
        "==========================================\n\n"
        "Kontakt Forskningsservice: tlf. +45 39 17 39 17 (hverdage 9-15), "
        "mobil +4561234587.\n"
        f"Sagsnr. hos Danmarks Statistik: {CASE_NUMBER}\n"
        "Bevilling fra fonden: 4.512.339 kr.; udbetalt til reg.nr. 1551, kontonr. 3712009844.\n"
        "Udtræk bef2023.sas7bdat: 1288490188 bytes, oprettet 1775203200 (Unix-tid).\n"
        "Dataleverance godkendt 2024-03; næste leverance 2026-09.\n\n"
        "Resultater overført:\n"
        "- tabel1_incidens.xlsx (incidens pr. 100.000, 2014-2023)\n"
        "- tabel2_cox.txt (Cox-model, n = 4.000, 2.536 dødsfald)\n"
    )


def write(folder: Path) -> None:
    _write_r_and_pspp(folder)
    _write_libreoffice(folder)
    texts = {
        "r5_stata_logit.log": stata_log_opened("logit.log", at=" 7 Apr 2026, 10:02:11")
        + STATA_LOGIT
        + stata_log_closed("logit.log", at=" 7 Apr 2026, 10:02:15"),
        "r5_sas_freq.lst": _sas_freq(random.Random(77)),
        "r5_tex_derivable.tex": TEX_DERIVABLE,
        "r5_sas_log_fnr.log": _sas_log_fnr(),
        "r5_projektnote.txt": _projektnote(),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
