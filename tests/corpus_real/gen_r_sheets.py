"""Workbooks and data files as researchers lay them out in R (openxlsx, haven): two-row
headers over merged cells, several tables on one sheet, notes and suppression marks,
percentages stored as fractions with a % format, numbers stored as Danish text, index numbers,
a regression table and a calibration table in Excel; aggregates and person x year panels as
Stata and SPSS files.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, run

TOOL = "R"
EXECUTABLES = ("Rscript",)

LABELS = (
    clean(
        "rs_merged_header.xlsx",
        "counts by region under a merged two-row header (Køn over Mænd/Kvinder, Alder over "
        "three groups), every count >= 25",
    ),
    clean(
        "rs_tables_on_one_sheet.xlsx",
        "two tables on one sheet separated by blank rows, each with a title and a total row, "
        "every count >= 40",
    ),
    clean(
        "rs_notes_suppressed.xlsx",
        "a table with notes under it where small municipalities show both sexes as 'x' "
        "(suppressed below 5 with a second cell suppressed in the same row) beside a total "
        "rounded to tens",
    ),
    clean(
        "rs_fraction_percent.xlsx",
        "shares stored as fractions (0.125) with a percent number format, beside the N of "
        "each row (in the hundreds)",
    ),
    clean(
        "rs_text_numbers_dk.xlsx",
        "a table whose numbers are stored as Danish text ('1.234', '12,5'), counts >= 300",
    ),
    clean(
        "rs_index_numbers.xlsx",
        "index numbers (2015 = 100) of mean income by region and year",
    ),
    clean(
        "rs_regression.xlsx",
        "a regression table in Excel: term, estimate, std. error, p-value and the N and R2 "
        "below it",
    ),
    clean(
        "rs_calibration.xlsx",
        "a calibration table: ten deciles of predicted risk with n (about 420), observed "
        "events and mean predicted risk",
    ),
    clean(
        "rs_aggregate_labelled.dta",
        "a Stata file of counts by municipality code, sex and age group (labelled codes), "
        "each combination once, every count >= 10",
    ),
    clean(
        "rs_survey_weights.sav",
        "an SPSS file of post-stratification weights: one row per region x sex x age group "
        "with the population, the sample count (>= 20) and the weight",
    ),
    risk(
        "rs_merged_header_small.xlsx",
        "the merged-header table where one region's oldest women count 2",
        SMALL_CELL,
    ),
    risk(
        "rs_tables_on_one_sheet_small.xlsx",
        "two tables on one sheet; in the second a municipality x diagnosis cell is 1",
        SMALL_CELL,
    ),
    risk(
        "rs_aggregate_labelled_small.dta",
        "the Stata aggregate file where one municipality x sex x age group count is 2",
        SMALL_CELL,
    ),
    risk(
        "rs_panel.dta",
        "a person x year panel in Stata format without a named key: birth year, sex, "
        "municipality code, income and employment per person and year",
        MICRODATA,
    ),
    risk(
        "rs_persons_noid.sav",
        "an SPSS file of persons: birth date, sex, postcode and a diagnosis code per row",
        MICRODATA,
    ),
    risk(
        "rs_text_numbers_dk_small.xlsx",
        "the Danish-text table where one municipality's count is '2'",
        SMALL_CELL,
    ),
)

R_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
suppressPackageStartupMessages({ library(haven); library(openxlsx) })
set.seed(5150)
path <- function(name) file.path(out, name)
regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")

merged <- function(name, small) {
  wb <- createWorkbook()
  addWorksheet(wb, "Tabel 1")
  writeData(wb, "Tabel 1", "Tabel 1. Patienter efter region, køn og alder", startRow = 1)
  writeData(wb, "Tabel 1", t(c("Region", "Køn", "", "Alder", "", "")), startRow = 3,
            colNames = FALSE)
  writeData(wb, "Tabel 1", t(c("", "Mænd", "Kvinder", "0-39", "40-64", "65+")), startRow = 4,
            colNames = FALSE)
  mergeCells(wb, "Tabel 1", cols = 2:3, rows = 3)
  mergeCells(wb, "Tabel 1", cols = 4:6, rows = 3)
  body <- data.frame(region = regioner, m = c(412, 201, 288, 301, 140),
                     k = c(433, 188, 301, 322, 151))
  young <- c(210, 98, 140, 150, 70)
  old <- c(300, 140, 210, 230, 101)
  if (small) { body$k[5] <- 2; old[5] <- 2 }
  body$a1 <- young
  body$a3 <- old
  body$a2 <- body$m + body$k - young - old
  writeData(wb, "Tabel 1", body[, c("region", "m", "k", "a1", "a2", "a3")], startRow = 5,
            colNames = FALSE)
  writeData(wb, "Tabel 1", "Kilde: Landspatientregisteret, egne beregninger", startRow = 11)
  saveWorkbook(wb, path(name), overwrite = TRUE)
}
merged("rs_merged_header.xlsx", FALSE)
merged("rs_merged_header_small.xlsx", TRUE)

two_tables <- function(name, small) {
  wb <- createWorkbook()
  addWorksheet(wb, "Resultater")
  t1 <- data.frame(Region = c(regioner, "I alt"), Antal = c(612, 301, 420, 458, 200, 1991))
  writeData(wb, "Resultater", "Tabel A. Personer efter region", startRow = 1)
  writeData(wb, "Resultater", t1, startRow = 2)
  kom <- c("København", "Aarhus", "Odense", "Læsø")
  t2 <- data.frame(Kommune = kom, Ingen = c(412, 288, 201, 48), "Type 2" = c(96, 71, 55, 41),
                   "Type 1" = c(51, 44, 40, if (small) 1 else 40), check.names = FALSE)
  t2$"I alt" <- rowSums(t2[, -1])
  writeData(wb, "Resultater", "Tabel B. Personer efter kommune og diagnose", startRow = 11)
  writeData(wb, "Resultater", t2, startRow = 12)
  saveWorkbook(wb, path(name), overwrite = TRUE)
}
two_tables("rs_tables_on_one_sheet.xlsx", FALSE)
two_tables("rs_tables_on_one_sheet_small.xlsx", TRUE)

wb <- createWorkbook()
addWorksheet(wb, "Tabel")
kom <- c("København", "Aarhus", "Odense", "Fanø", "Læsø", "Samsø")
sup <- data.frame(Kommune = kom, Mænd = c("1.204", "822", "611", "x", "x", "x"),
                  Kvinder = c("1.310", "870", "640", "x", "x", "x"),
                  "I alt" = c("2.510", "1.690", "1.250", "20", "10", "20"), check.names = FALSE)
writeData(wb, "Tabel", "Personer med diagnosen efter kommune og køn, 2023", startRow = 1)
writeData(wb, "Tabel", sup, startRow = 3)
writeData(wb, "Tabel", "x: færre end 5 personer (diskretioneret). I alt er afrundet til 10.",
          startRow = 11)
writeData(wb, "Tabel", "Kilde: egne beregninger", startRow = 12)
saveWorkbook(wb, path("rs_notes_suppressed.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "Andele")
fr <- data.frame(Region = regioner, N = c(1204, 512, 733, 861, 298))
fr$Grundskole <- round(runif(5, 0.12, 0.2), 3)
fr$Gymnasial <- round(runif(5, 0.15, 0.25), 3)
fr$Videregående <- round(1 - fr$Grundskole - fr$Gymnasial, 3)
writeData(wb, "Andele", fr)
addStyle(wb, "Andele", createStyle(numFmt = "0.0%"), rows = 2:6, cols = 3:5, gridExpand = TRUE)
saveWorkbook(wb, path("rs_fraction_percent.xlsx"), overwrite = TRUE)

dktext <- function(name, small) {
  kom <- c("København", "Frederiksberg", "Aarhus", "Odense", "Aalborg")
  antal <- c("24.512", "3.408", "14.230", "8.115", if (small) "2" else "9.021")
  dt <- data.frame(Kommune = kom, Antal = antal,
                   "Andel (pct.)" = c("41,2", "5,7", "23,9", "13,6", if (small) "0,0" else "15,6"),
                   check.names = FALSE)
  write.xlsx(dt, path(name), sheetName = "Tabel")
}
dktext("rs_text_numbers_dk.xlsx", FALSE)
dktext("rs_text_numbers_dk_small.xlsx", TRUE)

idx <- expand.grid(Region = regioner, Aar = 2015:2022)
idx$Indeks <- round(100 * (1 + (idx$Aar - 2015) * runif(nrow(idx), 0.015, 0.03)), 1)
idx$Indeks[idx$Aar == 2015] <- 100
wide <- reshape(idx, idvar = "Region", timevar = "Aar", direction = "wide")
names(wide) <- sub("Indeks.", "", names(wide))
write.xlsx(wide, path("rs_index_numbers.xlsx"), sheetName = "Indeks (2015=100)")

wb <- createWorkbook()
addWorksheet(wb, "Model")
reg <- data.frame(Term = c("(Intercept)", "alder", "kvinde", "videregaaende"),
                  Estimat = c(11.812, 0.031, -0.142, 0.251),
                  "Std. fejl" = c(0.091, 0.002, 0.019, 0.026),
                  "p-værdi" = c(0.000, 0.000, 0.000, 0.000), check.names = FALSE)
writeData(wb, "Model", reg)
writeData(wb, "Model", data.frame(x = c("N", "R2"), y = c(2000, 0.163)), startRow = 7,
          colNames = FALSE)
saveWorkbook(wb, path("rs_regression.xlsx"), overwrite = TRUE)

cal <- data.frame(Decil = 1:10, n = rpois(10, 420) + 1L)
cal$Forventet <- round(seq(0.01, 0.3, length.out = 10), 3)
cal$Observerede_haendelser <- round(cal$n * cal$Forventet * runif(10, 0.8, 1.2))
cal$Observeret_andel <- round(cal$Observerede_haendelser / cal$n, 3)
write.xlsx(cal, path("rs_calibration.xlsx"), sheetName = "Kalibrering")

agg <- expand.grid(kommune = c(101, 147, 461, 751, 851), koen = 1:2, aldgrp = 1:4)
agg$antal <- rpois(nrow(agg), 80) + 10L
labelled_agg <- agg
labelled_agg$koen <- labelled(as.numeric(agg$koen), c(Mand = 1, Kvinde = 2))
labelled_agg$aldgrp <- labelled(as.numeric(agg$aldgrp),
  c("0-17" = 1, "18-39" = 2, "40-64" = 3, "65+" = 4))
labelled_agg$kommune <- labelled(as.numeric(agg$kommune),
  c("København" = 101, "Frederiksberg" = 147, "Odense" = 461, "Aarhus" = 751, "Aalborg" = 851))
write_dta(labelled_agg, path("rs_aggregate_labelled.dta"))
labelled_agg$antal[17] <- 2
write_dta(labelled_agg, path("rs_aggregate_labelled_small.dta"))

wt <- expand.grid(region = 1:5, koen = 1:2, aldgrp = 1:4)
wt$befolkning <- round(runif(nrow(wt), 40000, 300000))
wt$stikproeve <- rpois(nrow(wt), 60) + 20L
wt$vaegt <- round(wt$befolkning / wt$stikproeve, 2)
wt$region <- labelled(as.numeric(wt$region), setNames(1:5, regioner))
write_sav(wt, path("rs_survey_weights.sav"))

n <- 300
ids <- rep(1:n, each = 6)
panel <- data.frame(aar = rep(2017:2022, n),
                    foedaar = rep(sample(1950:1995, n, TRUE), each = 6),
                    koen = rep(sample(1:2, n, TRUE), each = 6),
                    kom = rep(sample(c(101, 147, 461, 751, 851), n, TRUE), each = 6))
panel$indkomst <- round(rep(exp(rnorm(n, 12.5, 0.4)), each = 6) * runif(n * 6, 0.9, 1.1))
panel$beskaeftiget <- rbinom(n * 6, 1, 0.8)
write_dta(panel, path("rs_panel.dta"))

m <- 400
pat <- data.frame(
  foedselsdato = as.Date("1935-01-01") + sample(0:27000, m, TRUE),
  koen = labelled(sample(1:2, m, TRUE), c(Mand = 1, Kvinde = 2)),
  postnr = sample(c(1050, 2100, 2300, 5000, 6700, 8000, 9000), m, TRUE),
  diagnose = sample(c("DI21", "DE11", "DC50", "DJ44", "DF32"), m, TRUE))
write_sav(pat, path("rs_persons_noid.sav"))
"""


def write(folder: Path) -> None:
    rscript = require("Rscript")
    script = folder / "make_sheets.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
