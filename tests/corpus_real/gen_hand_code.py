"""Program code as researchers write it (R, Stata do-files, SAS, SPSS syntax), with the data
they sometimes type into it: value labels and recodes (clean), a published 2 x 2 table typed
in for a test (clean), and typed-in results or persons (risky).
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk

TOOL = "hand-written (R, Stata, SAS, SPSS code)"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "hc_recode.R",
        "an R script of recodes: cut points c(0, 18, 30, 50, 67, Inf), factor levels "
        "c(1, 2, 3), rep(c(0, 1), times = c(3, 2)), colour vectors and model formulas",
    ),
    clean(
        "hc_published_table.R",
        "an R script that types in a 2 x 2 table from a published paper (matrix(c(412, 96, "
        "388, 120), 2)) for a chi-square test",
    ),
    clean(
        "hc_labels.do",
        "a Stata do-file with label define, recode, egen group and a foreach loop over years",
    ),
    clean(
        "hc_formats.sas",
        "a SAS program with PROC FORMAT value statements (1 = 'Mand' ...) and a datalines "
        "block of the format's age bands",
    ),
    clean(
        "hc_syntax.sps",
        "SPSS syntax: RECODE, VALUE LABELS, COMPUTE, CROSSTABS; no data",
    ),
    risk(
        "hc_typed_results.R",
        "an R script for a figure that types in the results by municipality with tribble(), "
        "one of them a count of 2",
        SMALL_CELL,
    ),
    risk(
        "hc_input_persons.do",
        "a Stata do-file whose input block holds 25 persons: birth date, sex, postcode, diagnosis",
        MICRODATA,
    ),
    risk(
        "hc_begin_data.sps",
        "SPSS syntax with BEGIN DATA ... END DATA of 30 respondents (birth date, sex, answers)",
        MICRODATA,
    ),
)

RECODE_R = """# Omkodning af analysevariable
library(haven)
d <- read_dta("E:/workdata/707070/analyse.dta")
d$aldgrp <- cut(d$alder, breaks = c(0, 18, 30, 50, 67, Inf), right = FALSE,
                labels = c(1, 2, 3, 4, 5))
d$koen <- factor(d$koen, levels = c(1, 2), labels = c("Mand", "Kvinde"))
d$udd3 <- ifelse(d$udd %in% c(1, 2), 1, ifelse(d$udd %in% c(3, 4), 2, 3))
d$ryger <- rep(c(0, 1), times = c(3, 2))[d$rygestatus]
farver <- c("#1b9e77", "#d95f02", "#7570b3")
aar <- c(2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022)
vaegte <- c(0.8, 1, 1.2)
m1 <- glm(doed ~ alder + koen + udd3, family = binomial, data = d)
m2 <- update(m1, . ~ . + ryger)
knots <- quantile(d$alder, probs = c(0.1, 0.5, 0.9))
"""

PUBLISHED_R = """# Genberegning af tabel 2 i Jensen et al. (2019), tal fra artiklen
tab <- matrix(c(412, 96, 388, 120), nrow = 2,
              dimnames = list(eksponeret = c("Ja", "Nej"), udfald = c("Ja", "Nej")))
chisq.test(tab)
fisher.test(tab)
or <- (412 * 120) / (96 * 388)
"""

TYPED_R = """# Figur 3: antal nye tilfælde pr. kommune (tal fra tabel 5)
library(ggplot2)
library(tibble)
fig <- tribble(
  ~kommune,       ~aar, ~tilfaelde,
  "København",    2022,        412,
  "Aarhus",       2022,        288,
  "Odense",       2022,        201,
  "Aalborg",      2022,        190,
  "Læsø",         2022,          2,
  "Samsø",        2022,          7
)
ggplot(fig, aes(kommune, tilfaelde)) + geom_col()
ggsave("figur3.png", width = 7, height = 4)
"""

LABELS_DO = """* Labels og omkodninger
use "E:\\workdata\\707070\\analyse.dta", clear
label define koen 1 "Mand" 2 "Kvinde"
label values koen koen
label define udd 1 "Grundskole" 2 "Gymnasial" 3 "Erhvervsfaglig" 4 "KVU" 5 "MVU" 6 "LVU"
label values udd udd
recode alder (0/17 = 1) (18/29 = 2) (30/49 = 3) (50/66 = 4) (67/max = 5), gen(aldgrp)
egen celle = group(region koen aldgrp)
foreach y of numlist 2015/2022 {
    quietly summarize indkomst if aar == `y'
    display `y' "  " r(mean)
}
collapse (count) antal = lopnr (mean) indkomst, by(region koen aldgrp)
drop if antal < 5
export delimited using "tabel_region.csv", replace
"""

INPUT_DO = """* Testdata til tjek af kodning (kopieret fra rådata)
clear
input str10 foed_dato byte koen int postnr str5 diag
"""


def _input_do() -> str:
    import random

    rng = random.Random(31)
    rows = []
    for _ in range(25):
        birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1930, 2000)}"
        post = rng.choice((2100, 2300, 5000, 8000, 9000))
        diag = rng.choice(("DI21", "DE11", "DC50", "DJ44"))
        rows.append(f'"{birth}" {rng.randint(1, 2)} {post} "{diag}"')
    return INPUT_DO + "\n".join(rows) + "\nend\ntab koen\n"


FORMATS_SAS = """/* Formater til rapporten */
proc format;
  value koenf 1 = 'Mand' 2 = 'Kvinde';
  value regf 1 = 'Hovedstaden' 2 = 'Sjælland' 3 = 'Syddanmark' 4 = 'Midtjylland'
             5 = 'Nordjylland';
run;

data aldersbaand;
  input fra til label $12.;
  datalines;
0 17 0-17 år
18 29 18-29 år
30 49 30-49 år
50 66 50-66 år
67 120 67+ år
;
run;

proc freq data=analyse;
  tables region*koen / norow nocol;
  format koen koenf. region regf.;
run;
"""

SYNTAX_SPS = """* Omkodning og krydstabel.
GET FILE='E:\\workdata\\707070\\analyse.sav'.
RECODE alder (LO THRU 17=1) (18 THRU 29=2) (30 THRU 49=3) (50 THRU 66=4) (67 THRU HI=5)
  INTO aldgrp.
VALUE LABELS aldgrp 1 '0-17' 2 '18-29' 3 '30-49' 4 '50-66' 5 '67+'.
COMPUTE hoej = (indkomst > 500000).
CROSSTABS /TABLES=aldgrp BY koen /CELLS=COUNT ROW.
"""


def _begin_data() -> str:
    import random

    rng = random.Random(32)
    lines = [
        "* Respondenter fra pilotundersøgelsen.",
        "DATA LIST LIST /foed_dato (EDATE10) koen (F1) q1 (F1) q2 (F1) q3 (F1).",
        "BEGIN DATA",
    ]
    for _ in range(30):
        birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1940, 2002)}"
        answers = " ".join(str(rng.randint(1, 5)) for _ in range(3))
        lines.append(f"{birth} {rng.randint(1, 2)} {answers}")
    lines += ["END DATA.", "FREQUENCIES VARIABLES=q1 q2 q3."]
    return "\n".join(lines) + "\n"


FILES = {
    "hc_recode.R": lambda: RECODE_R,
    "hc_published_table.R": lambda: PUBLISHED_R,
    "hc_typed_results.R": lambda: TYPED_R,
    "hc_labels.do": lambda: LABELS_DO,
    "hc_input_persons.do": _input_do,
    "hc_formats.sas": lambda: FORMATS_SAS,
    "hc_syntax.sps": lambda: SYNTAX_SPS,
    "hc_begin_data.sps": _begin_data,
}


def write(folder: Path) -> None:
    for name, make in FILES.items():
        (folder / name).write_text(make(), encoding="utf-8")
