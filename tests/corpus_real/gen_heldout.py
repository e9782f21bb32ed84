"""A held-out round made by R and PSPP, written blind to the detectors (December 2026).

The files are research output as a researcher on a DST, MONA or SSB machine saves it: console
summaries of lm/coxph/survfit, ftable and addmargins printouts, write.csv of aggregate(),
openxlsx workbooks with several sheets (one hidden), haven::write_dta/write_sav of aggregates
and of persons, and PSPP FREQUENCIES, CROSSTABS, DESCRIPTIVES, EXAMINE, MEANS, REGRESSION and
LIST output as txt, html, spv, pdf and tex. Labels follow Statistics Denmark's rules (seed 001):
at least 3 observations per cell, no unit records, no identity numbers or key variables, no
recoverable suppressed cell. They were written before the scanner was run on the files.

One Rscript run writes the R files and the data PSPP reads; one pspp run per output file.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.identity_numbers import dk_cpr, no_fnr
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import r_preamble, require, run, run_pspp

TOOL = "R and PSPP (held-out round)"
EXECUTABLES = ("Rscript", "pspp")

_RNG = random.Random(20261201)
CPR_DUPLICATE = dk_cpr(_RNG, dash=False)
CPR_NOTE = dk_cpr(_RNG)
FNR_NOTE = no_fnr(_RNG)

LABELS = (
    # --- R console output: clean ---------------------------------------------------------------
    clean(
        "heldout_r_lm_summary.txt",
        "summary(lm(log(indkomst) ~ alder + koen + udd + region)): coefficients, residual "
        "standard error on 3989 degrees of freedom, F-statistic; estimation output",
    ),
    clean(
        "heldout_r_coxph_summary.txt",
        "summary(coxph()): 'n= 4000, number of events= ...', hazard ratios with confidence "
        "limits, concordance and likelihood ratio tests",
    ),
    clean(
        "heldout_r_ftable.txt",
        "ftable(xtabs(~ region + koen + aldersgruppe)) over 4,000 persons: every cell >= 20",
    ),
    clean(
        "heldout_r_survfit_print.txt",
        "print(survfit(Surv(tid, doed) ~ koen)): n, events, median survival per sex (about "
        "2,000 each)",
    ),
    clean(
        "heldout_r_fylke_no.txt",
        "Norwegian: table(Fylke = ..., Kjønn = ...) with addmargins(); every cell >= 60",
    ),
    # --- R result files: clean ------------------------------------------------------------------
    clean(
        "heldout_r_aggregate.csv",
        "write.csv of aggregate(indkomst ~ region + koen) with antal, gns and median per "
        "group; every group has >= 150 persons",
    ),
    clean(
        "heldout_r_workbook.xlsx",
        "openxlsx workbook with three sheets: counts by region and education (all >= 20), "
        "column percentages, and a sheet of notes (source registers, years, definitions)",
    ),
    clean(
        "heldout_r_aggregate.dta",
        "haven::write_dta of an aggregate: kommune x aldersgruppe with antal (>= 30) and mean "
        "income, one row per combination, variable labels",
    ),
    clean(
        "heldout_r_aggregate.sav",
        "haven::write_sav of counts by region and education with labelled region codes; "
        "every count >= 40",
    ),
    clean(
        "heldout_r_logit_or.csv",
        "odds ratios of a logistic regression: term, OR, 95% limits, p-value",
    ),
    clean(
        "heldout_r_deciles_age.csv",
        "income deciles (P10 ... P90) per age group 20-29 ... 70-79; groups of >= 500",
    ),
    clean(
        "heldout_r_lan_sv.csv",
        "Swedish write.csv2: Län, Kön, Antal, Andel (%) with decimal commas; counts >= 400",
    ),
    clean(
        "heldout_r_suppressed.xlsx",
        "counts by municipality and diagnosis with counts under 3 shown as '<3' and a note "
        "saying so; no totals in the file, so nothing is recoverable",
    ),
    clean(
        "heldout_r_model_fit.csv",
        "model comparison: model, df, logLik, AIC, BIC and the number of observations (4000)",
    ),
    clean(
        "heldout_r_quarters.csv",
        "new cases per quarter: 2021K1 ... 2023K4 with the period's first and last date and "
        "counts >= 200",
    ),
    clean(
        "heldout_r_income_sums.csv",
        "total income in kr per municipality (10-digit sums in a column named "
        "samlet_indkomst_kr) beside the population: aggregate amounts, not CPR numbers",
    ),
    # --- R: risky ---------------------------------------------------------------------------------
    risk(
        "heldout_r_ftable_small.txt",
        "ftable(kommune x koen x ryger) where Læsø's cells are 1 and 2",
        SMALL_CELL,
    ),
    risk(
        "heldout_r_aggregate_n2.txt",
        "aggregate(indkomst ~ kommune, FUN = function(x) c(n = length(x), gns = mean(x))) "
        "printed at the console: Fanø has n = 2 and its mean income",
        SMALL_CELL,
    ),
    risk(
        "heldout_r_persons.dta",
        "haven::write_dta of 600 persons without a key: birth date, sex, municipality code, "
        "education and income, one row per person",
        MICRODATA,
    ),
    risk(
        "heldout_r_survey.sav",
        "haven::write_sav of 250 questionnaire respondents: labelled Likert answers q1-q10, "
        "age group, sex and a completion time per row",
        MICRODATA,
    ),
    risk(
        "heldout_r_hidden_data.xlsx",
        "a visible sheet of aggregates and a hidden sheet 'grunddata' with 300 person rows "
        "(birth date, sex, municipality, income)",
        MICRODATA,
    ),
    risk(
        "heldout_r_dup_cpr.txt",
        "a console data check, reg$cpr[duplicated(reg$cpr)], prints one CPR number in quotes",
        IDENTIFIER,
    ),
    risk(
        "heldout_r_notes_cpr.xlsx",
        "a results workbook whose 'Noter' sheet says a person with CPR DDMMYY-SSSS was left "
        "out because of a wrong date of death",
        IDENTIFIER,
    ),
    risk(
        "heldout_r_km_small.txt",
        "summary(survfit(), times = ...) printed: n.risk falls to 2 and 1 at the last times",
        SMALL_CELL,
    ),
    risk(
        "heldout_r_minmax.csv",
        "group statistics by municipality with n, mean, min and max: Fanø has n = 1, so its "
        "mean, min and max are one person's income",
        SMALL_CELL,
    ),
    risk(
        "heldout_r_mona_head.txt",
        "Swedish (MONA) console head() of a person file with LopNr, Kon, FodelseAr, Lan, "
        "DispInk: a key variable and unit records",
        IDENTIFIER,
        MICRODATA,
    ),
    risk(
        "heldout_r_fylke_fnr.csv",
        "Norwegian aggregate by fylke written with write.csv, and a note line appended "
        "naming a fødselsnummer that was removed",
        IDENTIFIER,
    ),
    risk(
        "heldout_r_pct_small_base.csv",
        "shares with their bases: one diagnosis group has N = 2 and 50.0 percent",
        SMALL_CELL,
    ),
    risk(
        "heldout_r_recoverable.csv",
        "counts by municipality and sex with totals (I alt): one cell is suppressed as '<3' "
        "but its row total and the other cell give it back (2)",
        "table",
    ),
    risk(
        "heldout_r_addmargins_small.txt",
        "English console: addmargins(table(Diagnosis = ..., Sex = ...)) with a cell of 2",
        SMALL_CELL,
    ),
    # --- PSPP: clean ------------------------------------------------------------------------------
    clean(
        "heldout_pspp_freq_region.txt",
        "FREQUENCIES of region (value labels): Frequency, Percent, Valid, Cum over 4,000",
    ),
    clean(
        "heldout_pspp_crosstabs.html",
        "CROSSTABS udd BY koen with counts and row percentages; every cell >= 100",
    ),
    clean(
        "heldout_pspp_descriptives.txt",
        "DESCRIPTIVES of income and age with N, mean, standard deviation and its standard "
        "error (no min/max)",
    ),
    clean(
        "heldout_pspp_freq_lan.spv",
        "Swedish FREQUENCIES of län and kön written as a viewer file; counts >= 400",
    ),
    clean(
        "heldout_pspp_means.pdf",
        "MEANS indkomst BY region as pdf: mean, N, standard deviation per region (>= 400)",
    ),
    clean(
        "heldout_pspp_regression.txt",
        "REGRESSION of income on age and sex: model summary, ANOVA (df), coefficients",
    ),
    clean(
        "heldout_pspp_examine_age.tex",
        "EXAMINE alder BY region as LaTeX: descriptives and percentiles of age per region "
        "of >= 400 persons; the min and max are 20 and 79 in every region (the age range of "
        "the population), so they single out nobody",
    ),
    # --- PSPP: risky ------------------------------------------------------------------------------
    risk(
        "heldout_pspp_crosstabs_small.txt",
        "CROSSTABS kommune BY koen where Læsø has a cell of 1",
        SMALL_CELL,
    ),
    risk(
        "heldout_pspp_list.html",
        "LIST of 25 persons: birth date, sex, municipality, income (no id)",
        MICRODATA,
    ),
    risk(
        "heldout_pspp_extreme.txt",
        "EXAMINE income with /STATISTICS=EXTREME: the five highest and lowest incomes with "
        "their case numbers, each one person's value",
        MICRODATA,
        SMALL_CELL,
    ),
    risk(
        "heldout_pspp_freq_small.html",
        "FREQUENCIES of municipality where Fanø has a frequency of 2",
        SMALL_CELL,
    ),
    risk(
        "heldout_pspp_means_small.pdf",
        "MEANS income BY municipality as pdf where Fanø's N is 2",
        SMALL_CELL,
    ),
)

_PREAMBLE = r_preamble(
    libraries=["haven", "openxlsx", "survival"],
    options="width = 100, useFancyQuotes = FALSE",
    seed=20261201,
)
R_SCRIPT = (
    _PREAMBLE
    + r"""n <- 4000
regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
udd <- c("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
kommuner <- c("København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding",
              "Horsens")
d <- data.frame(
  koen = factor(sample(c("Mand", "Kvinde"), n, TRUE), levels = c("Mand", "Kvinde")),
  region = factor(sample(regioner, n, TRUE, c(.31, .15, .21, .23, .10)), levels = regioner),
  udd = factor(sample(udd, n, TRUE), levels = udd),
  kommune = factor(sample(kommuner, n, TRUE, c(.3, .16, .11, .11, .08, .08, .08, .08)),
                   levels = kommuner),
  alder = sample(20:79, n, TRUE))
d$aldersgruppe <- cut(d$alder, c(19, 29, 39, 49, 59, 69, 79),
                      labels = c("20-29", "30-39", "40-49", "50-59", "60-69", "70-79"))
d$indkomst <- round(exp(rnorm(n, 12.4, 0.45)) + 18000 * (d$koen == "Mand") + 1100 * d$alder)
d$tid <- pmin(round(rexp(n, 1 / 2800)) + 1, 3650)
d$doed <- as.integer(d$tid < 3650 & runif(n) < 0.6)
d$ryger <- rbinom(n, 1, plogis(-1 + 0.01 * (50 - d$alder)))
assign("d", d, envir = globalenv())

# --- console, clean ------------------------------------------------------------------------------
console("heldout_r_lm_summary.txt", "
fit <- lm(log(indkomst) ~ alder + koen + udd + region, data = d)
summary(fit)
")
console("heldout_r_coxph_summary.txt", "
summary(coxph(Surv(tid, doed) ~ alder + koen + udd, data = d))
")
console("heldout_r_ftable.txt", "
ftable(xtabs(~ region + koen + aldersgruppe, data = d))
")
console("heldout_r_survfit_print.txt", "
survfit(Surv(tid, doed) ~ koen, data = d)
")
fylker <- c("Oslo", "Viken", "Vestland", "Trøndelag", "Innlandet", "Agder")
nn <- data.frame(fylke = factor(sample(fylker, 2500, TRUE, c(.25, .25, .17, .13, .1, .1)),
                                levels = fylker),
                 kjonn = sample(c("Mann", "Kvinne"), 2500, TRUE))
assign("nn", nn, envir = globalenv())
console("heldout_r_fylke_no.txt", "
addmargins(with(nn, table(Fylke = fylke, Kjønn = kjonn)))
")

# --- result files, clean -------------------------------------------------------------------
agg <- aggregate(indkomst ~ region + koen, data = d,
                 FUN = function(x) c(antal = length(x), gns = round(mean(x)),
                                     median = round(median(x))))
agg <- do.call(data.frame, agg)
names(agg) <- c("region", "koen", "antal", "gns_indkomst", "median_indkomst")
write.csv(agg, path("heldout_r_aggregate.csv"), row.names = FALSE, fileEncoding = "UTF-8")

t1 <- table(d$region, d$udd)
wb <- createWorkbook()
addWorksheet(wb, "Tabel 1")
writeData(wb, "Tabel 1", "Tabel 1. Personer 20-79 år efter region og højeste uddannelse, 2022")
writeData(wb, "Tabel 1", cbind(Region = rownames(t1), as.data.frame.matrix(t1)), startRow = 3)
addWorksheet(wb, "Tabel 2")
writeData(wb, "Tabel 2", "Tabel 2. Fordeling i procent (kolonneprocent)")
pc <- round(100 * prop.table(t1, 2), 1)
writeData(wb, "Tabel 2", cbind(Region = rownames(pc), as.data.frame.matrix(pc)), startRow = 3)
addWorksheet(wb, "Noter")
writeData(wb, "Noter", data.frame(Note = c(
  "Kilde: Danmarks Statistik, BEF, UDDA og IND, 2015-2022 (projekt 707070).",
  "Uddannelse er højeste fuldførte uddannelse pr. 1. oktober 2022.",
  "Region er bopælsregion pr. 1. januar 2022.",
  "Alle celler indeholder mindst 3 observationer.")))
saveWorkbook(wb, path("heldout_r_workbook.xlsx"), overwrite = TRUE)

ka <- aggregate(indkomst ~ kommune + aldersgruppe, data = d,
                FUN = function(x) c(antal = length(x), gns = round(mean(x))))
ka <- do.call(data.frame, ka)
names(ka) <- c("kommune", "aldersgruppe", "antal", "gns_indkomst")
ka$kommune <- as.character(ka$kommune)
ka$aldersgruppe <- as.character(ka$aldersgruppe)
attr(ka$antal, "label") <- "Antal personer"
attr(ka$gns_indkomst, "label") <- "Gennemsnitlig personindkomst (kr.)"
write_dta(ka, path("heldout_r_aggregate.dta"))

ru <- as.data.frame(table(region = as.numeric(d$region), udd = d$udd), responseName = "antal")
ru$region <- labelled(as.numeric(as.character(ru$region)), setNames(1:5, regioner),
                      label = "Bopælsregion")
ru$udd <- as.character(ru$udd)
write_sav(ru, path("heldout_r_aggregate.sav"))

lg <- glm(ryger ~ alder + koen + udd, family = binomial, data = d)
ci <- suppressMessages(confint.default(lg))
or <- data.frame(term = names(coef(lg)), OR = round(exp(coef(lg)), 3),
                 lower = round(exp(ci[, 1]), 3), upper = round(exp(ci[, 2]), 3),
                 p = signif(summary(lg)$coefficients[, 4], 3))
write.csv(or, path("heldout_r_logit_or.csv"), row.names = FALSE)

dec <- t(sapply(split(d$indkomst, d$aldersgruppe),
                function(x) round(quantile(x, seq(0.1, 0.9, 0.1)))))
write.csv(dec, path("heldout_r_deciles_age.csv"))

lan <- expand.grid(Kön = c("Man", "Kvinna"),
                   Län = c("Stockholms län", "Uppsala län", "Skåne län", "Västra Götalands län",
                           "Norrbottens län"))[, c("Län", "Kön")]
lan$Antal <- round(runif(nrow(lan), 400, 9000))
lan$"Andel (%)" <- round(100 * lan$Antal / sum(lan$Antal), 1)
write.csv2(lan, path("heldout_r_lan_sv.csv"), row.names = FALSE, fileEncoding = "UTF-8")

kom <- c("København", "Aarhus", "Odense", "Aalborg", "Læsø", "Samsø", "Fanø", "Ærø")
sp <- data.frame(Kommune = kom,
                 "Hjerte-kar" = c(812, 455, 301, 288, 1, 4, 2, 6),
                 "Kræft" = c(1204, 701, 455, 410, 3, 2, 5, 1),
                 "Diabetes" = c(530, 310, 205, 190, 2, 3, 1, 4), check.names = FALSE)
for (k in 2:4) sp[[k]] <- ifelse(sp[[k]] < 3, "<3", as.character(sp[[k]]))
wb <- createWorkbook()
addWorksheet(wb, "Diagnoser")
writeData(wb, "Diagnoser", "Personer med diagnose efter kommune, 2022")
writeData(wb, "Diagnoser", sp, startRow = 3)
writeData(wb, "Diagnoser", "Note: Celler med under 3 personer er vist som <3.", startRow = 13)
saveWorkbook(wb, path("heldout_r_suppressed.xlsx"), overwrite = TRUE)

m0 <- glm(ryger ~ 1, family = binomial, data = d)
m1 <- glm(ryger ~ alder, family = binomial, data = d)
m2 <- lg
mf <- data.frame(model = c("M0: tom", "M1: alder", "M2: alder + køn + udd"),
                 df = sapply(list(m0, m1, m2), function(m) attr(logLik(m), "df")),
                 logLik = round(sapply(list(m0, m1, m2), function(m) as.numeric(logLik(m))), 2),
                 AIC = round(sapply(list(m0, m1, m2), AIC), 1),
                 BIC = round(sapply(list(m0, m1, m2), BIC), 1),
                 n_obs = nrow(d))
write.csv(mf, path("heldout_r_model_fit.csv"), row.names = FALSE, fileEncoding = "UTF-8")

q <- expand.grid(k = 1:4, aar = 2021:2023)
q$kvartal <- paste0(q$aar, "K", q$k)
q$fra <- format(as.Date(paste0(q$aar, "-", 3 * q$k - 2, "-01")))
q$til <- format(as.Date(paste0(q$aar + (q$k == 4), "-", ifelse(q$k == 4, 1, 3 * q$k + 1),
                               "-01")) - 1)
q$nye_tilfaelde <- round(runif(nrow(q), 200, 900))
write.csv(q[, c("kvartal", "fra", "til", "nye_tilfaelde")], path("heldout_r_quarters.csv"),
          row.names = FALSE)

ks <- c("Lolland", "Guldborgsund", "Vordingborg", "Faxe", "Stevns", "Sorø", "Ringsted",
        "Kalundborg", "Odsherred", "Holbæk", "Slagelse", "Næstved")
sums <- as.numeric(sprintf("%02d%02d%02d%04d", sample(10:28, 12), sample(1:12, 12, TRUE),
                           sample(50:99, 12, TRUE), sample(0:9999, 12, TRUE)))
is <- data.frame(kommune = ks, befolkning = round(sums / runif(12, 280000, 330000)),
                 samlet_indkomst_kr = sums)
write.csv(is, path("heldout_r_income_sums.csv"), row.names = FALSE, fileEncoding = "UTF-8")

# --- risky ---------------------------------------------------------------------------------------
fs <- data.frame(kommune = c(rep("Aarhus", 400), rep("Odense", 300), rep("Læsø", 4)),
                 koen = c(sample(c("Mand", "Kvinde"), 700, TRUE), "Mand", "Kvinde", "Kvinde",
                          "Kvinde"),
                 ryger = c(rbinom(700, 1, 0.3), 1, 0, 0, 1))
assign("fs", fs, envir = globalenv())
console("heldout_r_ftable_small.txt", "
ftable(xtabs(~ kommune + koen + ryger, data = fs))
")
d2 <- rbind(d[, c("kommune", "indkomst")],
            data.frame(kommune = c("Fanø", "Fanø"), indkomst = c(246600, 390301)))
assign("d2", d2, envir = globalenv())
console("heldout_r_aggregate_n2.txt", "
aggregate(indkomst ~ kommune, data = d2, FUN = function(x) c(n = length(x), gns = mean(x)))
")
m <- 600
pers <- data.frame(foed_dato = as.Date("1940-01-01") + sample(0:22000, m, TRUE),
                   koen = sample(1:2, m, TRUE),
                   kom = sample(c(101, 147, 151, 461, 561, 751, 851), m, TRUE),
                   udd = sample(c("10", "20", "35", "40", "50", "60", "70"), m, TRUE),
                   indkomst = round(exp(rnorm(m, 12.5, 0.5))))
attr(pers$foed_dato, "label") <- "Fødselsdato"
attr(pers$kom, "label") <- "Bopælskommune"
write_dta(pers, path("heldout_r_persons.dta"))
sv <- data.frame(afsluttet = format(as.POSIXct("2026-03-02 08:00:00", tz = "UTC") +
                                      sort(sample(0:2000000, 250)), "%Y-%m-%d %H:%M:%S"),
                 aldersgruppe = labelled(sample(1:5, 250, TRUE),
                                         c("18-29" = 1, "30-39" = 2, "40-49" = 3,
                                           "50-59" = 4, "60+" = 5)),
                 koen = labelled(sample(1:2, 250, TRUE), c(Mand = 1, Kvinde = 2)))
likert <- c("Helt uenig" = 1, "Uenig" = 2, "Hverken eller" = 3, "Enig" = 4, "Helt enig" = 5)
for (k in 1:10) sv[[paste0("q", k)]] <- labelled(sample(1:5, 250, TRUE), likert)
write_sav(sv, path("heldout_r_survey.sav"))

wb <- createWorkbook()
addWorksheet(wb, "Resultater")
writeData(wb, "Resultater", "Gennemsnitlig indkomst efter køn")
writeData(wb, "Resultater", data.frame(Køn = c("Mand", "Kvinde"), Antal = c(148, 152),
                                       Gns = c(412300.5, 371204.2)), startRow = 3)
addWorksheet(wb, "grunddata")
writeData(wb, "grunddata", data.frame(foed_dato = pers$foed_dato[1:300],
                                      koen = pers$koen[1:300], kom = pers$kom[1:300],
                                      indkomst = pers$indkomst[1:300]))
sheetVisibility(wb)[2] <- "hidden"
saveWorkbook(wb, path("heldout_r_hidden_data.xlsx"), overwrite = TRUE)

reg <- data.frame(cpr = c(sprintf("%010.0f", runif(8, 1e9, 3e9)), "@CPR_DUPLICATE@",
                          "@CPR_DUPLICATE@"), aar = 2021)
assign("reg", reg, envir = globalenv())
console("heldout_r_dup_cpr.txt", "
nrow(reg)
sum(duplicated(reg$cpr))
reg$cpr[duplicated(reg$cpr)]
")

wb <- createWorkbook()
addWorksheet(wb, "Tabel")
writeData(wb, "Tabel", "Dødelighed efter køn, 2015-2022")
writeData(wb, "Tabel", data.frame(Køn = c("Mænd", "Kvinder"), Personer = c(1998, 2002),
                                  Døde = c(612, 540), "Rate pr. 1.000" = c(306.3, 269.7),
                                  check.names = FALSE), startRow = 3)
addWorksheet(wb, "Noter")
writeData(wb, "Noter", data.frame(Noter = c(
  "Kilde: Dødsårsagsregisteret og BEF.",
  "Personen med CPR @CPR_NOTE@ er udeladt pga. fejlregistreret dødsdato.",
  "Rater er ikke aldersstandardiserede.")))
saveWorkbook(wb, path("heldout_r_notes_cpr.xlsx"), overwrite = TRUE)

few <- data.frame(tid = c(40, 95, 180, 260, 300, 410, 555, 700, 820, 1100, 1500, 2100),
                  doed = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1))
assign("few", few, envir = globalenv())
console("heldout_r_km_small.txt", "
summary(survfit(Surv(tid, doed) ~ 1, data = few), times = c(0, 250, 500, 750, 1000, 1500, 2000))
")

mm <- data.frame(kommune = c("København", "Aarhus", "Odense", "Fanø"),
                 n = c(1204, 655, 402, 1))
mm$gns <- c(402311.5, 388120.2, 371004.9, 512300)
mm$min <- c(12040, 15300, 11870, 512300)
mm$max <- c(4120330, 3877012, 2980221, 512300)
write.csv(mm, path("heldout_r_minmax.csv"), row.names = FALSE, fileEncoding = "UTF-8")

mona <- data.frame(LopNr = sample(100000:999999, 12), Kon = sample(1:2, 12, TRUE),
                   FodelseAr = sample(1940:2000, 12, TRUE),
                   Lan = sample(c("01", "03", "12", "14", "25"), 12, TRUE),
                   DispInk = round(exp(rnorm(12, 7.6, 0.4))))
assign("mona", mona, envir = globalenv())
console("heldout_r_mona_head.txt", "
head(mona, 12)
")

fy <- data.frame(fylke = fylker, personer = as.vector(table(nn$fylke)),
                 andel_sysselsatt = round(runif(6, 62, 78), 1))
write.csv(fy, path("heldout_r_fylke_fnr.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat("\"Merknad: én person (fnr @FNR_NOTE@) er fjernet etter kontroll mot Folkeregisteret.\"\n",
    file = path("heldout_r_fylke_fnr.csv"), append = TRUE)

ps <- data.frame(diagnosegruppe = c("Hjertesvigt", "Atrieflimren", "Apopleksi",
                                    "Medfødt hjertefejl"),
                 N = c(1204, 2210, 877, 2), andel_genindlagt_pct = c(21.4, 14.2, 18.9, 50.0))
write.csv(ps, path("heldout_r_pct_small_base.csv"), row.names = FALSE, fileEncoding = "UTF-8")

rc <- data.frame(Kommune = c("Aarhus", "Odense", "Aalborg", "Samsø", "I alt"),
                 Mænd = c("1204", "877", "655", "<3", "2738"),
                 Kvinder = c("1190", "901", "640", "4", "2735"),
                 "I alt" = c("2394", "1778", "1295", "6", "5473"), check.names = FALSE)
write.table(rc, path("heldout_r_recoverable.csv"), sep = ";", row.names = FALSE,
            fileEncoding = "UTF-8")

dx <- data.frame(dx = c(rep("Asthma", 240), rep("COPD", 180), rep("Cystic fibrosis", 5)),
                 sex = c(sample(c("Female", "Male"), 420, TRUE),
                         "Female", "Female", "Female", "Male", "Male"))
assign("dx", dx, envir = globalenv())
console("heldout_r_addmargins_small.txt", "
addmargins(with(dx, table(Diagnosis = dx, Sex = sex)))
")

# --- data that PSPP reads ----------------------------------------------------------------------
pd <- data.frame(region = labelled(as.numeric(d$region), setNames(1:5, regioner),
                                   label = "Bopælsregion"),
                 koen = labelled(as.numeric(d$koen), c(Mand = 1, Kvinde = 2), label = "Køn"),
                 udd = labelled(as.numeric(d$udd), setNames(1:6, udd),
                                label = "Højeste uddannelse"),
                 alder = d$alder, indkomst = d$indkomst)
write_sav(pd, path("_ps_main.sav"))
lans <- c("Stockholms län", "Uppsala län", "Skåne län", "Västra Götalands län")
se <- data.frame(lan = labelled(sample(1:4, 3000, TRUE, c(.35, .15, .25, .25)),
                                setNames(1:4, lans), label = "Län"),
                 kon = labelled(sample(1:2, 3000, TRUE), c(Man = 1, Kvinna = 2), label = "Kön"))
write_sav(se, path("_ps_se.sav"))
ks2 <- c("Aarhus", "Odense", "Aalborg", "Fanø")
small <- data.frame(kommune = labelled(c(sample(1:3, 900, TRUE), 4, 4),
                                       setNames(1:4, ks2), label = "Kommune"),
                    koen = labelled(c(sample(1:2, 900, TRUE), 1, 2), c(Mand = 1, Kvinde = 2),
                                    label = "Køn"),
                    indkomst = c(round(exp(rnorm(900, 12.6, 0.4))), 246600, 390301))
write_sav(small, path("_ps_small.sav"))
sm1 <- small
sm1$koen[902] <- 1
write_sav(sm1, path("_ps_small1.sav"))
write_sav(pers, path("_ps_persons.sav"))
"""
)

PSPP_RUNS = (
    ("heldout_pspp_freq_region.txt", "_ps_main.sav", "FREQUENCIES VARIABLES=region."),
    (
        "heldout_pspp_crosstabs.html",
        "_ps_main.sav",
        "CROSSTABS /TABLES=udd BY koen /CELLS=COUNT ROW.",
    ),
    (
        "heldout_pspp_descriptives.txt",
        "_ps_main.sav",
        "DESCRIPTIVES VARIABLES=indkomst alder /STATISTICS=MEAN STDDEV SEMEAN.",
    ),
    ("heldout_pspp_freq_lan.spv", "_ps_se.sav", "FREQUENCIES VARIABLES=lan kon."),
    ("heldout_pspp_means.pdf", "_ps_main.sav", "MEANS TABLES=indkomst BY region."),
    (
        "heldout_pspp_regression.txt",
        "_ps_main.sav",
        "REGRESSION /VARIABLES=alder koen /DEPENDENT=indkomst /METHOD=ENTER.",
    ),
    (
        "heldout_pspp_examine_age.tex",
        "_ps_main.sav",
        "EXAMINE VARIABLES=alder BY region /PERCENTILES(25,50,75).",
    ),
    (
        "heldout_pspp_crosstabs_small.txt",
        "_ps_small1.sav",
        "CROSSTABS /TABLES=kommune BY koen.",
    ),
    (
        "heldout_pspp_list.html",
        "_ps_persons.sav",
        "LIST VARIABLES=foed_dato koen kom indkomst /CASES=FROM 1 TO 25.",
    ),
    (
        "heldout_pspp_extreme.txt",
        "_ps_main.sav",
        "EXAMINE VARIABLES=indkomst /STATISTICS=EXTREME(5).",
    ),
    ("heldout_pspp_freq_small.html", "_ps_small.sav", "FREQUENCIES VARIABLES=kommune."),
    ("heldout_pspp_means_small.pdf", "_ps_small.sav", "MEANS TABLES=indkomst BY kommune."),
)


def write(folder: Path) -> None:
    rscript = require("Rscript")
    pspp = require("pspp")
    script = folder / "make_heldout.R"
    text = (
        R_SCRIPT.replace("@CPR_DUPLICATE@", CPR_DUPLICATE)
        .replace("@CPR_NOTE@", CPR_NOTE)
        .replace("@FNR_NOTE@", FNR_NOTE)
    )
    script.write_text(text, encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
    run_pspp(pspp, folder, PSPP_RUNS)
    for temp in folder.glob("_ps_*.sav"):
        temp.unlink()
