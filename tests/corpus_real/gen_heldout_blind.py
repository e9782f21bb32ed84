"""A blind held-out round (December 2026, helper-D): labelled before any scanner code was read.

Its author read only the rules (seed 001, docs/shared SCANNING.md), the finding-code list of
docs/design.md and the generator mechanics; neither the detectors nor earlier labels' reasons.
It aims at what earlier rounds might not have: aggregate tables of thousands of rows with one
small cell or one CPR number deep inside or at the very end, counts already suppressed (`<5`,
`x`, `.`), percent-only tables, regression output with N, one small count in a middle row,
Swedish, Norwegian and Finnish identifiers with right and wrong check digits beside numbers
that look like them (file sizes, phone, journal and invoice numbers, sums of money,
coefficients printed with ten digits), person-level data without a key, a hidden sheet, a
pivot cache whose source sheet was deleted, a picture of CPR numbers in a docx, Danish number
notation, footnotes with n = 2 and n = 3, Kaplan-Meier tables where the number at risk falls
to 2, and a long clean report. Labels follow Statistics Denmark's rules (seed 001) and the
default policy: a minimum of 3 observations per cell, so 3 and 4 pass and 1 and 2 do not.

Made by: one Rscript run (base R, haven, openxlsx, survival), one `pspp` run per output file,
`soffice --headless --convert-to` from csv, html and flat ODF sources, and text typed to the
layouts of Stata 17 logs, SAS 9.4 listings and logs, Markdown and LaTeX reports.
"""

from __future__ import annotations

import base64
import io
import random
import re
import shutil
import zipfile
from pathlib import Path

from tests.corpus_real.identity_numbers import (
    cpr_mod11,
    dk_cpr,
    fi_hetu,
    first_number,
    no_fnr,
    se_pnr,
)
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import (
    r_preamble,
    require,
    run,
    run_pspp,
    soffice_convert,
    stata_log_closed,
    stata_log_opened,
)

TOOL = "R, PSPP, LibreOffice and Stata/SAS/Markdown layouts (blind held-out round)"
EXECUTABLES = ("Rscript", "pspp", "soffice")

HIDDEN = "hidden"
DIFFERENCING = "table.differencing"
NOT_DK = ("identifier.dk_cpr",)

_RNG = random.Random(20261201)
CPR_END = dk_cpr(_RNG)
CPR_DEEP = dk_cpr(_RNG, dash=False)
CPR_PICTURE = [dk_cpr(_RNG) for _ in range(6)]
SE_PNRS = [se_pnr(_RNG) for _ in range(8)]
FNR_DUPLICATES = [no_fnr(_RNG) for _ in range(3)]
HETU = [fi_hetu(_RNG) for _ in range(2)]

# --- check digits, to place look-alikes that pass or fail on purpose ----------------------------


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _fnr_ok(digits: str) -> bool:
    k1w = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
    k2w = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return (
        sum(int(d) * w for d, w in zip(digits[:10], k1w, strict=True)) % 11 == 0
        and sum(int(d) * w for d, w in zip(digits, k2w, strict=True)) % 11 == 0
    )


# A SAS file size of 10 digits with a valid date and a valid mod 11: not a CPR number.
FILE_SIZE = first_number(1204331098, cpr_mod11)
# An invoice number that passes mod 11, a journal number that fails it (both valid dates).
INVOICE = first_number(2311209871, cpr_mod11)
JOURNAL = first_number(2611200417, lambda s: not cpr_mod11(s))
# Swedish mobile numbers whose ten digits fail Luhn (070123 is a valid YYMMDD date).
SE_PHONES = [first_number(base, lambda s: not _luhn_ok("0" + s)) for base in (701234567, 736620481)]
# A Norwegian sum of wages of 11 digits that passes both fødselsnummer check digits.
NO_SUM_VALID = first_number(15037824510, _fnr_ok)

LABELS = (
    # --- R: clean ------------------------------------------------------------------------------
    clean(
        "blind_r_agg_big.csv",
        "write.csv2 of a grouped aggregate, 3528 rows: each kommune x age group x sex x year "
        "once, a count column (all >= 8) and a mean income in Danish notation; many rows, but "
        "every row is a cell of a table",
    ),
    clean(
        "blind_r_suppressed.csv",
        "counts of diagnosis group by region with counts under 5 already shown as '<5'; no "
        "totals, so nothing can be recalculated",
    ),
    clean(
        "blind_r_percent_only.txt",
        "prop.table of education by region printed as row percentages (one decimal) over "
        "regions of hundreds of persons; no counts at all",
    ),
    clean(
        "blind_r_lm_digits.txt",
        "summary(lm)$coefficients printed with digits = 10 and nobs() = 4000: long digit "
        "strings are estimates, not identifiers",
    ),
    clean(
        "blind_r_survfit_times.txt",
        "summary(survfit(...), times = 0:5) by sex over 4000 persons: numbers at risk in the "
        "hundreds at every time shown",
    ),
    clean(
        "blind_r_agg.dta",
        "write_dta of counts by region, year and sex (each >= 50) with value labels",
    ),
    clean(
        "blind_r_danish_notation.csv",
        "write.csv2 of region results typed in Danish notation: N '12.408', means "
        "'312.456,7', shares '23,4'",
    ),
    clean(
        "blind_no_sums.csv",
        "Norwegian wage sums by county: persons in the tens of thousands and sums of 11 "
        "digits in kroner; one sum happens to pass the fødselsnummer check digits, but it is "
        "a sum of money in a column of sums",
    ),
    # --- R: risky ------------------------------------------------------------------------------
    risk(
        "blind_r_agg_big_small.csv",
        "the same kind of 3528-row aggregate where one cell deep inside (row 2741) has Antal 2 "
        "with its mean income",
        SMALL_CELL,
    ),
    risk(
        "blind_r_agg_big_cpr_end.csv",
        "a 2352-row aggregate with a note line appended at the very end naming an excluded "
        "person by CPR number",
        IDENTIFIER,
    ),
    risk(
        "blind_r_suppressed_total.xlsx",
        "openxlsx table of education by region with '<5' marks and a row total 'I alt': "
        "one row has a single suppressed cell, which total minus the others recovers",
        DIFFERENCING,
        SMALL_CELL,
    ),
    risk(
        "blind_r_survfit_small.txt",
        "summary(survfit) of a cohort of 14: each event time is one person and the number at "
        "risk falls to 2 and 1",
        SMALL_CELL,
        MICRODATA,
    ),
    risk(
        "blind_r_persons_noid.csv",
        "write.csv of 250 persons: full birth date, sex, municipality, education, income; no "
        "key, still unit records",
        MICRODATA,
    ),
    risk(
        "blind_r_hidden_persons.xlsx",
        "a results workbook whose visible sheet is an aggregate and whose hidden sheet 'data' "
        "holds 200 person rows",
        HIDDEN,
        MICRODATA,
    ),
    risk(
        "blind_r_persons_lnr.sav",
        "write_sav of 300 persons from SSB with the pseudonymised key w19_0634_lnr, birth "
        "year, sex, municipality and income",
        IDENTIFIER,
        MICRODATA,
    ),
    risk(
        "blind_r_se_pnr.txt",
        "R console print of a data frame of eight excluded persons by personnummer "
        "(YYYYMMDD-NNNC, valid Luhn) with the reason",
        "identifier.se_pnr",
        not_codes=NOT_DK,
    ),
    # --- PSPP ----------------------------------------------------------------------------------
    clean(
        "blind_pspp_freq_region.html",
        "FREQUENCIES of region: five regions of hundreds each, Frequency, Percent, Valid "
        "Percent, Cumulative Percent",
    ),
    clean(
        "blind_pspp_freq_four.txt",
        "FREQUENCIES of a diagnosis group whose smallest category has 4 cases: at or above "
        "the default minimum of 3 (a register requiring 5 would stop it)",
    ),
    clean(
        "blind_pspp_crosstab.spv",
        "CROSSTABS region BY koen, every cell in the hundreds",
    ),
    clean(
        "blind_pspp_regression.pdf",
        "REGRESSION of income on age and sex over 4000 cases: coefficients, ANOVA with df",
    ),
    risk(
        "blind_pspp_freq_mid_small.txt",
        "FREQUENCIES of diagnosis group where a middle category (Medfødt misdannelse) has "
        "Frequency 2",
        SMALL_CELL,
    ),
    risk(
        "blind_pspp_means_small.csv",
        "MEANS income BY kommune, csv output: Fanø has N 2 with its mean and std. deviation",
        SMALL_CELL,
    ),
    # --- LibreOffice ---------------------------------------------------------------------------
    clean(
        "blind_lo_big.xlsx",
        "a 3240-row grouped aggregate csv converted to xlsx by soffice; counts >= 6",
    ),
    clean(
        "blind_lo_report.docx",
        "an html report converted to docx: a table of counts >= 40 by region and a paragraph "
        "with percentages, N = 12.408 and odds ratios",
    ),
    clean(
        "blind_lo_footnote3.docx",
        "an html report converted to docx whose table footnote says the group 'Andet' has "
        "n = 3: at the default minimum",
    ),
    clean(
        "blind_lo_danish.ods",
        "a ';'-separated csv with Danish numbers (1.234,5) imported with the Danish locale and "
        "saved as ods: means and counts by region in the thousands",
    ),
    risk(
        "blind_lo_big_last_small.ods",
        "a 3240-row grouped aggregate converted to ods whose very last row has a count of 1",
        SMALL_CELL,
    ),
    risk(
        "blind_lo_footnote2.pdf",
        "an html report printed to pdf: a table of mean income by education with a footnote "
        "saying the PhD group has n = 2",
        SMALL_CELL,
    ),
    risk(
        "blind_lo_pivot.xlsx",
        "a pivot table of counts by region and sex whose source sheet of persons was deleted: "
        "the pivot cache still holds every person's row",
        HIDDEN,
        MICRODATA,
    ),
    risk(
        "blind_lo_picture_cpr.docx",
        "a docx (from html) with a screenshot (PNG) of a table of six persons with CPR numbers",
        IDENTIFIER,
    ),
    # --- Stata logs ----------------------------------------------------------------------------
    clean(
        "blind_stata_regress.log",
        "regress with Number of obs = 48,211, F(5, 48205), a datasignature line and timestamps",
    ),
    clean(
        "blind_stata_sts_at.log",
        "sts list, at(0 1 2 3 4 5) by(koen): Beg. Total in the thousands at every time",
    ),
    risk(
        "blind_stata_tab_mid_small.log",
        "tabulate diagnose: one middle row has Freq. 1",
        SMALL_CELL,
    ),
    risk(
        "blind_stata_loop_cpr.log",
        "a 3254-line log of counts by kommune and year (all in the hundreds) with one display "
        "line deep inside (line 1890) showing a person's CPR number without the dash",
        IDENTIFIER,
    ),
    risk(
        "blind_stata_dupl_fnr.log",
        "duplicates list fnr: three Norwegian fødselsnummer (valid check digits), each twice",
        "identifier.no_fnr",
        "identifier.column",
        not_codes=NOT_DK,
    ),
    # --- SAS -----------------------------------------------------------------------------------
    clean(
        "blind_sas_log_sizes.log",
        "a SAS log reading a csv: File Size (bytes) of 10 digits, record counts, real and cpu "
        "times, Last Modified timestamps",
    ),
    clean(
        "blind_sas_means.lst",
        "PROC MEANS N MEAN MEDIAN STD by region, N in the thousands, no min or max",
    ),
    risk(
        "blind_sas_print_noobs.lst",
        "PROC PRINT NOOBS of 20 persons: birth date, sex, municipality, income, education",
        MICRODATA,
    ),
    # --- Markdown and LaTeX reports ------------------------------------------------------------
    clean(
        "blind_md_report_long.txt",
        "a long Markdown report: years, percentages, confidence intervals, odds ratios, N, "
        "Danish notation, references with pages, DOIs and an ISBN, DST's phone number",
    ),
    clean(
        "blind_md_journal_numbers.txt",
        "a project note with a journal number, an invoice number (10 digits, one passes mod "
        "11), ISO timestamps and a phone number: none is a person",
    ),
    clean(
        "blind_sv_method_note.txt",
        "a Swedish methods note with contact mobile numbers (070..., Luhn fails), a Dnr and "
        "counts in the thousands",
    ),
    clean(
        "blind_tex_suppressed.tex",
        "booktabs LaTeX table of counts by region and age with '<5' and 'x' marks explained "
        "in a note; no totals",
    ),
    clean(
        "blind_tex_regression.tex",
        "stargazer-style LaTeX regression table: coefficients, standard errors, Observations "
        "12,408, R2, F statistic with df",
    ),
    risk(
        "blind_md_footnote_n2.txt",
        "a Markdown table of mean income by education and municipality with a footnote: the "
        "PhD group in Læsø is n = 2",
        SMALL_CELL,
    ),
    risk(
        "blind_md_hetu.txt",
        "a Markdown note on a Finnish cohort naming two excluded persons by henkilötunnus",
        "identifier.fi_hetu",
        not_codes=NOT_DK,
    ),
)

KOMMUNER = (
    "101 147 151 153 155 157 159 161 163 165 167 169 173 175 183 185 187 190 201 210 217 219 "
    "223 230 240 250 253 259 260 265 269 270 306 316 320 326 329 330 336 340 350 360 370 376 "
    "390 400 410 420 430 440 450 461 479 480 482 492 510 530 540 550 561 563 573 575 580 607 "
    "615 621 630 657 661 665 671 706 707 710 727 730 740 741 746 751 756 760 766 773 779 787 "
    "791 810 813 820 825 840 846 849 851 860"
).split()

FYLKER = (
    "Oslo",
    "Rogaland",
    "Møre og Romsdal",
    "Nordland",
    "Viken",
    "Innlandet",
    "Vestfold og Telemark",
    "Agder",
    "Vestland",
    "Trøndelag",
    "Troms og Finnmark",
)


def _no_sums(rng: random.Random) -> tuple[list[int], list[int]]:
    """Persons 18-25 with wages and their wage sums by county; Viken's sum passes fnr."""
    persons, sums = [], []
    for fylke in FYLKER:
        count = rng.randint(21000, 88000)
        total = count * rng.randint(171000, 214000)
        if fylke == "Viken":
            count, total = 79412, NO_SUM_VALID
        while fylke != "Viken" and _fnr_ok(str(total)):
            total += 1
        persons.append(count)
        sums.append(total)
    return persons, sums


_PERSONS, _SUMS = _no_sums(random.Random(7))

_PREAMBLE = r_preamble(
    libraries=["haven", "openxlsx", "survival"], options="width = 100", seed=20261201
)
R_SCRIPT = (
    _PREAMBLE
    + r"""kom <- as.integer(strsplit("@KOMMUNER@", " ")[[1]])
ag <- c("0-17", "18-29", "30-49", "50-64", "65-79", "80+")
big <- function(years) {
  g <- expand.grid(koen = c("Mand", "Kvinde"), aldersgruppe = ag, kommune = kom, aar = years,
                   stringsAsFactors = FALSE)
  g <- g[, c("aar", "kommune", "aldersgruppe", "koen")]
  g$antal <- pmax(8L, as.integer(round(exp(rnorm(nrow(g), 5.2, 1.1)))))
  g$gns_indkomst <- round(rnorm(nrow(g), 312000, 41000), 1)
  g
}
g1 <- big(2020:2022)
write.csv2(g1, path("blind_r_agg_big.csv"), row.names = FALSE, fileEncoding = "UTF-8")
g2 <- big(2020:2022)
g2$antal[2741] <- 2L
write.csv2(g2, path("blind_r_agg_big_small.csv"), row.names = FALSE, fileEncoding = "UTF-8")
g3 <- big(2019:2022)
g3 <- g3[g3$koen == "Mand", ]
g3$koen <- NULL
write.csv2(g3, path("blind_r_agg_big_cpr_end.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat("Note: person @CPR_END@ udeladt (dobbeltregistreret i BEF 2021)\n",
    file = path("blind_r_agg_big_cpr_end.csv"), append = TRUE)

n <- 4000
regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
udd <- c("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
d <- data.frame(region = factor(sample(regioner, n, TRUE, c(.32, .15, .21, .23, .09)),
                                levels = regioner),
                koen = factor(sample(c("Mand", "Kvinde"), n, TRUE)),
                udd = factor(sample(udd, n, TRUE), levels = udd),
                alder = sample(25:79, n, TRUE))
d$indkomst <- round(exp(rnorm(n, 12.4, 0.45)) + 18000 * (d$koen == "Mand") + 1100 * d$alder)
d$tid <- pmin(rexp(n, 1 / 12), 6)
d$doed <- as.integer(d$tid < 6)
d$tid <- round(ifelse(d$doed == 1, d$tid, runif(n, 5.2, 6)), 2)
assign("d", d, envir = globalenv())

diag <- c("Iskæmisk hjertesygdom", "Hjertesvigt", "Diabetes", "KOL", "Brystkræft",
          "Lungekræft", "Depression", "Demens", "Skizofreni", "Epilepsi")
sup <- expand.grid(Diagnosegruppe = diag, Region = regioner, stringsAsFactors = FALSE)
sup$Antal <- as.integer(round(exp(rnorm(nrow(sup), 4.2, 1.4))))
sup$Antal <- ifelse(sup$Antal < 5, "<5", as.character(sup$Antal))
write.csv2(sup, path("blind_r_suppressed.csv"), row.names = FALSE, fileEncoding = "UTF-8")

tm <- unclass(table(d$region, d$udd))
tm["Nordjylland", "LVU"] <- 3
tm["Sjælland", "KVU"] <- 2
tm["Sjælland", "MVU"] <- 4
tab <- as.data.frame(tm)
tab[] <- lapply(tab, function(x) ifelse(x < 5, "<5", as.character(x)))
tab$`I alt` <- as.character(rowSums(tm))
t3 <- cbind(Region = rownames(tab), tab)
wb <- createWorkbook()
addWorksheet(wb, "Tabel 3")
writeData(wb, "Tabel 3", "Tabel 3. Personer 25-79 år efter region og højest fuldførte uddannelse")
writeData(wb, "Tabel 3", t3, startRow = 3)
writeData(wb, "Tabel 3", "Tal under 5 er diskretioneret ('<5').", startRow = 10)
saveWorkbook(wb, path("blind_r_suppressed_total.xlsx"), overwrite = TRUE)

console("blind_r_percent_only.txt", "
round(100 * prop.table(table(d$region, d$udd), 1), 1)
")
console("blind_r_lm_digits.txt", "
m <- lm(log(indkomst) ~ alder + I(alder^2) + koen + udd, data = d)
print(summary(m)$coefficients, digits = 10)
nobs(m)
")
console("blind_r_survfit_times.txt", "
fit <- survfit(Surv(tid, doed) ~ koen, data = d)
summary(fit, times = 0:5)
")
s14 <- data.frame(tid = sort(round(runif(14, 0.2, 8), 2)), doed = rbinom(14, 1, 0.7))
s14$doed[13:14] <- 1L
assign("s14", s14, envir = globalenv())
console("blind_r_survfit_small.txt", "
fit14 <- survfit(Surv(tid, doed) ~ 1, data = s14)
summary(fit14)
")

p <- data.frame(foed_dato = format(as.Date("1940-01-01") + sample(0:21900, 250, TRUE)),
                koen = sample(c("M", "K"), 250, TRUE),
                kommune = sample(kom, 250, TRUE),
                udd = sample(udd, 250, TRUE),
                indkomst = round(exp(rnorm(250, 12.5, 0.5))))
write.csv(p, path("blind_r_persons_noid.csv"), row.names = FALSE, fileEncoding = "UTF-8")

wb <- createWorkbook()
addWorksheet(wb, "Tabel 1")
addWorksheet(wb, "data")
t1 <- data.frame(Region = regioner, Antal = as.vector(table(d$region)),
                 Gns_indkomst = round(tapply(d$indkomst, d$region, mean), 0))
writeData(wb, "Tabel 1", t1)
writeData(wb, "data", data.frame(foed_aar = sample(1940:2000, 200, TRUE),
                                 koen = sample(1:2, 200, TRUE),
                                 kommune = sample(kom, 200, TRUE),
                                 indkomst = round(exp(rnorm(200, 12.5, 0.5))),
                                 diagnose_dato = format(as.Date("2015-01-01") +
                                                        sample(0:2500, 200, TRUE))))
sheetVisibility(wb)[2] <- "hidden"
saveWorkbook(wb, path("blind_r_hidden_persons.xlsx"), overwrite = TRUE)

agg <- aggregate(list(n = rep(1L, n)), by = list(region = as.integer(d$region), koen = d$koen),
                 FUN = sum)
agg <- merge(agg, data.frame(aar = 2019:2022))
agg$n <- agg$n + sample(0:40, nrow(agg), TRUE)
agg$region <- labelled(agg$region, setNames(1:5, regioner), label = "Bopælsregion")
agg$koen <- as.character(agg$koen)
write_dta(agg, path("blind_r_agg.dta"))

ssb <- data.frame(w19_0634_lnr = sample(1000000:9999999, 300),
                  fodselsaar = sample(1945:2002, 300, TRUE),
                  kjonn = labelled(as.numeric(sample(1:2, 300, TRUE)), c(Mann = 1, Kvinne = 2)),
                  kommune = sample(c("0301", "4601", "5001", "1103", "3005"), 300, TRUE),
                  inntekt = round(exp(rnorm(300, 13.0, 0.4))))
write_sav(ssb, path("blind_r_persons_lnr.sav"))

nreg <- as.vector(table(d$region)) * 3 + c(408, 11, 97, 254, 3)
dn <- data.frame(Region = regioner,
                 N = format(nreg, big.mark = ".", trim = TRUE),
                 Gns_indkomst = format(round(tapply(d$indkomst, d$region, mean), 1),
                                       big.mark = ".", decimal.mark = ",", nsmall = 1,
                                       trim = TRUE),
                 Andel_LVU = format(round(100 * tapply(d$udd == "LVU", d$region, mean), 1),
                                    decimal.mark = ",", nsmall = 1, trim = TRUE))
write.csv2(dn, path("blind_r_danish_notation.csv"), row.names = FALSE, fileEncoding = "UTF-8")

no <- data.frame(fylke = strsplit("@FYLKER@", "|", fixed = TRUE)[[1]],
                 personer_18_25 = c(@PERSONS@),
                 sum_lonn_kr = c(@SUMS@))
write.csv2(no, path("blind_no_sums.csv"), row.names = FALSE, fileEncoding = "UTF-8")

console("blind_r_se_pnr.txt", "
exkl <- data.frame(personnummer = strsplit('@SE_PNRS@', ' ')[[1]],
                   orsak = c('avliden före index', 'utvandrad', 'dubblett', 'saknar kön',
                             'utvandrad', 'dubblett', 'avliden före index', 'utvandrad'))
exkl
")

diagn <- c("Iskæmisk hjertesygdom", "Hjertesvigt", "Diabetes", "KOL", "Medfødt misdannelse",
           "Brystkræft", "Depression", "Demens")
dg <- c(sample(c(1:4, 6:8), n - 2, TRUE), 5, 5)
dg2 <- c(sample(c(1:4, 6:8), n - 4, TRUE), 5, 5, 5, 5)
pd <- data.frame(region = labelled(as.numeric(d$region), setNames(as.numeric(1:5), regioner),
                                   label = "Bopælsregion"),
                 koen = labelled(ifelse(d$koen == "Mand", 1, 2), c(Mand = 1, Kvinde = 2),
                                 label = "Køn"),
                 diag = labelled(dg, setNames(as.numeric(1:8), diagn), label = "Diagnosegruppe"),
                 diag2 = labelled(dg2, setNames(as.numeric(1:8), diagn), label = "Diagnosegruppe"),
                 alder = d$alder, indkomst = d$indkomst)
write_sav(pd, path("_b_main.sav"))
ks <- c("Aarhus", "Odense", "Esbjerg", "Fanø")
sm <- data.frame(kommune = labelled(c(sample(1:3, 900, TRUE), 4, 4), setNames(as.numeric(1:4), ks),
                                    label = "Kommune"),
                 indkomst = c(round(exp(rnorm(900, 12.6, 0.4))), 287400, 341900))
write_sav(sm, path("_b_small.sav"))
"""
)

PSPP_RUNS = (
    ("blind_pspp_freq_region.html", "_b_main.sav", "FREQUENCIES VARIABLES=region."),
    ("blind_pspp_freq_four.txt", "_b_main.sav", "FREQUENCIES VARIABLES=diag2."),
    ("blind_pspp_crosstab.spv", "_b_main.sav", "CROSSTABS /TABLES=region BY koen."),
    (
        "blind_pspp_regression.pdf",
        "_b_main.sav",
        "REGRESSION /VARIABLES=alder koen /DEPENDENT=indkomst /STATISTICS=COEFF R ANOVA.",
    ),
    ("blind_pspp_freq_mid_small.txt", "_b_main.sav", "FREQUENCIES VARIABLES=diag."),
    (
        "blind_pspp_means_small.csv",
        "_b_small.sav",
        "MEANS TABLES=indkomst BY kommune /CELLS=MEAN COUNT STDDEV.",
    ),
)


def _r_script() -> str:
    return (
        R_SCRIPT.replace("@KOMMUNER@", " ".join(KOMMUNER))
        .replace("@CPR_END@", CPR_END)
        .replace("@FYLKER@", "|".join(FYLKER))
        .replace("@PERSONS@", ", ".join(str(v) for v in _PERSONS))
        .replace("@SUMS@", ", ".join(str(v) for v in _SUMS))
        .replace("@SE_PNRS@", " ".join(SE_PNRS))
    )


# --- Stata 17 logs ---------------------------------------------------------------------------


def _stata_opened(log: str) -> str:
    return stata_log_opened(log, at="20 Nov 2026, 09:41:02")


def _stata_closed(log: str) -> str:
    return stata_log_closed(log, at="20 Nov 2026, 09:44:37")


STATA_REGRESS = """
. use E:\\workdata\\707070\\analyse\\kohorte2022.dta, clear
(Kohorte 2022, personer 25-64 år)

. datasignature
  48211:14(101935):2846310977:1902318841

. regress lnindk alder c.alder#c.alder i.koen i.udd3

      Source |       SS           df       MS      Number of obs   =    48,211
-------------+----------------------------------   F(5, 48205)     =   1419.62
       Model |  1412.90771         5  282.581542   Prob > F        =    0.0000
    Residual |  9595.31847    48,205  .199052349   R-squared       =    0.1284
-------------+----------------------------------   Adj R-squared   =    0.1283
       Total |  11008.2262    48,210  .228338233   Root MSE        =    .44615

------------------------------------------------------------------------------
      lnindk | Coefficient  Std. err.      t    P>|t|     [95% conf. interval]
-------------+----------------------------------------------------------------
       alder |   .0712408   .0014211    50.13   0.000     .0684554    .0740262
             |
     c.alder#|
     c.alder |  -.0007311   .0000163   -44.85   0.000    -.0007631   -.0006991
             |
        koen |
     Kvinde  |  -.1841177   .0040688   -45.25   0.000    -.1920926   -.1761428
             |
        udd3 |
  Mellemlang |   .1620491   .0052117    31.09   0.000     .1518342     .172264
       Lang  |   .3104128   .0061874    50.17   0.000     .2982854    .3225402
             |
       _cons |   10.90417   .0298416   365.40   0.000     10.84568    10.96266
------------------------------------------------------------------------------

. estimates store m1

. display "R2 = " %5.3f e(r2) ", N = " e(N)
R2 = 0.128, N = 48211
"""


def _stata_sts_at(rng: random.Random) -> str:
    lines = [
        "",
        ". stset tid, failure(doed)",
        "",
        "Survival-time data settings",
        "",
        "         Failure event: doed!=0 & doed<.",
        "Observed time interval: (0, tid]",
        "     Exit on or before: failure",
        "",
        "--------------------------------------------------------------------------",
        "     12,408  total observations",
        "          0  exclusions",
        "--------------------------------------------------------------------------",
        "     12,408  observations remaining, representing",
        "      2,917  failures in single-record/single-failure data",
        "   61,455.4  total analysis time at risk and under observation",
        "                                                At risk from t =         0",
        "                                     Earliest observed entry t =         0",
        "                                          Last observed exit t =         6",
        "",
        ". sts list, at(0 1 2 3 4 5) by(koen)",
        "",
        "        Failure _d: doed",
        "  Analysis time _t: tid",
        "",
        "Kaplan–Meier survivor function",
        "By variable: koen",
        "",
        "             Beg.                Survivor      Std.",
        "    Time    Total     Fail       function     error     [95% conf. int.]",
        "-----------------------------------------------------------------------",
    ]
    for sex, start in (("Mand", 6180), ("Kvinde", 6228)):
        lines.append(f"koen = {sex}")
        at_risk, surv = start, 1.0
        lines.append(f"{0:>8} {0:>8} {0:>8} {1.0:>14.4f} {'.':>9} {'.':>9} {'.':>9}")
        for time in range(1, 6):
            fail = rng.randint(380, 520)
            censored = rng.randint(20, 60)
            surv *= 1 - fail / at_risk
            err = (surv * (1 - surv) / at_risk) ** 0.5
            lines.append(
                f"{time:>8} {at_risk:>8} {fail:>8} {surv:>14.4f} {err:>9.4f}"
                f" {surv - 2 * err:>9.4f} {surv + 2 * err:>9.4f}"
            )
            at_risk -= fail + censored
        lines.append("")
    lines.append("-----------------------------------------------------------------------")
    lines.append("Note: Survivor function is calculated over full data and evaluated at")
    lines.append("      indicated times; it is not calculated from aggregates shown at left.")
    return "\n".join(lines) + "\n"


def _stata_tab(counts: list[tuple[str, int]], command: str) -> str:
    total = sum(count for _, count in counts)
    lines = ["", f". {command}", "", "     Diagnosegruppe |      Freq.     Percent        Cum."]
    lines.append("--------------------+-----------------------------------")
    cum = 0.0
    for name, count in counts:
        cum += 100 * count / total
        lines.append(f"{name[:19]:>19} | {count:>10,} {100 * count / total:>11.2f} {cum:>11.2f}")
    lines.append("--------------------+-----------------------------------")
    lines.append(f"{'Total':>19} | {total:>10,} {100.0:>11.2f}")
    return "\n".join(lines) + "\n"


TAB_COUNTS = [
    ("Iskæmisk hjertesygd", 1204),
    ("Hjertesvigt", 611),
    ("Diabetes type 2", 987),
    ("KOL", 455),
    ("Medfødt hjertefejl", 1),
    ("Brystkræft", 372),
    ("Depression", 528),
    ("Demens", 233),
]


def _stata_loop_cpr(rng: random.Random) -> str:
    lines = [
        "",
        ". levelsof kom, local(kommuner)",
        " ".join(KOMMUNER),
        "",
        ". forvalues y = 1990/2022 {",
        "  2.   foreach k of local kommuner {",
        "  3.     quietly count if kom == `k' & aar == `y'",
        "  4.     display \"`y' `k': \" r(N)",
        "  5.   }",
        "  6. }",
    ]
    years = range(1990, 2023)
    position = 0
    for year in years:
        for kom in KOMMUNER:
            lines.append(f"{year} {kom}: {rng.randint(180, 52000)}")
            position += 1
            if position == 1871:
                lines += [
                    "",
                    ". * tjek af den ene uden kommune",
                    '. display "uden kommune: " pnr[2871]',
                    f"uden kommune: {CPR_DEEP}",
                    "",
                ]
    return "\n".join(lines) + "\n"


def _stata_dupl_fnr() -> str:
    lines = [
        "",
        ". duplicates report fnr",
        "",
        "Duplicates in terms of fnr",
        "",
        "--------------------------------------",
        "   Copies | Observations       Surplus",
        "----------+---------------------------",
        "        1 |      4811784             0",
        "        2 |            6             3",
        "--------------------------------------",
        "",
        ". duplicates list fnr",
        "",
        "Duplicates in terms of fnr",
        "",
        "  +-------------------------------+",
        "  | Group       Obs           fnr |",
        "  |-------------------------------|",
    ]
    obs = 120455
    for group, number in enumerate(FNR_DUPLICATES, 1):
        for _ in range(2):
            lines.append(f"  | {group:>5}   {obs:>7}   {number} |")
            obs += 1
        obs += 980211
    lines.append("  +-------------------------------+")
    return "\n".join(lines) + "\n"


# --- SAS 9.4 ---------------------------------------------------------------------------------

SAS_PAGE = "1" + " " * 39 + "The SAS System" + " " * 20 + "09:41 Friday, November 20, 2026\n"


def _sas_print_noobs(rng: random.Random) -> str:
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    lines = [SAS_PAGE, "", "        foed_dato    koen    kommune    indkomst    udd", ""]
    for _ in range(20):
        birth = f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(1940, 1999)}"
        lines.append(
            f"        {birth}      {rng.randint(1, 2)}        {rng.choice(KOMMUNER):>3}"
            f"      {rng.randint(98000, 790000):>7}    {rng.choice(('GRU', 'GYM', 'EUD', 'LVU'))}"
        )
    return "\n".join(lines) + "\n"


def _sas_log_sizes() -> str:
    return f"""\
NOTE: Copyright (c) 2016 by SAS Institute Inc., Cary, NC, USA.
NOTE: SAS (r) Proprietary Software 9.4 (TS1M7)
      Licensed to DANMARKS STATISTIK - FORSKERSERVICE, Site 70081234.
NOTE: This session is executing on the X64_SRV19  platform.

1          options nocenter ls=120;
2          data work.lisa;
3            infile 'E:\\workdata\\707070\\raw\\lisa2022.csv' dsd dlm=';' firstobs=2 lrecl=32767;
4            input aar kom koen alder udd indk;
5          run;

NOTE: The infile 'E:\\workdata\\707070\\raw\\lisa2022.csv' is:
      Filename=E:\\workdata\\707070\\raw\\lisa2022.csv,
      RECFM=V,LRECL=32767,File Size (bytes)={FILE_SIZE},
      Last Modified=20Nov2026:08:12:44,
      Create Time=19Nov2026:17:03:51

NOTE: 4812290 records were read from the infile 'E:\\workdata\\707070\\raw\\lisa2022.csv'.
      The minimum record length was 61.
      The maximum record length was 212.
NOTE: The data set WORK.LISA has 4812290 observations and 6 variables.
NOTE: DATA statement used (Total process time):
      real time           41.21 seconds
      cpu time            38.90 seconds

6          proc sort data=work.lisa; by kom; run;

NOTE: There were 4812290 observations read from the data set WORK.LISA.
NOTE: The data set WORK.LISA has 4812290 observations and 6 variables.
NOTE: PROCEDURE SORT used (Total process time):
      real time           9.87 seconds
      cpu time            14.02 seconds
      memory              1034122.31k
      OS Memory           1051708.00k
      Timestamp           20-11-2026 09:42:35 AM
      Step Count                        3  Switch Count  4

NOTE: SAS Institute Inc., SAS Campus Drive, Cary, NC USA 27513-2414
NOTE: The SAS System used:
      real time           52.64 seconds
      cpu time            53.81 seconds
"""


def _sas_means(rng: random.Random) -> str:
    lines = [
        SAS_PAGE,
        "",
        "                                        The MEANS Procedure",
        "",
        "                                 Analysis Variable : indk Indkomst",
        "",
        "           region          N Obs       N            Mean          Median         Std Dev",
        "           ---------------------------------------------------------------------------",
    ]
    for region in ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"):
        count = rng.randint(2100, 15800)
        mean = rng.uniform(290000, 360000)
        lines.append(
            f"           {region:<12} {count:>9} {count - rng.randint(0, 30):>7}"
            f" {mean:>15.1f} {mean * 0.91:>15.1f} {mean * 0.62:>15.1f}"
        )
    lines.append(
        "           ---------------------------------------------------------------------------"
    )
    return "\n".join(lines) + "\n"


# --- Markdown, LaTeX and plain-text reports --------------------------------------------------


def _md_report_long(rng: random.Random) -> str:
    regions = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
    rows = []
    for region in regions:
        men, women = rng.randint(1400, 4100), rng.randint(1400, 4100)
        share = f"{rng.uniform(20, 35):.1f}".replace(".", ",")
        counts = f"{men:>6,} | {women:>7,}".replace(",", ".")
        rows.append(f"| {region:<11} | {counts} | {share:>11} % |")
    paragraphs = []
    for year in range(2012, 2023):
        pct = rng.uniform(14, 29)
        change = rng.uniform(-2.5, 3.5)
        paragraphs.append(
            f"I {year} havde {pct:.1f} pct. af kohorten mindst én indlæggelse (ændring "
            f"{change:+.1f} procentpoint fra {year - 1}). Den justerede odds ratio for "
            f"indlæggelse blandt kvinder var {rng.uniform(0.7, 1.3):.2f} (95 % CI "
            f"{rng.uniform(0.6, 0.7):.2f}-{rng.uniform(1.3, 1.5):.2f}; p = "
            f"{rng.uniform(0.001, 0.4):.3f}), og medianalderen ved første indlæggelse var "
            f"{rng.randint(58, 71)} år (IQR {rng.randint(45, 55)}-{rng.randint(72, 80)})."
        )
    table = "\n".join(rows)
    text = "\n\n".join(paragraphs)
    return f"""# Indlæggelser i kohorten 2012-2022

Projekt 707070, Danmarks Statistik. Rapport udarbejdet 20. november 2026, version 3.

## Resumé

Kohorten omfatter N = 12.408 personer født 1950-1969 og bosat i Danmark 1. januar 2012.
Opfølgningen sluttede 31. december 2022 (i alt 118.412 personår). Samlet havde 41,7 pct.
mindst én indlæggelse i perioden, og den gennemsnitlige indkomst var 312.456,7 kr.
(median 287.400 kr.).

## Tabel 1. Kohorten efter region og køn

| Region      |  Mænd  | Kvinder | Andel indlagt |
|-------------|-------:|--------:|--------------:|
{table}

Kilde: Egne beregninger på BEF, LPR og IND, 2012-2022.

## Resultater år for år

{text}

## Metode

Modellerne er Cox-regressioner med alder som tidsakse, justeret for køn, uddannelse (3
niveauer) og indkomstkvartil. Proportional hazards blev testet med Schoenfeld-residualer
(global test p = 0,214). Følsomhedsanalyser med 1, 2 og 5 års karantæne ændrede ikke
estimaterne mere end 0,03.

## Referencer

1. Schmidt M, Pedersen L, Sørensen HT. The Danish Civil Registration System as a tool in
   epidemiology. Eur J Epidemiol. 2014;29(8):541-549. doi:10.1007/s10654-014-9930-3
2. Lynge E, Sandegaard JL, Rebolj M. The Danish National Patient Register. Scand J Public
   Health. 2011;39(7 Suppl):30-33.
3. Danmarks Statistik. Statistisk Årbog 2024. København 2024. ISBN 978-87-501-2411-3.

Kontakt: Forskningsservice, tlf. 39 17 39 17, forskningsservice@dst.dk
"""


MD_FOOTNOTE_N2 = """\
# Indkomst efter uddannelse, udvalgte kommuner 2022

| Kommune | Uddannelse     |   N   | Gns. indkomst (kr.) |
|---------|----------------|------:|--------------------:|
| Aarhus  | Grundskole     | 4.812 |           241.305,2 |
| Aarhus  | Erhvervsfaglig | 9.377 |           318.771,9 |
| Aarhus  | Lang videreg.  | 6.204 |           498.120,4 |
| Aarhus  | Ph.d.          |   611 |           612.884,0 |
| Læsø    | Grundskole     |   303 |           226.410,8 |
| Læsø    | Erhvervsfaglig |   412 |           291.022,1 |
| Læsø    | Lang videreg.  |    58 |           402.930,5 |
| Læsø    | Ph.d.¹         |       |           688.150,0 |

¹ Ph.d.-gruppen i Læsø består af n = 2 personer; N er udeladt, gennemsnittet er vist.

Kilde: IND og UDDA 2022, egne beregninger.
"""


def _md_hetu() -> str:
    return f"""\
# Kohortin rajaus / Cohort selection

Rekisteriaineisto: Tilastokeskus FOLK 2000-2022, hanke TK-53-1187-22.

Alkuperäinen kohortti: 58 204 henkilöä. Poissuljettiin 2 henkilöä, joiden
syntymäaika ja kuolinpäivä olivat ristiriidassa:

- {HETU[0]} (kuolinpäivä ennen syntymää)
- {HETU[1]} (kaksi eri kotikuntaa 31.12.2010)

Lopullinen kohortti: 58 202 henkilöä.
"""


def _md_journal_numbers() -> str:
    return f"""\
# Projektnotat 707070 - kørsler og fakturering

Journalnr. {JOURNAL}, sagsbehandler Forskningsservice.

- Kørsel startet 2026-11-20T09:41:02+01:00, afsluttet 2026-11-20T11:02:55+01:00.
- Logfil: run_20261120_094102.log (1.204 linjer).
- Datasæt opdateret 2026-11-19 17:03:51 (BEF2022, IND2022).
- Faktura nr. {INVOICE} for serverkapacitet, kr. 14.250,00 ekskl. moms, betalt 2026-11-23.
- Kontakt: tlf. +45 3917 3917 (omstilling), projektleder direkte 8715 0000.

Resultatfiler overført: 14 tabeller, 6 figurer. Ingen mikrodata.
"""


def _sv_method_note() -> str:
    phone_a = f"0{SE_PHONES[0]}"
    phone_b = f"0{SE_PHONES[1]}"
    return f"""\
Metodbeskrivning, projekt 1105 (MONA)

Dnr 2026/04112. Urvalet omfattar 1 204 331 personer 16-64 år folkbokförda i Sverige
den 31 december 2022 (RTB), varav 611 208 kvinnor och 593 123 män.

Inkomstuppgifter kommer från LISA 2022. Andelen med eftergymnasial utbildning var
44,8 procent bland kvinnor och 35,2 procent bland män. Alla redovisade celler omfattar
minst 1 000 personer.

Kontaktpersoner:
  Projektledare, mobil {phone_a[:3]}-{phone_a[3:6]} {phone_a[6:8]} {phone_a[8:]}
  Statistiker, mobil {phone_b[:3]}-{phone_b[3:6]} {phone_b[6:8]} {phone_b[8:]}
  SCB MONA-support, tel. 010-479 40 00
"""


def _tex_suppressed(rng: random.Random) -> str:
    rows = []
    for region in ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"):
        cells = []
        for _ in range(5):
            value = int(rng.lognormvariate(3.4, 1.2))
            cells.append("$<$5" if value < 5 else str(value))
        if region == "Nordjylland":
            cells[4] = "x"
        rows.append(f"{region} & " + " & ".join(cells) + r" \\")
    body = "\n".join(rows)
    return rf"""\begin{{table}}[htbp]
\centering
\caption{{Nye tilfælde af sjælden sygdom efter region og aldersgruppe, 2018-2022}}
\label{{tab:sjaelden}}
\begin{{tabular}}{{lrrrrr}}
\toprule
Region & 0-17 & 18-39 & 40-59 & 60-79 & 80+ \\
\midrule
{body}
\bottomrule
\end{{tabular}}

\medskip
\footnotesize Note: $<$5: færre end 5 tilfælde, diskretioneret. x: undertrykt for at
forhindre tilbageregning. Ingen totaler vises.
\end{{table}}
"""


TEX_REGRESSION = (
    (
        r"% Table created by stargazer v.5.2.3 by Marek Hlavac, Social Policy Institute. "
        "E-mail: marek.hlavac at gmail.com\n"
    )
    + r"""% Date and time: Fri, Nov 20, 2026 - 10:12:44
\begin{table}[!htbp] \centering
  \caption{Log indkomst}
  \label{tab:lnindk}
\begin{tabular}{@{\extracolsep{5pt}}lcc}
\\[-1.8ex]\hline
\hline \\[-1.8ex]
 & \multicolumn{2}{c}{\textit{Dependent variable:}} \\
\cline{2-3}
\\[-1.8ex] & \multicolumn{2}{c}{lnindk} \\
\\[-1.8ex] & (1) & (2)\\
\hline \\[-1.8ex]
 alder & 0.071$^{***}$ & 0.069$^{***}$ \\
  & (0.001) & (0.001) \\
  & & \\
 kvinde & $-$0.184$^{***}$ & $-$0.171$^{***}$ \\
  & (0.004) & (0.004) \\
  & & \\
 udd\_lang &  & 0.310$^{***}$ \\
  &  & (0.006) \\
  & & \\
 Constant & 10.904$^{***}$ & 10.871$^{***}$ \\
  & (0.030) & (0.031) \\
  & & \\
\hline \\[-1.8ex]
Observations & 12,408 & 12,408 \\
R$^{2}$ & 0.118 & 0.214 \\
Adjusted R$^{2}$ & 0.118 & 0.213 \\
Residual Std. Error & 0.446 (df = 12405) & 0.421 (df = 12399) \\
F Statistic & 829.412$^{***}$ (df = 2; 12405) & 421.318$^{***}$ (df = 8; 12399) \\
\hline
\hline \\[-1.8ex]
\textit{Note:}  & \multicolumn{2}{r}{$^{*}$p$<$0.1; $^{**}$p$<$0.05; $^{***}$p$<$0.01} \\
\end{tabular}
\end{table}
"""
)


# --- LibreOffice sources -------------------------------------------------------------------

AGE_GROUPS = ("0-17", "18-29", "30-49", "50-64", "65-79", "80+")


def _big_csv(rng: random.Random, *, last_small: bool) -> str:
    lines = ["aar,kommune,koen,aldersgruppe,antal,andel_pct"]
    for year in (2020, 2021, 2022):
        for kom in KOMMUNER[:90]:
            for sex in ("Mand", "Kvinde"):
                for group in AGE_GROUPS:
                    count = max(6, int(rng.lognormvariate(5.0, 1.0)))
                    share = rng.uniform(0.5, 30)
                    lines.append(f"{year},{kom},{sex},{group},{count},{share:.1f}")
    if last_small:
        fields = lines[-1].split(",")
        fields[4] = "1"
        lines[-1] = ",".join(fields)
    return "\n".join(lines) + "\n"


DANISH_CSV = """\
Region;Antal personer;Gns. indkomst (kr.);Median (kr.);Andel med LVU (pct.)
Hovedstaden;1.204.331;352.113,4;318.200,0;24,6
Sjælland;611.208;301.877,2;287.400,0;11,2
Syddanmark;893.117;311.902,8;294.100,0;12,8
Midtjylland;1.004.455;318.455,1;299.800,0;15,1
Nordjylland;402.930;296.004,6;281.300,0;10,4
"""


def _html(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>\n<h1>{title}</h1>\n{body}\n</body></html>\n"
    )


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table border="1">\n<tr>{head}</tr>\n{body}\n</table>'


def _report_html(rng: random.Random) -> str:
    rows = [
        [region, f"{rng.randint(40, 900)}", f"{rng.randint(40, 900)}", f"{rng.randint(40, 900)}"]
        for region in ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
    ]
    table = _html_table(["Region", "Type 1", "Type 2", "Gestationel"], rows)
    return _html(
        "Diabetes i graviditeten 2015-2022",
        "<p>Tabel 1 viser antal fødsler med diabetes efter type og region.</p>\n"
        + table
        + "\n<p>I alt indgik N = 12.408 fødsler. Andelen med gestationel diabetes steg fra "
        "3,1 pct. i 2015 til 4,8 pct. i 2022. Den justerede odds ratio for kejsersnit var "
        "1,42 (95 % CI 1,28-1,57).</p>",
    )


def _footnote_html(group_n: int, *, mean_shown: bool) -> str:
    rows = [
        ["Grundskole", "2.811", "27,4"],
        ["Erhvervsfaglig", "4.102", "31,9"],
        ["Kort videregående", "918", "29,0"],
        ["Mellemlang videregående", "2.377", "33,8"],
    ]
    if mean_shown:
        rows.append(["Ph.d.¹", "", "612.884,0 kr."])
        header = ["Uddannelse", "N", "Gns. indkomst / andel (pct.)"]
        note = f"¹ Ph.d.-gruppen består af n = {group_n} personer; gennemsnitsindkomsten er vist."
        title = "Indkomst efter uddannelse, Samsø 2022"
    else:
        rows.append(["Andet¹", "", "33,3"])
        header = ["Uddannelse", "N", "Andel i beskæftigelse (pct.)"]
        note = (
            f"¹ Gruppen 'Andet' omfatter n = {group_n} personer "
            "(udenlandsk uddannelse uden vurdering)."
        )
        title = "Beskæftigelse efter uddannelse, Samsø 2022"
    return _html(title, _html_table(header, rows) + f"\n<p><small>{note}</small></p>")


def _picture_png() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 22)
    lines = ["Løbenr  CPR-nr       Kommune      Diagnose"]
    kommuner = ("Aarhus", "Odense", "Læsø", "Viborg", "Esbjerg", "Aalborg")
    for index, (number, kom) in enumerate(zip(CPR_PICTURE, kommuner, strict=True), 1):
        lines.append(f"{index:>6}  {number}  {kom:<12} DI21{index}")
    image = Image.new("RGB", (720, 40 + 34 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((16, 16 + 34 * row), text, fill="black", font=font)
    draw.line((16, 48, 700, 48), fill="black", width=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _picture_html() -> str:
    data = base64.b64encode(_picture_png()).decode()
    return _html(
        "Bilag 2: udtræk fra kontrol",
        "<p>Skærmbillede af de seks personer, der blev fjernet ved kontrollen:</p>\n"
        f'<p><img src="data:image/png;base64,{data}" width="720" height="278"></p>\n'
        "<p>Alle seks indgår ikke i tabellerne.</p>",
    )


_FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
"""


def _cell(value: object) -> str:
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    if value is None:
        return "<table:table-cell/>"
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def _row(values: list[object]) -> str:
    return "<table:table-row>" + "".join(_cell(v) for v in values) + "</table:table-row>\n"


def _pivot_fods(rng: random.Random) -> str:
    """A Calc document with a person sheet and a DataPilot (pivot table) counting it."""
    regions = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
    persons: list[list[object]] = []
    for _ in range(80):
        persons.append(
            [
                rng.choice(("Mand", "Kvinde")),
                rng.choice(regions),
                f"{rng.randint(1940, 1999)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.randint(98000, 790000),
            ]
        )
    header: list[object] = ["koen", "region", "foed_dato", "indkomst"]
    data = "".join(_row(p) for p in [header, *persons])
    counts = {
        (r, s): sum(1 for p in persons if p[1] == r and p[0] == s)
        for r in regions
        for s in ("Kvinde", "Mand")
    }
    pivot_rows: list[list[object]] = [
        ["Antal - indkomst", "koen", None, None],
        ["region", "Kvinde", "Mand", "I alt"],
    ]
    for region in sorted(regions):
        women, men = counts[(region, "Kvinde")], counts[(region, "Mand")]
        pivot_rows.append([region, women, men, women + men])
    women = sum(v for (_, s), v in counts.items() if s == "Kvinde")
    pivot_rows.append(["I alt", women, len(persons) - women, len(persons)])
    pivot = "".join(_row(r) for r in pivot_rows)
    last = len(persons) + 1
    return (
        _FODS_HEAD
        + f'<table:table table:name="data">\n{data}</table:table>\n'
        + f'<table:table table:name="Pivot">\n{pivot}</table:table>\n'
        + "<table:data-pilot-tables>\n"
        + '<table:data-pilot-table table:name="DataPilot1" '
        + f'table:target-range-address="Pivot.A1:Pivot.D{len(pivot_rows)}" '
        + 'table:buttons="Pivot.A1">\n'
        + f'<table:source-cell-range table:cell-range-address="data.A1:data.D{last}"/>\n'
        + '<table:data-pilot-field table:source-field-name="region" table:orientation="row"/>\n'
        + '<table:data-pilot-field table:source-field-name="koen" table:orientation="column"/>\n'
        + '<table:data-pilot-field table:source-field-name="indkomst" table:orientation="data" '
        + 'table:function="count"/>\n'
        + "</table:data-pilot-table>\n</table:data-pilot-tables>\n"
        + "</office:spreadsheet></office:body></office:document>\n"
    )


def _delete_sheet(path: Path, sheet: str) -> None:
    """Delete a sheet from an xlsx as Excel does: the pivot cache built from it stays."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    workbook = members["xl/workbook.xml"].decode()
    match = re.search(rf'<sheet name="{sheet}"[^>]*r:id="(rId\d+)"[^>]*/>', workbook)
    if match is None:
        raise RuntimeError(f"no sheet {sheet} in {path.name}")
    members["xl/workbook.xml"] = workbook.replace(match.group(0), "").encode()
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    relation = re.search(rf'<Relationship Id="{match.group(1)}"[^>]*Target="([^"]+)"[^>]*/>', rels)
    if relation is None:
        raise RuntimeError(f"no relationship for {sheet} in {path.name}")
    members["xl/_rels/workbook.xml.rels"] = rels.replace(relation.group(0), "").encode()
    target = "xl/" + relation.group(1).lstrip("/").removeprefix("xl/")
    members.pop(target)
    members.pop(target.replace("worksheets/", "worksheets/_rels/") + ".rels", None)
    types = members["[Content_Types].xml"].decode()
    types = re.sub(rf'<Override PartName="/{re.escape(target)}"[^>]*/>', "", types)
    members["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            out.writestr(name, content)


def _write_r_and_pspp(folder: Path) -> None:
    rscript = require("Rscript")
    pspp = require("pspp")
    script = folder / "make_blind.R"
    script.write_text(_r_script(), encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
    run_pspp(pspp, folder, PSPP_RUNS)
    for temp in folder.glob("_b_*.sav"):
        temp.unlink()


def _write_libreoffice(folder: Path) -> None:
    rng = random.Random(31)
    sources = folder / "_lo"
    sources.mkdir()
    inputs = {
        "blind_lo_big.csv": _big_csv(rng, last_small=False),
        "blind_lo_big_last_small.csv": _big_csv(rng, last_small=True),
        "blind_lo_danish.csv": DANISH_CSV,
        "blind_lo_report.html": _report_html(rng),
        "blind_lo_footnote3.html": _footnote_html(3, mean_shown=False),
        "blind_lo_footnote2.html": _footnote_html(2, mean_shown=True),
        "blind_lo_picture_cpr.html": _picture_html(),
        "blind_lo_pivot.fods": _pivot_fods(rng),
    }
    for name, text in inputs.items():
        (sources / name).write_text(text, encoding="utf-8")
    us_csv = "Text - txt - csv (StarCalc):44,34,76,1"
    danish_csv = "Text - txt - csv (StarCalc):59,34,76,1,,1030"
    soffice_convert([sources / "blind_lo_big.csv"], "xlsx", sources, infilter=us_csv)
    soffice_convert([sources / "blind_lo_big_last_small.csv"], "ods", sources, infilter=us_csv)
    soffice_convert([sources / "blind_lo_danish.csv"], "ods", sources, infilter=danish_csv)
    soffice_convert(
        [
            sources / "blind_lo_report.html",
            sources / "blind_lo_footnote3.html",
            sources / "blind_lo_picture_cpr.html",
        ],
        "docx:MS Word 2007 XML",
        sources,
    )
    soffice_convert([sources / "blind_lo_footnote2.html"], "pdf:writer_web_pdf_Export", sources)
    soffice_convert([sources / "blind_lo_pivot.fods"], "xlsx", sources)
    _delete_sheet(sources / "blind_lo_pivot.xlsx", "data")
    for made in (
        "blind_lo_big.xlsx",
        "blind_lo_big_last_small.ods",
        "blind_lo_danish.ods",
        "blind_lo_report.docx",
        "blind_lo_footnote3.docx",
        "blind_lo_picture_cpr.docx",
        "blind_lo_footnote2.pdf",
        "blind_lo_pivot.xlsx",
    ):
        shutil.move(sources / made, folder / made)
    shutil.rmtree(sources)


def write(folder: Path) -> None:
    _write_r_and_pspp(folder)
    _write_libreoffice(folder)
    rng = random.Random(1201)
    texts = {
        "blind_stata_regress.log": _stata_opened("regress.log")
        + STATA_REGRESS
        + _stata_closed("regress.log"),
        "blind_stata_sts_at.log": _stata_opened("km.log") + _stata_sts_at(rng),
        "blind_stata_tab_mid_small.log": _stata_opened("diag.log")
        + _stata_tab(TAB_COUNTS, "tabulate diagnose"),
        "blind_stata_loop_cpr.log": _stata_opened("loop.log") + _stata_loop_cpr(rng),
        "blind_stata_dupl_fnr.log": _stata_opened("dupl.log") + _stata_dupl_fnr(),
        "blind_sas_log_sizes.log": _sas_log_sizes(),
        "blind_sas_means.lst": _sas_means(rng),
        "blind_sas_print_noobs.lst": _sas_print_noobs(rng),
        "blind_md_report_long.txt": _md_report_long(rng),
        "blind_md_journal_numbers.txt": _md_journal_numbers(),
        "blind_sv_method_note.txt": _sv_method_note(),
        "blind_tex_suppressed.tex": _tex_suppressed(rng),
        "blind_tex_regression.tex": TEX_REGRESSION,
        "blind_md_footnote_n2.txt": MD_FOOTNOTE_N2,
        "blind_md_hetu.txt": _md_hetu(),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
