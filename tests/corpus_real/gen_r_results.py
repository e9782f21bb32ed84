"""More R output, of the kinds beside gen_r's: results printed at the console (poisson models,
three-way xtabs, prop.table, aggregate, tibbles, str, labelled codebooks), result tables saved
as csv/xlsx (ROC, Kaplan-Meier, rates per 1,000, suppression marks, Danish number notation,
the data behind graphs), and person-level data without an obvious key (birth dates, postcodes,
ICD-10 codes, person x year panels, numeric survey codes).

One Rscript run writes every file, from data simulated with a fixed seed. Written to how a
researcher saves results, not to what the scanner looks for.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import r_preamble, require, run

TOOL = "R"
EXECUTABLES = ("Rscript",)

LABELS = (
    # --- console output: clean -----------------------------------------------------------
    clean(
        "rr_glm_poisson.txt",
        "summary(glm(family = poisson)) of admissions with an offset: deviance residuals, "
        "coefficients, 'on 39 degrees of freedom', Fisher scoring iterations",
    ),
    clean(
        "rr_xtabs_threeway.txt",
        "xtabs(~ udd + region + koen) printed as ', , koen = 1' slices: every cell >= 5",
    ),
    clean(
        "rr_prop_table.txt",
        "round(prop.table(table(region, udd), 1), 3): shares only, over 3,000 persons",
    ),
    clean(
        "rr_aggregate_means.txt",
        "aggregate(indkomst ~ region + koen, FUN = mean) printed: ten group means over 3,000",
    ),
    clean(
        "rr_tibble_counts.txt",
        "a tibble of counts by region and sex ('# A tibble: 10 x 3', a column n, all >= 100)",
    ),
    clean(
        "rr_str_aggregate.txt",
        "str() of an aggregate data frame: variable types and its first values (counts >= 40)",
    ),
    clean(
        "rr_print_labels.txt",
        "haven::print_labels() of the labelled variables: value codes 1, 2, 3 and their labels",
    ),
    clean(
        "rr_table_dnn.txt",
        "table(Køn = ..., Region = ...) with Danish dimension names: every cell >= 100",
    ),
    clean(
        "rr_tapply_quantiles.txt",
        "tapply(indkomst, region, quantile): quartiles of income per region, groups >= 300",
    ),
    clean(
        "rr_cox_zph.txt",
        "cox.zph() test of proportional hazards: chisq, df, p per covariate and GLOBAL",
    ),
    # --- result tables saved as files: clean ---------------------------------------------
    clean(
        "rr_roc_table.csv",
        "a ROC table of a risk score: threshold, sensitivity, specificity, and the AUC",
    ),
    clean(
        "rr_km_table.csv",
        "a Kaplan-Meier table at yearly times: the number at risk stays >= 150, survival and "
        "its confidence limits",
    ),
    clean(
        "rr_rates_per_1000.csv",
        "write.csv2 of cases, population and the rate per 1,000 by region and year (Danish "
        "notation, cases >= 20)",
    ),
    clean(
        "rr_suppressed_markers.csv",
        "counts by municipality and diagnosis group with counts below 5 shown as '<5' and "
        "their shares as '..': suppressed as the rules say",
    ),
    clean(
        "rr_danish_numbers.csv",
        "a table in Danish notation written with format(big.mark = '.', decimal.mark = ','): "
        "Antal 1.234, Andel 12,5 %, Gns. indkomst 312.456,7",
    ),
    clean(
        "rr_graph_data.csv",
        "the data behind a line graph: mean income by year and education with its n >= 150",
    ),
    clean(
        "rr_aggregate_percent.xlsx",
        "openxlsx table of counts and column percentages by age group and sex, with I alt",
    ),
    clean(
        "rr_codebook_variables.csv",
        "a variable list: name, label, type, number of missing and of distinct values over "
        "3,000 rows (no data values)",
    ),
    clean(
        "rr_panel_means_wide.csv",
        "mean income per year (columns 2015-2022) by sex and education: an aggregate panel",
    ),
    clean(
        "rr_series_print.txt",
        "print() of a yearly series 1980-2022 of mean and median income (row numbers, one "
        "row per year, no counts): aggregates over the whole population",
    ),
    clean(
        "rr_series.csv",
        "the same yearly series of mean and median income written with write.csv",
    ),
    clean(
        "rr_monthly_print.txt",
        "print() of a monthly series (first day of each month, 48 months) of mean and median "
        "waiting times",
    ),
    # --- risky ---------------------------------------------------------------------------
    risk(
        "rr_head_noid.txt",
        "head() of patient data without any id: birth date, postcode, sex, ICD-10 diagnosis, "
        "one person per row",
        MICRODATA,
    ),
    risk(
        "rr_tibble_noid.txt",
        "print(tibble, n = 15) of the patients without any id: '# A tibble: 500 x 4', the "
        "column types, 15 numbered rows of birth date, postcode, sex and diagnosis",
        MICRODATA,
    ),
    risk(
        "rr_persons_noid.csv",
        "write.csv of 500 persons without a key: birth date, postcode, sex, ICD-10 diagnosis",
        MICRODATA,
    ),
    risk(
        "rr_persons_noid.xlsx",
        "the same persons as an openxlsx workbook (dates as Excel dates)",
        MICRODATA,
    ),
    risk(
        "rr_panel_person_year.csv",
        "a person x year panel: a running person number, year, municipality, income and "
        "employment status, eight rows per person",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "rr_panel_wide.csv",
        "a wide panel without id: one row per person, income 2015 ... income 2022 in columns",
        MICRODATA,
    ),
    risk(
        "rr_diagnoses.csv",
        "a diagnosis listing: one row per contact with date, ICD-10 action diagnosis, "
        "hospital code, age and sex",
        MICRODATA,
    ),
    risk(
        "rr_survey_codes.csv",
        "a wide questionnaire export with numeric answers (q1-q30 coded 1-5), one row per "
        "respondent, no timestamp",
        MICRODATA,
    ),
    risk(
        "rr_graph_data_scatter.csv",
        "the data behind a scatter plot: one point per person (age, income, sex)",
        MICRODATA,
    ),
    risk(
        "rr_xtabs_threeway_small.txt",
        "a three-way xtabs in slices where one cell of one slice is 1",
        SMALL_CELL,
    ),
    risk(
        "rr_tibble_counts_small.txt",
        "a tibble of counts by municipality and diagnosis with n = 2 in one row",
        SMALL_CELL,
    ),
    risk(
        "rr_danish_numbers_small.csv",
        "the Danish-notation table where one municipality has Antal 2",
        SMALL_CELL,
    ),
    risk(
        "rr_rates_small.csv",
        "rates per 1,000 by municipality where one municipality has 2 cases",
        SMALL_CELL,
    ),
    risk(
        "rr_km_table_small.csv",
        "a Kaplan-Meier table saved with write.csv whose number at risk falls to 2",
        SMALL_CELL,
    ),
    risk(
        "rr_table_dnn_small.txt",
        "table(Kommune = ..., Diagnose = ...) where one cell is 2",
        SMALL_CELL,
    ),
)

_PREAMBLE = r_preamble(
    libraries=["haven", "openxlsx", "survival"],
    options="width = 90, useFancyQuotes = FALSE",
    seed=19730412,
)
R_SCRIPT = (
    _PREAMBLE
    + r"""n <- 3000
regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
udd <- c("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
d <- data.frame(
  koen = sample(1:2, n, TRUE),
  region = factor(sample(regioner, n, TRUE, c(.31, .15, .21, .23, .10)), levels = regioner),
  udd = factor(sample(udd, n, TRUE), levels = udd),
  alder = sample(25:70, n, TRUE))
d$indkomst <- round(exp(rnorm(n, 12.5, 0.4)) + 15000 * (d$koen == 1) + 900 * d$alder)
d$tid <- round(rexp(n, 1 / 3000)) + 1
d$doed <- as.integer(d$tid < 3650)
d$tid <- pmin(d$tid, 3650)
assign("d", d, envir = globalenv())

# --- console output (clean) -----------------------------------------------------------------
adm <- expand.grid(region = regioner, aar = 2015:2022)
adm$pop <- round(runif(nrow(adm), 300000, 1800000))
adm$cases <- rpois(nrow(adm), adm$pop / 1000 * 2.1)
assign("adm", adm, envir = globalenv())
console("rr_glm_poisson.txt", "
fit <- glm(cases ~ region + aar + offset(log(pop)), family = poisson, data = adm)
summary(fit)
")
console("rr_xtabs_threeway.txt", "
xtabs(~ udd + region + koen, data = d)
")
console("rr_prop_table.txt", "
round(prop.table(table(d$region, d$udd), 1), 3)
")
console("rr_aggregate_means.txt", "
aggregate(indkomst ~ region + koen, data = d, FUN = mean)
")
tc <- tibble::as_tibble(as.data.frame(table(region = d$region, koen = d$koen),
                                      responseName = "n"))
writeLines(capture.output(print(tc)), path("rr_tibble_counts.txt"))
ag <- as.data.frame(table(region = d$region, udd = d$udd), responseName = "antal")
ag$gns_indkomst <- round(tapply(d$indkomst, list(d$region, d$udd), mean)[cbind(ag$region, ag$udd)])
assign("ag", ag, envir = globalenv())
console("rr_str_aggregate.txt", "
str(ag)
")
lab <- data.frame(
  koen = labelled(d$koen, c(Mand = 1, Kvinde = 2), label = "Køn"),
  region = labelled(as.numeric(d$region), setNames(1:5, regioner), label = "Bopælsregion"),
  udd = labelled(as.numeric(d$udd), setNames(1:6, udd), label = "Højeste uddannelse"))
assign("lab", lab, envir = globalenv())
console("rr_print_labels.txt", "
print_labels(lab$koen)
print_labels(lab$region)
print_labels(lab$udd)
")
console("rr_table_dnn.txt", "
with(d, table(Køn = ifelse(koen == 1, 'Mand', 'Kvinde'), Region = region))
")
console("rr_tapply_quantiles.txt", "
tapply(d$indkomst, d$region, quantile)
")
console("rr_cox_zph.txt", "
cox <- coxph(Surv(tid, doed) ~ alder + factor(koen) + udd, data = d)
cox.zph(cox)
")

# --- result tables as files (clean) ------------------------------------------------------------
score <- d$alder / 10 + rnorm(n)
y <- rbinom(n, 1, plogis(-4 + score / 2))
cuts <- quantile(score, seq(0.1, 0.9, 0.1))
roc <- data.frame(threshold = round(cuts, 3),
                  sensitivity = sapply(cuts, function(k) round(mean(score[y == 1] >= k), 3)),
                  specificity = sapply(cuts, function(k) round(mean(score[y == 0] < k), 3)))
auc <- mean(outer(score[y == 1], score[y == 0], ">"))
roc$auc <- round(auc, 3)
write.csv(roc, path("rr_roc_table.csv"), row.names = FALSE)
km <- summary(survfit(Surv(tid, doed) ~ 1, data = d), times = c(0, 365, 730, 1095, 1460, 1825))
write.csv(data.frame(time = km$time, n.risk = km$n.risk, n.event = km$n.event,
                     survival = round(km$surv, 4), lower = round(km$lower, 4),
                     upper = round(km$upper, 4)),
          path("rr_km_table.csv"), row.names = FALSE)
rates <- expand.grid(region = regioner, aar = 2019:2022)
rates$befolkning <- round(runif(nrow(rates), 300000, 1800000))
rates$tilfaelde <- rpois(nrow(rates), rates$befolkning / 1000 * 1.4)
rates$rate_pr_1000 <- round(1000 * rates$tilfaelde / rates$befolkning, 2)
write.csv2(rates, path("rr_rates_per_1000.csv"), row.names = FALSE, fileEncoding = "UTF-8")
kom <- c("København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Læsø", "Samsø", "Fanø")
sup <- expand.grid(kommune = kom, diagnosegruppe = c("Hjerte-kar", "Kræft", "Diabetes"))
sup$antal <- c(812, 455, 301, 288, 140, 3, 4, 2, 1204, 701, 455, 410, 222, 6, 2, 8,
               530, 310, 205, 190, 101, 1, 3, 4)
sup$andel_pct <- round(100 * sup$antal / ave(sup$antal, sup$kommune, FUN = sum), 1)
small <- sup$antal < 5
sup$antal <- ifelse(small, "<5", as.character(sup$antal))
sup$andel_pct <- ifelse(small, "..", format(sup$andel_pct, nsmall = 1, trim = TRUE))
write.csv(sup, path("rr_suppressed_markers.csv"), row.names = FALSE, fileEncoding = "UTF-8")
dk <- function(x, digits = 0) format(round(x, digits), big.mark = ".", decimal.mark = ",",
                                     nsmall = digits, trim = TRUE)
kom2 <- c("København", "Frederiksberg", "Aarhus", "Odense", "Aalborg", "Vejle", "Herning")
antal <- c(24512, 3408, 14230, 8115, 9021, 2877, 1734)
dkt <- data.frame(Kommune = kom2, Antal = dk(antal),
                  Andel = paste0(dk(100 * antal / sum(antal), 1), " %"),
                  "Gns. indkomst" = dk(runif(7, 280000, 390000), 1), check.names = FALSE)
dkt <- rbind(dkt, data.frame(Kommune = "I alt", Antal = dk(sum(antal)), Andel = "100,0 %",
                             "Gns. indkomst" = dk(331245.7, 1), check.names = FALSE))
write.table(dkt, path("rr_danish_numbers.csv"), sep = ";", row.names = FALSE,
            fileEncoding = "UTF-8", qmethod = "double")
dks <- dkt
dks$Antal[7] <- "2"
dks$Andel[7] <- "0,0 %"
write.table(dks, path("rr_danish_numbers_small.csv"), sep = ";", row.names = FALSE,
            fileEncoding = "UTF-8", qmethod = "double")
gd <- aggregate(indkomst ~ udd, data = d, FUN = function(x) c(n = length(x), mean = mean(x)))
gd <- do.call(data.frame, gd)
gd <- merge(data.frame(aar = 2015:2022), gd)
gd$indkomst.mean <- round(gd$indkomst.mean * (1 + (gd$aar - 2015) * 0.02))
names(gd) <- c("aar", "uddannelse", "n", "gns_indkomst")
write.csv(gd[order(gd$aar, gd$uddannelse), ], path("rr_graph_data.csv"), row.names = FALSE)
ages <- cut(d$alder, c(24, 34, 44, 54, 64, 70),
            labels = c("25-34", "35-44", "45-54", "55-64", "65-70"))
t2 <- table(ages, ifelse(d$koen == 1, "Mænd", "Kvinder"))
pc <- round(100 * prop.table(t2, 2), 1)
ap <- data.frame(Aldersgruppe = rownames(t2), "Mænd, antal" = t2[, "Mænd"],
                 "Mænd, pct." = pc[, "Mænd"], "Kvinder, antal" = t2[, "Kvinder"],
                 "Kvinder, pct." = pc[, "Kvinder"], check.names = FALSE)
ap <- rbind(ap, data.frame(Aldersgruppe = "I alt", "Mænd, antal" = sum(t2[, "Mænd"]),
                           "Mænd, pct." = 100, "Kvinder, antal" = sum(t2[, "Kvinder"]),
                           "Kvinder, pct." = 100, check.names = FALSE))
wb <- createWorkbook()
addWorksheet(wb, "Tabel 4")
writeData(wb, "Tabel 4", "Tabel 4. Personer efter aldersgruppe og køn, 2022", startRow = 1)
writeData(wb, "Tabel 4", ap, startRow = 3)
saveWorkbook(wb, path("rr_aggregate_percent.xlsx"), overwrite = TRUE)
vl <- data.frame(variabel = c("koen", "region", "udd", "alder", "indkomst", "tid", "doed"),
                 etiket = c("Køn", "Bopælsregion", "Højeste fuldførte uddannelse", "Alder",
                            "Personindkomst i alt", "Opfølgningstid (dage)", "Død i perioden"),
                 type = c("numeric", "factor", "factor", "integer", "numeric", "numeric",
                          "integer"),
                 antal_missing = c(0, 0, 12, 0, 41, 0, 0),
                 antal_forskellige = sapply(d[c("koen", "region", "udd", "alder", "indkomst",
                                                "tid", "doed")], function(x) length(unique(x))))
write.csv(vl, path("rr_codebook_variables.csv"), row.names = FALSE, fileEncoding = "UTF-8")
pw <- expand.grid(koen = c("Mand", "Kvinde"), uddannelse = udd)
for (y in 2015:2022) pw[[as.character(y)]] <- round(runif(nrow(pw), 250000, 450000), 1)
write.csv(pw, path("rr_panel_means_wide.csv"), row.names = FALSE, fileEncoding = "UTF-8")

ser <- data.frame(aar = 1980:2022,
                  gns_indkomst = round(cumsum(runif(43, 4000, 9000)) + 150000, 1),
                  median_indkomst = round(cumsum(runif(43, 3000, 8000)) + 140000, 1))
writeLines(capture.output(print(ser)), path("rr_series_print.txt"))
write.csv(ser, path("rr_series.csv"), row.names = FALSE)
mon <- data.frame(maaned = format(seq(as.Date("2019-01-01"), by = "month", length.out = 48)),
                  gns_ventetid = round(runif(48, 20, 60), 1),
                  median_ventetid = round(runif(48, 15, 50), 1))
writeLines(capture.output(print(mon)), path("rr_monthly_print.txt"))

# --- person level, no obvious key (risky) ------------------------------------------------------
m <- 500
icd <- c("DI210", "DI219", "DE119", "DE109", "DC509", "DC349", "DJ449", "DF329", "DI639",
         "DK359", "DS720", "DM169")
pat <- data.frame(
  foedselsdato = as.Date("1935-01-01") + sample(0:27000, m, TRUE),
  postnr = sample(c(1050, 2100, 2300, 2450, 2700, 2800, 3000, 4000, 5000, 6700, 7100, 8000,
                    8200, 9000, 9220, 9940), m, TRUE),
  koen = sample(c("K", "M"), m, TRUE),
  diagnose = sample(icd, m, TRUE))
assign("pat", pat, envir = globalenv())
console("rr_head_noid.txt", "
head(pat, 20)
")
write.csv(pat, path("rr_persons_noid.csv"), row.names = FALSE)
writeLines(capture.output(print(tibble::as_tibble(pat), n = 15)), path("rr_tibble_noid.txt"))
write.xlsx(pat, path("rr_persons_noid.xlsx"), sheetName = "patienter")
ids <- 1:350
panel <- expand.grid(aar = 2015:2022, id = ids)[, c("id", "aar")]
panel$kommune <- rep(sample(c(101, 147, 461, 751, 851), length(ids), TRUE), each = 8)
panel$indkomst <- round(rep(exp(rnorm(length(ids), 12.5, 0.4)), each = 8) *
                          (1 + (panel$aar - 2015) * 0.02) + rnorm(nrow(panel), 0, 8000))
panel$beskaeftiget <- rbinom(nrow(panel), 1, 0.8)
write.csv(panel, path("rr_panel_person_year.csv"), row.names = FALSE)
wide <- data.frame(koen = sample(1:2, 400, TRUE), foedaar = sample(1950:1995, 400, TRUE))
for (y in 2015:2022) wide[[paste0("indkomst_", y)]] <- round(exp(rnorm(400, 12.5, 0.4)))
write.csv(wide, path("rr_panel_wide.csv"), row.names = FALSE)
contacts <- data.frame(kontaktdato = as.Date("2020-01-01") + sort(sample(0:1000, 900, TRUE)))
contacts$aktionsdiagnose <- sample(icd, 900, TRUE)
contacts$sygehus <- sample(c(1301, 1309, 1330, 4202, 6006, 8001), 900, TRUE)
contacts$alder <- sample(0:99, 900, TRUE)
contacts$koen <- sample(c("K", "M"), 900, TRUE)
write.csv(contacts, path("rr_diagnoses.csv"), row.names = FALSE)
sv <- as.data.frame(matrix(sample(1:5, 320 * 30, TRUE), 320))
names(sv) <- paste0("q", 1:30)
sv <- cbind(koen = sample(1:2, 320, TRUE), aldgrp = sample(1:6, 320, TRUE), sv)
write.csv(sv, path("rr_survey_codes.csv"), row.names = FALSE)
write.csv(data.frame(alder = d$alder[1:800], indkomst = d$indkomst[1:800],
                     koen = d$koen[1:800]), path("rr_graph_data_scatter.csv"), row.names = FALSE)

# --- small cells (risky) -----------------------------------------------------------------------
dd <- d[d$region != "Nordjylland" | d$udd != "LVU" | d$koen != 2, ]
dd <- rbind(dd, d[d$region == "Nordjylland" & d$udd == "LVU" & d$koen == 2, ][1, ])
assign("dd", dd, envir = globalenv())
console("rr_xtabs_threeway_small.txt", "
xtabs(~ udd + region + koen, data = dd)
")
ts <- tibble::tibble(kommune = rep(c("Aarhus", "Odense", "Læsø", "Aalborg"), each = 3),
                     diagnose = rep(c("Type 1", "Type 2", "Andet"), 4),
                     n = c(310L, 1904L, 220L, 201L, 1240L, 144L, 2L, 14L, 6L, 280L, 1560L, 190L))
writeLines(capture.output(print(ts)), path("rr_tibble_counts_small.txt"))
rs <- data.frame(kommune = c("København", "Aarhus", "Odense", "Læsø", "Aalborg"),
                 befolkning = c(653664, 361544, 207515, 1776, 220974))
rs$tilfaelde <- c(1410, 790, 452, 2, 470)
rs$rate_pr_1000 <- round(1000 * rs$tilfaelde / rs$befolkning, 2)
write.csv2(rs, path("rr_rates_small.csv"), row.names = FALSE, fileEncoding = "UTF-8")
few <- data.frame(tid = c(50, 120, 200, 340, 410, 600, 720, 900, 1300, 1800, 2600, 3400),
                  doed = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1))
kms <- summary(survfit(Surv(tid, doed) ~ 1, data = few),
               times = c(0, 500, 1000, 1500, 2000, 2500, 3000))
write.csv(data.frame(time = kms$time, n.risk = kms$n.risk, n.event = kms$n.event,
                     survival = round(kms$surv, 4)),
          path("rr_km_table_small.csv"), row.names = FALSE)
kd <- data.frame(kommune = c(rep("Aarhus", 300), rep("Odense", 200), rep("Samsø", 9)),
                 diag = c(sample(c("Ingen", "Type 2", "Type 1"), 500, TRUE, c(.7, .22, .08)),
                          c(rep("Ingen", 7), "Type 2", "Type 1")))
kd$diag[501:509] <- c(rep("Ingen", 7), rep("Type 2", 2))
assign("kd", kd, envir = globalenv())
console("rr_table_dnn_small.txt", "
with(kd, table(Kommune = kommune, Diagnose = diag))
")
"""
)


def write(folder: Path) -> None:
    rscript = require("Rscript")
    script = folder / "make_results.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
