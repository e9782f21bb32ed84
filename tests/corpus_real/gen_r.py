"""R output: what a register researcher saves from R (base, haven, openxlsx, survival).

One Rscript run writes every file. The data are simulated with a fixed seed; the aggregate
tables have each combination of their category columns once with a count column, the unit-record
files have one row per person or respondent.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, run

TOOL = "R"
EXECUTABLES = ("Rscript",)

LABELS = (
    # --- aggregate tables written as data files: clean ------------------------------------
    clean(
        "r_aggregate_year_municipality.csv",
        "write.csv of a grouped aggregate: year x municipality x sex (code 1/2) x age group "
        "(code 1-5), each combination once, a count column (all >= 5) and a mean with decimals",
    ),
    clean(
        "r_aggregate_year_municipality_dk.csv",
        "the same aggregate with write.csv2 (';' and decimal comma) and Danish headers "
        "(aar, kommune, koen, aldersgruppe, antal, gns_indkomst)",
    ),
    clean(
        "r_aggregate_municipality.xlsx",
        "openxlsx workbook of the grouped aggregate with municipality codes (101, 147, ...)",
    ),
    clean(
        "r_aggregate_municipality.dta",
        "haven::write_dta of the grouped aggregate; sex and age group are labelled codes 1, 2, 3",
    ),
    clean(
        "r_aggregate_municipality.sav",
        "haven::write_sav of the grouped aggregate; sex and age group are labelled codes 1, 2, 3",
    ),
    clean(
        "r_aggregate_wide.xlsx",
        "a wide table (municipality rows, one column of counts per year, a total row) "
        "written with openxlsx; every count >= 20",
    ),
    clean(
        "r_aggregate_tab.txt",
        "write.table (tab-separated) of counts and mean income by region and education, n >= 40",
    ),
    # --- console output of estimation and description: clean ------------------------------
    clean("r_lm_summary.txt", "summary(lm()) console output: coefficients, residual df, F"),
    clean(
        "r_glm_summary.log",
        "summary(glm(family = binomial)) output with 'Number of Fisher Scoring iterations: 4'",
    ),
    clean("r_anova.txt", "anova() table of nested models: Df, Sum Sq, Mean Sq, F value, Pr(>F)"),
    clean("r_aov_tukey.txt", "summary(aov()) and TukeyHSD() output"),
    clean("r_table_oneway.txt", "table() of age group over 2000 persons: every count >= 3"),
    clean("r_xtabs_margins.txt", "addmargins(xtabs(~ region + education)): every cell >= 3"),
    clean("r_ftable.txt", "ftable() of a three-way table (sex x region x education), cells >= 3"),
    clean("r_chisq.txt", "chisq.test() output: X-squared, df = 12, p-value"),
    clean("r_cor_matrix.txt", "a rounded correlation matrix of four variables"),
    clean(
        "r_group_means.txt",
        "aggregate() of mean income by region and sex with the group size n beside it (n >= 40)",
    ),
    clean(
        "r_coxph_summary.txt",
        "print(survfit()) and summary(coxph()): n, number of events, hazard ratios",
    ),
    clean(
        "r_survfit_yearly.txt",
        "summary(survfit(), times = ...) at 0, 1, 2, 3, 5 years over 1500 persons: "
        "the number at risk stays in the hundreds and each interval has many events",
    ),
    clean(
        "r_analysis_script.R",
        "an R script: factor levels as c(1, 2, 3), cut() breaks, model formulas; code, no data",
    ),
    clean("r_session_info.txt", "sessionInfo() output: versions of R and packages"),
    clean(
        "r_aggregate_large_suppressed.csv",
        "readr::write_csv of a big grouped aggregate (10 years x 98 municipalities x sex x 17 "
        "age groups, 33,320 rows) with a count column, counts below 5 suppressed as NA",
    ),
    clean(
        "r_aggregate_sums.csv",
        "total and mean income by municipality and year: the sums are 10-digit kroner amounts, "
        "not identifiers",
    ),
    clean(
        "r_model_coefficients.csv",
        "a tidy coefficient table written with write.csv: term, estimate, std.error, statistic, "
        "p.value, and the model's N = 2000",
    ),
    clean(
        "r_predictions_grid.csv",
        "predicted income over a grid of covariates (age 18-80 x sex x education): one row per "
        "combination of model inputs, not per person",
    ),
    clean(
        "r_simulation_results.csv",
        "1000 replications of a simulation study (replication, estimate, std. error, "
        "coverage): one row per replication, no persons",
    ),
    clean(
        "r_codebook.xlsx",
        "a codebook sheet: variable, code (1, 2, 3...), value label and frequency (all >= 40)",
    ),
    clean(
        "r_codebook.csv",
        "a codebook as csv: variable name, code, label; no frequencies",
    ),
    clean(
        "r_summary_dataframe.txt",
        "summary() of the analysis data: quartiles and means per variable, counts per factor "
        "level (all >= 80)",
    ),
    clean(
        "r_table1.csv",
        "a 'Table 1' of baseline characteristics by sex: n (%) per category and median (IQR), "
        "every n >= 20",
    ),
    clean(
        "r_table_regression.tex",
        "a LaTeX regression table (coefficients, standard errors in parentheses, N = 2,000, R2)",
    ),
    clean(
        "r_table_summary.tex",
        "a LaTeX table of summary statistics: N, mean, SD, min, max per variable over 2,000",
    ),
    clean(
        "r_km_numbers_at_risk.txt",
        "the number-at-risk table printed under a Kaplan-Meier plot: every number >= 200",
    ),
    clean(
        "r_turnover_shares.csv",
        "turnover by industry and region with the number of firms and the largest two firms' "
        "share of the total, always below 85 %",
    ),
    clean(
        "r_daily_admissions.csv",
        "daily number of admissions by region in 2022 (a date per row, a count >= 3): an "
        "aggregate time series, not events",
    ),
    clean(
        "r_aggregate_rownames.csv",
        "write.csv of a grouped aggregate without row.names = FALSE: an unnamed first column "
        "of row numbers 1, 2, 3... before year, region, sex and the count",
    ),
    clean(
        "r_quantiles.txt",
        "quantile() of income at every tenth percentile over 2,000 persons",
    ),
    # --- risky --------------------------------------------------------------------------------
    risk(
        "r_persons.csv",
        "write.csv of a data frame with one row per person: pseudonymised lopnr, birth date, "
        "sex, municipality, income",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_persons_noid.dta",
        "write_dta of unit records without the key: birth year, sex, municipality code, income "
        "with decimals, education code, one row per person",
        MICRODATA,
    ),
    risk(
        "r_persons.sav",
        "write_sav of unit records with value labels: one row per person, a full birth date each",
        MICRODATA,
    ),
    risk(
        "r_persons.xlsx",
        "openxlsx workbook of unit records (person_id, birth_date, sex, municipality, income)",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_survey_export.csv",
        "a questionnaire export: one row per respondent with a timestamp, Likert answers in "
        "words, an income band and an age band",
        MICRODATA,
    ),
    risk(
        "r_survey_export.xlsx",
        "the same survey export in English (Timestamp, 'Strongly agree', income bands) as xlsx",
        MICRODATA,
    ),
    risk(
        "r_survey_export.sav",
        "the survey export as a labelled SPSS file: one row per respondent, answers as codes",
        MICRODATA,
    ),
    risk(
        "r_xtabs_small.txt",
        "addmargins(xtabs()) where one region x education cell is 2",
        SMALL_CELL,
    ),
    risk(
        "r_table_small.txt",
        "table() of diagnosis groups where one group has 1 person",
        SMALL_CELL,
    ),
    risk(
        "r_aggregate_small.csv",
        "a grouped aggregate (year x municipality x sex, count column) with two counts of 1 and 2",
        SMALL_CELL,
    ),
    risk(
        "r_aggregate_small.xlsx",
        "openxlsx table of counts by municipality and sex with a cell of 2",
        SMALL_CELL,
    ),
    risk(
        "r_survfit_summary.txt",
        "summary(survfit()) listing every event time: the number at risk falls to 2 and 1, each "
        "row is one person's event",
        SMALL_CELL,
    ),
    risk(
        "r_survfit_by_sex.txt",
        "summary(survfit(Surv() ~ sex)) per group: the at-risk count of one group falls to 1",
        SMALL_CELL,
    ),
    risk(
        "r_head_persons.txt",
        "print(head(persons, 25)) console output: row names 1-25 and one person per row",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_tibble_persons.txt",
        "a printed tibble of the person data: '# A tibble: 2,000 x 6' with the first rows",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_percent_small.txt",
        "row percentages with the row n beside them: 4.0 % of a row of 25 is 1 person",
        SMALL_CELL,
    ),
    risk(
        "r_hidden_sheet.xlsx",
        "a workbook whose visible sheet is a clean summary and whose hidden sheet holds the "
        "person-level data the summary was made from",
        "hidden.sheet",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_table1_small.csv",
        "a 'Table 1' where a rare category has n (%) = 2 (0.2)",
        SMALL_CELL,
    ),
    risk(
        "r_table_crosstab_small.tex",
        "a LaTeX cross table (tabular with \\hline and a total row) with a cell of 2",
        SMALL_CELL,
    ),
    risk(
        "r_km_numbers_at_risk_small.txt",
        "a number-at-risk table under a Kaplan-Meier plot whose last column falls to 2 and 1",
        SMALL_CELL,
    ),
    risk(
        "r_teaching_wages.csv",
        "a teaching data set in the style of 'wage1': 526 rows of wage, education, experience, "
        "tenure and 0/1 dummies, one row per person, no id and no dates",
        MICRODATA,
    ),
    risk(
        "r_suppressed_one_cell.csv",
        "a table of counts with one cell suppressed ('..') in a row that has its total: the "
        "suppressed cell is the total minus the others",
        "table.differencing",
    ),
    risk(
        "r_turnover_dominance.csv",
        "turnover by industry and region where in one cell the two largest firms make 93 % "
        "of the total",
        "table.dominance",
    ),
    risk(
        "r_persons_categorical.csv",
        "one row per person with only categorical columns (sex, age group, region, education) "
        "and no count column: the combinations repeat, each row is a person",
        MICRODATA,
    ),
    risk(
        "r_admissions_events.csv",
        "one row per hospital admission: admission and discharge dates, diagnosis, age, sex",
        MICRODATA,
    ),
    risk(
        "r_top_incomes.txt",
        "persons[persons$indkomst > 1e6, ] printed: the persons with incomes over a million, "
        "one row each",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_percent_only_small_base.txt",
        "a table of percentages only, with the base n = 4 under each column: 25 %, 50 %, 25 % "
        "are 1, 2 and 1 persons",
        SMALL_CELL,
    ),
    risk(
        "r_survfit_print_small_group.txt",
        "print(survfit()) by municipality where one group has n = 2 and 2 events",
        SMALL_CELL,
    ),
    risk(
        "r_hidden_rows.xlsx",
        "a summary sheet whose collapsed, hidden rows below hold the person-level data",
        "hidden.rows_columns",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_results_and_data.xlsx",
        "a workbook with a results sheet and, visible beside it, a 'data' sheet of 400 "
        "person rows the results were made from",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "r_years_wide_small.xlsx",
        "a wide table of persons per municipality with one column per year 2015-2022; one "
        "municipality has 2 in 2019",
        SMALL_CELL,
    ),
    risk(
        "r_group_means_small.txt",
        "mean income by municipality with n beside it: one municipality's mean is over 2 persons",
        SMALL_CELL,
    ),
)

R_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
suppressPackageStartupMessages({
  library(haven); library(openxlsx); library(survival)
})
options(width = 100, useFancyQuotes = FALSE, digits = 7)
set.seed(20240501)
path <- function(name) file.path(out, name)

# Console output as a researcher copies it: the command after "> ", then what R printed.
console <- function(name, code) {
  lines <- capture.output(
    source(exprs = parse(text = code), echo = TRUE, max.deparse.length = Inf,
           spaced = FALSE, prompt.echo = "> ", continue.echo = "+ ")
  )
  writeLines(lines, path(name))
}

kommuner <- c("København", "Frederiksberg", "Ballerup", "Gentofte", "Gladsaxe", "Herlev",
              "Hvidovre", "Roskilde", "Odense", "Svendborg", "Vejle", "Kolding", "Esbjerg",
              "Aarhus", "Randers", "Viborg", "Silkeborg", "Herning", "Aalborg", "Hjørring")
kommunekoder <- c(101, 147, 151, 157, 159, 163, 167, 265, 461, 479, 630, 621, 561, 751, 730,
                  791, 740, 657, 851, 860)
size <- c(60, 9, 5, 7, 7, 3, 5, 9, 20, 6, 11, 9, 12, 35, 10, 9, 9, 9, 21, 6)

# --- a grouped aggregate: year x municipality x sex x age group ------------------------------
agg <- expand.grid(aar = 2015:2022, kommune_nr = seq_along(kommuner), koen = 1:2,
                   aldersgruppe = 1:5)
agg$kommune <- kommuner[agg$kommune_nr]
agg$kommunekode <- kommunekoder[agg$kommune_nr]
agg$antal <- pmax(5L, rpois(nrow(agg),
                            size[agg$kommune_nr] * c(8, 14, 15, 12, 9)[agg$aldersgruppe]))
agg$gns_indkomst <- round(rnorm(nrow(agg), 250000 + 30000 * agg$aldersgruppe, 20000), 1)
agg <- agg[order(agg$aar, agg$kommune_nr, agg$koen, agg$aldersgruppe), ]
english <- data.frame(year = agg$aar, municipality = agg$kommune, sex = agg$koen,
                      age_group = agg$aldersgruppe, n = agg$antal,
                      mean_income = agg$gns_indkomst)
write.csv(english, path("r_aggregate_year_municipality.csv"), row.names = FALSE)
write.csv2(agg[, c("aar", "kommune", "koen", "aldersgruppe", "antal", "gns_indkomst")],
           path("r_aggregate_year_municipality_dk.csv"), row.names = FALSE, fileEncoding = "UTF-8")
coded <- agg[, c("aar", "kommunekode", "koen", "aldersgruppe", "antal", "gns_indkomst")]
write.xlsx(coded, path("r_aggregate_municipality.xlsx"), sheetName = "Tabel 1")
labelled_agg <- coded
labelled_agg$koen <- labelled(as.numeric(coded$koen), c(Mand = 1, Kvinde = 2))
labelled_agg$aldersgruppe <- labelled(as.numeric(coded$aldersgruppe),
  c("0-17" = 1, "18-29" = 2, "30-49" = 3, "50-66" = 4, "67+" = 5))
write_dta(labelled_agg, path("r_aggregate_municipality.dta"))
write_sav(labelled_agg, path("r_aggregate_municipality.sav"))

wide <- as.data.frame.matrix(xtabs(antal ~ kommune + aar, data = agg))
wide <- cbind(Kommune = rownames(wide), wide)
wide <- rbind(wide, c(list(Kommune = "I alt"), as.list(colSums(wide[, -1]))))
wb <- createWorkbook()
addWorksheet(wb, "Befolkning")
writeData(wb, "Befolkning", "Tabel 2. Personer efter kommune og år", startRow = 1)
writeData(wb, "Befolkning", wide, startRow = 3)
writeData(wb, "Befolkning", "Kilde: egne beregninger på registerdata", startRow = nrow(wide) + 5)
saveWorkbook(wb, path("r_aggregate_wide.xlsx"), overwrite = TRUE)

# --- persons: one row per person -------------------------------------------------------------
n <- 2000
regioner <- c("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
uddannelser <- c("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
persons <- data.frame(
  lopnr = sample(100000:999999, n),
  foed_dato = as.Date("1940-01-01") + sample(0:25000, n, replace = TRUE),
  koen = sample(1:2, n, replace = TRUE),
  region = factor(sample(regioner, n, replace = TRUE, prob = c(.32, .14, .21, .23, .10)),
                  levels = regioner),
  udd = factor(sample(uddannelser, n, replace = TRUE), levels = uddannelser),
  kommune = sample(kommunekoder, n, replace = TRUE, prob = size)
)
persons$alder <- as.numeric(floor((as.Date("2022-12-31") - persons$foed_dato) / 365.25))
persons$aldersgruppe <- cut(persons$alder, breaks = c(-1, 17, 29, 49, 66, 120),
                            labels = c("0-17", "18-29", "30-49", "50-66", "67+"))
persons$indkomst <- round(exp(rnorm(n, 12.4, 0.5)) + 20000 * (persons$koen == 1), 2)
persons$beskaeftiget <- rbinom(n, 1, plogis(-1 + 0.03 * pmin(persons$alder, 60)))

write.csv(persons[1:400, c("lopnr", "foed_dato", "koen", "kommune", "indkomst")],
          path("r_persons.csv"), row.names = FALSE)
noid <- data.frame(foedaar = as.numeric(format(persons$foed_dato, "%Y")),
                   koen = persons$koen, kommune = persons$kommune,
                   indkomst = persons$indkomst, udd = as.numeric(persons$udd))[1:600, ]
write_dta(noid, path("r_persons_noid.dta"))
spss <- data.frame(foed_dato = persons$foed_dato,
                   koen = labelled(as.numeric(persons$koen), c(Mand = 1, Kvinde = 2)),
                   udd = labelled(as.numeric(persons$udd), setNames(1:6, uddannelser)),
                   indkomst = persons$indkomst)[1:500, ]
write_sav(spss, path("r_persons.sav"))
write.xlsx(data.frame(person_id = sprintf("P%06d", persons$lopnr[1:300]),
                      birth_date = persons$foed_dato[1:300],
                      sex = ifelse(persons$koen[1:300] == 1, "M", "F"),
                      municipality = kommuner[match(persons$kommune[1:300], kommunekoder)],
                      income = persons$indkomst[1:300]),
           path("r_persons.xlsx"))

# --- a survey export: one row per respondent -------------------------------------------------
m <- 250
likert_dk <- c("Helt uenig", "Uenig", "Hverken enig eller uenig", "Enig", "Helt enig")
likert_en <- c("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
               "Strongly agree")
bands_dk <- c("Under 200.000 kr.", "200.000-399.999 kr.", "400.000-599.999 kr.",
              "600.000 kr. og derover", "Ønsker ikke at svare")
bands_en <- c("Under 25,000", "25,000-49,999", "50,000-74,999", "75,000-99,999",
              "100,000 or more", "Prefer not to say")
stamps <- as.POSIXct("2024-03-04 08:00:00", tz = "UTC") + sort(sample(0:(14 * 86400), m))
answers <- matrix(sample(1:5, m * 8, replace = TRUE, prob = c(.08, .17, .25, .33, .17)), m)
survey_dk <- data.frame(
  Tidsstempel = format(stamps, "%d-%m-%Y %H:%M:%S"),
  "Jeg er tilfreds med mit arbejde" = likert_dk[answers[, 1]],
  "Jeg har indflydelse på mine opgaver" = likert_dk[answers[, 2]],
  "Min leder giver mig anerkendelse" = likert_dk[answers[, 3]],
  "Jeg oplever stress i hverdagen" = likert_dk[answers[, 4]],
  "Jeg kan anbefale min arbejdsplads" = likert_dk[answers[, 5]],
  "Køn" = sample(c("Kvinde", "Mand", "Andet / ønsker ikke at svare"), m, TRUE, c(.55, .43, .02)),
  "Alder" = sample(c("18-29 år", "30-39 år", "40-49 år", "50-59 år", "60 år eller ældre"), m, TRUE),
  "Husstandens indkomst" = sample(bands_dk, m, TRUE),
  check.names = FALSE)
write.csv2(survey_dk, path("r_survey_export.csv"), row.names = FALSE, fileEncoding = "UTF-8")
survey_en <- data.frame(
  Timestamp = format(stamps, "%Y/%m/%d %I:%M:%S %p"),
  "How satisfied are you with your job?" = likert_en[answers[, 1]],
  "I have a say in how my work is organised" = likert_en[answers[, 2]],
  "My manager recognises my work" = likert_en[answers[, 3]],
  "I feel stressed in my daily life" = likert_en[answers[, 4]],
  "What is your gender?" = sample(c("Woman", "Man", "Prefer not to say"), m, TRUE, c(.5, .47, .03)),
  "What is your age?" = sample(c("18-24", "25-34", "35-44", "45-54", "55-64", "65+"), m, TRUE),
  "Household income (EUR per year)" = sample(bands_en, m, TRUE),
  check.names = FALSE)
write.xlsx(survey_en, path("r_survey_export.xlsx"), sheetName = "Form Responses 1")
survey_sav <- data.frame(
  starttid = stamps,
  q1 = labelled(answers[, 1], setNames(1:5, likert_dk)),
  q2 = labelled(answers[, 2], setNames(1:5, likert_dk)),
  q3 = labelled(answers[, 3], setNames(1:5, likert_dk)),
  q4 = labelled(answers[, 4], setNames(1:5, likert_dk)),
  q5 = labelled(answers[, 5], setNames(1:5, likert_dk)),
  koen = labelled(sample(1:2, m, TRUE), c(Kvinde = 1, Mand = 2)),
  indkomst = labelled(sample(1:5, m, TRUE), setNames(1:5, bands_dk)))
write_sav(survey_sav, path("r_survey_export.sav"))

# --- estimation and description (clean) ------------------------------------------------------
assign("persons", persons, envir = globalenv())
console("r_lm_summary.txt", "
fit <- lm(log(indkomst) ~ alder + I(alder^2) + factor(koen) + udd + region, data = persons)
summary(fit)
")
console("r_glm_summary.log", "
logit <- glm(beskaeftiget ~ alder + factor(koen) + udd, family = binomial, data = persons)
summary(logit)
exp(cbind(OR = coef(logit), confint.default(logit)))
")
console("r_anova.txt", "
m0 <- lm(log(indkomst) ~ alder + factor(koen), data = persons)
m1 <- update(m0, . ~ . + udd)
m2 <- update(m1, . ~ . + region)
anova(m0, m1, m2)
anova(m2)
")
console("r_aov_tukey.txt", "
a <- aov(log(indkomst) ~ region, data = persons)
summary(a)
TukeyHSD(a)
")
console("r_table_oneway.txt", "
table(persons$aldersgruppe)
prop.table(table(persons$aldersgruppe))
")
console("r_xtabs_margins.txt", "
tab <- xtabs(~ region + udd, data = persons)
addmargins(tab)
round(100 * prop.table(tab, 1), 1)
")
console("r_ftable.txt", "
ftable(xtabs(~ koen + region + udd, data = persons))
")
console("r_chisq.txt", "
chisq.test(table(persons$region, persons$udd))
")
console("r_cor_matrix.txt", "
round(cor(persons[, c('alder', 'indkomst', 'koen', 'beskaeftiget')]), 3)
")
console("r_group_means.txt", "
means <- aggregate(indkomst ~ region + koen, data = persons,
                   FUN = function(x) c(n = length(x), mean = round(mean(x)), sd = round(sd(x))))
do.call(data.frame, means)
")
write.table(do.call(data.frame, aggregate(indkomst ~ region + udd, data = persons,
              FUN = function(x) c(n = length(x), gennemsnit = round(mean(x), 1)))),
            path("r_aggregate_tab.txt"), sep = "\t", row.names = FALSE, quote = FALSE)

# --- survival --------------------------------------------------------------------------------
big <- data.frame(tid = round(rexp(1500, 1 / 2000) + 1), koen = sample(1:2, 1500, TRUE),
                  alder = sample(40:85, 1500, TRUE))
big$doed <- as.integer(big$tid < 2500)
big$tid <- pmin(big$tid, 2500)
assign("big", big, envir = globalenv())
console("r_survfit_yearly.txt", "
fit <- survfit(Surv(tid, doed) ~ 1, data = big)
summary(fit, times = c(0, 365, 730, 1095, 1825))
")
console("r_coxph_summary.txt", "
survfit(Surv(tid, doed) ~ koen, data = big)
cox <- coxph(Surv(tid, doed) ~ factor(koen) + alder, data = big)
summary(cox)
")
small <- data.frame(tid = sort(round(rexp(40, 1 / 300)) + 1), koen = rep(1:2, 20))
small$doed <- rbinom(40, 1, 0.85)
small$doed[35:40] <- 1
assign("small", small, envir = globalenv())
console("r_survfit_summary.txt", "
fit <- survfit(Surv(tid, doed) ~ 1, data = small)
summary(fit)
")
console("r_survfit_by_sex.txt", "
summary(survfit(Surv(tid, doed) ~ koen, data = small))
")

# --- small cells (risky) ---------------------------------------------------------------------
counts <- matrix(c(210, 188, 95, 61, 44, 20,
                    87, 102, 64, 31, 12,  2,
                   130, 141, 77, 45, 22, 14,
                   150, 160, 92, 58, 40, 25,
                    64,  70, 38, 17,  9,  4), nrow = 5, byrow = TRUE,
                 dimnames = list(region = regioner, udd = uddannelser))
cells <- as.data.frame(as.table(counts))
smalltab <- cells[rep(seq_len(nrow(cells)), cells$Freq), c("region", "udd")]
assign("smalltab", smalltab, envir = globalenv())
console("r_xtabs_small.txt", "
addmargins(xtabs(~ region + udd, data = smalltab))
")
diag <- rep(c("Diabetes type 1", "Diabetes type 2", "Gestationel", "MODY", "Sekundær"),
            c(412, 2210, 97, 1, 38))
assign("diag", diag, envir = globalenv())
console("r_table_small.txt", "
table(diag)
")
smallagg <- expand.grid(aar = 2020:2022, kommune = c("Læsø", "Samsø", "Fanø", "Ærø"),
                        koen = c("Mand", "Kvinde"))
smallagg$antal <- c(14, 11, 9, 21, 17, 12, 8, 6, 1, 19, 15, 13,
                    12, 10, 8, 20, 18, 2, 9, 7, 5, 16, 13, 12)
write.csv(smallagg, path("r_aggregate_small.csv"), row.names = FALSE)
smallwide <- data.frame(Kommune = c("Læsø", "Samsø", "Fanø", "Ærø", "I alt"),
                        Mænd = c(41, 37, 2, 48, 128), Kvinder = c(39, 35, 19, 44, 137))
smallwide$"I alt" <- smallwide$Mænd + smallwide$Kvinder
write.xlsx(smallwide, path("r_aggregate_small.xlsx"), sheetName = "Tabel 3")
few <- data.frame(kommune = c(rep("Aarhus", 120), rep("Odense", 80), rep("Læsø", 2)),
                  indkomst = round(c(rnorm(120, 310000, 50000), rnorm(80, 290000, 40000),
                                     c(254000, 612000))))
assign("few", few, envir = globalenv())
console("r_group_means_small.txt", "
do.call(data.frame, aggregate(indkomst ~ kommune, data = few,
        FUN = function(x) c(n = length(x), mean = mean(x))))
")

# --- more aggregates and results (clean) ---------------------------------------------------
big_agg <- expand.grid(aar = 2013:2022, kommunekode = c(101, 147, 151, 153, 155, 157, 159, 161,
  163, 165, 167, 169, 173, 175, 183, 185, 187, 190, 201, 210, 217, 219, 223, 230, 240, 250, 253,
  259, 260, 265, 269, 270, 306, 316, 320, 326, 329, 330, 336, 340, 350, 360, 370, 376, 390, 400,
  410, 420, 430, 440, 450, 461, 479, 480, 482, 492, 510, 530, 540, 550, 561, 563, 573, 575, 580,
  607, 615, 621, 630, 657, 661, 665, 671, 706, 707, 710, 727, 730, 740, 741, 746, 751, 756, 760,
  766, 773, 779, 787, 791, 810, 813, 820, 825, 840, 846, 849, 851, 860), koen = 1:2,
  alder = 1:17)
big_agg$antal <- rpois(nrow(big_agg), 40 + 30 * (big_agg$kommunekode %% 7))
big_agg$antal[big_agg$kommunekode %in% c(825, 741) & big_agg$alder > 14] <-
  rpois(sum(big_agg$kommunekode %in% c(825, 741) & big_agg$alder > 14), 3)
big_agg$antal[big_agg$antal < 5] <- NA
readr::write_csv(big_agg, path("r_aggregate_large_suppressed.csv"))
sums <- do.call(data.frame, aggregate(indkomst ~ kommune, data = persons,
                                      FUN = function(x) c(n = length(x), sum = sum(x))))
sums <- merge(expand.grid(aar = 2020:2022, kommune = kommunekoder), sums)
sums$antal <- sums$indkomst.n * 30
sums$sum_indkomst <- round(sums$indkomst.sum * 30 * (1 + (sums$aar - 2020) / 50))
sums$gns_indkomst <- round(sums$sum_indkomst / sums$antal, 1)
sums <- sums[, c("aar", "kommune", "antal", "sum_indkomst", "gns_indkomst")]
write.csv(sums[order(sums$aar, sums$kommune), ], path("r_aggregate_sums.csv"), row.names = FALSE)
fit <- lm(log(indkomst) ~ alder + factor(koen) + udd + region, data = persons)
coefs <- as.data.frame(summary(fit)$coefficients)
names(coefs) <- c("estimate", "std.error", "statistic", "p.value")
coefs <- cbind(term = rownames(coefs), round(coefs, 5), n = nobs(fit))
write.csv(coefs, path("r_model_coefficients.csv"), row.names = FALSE)
grid <- expand.grid(alder = 18:80, koen = 1:2, udd = levels(persons$udd), region = "Hovedstaden")
grid$forventet_indkomst <- round(exp(predict(fit, newdata = grid)), 0)
write.csv(grid, path("r_predictions_grid.csv"), row.names = FALSE)
sims <- data.frame(replication = 1:1000, estimate = round(rnorm(1000, 0.5, 0.05), 5),
                   std_error = round(runif(1000, 0.045, 0.055), 5))
sims$covered <- as.integer(abs(sims$estimate - 0.5) < 1.96 * sims$std_error)
write.csv(sims, path("r_simulation_results.csv"), row.names = FALSE)
codebook <- rbind(
  data.frame(variabel = "koen", kode = 1:2, etiket = c("Mand", "Kvinde"),
             antal = as.vector(table(persons$koen))),
  data.frame(variabel = "udd", kode = 1:6, etiket = uddannelser,
             antal = as.vector(table(persons$udd))),
  data.frame(variabel = "region", kode = 1:5, etiket = regioner,
             antal = as.vector(table(persons$region))))
write.xlsx(codebook, path("r_codebook.xlsx"), sheetName = "Kodebog")
write.csv(codebook[, 1:3], path("r_codebook.csv"), row.names = FALSE)
console("r_summary_dataframe.txt", "
summary(persons[, c('alder', 'koen', 'region', 'udd', 'indkomst')])
")

# --- more risky output ------------------------------------------------------------------------
console("r_head_persons.txt", "
head(persons[, c('lopnr', 'foed_dato', 'koen', 'kommune', 'udd', 'indkomst')], 25)
")
tib <- tibble::as_tibble(persons[, c('lopnr', 'foed_dato', 'koen', 'kommune', 'udd', 'indkomst')])
writeLines(capture.output(print(tib, n = 20, width = 100)), path("r_tibble_persons.txt"))
pct <- matrix(c(400, 300, 250, 50, 10, 14, 1, 0), nrow = 2, byrow = TRUE,
              dimnames = list(kommune = c("Aarhus", "Samsø"),
                              diagnose = c("Ingen", "Type 2", "Type 1", "MODY")))
pct[2, ] <- c(20, 4, 1, 0)
assign("pct", pct, envir = globalenv())
console("r_percent_small.txt", "
cbind(n = rowSums(pct), round(100 * prop.table(pct, 1), 1))
")
wb <- createWorkbook()
addWorksheet(wb, "Resultater")
writeData(wb, "Resultater", do.call(data.frame, aggregate(indkomst ~ region, data = persons,
  FUN = function(x) c(n = length(x), gns = round(mean(x))))))
addWorksheet(wb, "data", visible = FALSE)
writeData(wb, "data", persons[1:500, c("lopnr", "foed_dato", "koen", "kommune", "indkomst")])
saveWorkbook(wb, path("r_hidden_sheet.xlsx"), overwrite = TRUE)

# --- tables for articles --------------------------------------------------------------------
fmt_n <- function(n, total) sprintf("%s (%.1f)", format(n, big.mark = ","), 100 * n / total)
table1 <- function(d, rare = NULL) {
  rows <- list()
  for (sex in 1:2) {
    x <- d[d$koen == sex, ]
    col <- c(
      N = format(nrow(x), big.mark = ","),
      "Alder, median (IQR)" = sprintf("%.0f (%.0f-%.0f)", median(x$alder),
                                      quantile(x$alder, .25), quantile(x$alder, .75)),
      sapply(levels(d$udd), function(l) fmt_n(sum(x$udd == l), nrow(x))),
      sapply(levels(d$region), function(l) fmt_n(sum(x$region == l), nrow(x))))
    rows[[sex]] <- col
  }
  out <- data.frame(Karakteristik = names(rows[[1]]), Mænd = rows[[1]], Kvinder = rows[[2]],
                    check.names = FALSE)
  if (!is.null(rare)) out <- rbind(out, rare)
  out
}
write.csv(table1(persons), path("r_table1.csv"), row.names = FALSE, fileEncoding = "UTF-8")
write.csv(table1(persons, data.frame(Karakteristik = "Diagnose: MODY", Mænd = "2 (0.2)",
                                     Kvinder = "7 (0.7)", check.names = FALSE)),
          path("r_table1_small.csv"), row.names = FALSE, fileEncoding = "UTF-8")
co <- summary(fit)$coefficients
tex <- c("\\begin{table}[ht]", "\\centering", "\\caption{Log income}",
         "\\begin{tabular}{lc}", "\\hline", " & (1) \\\\", "\\hline")
for (i in seq_len(nrow(co))) {
  tex <- c(tex, sprintf("%s & %.3f%s \\\\", gsub("_", "\\\\_", rownames(co)[i]), co[i, 1],
                        ifelse(co[i, 4] < 0.01, "$^{**}$", "")),
           sprintf(" & (%.3f) \\\\", co[i, 2]))
}
tex <- c(tex, "\\hline", sprintf("N & %s \\\\", format(nobs(fit), big.mark = ",")),
         sprintf("R$^2$ & %.3f \\\\", summary(fit)$r.squared), "\\hline",
         "\\end{tabular}", "\\end{table}")
writeLines(tex, path("r_table_regression.tex"))
vars <- c("alder", "indkomst", "koen", "beskaeftiget")
tex <- c("\\begin{tabular}{lrrrrr}", "\\hline",
         "Variable & N & Mean & SD & Min & Max \\\\", "\\hline")
for (v in vars) {
  x <- persons[[v]]
  tex <- c(tex, sprintf("%s & %d & %.2f & %.2f & %.0f & %.0f \\\\", v, length(x), mean(x),
                        sd(x), min(x), max(x)))
}
writeLines(c(tex, "\\hline", "\\end{tabular}"), path("r_table_summary.tex"))
tex <- c("\\begin{tabular}{lrrrr}", "\\hline",
         "Kommune & Ingen & Type 2 & Type 1 & I alt \\\\", "\\hline")
small_rows <- list(c("København", 412, 96, 31), c("Aarhus", 288, 71, 19), c("Læsø", 9, 2, 4))
for (r in small_rows) {
  tex <- c(tex, sprintf("%s & %s & %s & %s & %d \\\\", r[1], r[2], r[3], r[4],
                        sum(as.numeric(r[2:4]))))
}
writeLines(c(tex, "\\hline", "I alt & 709 & 169 & 54 & 932 \\\\", "\\hline",
             "\\end{tabular}"), path("r_table_crosstab_small.tex"))
risk_table <- function(fit, times) {
  s <- summary(fit, times = times, extend = TRUE)
  m <- matrix(s$n.risk, nrow = length(fit$strata), byrow = TRUE,
              dimnames = list(names(fit$strata), times))
  m
}
fitbig <- survfit(Surv(tid, doed) ~ koen, data = big)
assign("fitbig", fitbig, envir = globalenv())
assign("risk_table", risk_table, envir = globalenv())
console("r_km_numbers_at_risk.txt", "
cat('Number at risk\\n')
print(risk_table(fitbig, c(0, 365, 730, 1095, 1460)))
")
fitsmall <- survfit(Surv(tid, doed) ~ koen, data = small)
assign("fitsmall", fitsmall, envir = globalenv())
console("r_km_numbers_at_risk_small.txt", "
cat('Number at risk\\n')
print(risk_table(fitsmall, c(0, 200, 400, 600, 800)))
")
wages <- data.frame(
  wage = round(exp(rnorm(526, 1.6, 0.5)), 2), educ = sample(8:18, 526, TRUE),
  exper = sample(1:45, 526, TRUE), tenure = sample(0:30, 526, TRUE),
  nonwhite = rbinom(526, 1, .1), female = rbinom(526, 1, .48), married = rbinom(526, 1, .6),
  numdep = sample(0:5, 526, TRUE, prob = c(.4, .2, .2, .1, .07, .03)),
  smsa = rbinom(526, 1, .72), northcen = rbinom(526, 1, .25))
wages$lwage <- round(log(wages$wage), 5)
write.csv(wages, path("r_teaching_wages.csv"), row.names = FALSE)
supp <- data.frame(Kommune = c("København", "Aarhus", "Læsø", "Odense"),
                   Mænd = c("1204", "822", "..", "401"), Kvinder = c("1310", "870", "4", "433"),
                   "I alt" = c(2514, 1692, 6, 834), check.names = FALSE)
write.csv(supp, path("r_suppressed_one_cell.csv"), row.names = FALSE, fileEncoding = "UTF-8")
shares <- expand.grid(branche = c("Industri", "Byggeri", "Handel", "Transport"),
                      region = regioner[1:3])
shares$antal_firmaer <- c(412, 380, 1210, 233, 95, 140, 388, 61, 140, 160, 530, 12)
shares$omsaetning_mio_kr <- c(8812, 4410, 15530, 3310, 2204, 1290, 4120, 870, 3390, 1650,
                              6120, 5480)
shares$top2_andel_pct <- c(21.4, 9.8, 12.1, 30.2, 33.1, 18.7, 10.4, 41.5, 25.2, 17.3, 8.8, 44.0)
write.csv(shares, path("r_turnover_shares.csv"), row.names = FALSE, fileEncoding = "UTF-8")
shares$top2_andel_pct[12] <- 93.0
write.csv(shares, path("r_turnover_dominance.csv"), row.names = FALSE, fileEncoding = "UTF-8")

# --- dates, row names and neighbours ---------------------------------------------------------
days <- expand.grid(dato = seq(as.Date("2022-01-01"), as.Date("2022-12-31"), by = "day"),
                    region = regioner)
days$indlaeggelser <- rpois(nrow(days), 40) + 3
write.csv(days, path("r_daily_admissions.csv"), row.names = FALSE, fileEncoding = "UTF-8")
write.csv(aggregate(antal ~ aar + koen + aldersgruppe, data = agg, FUN = sum),
          path("r_aggregate_rownames.csv"))
console("r_quantiles.txt", "
quantile(persons$indkomst, probs = seq(0, 1, 0.1))
")
write.csv(data.frame(koen = persons$koen, aldersgruppe = persons$aldersgruppe,
                     region = persons$region, udd = persons$udd),
          path("r_persons_categorical.csv"), row.names = FALSE, fileEncoding = "UTF-8")
adm <- data.frame(indlagt = as.Date("2021-01-01") + sample(0:700, 800, TRUE))
adm$udskrevet <- adm$indlagt + rpois(800, 4)
adm$diagnose <- sample(c("DI21", "DI50", "DJ44", "DJ18", "DS72", "DE11"), 800, TRUE)
adm$alder <- sample(18:99, 800, TRUE)
adm$koen <- sample(c("M", "K"), 800, TRUE)
write.csv(adm[order(adm$indlagt), ], path("r_admissions_events.csv"), row.names = FALSE)
rich <- persons[, c("lopnr", "foed_dato", "koen", "kommune", "indkomst")]
rich$indkomst[c(17, 901, 1450)] <- c(1250000.5, 3410220.0, 1890400.25)
assign("rich", rich, envir = globalenv())
console("r_top_incomes.txt", "
rich[rich$indkomst > 1e6, ]
")
base <- matrix(c(25.0, 50.0, 25.0, 22.1, 41.7, 36.2), nrow = 3,
               dimnames = list(Svar = c("Enig", "Uenig", "Ved ikke"),
                               Gruppe = c("Læsø", "Resten af landet")))
assign("base", base, envir = globalenv())
console("r_percent_only_small_base.txt", "
base
cat('n =', c(4, 1996), '\\n')
")
fewsurv <- rbind(big[1:300, c("tid", "doed")], data.frame(tid = c(120, 480), doed = c(1, 1)))
fewsurv$kommune <- c(rep("Aarhus", 150), rep("Odense", 150), "Læsø", "Læsø")
assign("fewsurv", fewsurv, envir = globalenv())
console("r_survfit_print_small_group.txt", "
survfit(Surv(tid, doed) ~ kommune, data = fewsurv)
")
wb <- createWorkbook()
addWorksheet(wb, "Tabel")
summary_rows <- do.call(data.frame, aggregate(indkomst ~ region, data = persons,
  FUN = function(x) c(n = length(x), gns = round(mean(x)))))
writeData(wb, "Tabel", summary_rows)
start <- nrow(summary_rows) + 4
writeData(wb, "Tabel", persons[1:300, c("lopnr", "foed_dato", "koen", "indkomst")],
          startRow = start)
groupRows(wb, "Tabel", rows = start:(start + 300), hidden = TRUE)
saveWorkbook(wb, path("r_hidden_rows.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "Resultater")
writeData(wb, "Resultater", coefs)
addWorksheet(wb, "data")
writeData(wb, "data", persons[1:400, c("lopnr", "foed_dato", "koen", "kommune", "udd",
                                       "indkomst")])
saveWorkbook(wb, path("r_results_and_data.xlsx"), overwrite = TRUE)
years <- data.frame(Kommune = c("Læsø", "Samsø", "Fanø", "Ærø", "Anholt"))
for (y in 2015:2022) years[[as.character(y)]] <- sample(8:40, 5, TRUE)
years[["2019"]][5] <- 2
write.xlsx(years, path("r_years_wide_small.xlsx"), sheetName = "Antal")

# --- code and session ------------------------------------------------------------------------
writeLines(c(
  "# Analyse af indkomst efter uddannelse, 2015-2022",
  "library(haven)",
  "library(survival)",
  "",
  "d <- read_dta('E:/workdata/707070/indkomst.dta')",
  "d$koen <- factor(d$koen, levels = c(1, 2), labels = c('Mand', 'Kvinde'))",
  "d$udd <- factor(d$udd, levels = c(1, 2, 3, 4, 5, 6))",
  "d$aldersgruppe <- cut(d$alder, breaks = c(0, 17, 29, 49, 66, Inf), labels = 1:5)",
  "keep <- c(1, 2, 3)",
  "weights <- c(0.5, 1, 2)",
  "d <- subset(d, region %in% keep)",
  "fit <- lm(log(indkomst) ~ alder + I(alder^2) + koen + udd, data = d)",
  "summary(fit)",
  "tab <- with(d, table(region, udd))",
  "tab[tab < 3] <- NA  # diskretionering: celler under 3 fjernes",
  "write.csv(as.data.frame(tab), 'tabel_region_udd.csv', row.names = FALSE)",
  "for (y in c(2015, 2016, 2017)) {",
  "  print(summary(lm(indkomst ~ alder, data = subset(d, aar == y))))",
  "}"
), path("r_analysis_script.R"))
writeLines(capture.output(sessionInfo()), path("r_session_info.txt"))
"""


def write(folder: Path) -> None:
    rscript = require("Rscript")
    script = folder / "make_corpus.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    run([rscript, "--vanilla", str(script), str(folder)], cwd=folder)
    script.unlink()
