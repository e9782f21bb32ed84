"""More PSPP output, beside gen_pspp's: layered and percentaged CROSSTABS, MEANS and
DESCRIPTIVES as HTML and SPSS Viewer files, GLM, RELIABILITY, FREQUENCIES with percentiles, and
the risky neighbours (a MEANS group of two, a layer cell of one, a LIST without any key).

The data are a simulated survey of 900 respondents (seed 23), read from a data file by
DATA LIST; PSPP writes each output in the formats named in ``OUTPUTS``.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, run

TOOL = "PSPP"
EXECUTABLES = ("pspp",)

LABELS = (
    clean(
        "pspp2_crosstabs_percent.txt",
        "CROSSTABS uddannelse BY koen /CELLS=COUNT ROW COLUMN TOTAL: counts >= 20 with row, "
        "column and total percentages",
    ),
    clean(
        "pspp2_crosstabs_percent.html",
        "the same percentaged crosstab as PSPP's HTML",
    ),
    clean(
        "pspp2_crosstabs_layer.txt",
        "a three-way CROSSTABS (region BY koen BY aldgrp): every cell of every layer >= 5",
    ),
    clean("pspp2_means.html", "MEANS indkomst BY region BY koen as HTML: N >= 30 per group"),
    clean("pspp2_means.spv", "the same MEANS as an SPSS Viewer file"),
    clean("pspp2_descriptives.html", "DESCRIPTIVES of four scales as HTML, N = 900"),
    clean(
        "pspp2_glm.txt",
        "GLM tilfreds BY region koen: tests of between-subjects effects (Type III Sum of "
        "Squares, df 1 and 4, Mean Square, F, Sig.)",
    ),
    clean(
        "pspp2_reliability.txt",
        "RELIABILITY of five Likert items: case processing summary (Valid 900, Excluded 0) "
        "and Cronbach's alpha with N of Items 5",
    ),
    clean(
        "pspp2_frequencies_percentiles.txt",
        "FREQUENCIES /FORMAT=NOTABLE /PERCENTILES: statistics only (N valid and missing, "
        "percentiles) of age and income",
    ),
    clean(
        "pspp2_frequencies_likert.html",
        "FREQUENCIES of five Likert items as HTML: every answer given by >= 20",
    ),
    clean(
        "pspp2_t_test_paired.txt",
        "T-TEST PAIRS of two scores: paired samples statistics, correlation, test with df 899",
    ),
    risk(
        "pspp2_means_small.txt",
        "MEANS indkomst BY kommune where one municipality has N = 2: its mean and standard "
        "deviation are two persons' incomes",
        SMALL_CELL,
    ),
    risk(
        "pspp2_means_small.html",
        "the same MEANS with a group of 2 as HTML",
        SMALL_CELL,
    ),
    risk(
        "pspp2_crosstabs_layer_small.txt",
        "a three-way CROSSTABS where one cell in one layer holds 1 respondent",
        SMALL_CELL,
    ),
    risk(
        "pspp2_crosstabs_percent_small.html",
        "a crosstab with row percentages (HTML) where one municipality's count is 1",
        SMALL_CELL,
    ),
    risk(
        "pspp2_list_noid.txt",
        "LIST of 30 cases without any key: birth date, postcode, sex and income per row",
        MICRODATA,
    ),
    risk(
        "pspp2_list_noid.html",
        "the same LIST as HTML",
        MICRODATA,
    ),
    risk(
        "pspp2_frequencies_small.html",
        "FREQUENCIES of municipality as HTML where one municipality has 1 respondent",
        SMALL_CELL,
    ),
)

POSTCODES = (1050, 2100, 2300, 2450, 2700, 2800, 3000, 4000, 5000, 6700, 7100, 8000, 9000)


def _data(seed: int = 23) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for person in range(900):
        sex = rng.choice((1, 2))
        region = rng.choices(range(1, 6), weights=(31, 15, 21, 23, 10))[0]
        education = rng.choices(range(1, 5), weights=(20, 35, 30, 15))[0]
        agegroup = rng.choices(range(1, 4), weights=(30, 40, 30))[0]
        age = {1: rng.randint(18, 34), 2: rng.randint(35, 54), 3: rng.randint(55, 80)}[agegroup]
        birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{2023 - age}"
        income = round(rng.lognormvariate(12.5, 0.4), 0)
        items = [rng.choices(range(1, 6), weights=(8, 17, 25, 33, 17))[0] for _ in range(5)]
        before = round(rng.gauss(50, 10), 1)
        after = round(before + rng.gauss(2, 5), 1)
        municipality = rng.choice((101, 147, 461, 751, 851))
        if person == 17:
            municipality = 825  # Læsø: one respondent
        if person in (40, 41):
            region, sex, agegroup = 5, 2, 1
        post = rng.choice(POSTCODES)
        lines.append(
            f"{birth} {sex} {region} {education} {agegroup} {age} {income:.0f} "
            + " ".join(map(str, items))
            + f" {before} {after} {municipality} {post}"
        )
    return lines


HEADER = """\
SET DECIMAL=DOT.
DATA LIST LIST FILE='survey.dat' /foed_dato (EDATE10) koen (F1) region (F1) udd (F1)
  aldgrp (F1) alder (F2) indkomst (F8) q1 (F1) q2 (F1) q3 (F1) q4 (F1) q5 (F1)
  score_foer (F5.1) score_efter (F5.1) kommune (F3) postnr (F4).
VARIABLE LABELS koen 'Køn' region 'Region' udd 'Uddannelse' aldgrp 'Aldersgruppe'
  indkomst 'Husstandsindkomst (kr.)' q1 'Jeg er tilfreds med mit arbejde'
  q2 'Jeg har indflydelse på mine opgaver' q3 'Min leder anerkender mit arbejde'
  q4 'Jeg kan anbefale min arbejdsplads' q5 'Jeg trives på min arbejdsplads'
  kommune 'Bopælskommune' postnr 'Postnummer'.
VALUE LABELS koen 1 'Mand' 2 'Kvinde'
  /region 1 'Hovedstaden' 2 'Sjælland' 3 'Syddanmark' 4 'Midtjylland' 5 'Nordjylland'
  /udd 1 'Grundskole' 2 'Ungdomsuddannelse' 3 'Kort/mellemlang' 4 'Lang videregående'
  /aldgrp 1 '18-34 år' 2 '35-54 år' 3 '55+ år'
  /q1 TO q5 1 'Helt uenig' 2 'Uenig' 3 'Hverken/eller' 4 'Enig' 5 'Helt enig'
  /kommune 101 'København' 147 'Frederiksberg' 461 'Odense' 751 'Aarhus' 851 'Aalborg'
   825 'Læsø'.
COMPUTE tilfreds = MEAN(q1 TO q5).
"""

SYNTAX = {
    "crosstabs_percent": "CROSSTABS /TABLES=udd BY koen /CELLS=COUNT ROW COLUMN TOTAL.\n",
    "crosstabs_layer": (
        "SELECT IF NOT (region = 5 AND koen = 2 AND aldgrp = 1).\n"
        "CROSSTABS /TABLES=region BY koen BY aldgrp /CELLS=COUNT.\n"
    ),
    "crosstabs_layer_small": (
        "SELECT IF NOT (region = 5 AND koen = 2 AND aldgrp = 1 AND $CASENUM <> 41).\n"
        "CROSSTABS /TABLES=region BY koen BY aldgrp /CELLS=COUNT.\n"
    ),
    "crosstabs_percent_small": "CROSSTABS /TABLES=kommune BY koen /CELLS=COUNT ROW.\n",
    "means": "MEANS TABLES=indkomst BY region BY koen.\n",
    "descriptives": "DESCRIPTIVES VARIABLES=tilfreds score_foer score_efter alder.\n",
    "glm": "GLM tilfreds BY region koen.\n",
    "reliability": "RELIABILITY /VARIABLES=q1 q2 q3 q4 q5 /SCALE('Trivsel') ALL.\n",
    "frequencies_percentiles": (
        "FREQUENCIES VARIABLES=alder indkomst /FORMAT=NOTABLE /PERCENTILES=10 25 50 75 90.\n"
    ),
    "frequencies_likert": "FREQUENCIES VARIABLES=q1 q2 q3 q4 q5.\n",
    "t_test_paired": "T-TEST PAIRS=score_foer WITH score_efter (PAIRED).\n",
    "means_small": (
        "COMPUTE kom3 = kommune.\nIF ($CASENUM = 25) kom3 = 825.\n"
        "VALUE LABELS kom3 101 'København' 147 'Frederiksberg' 461 'Odense' 751 'Aarhus'"
        " 851 'Aalborg' 825 'Læsø'.\n"
        "MEANS TABLES=indkomst BY kom3.\n"
    ),
    "list_noid": "N OF CASES 30.\nLIST VARIABLES=foed_dato postnr koen indkomst.\n",
    "frequencies_small": "FREQUENCIES VARIABLES=kommune.\n",
}

OUTPUTS = {
    "crosstabs_percent": ("txt", "html"),
    "crosstabs_layer": ("txt",),
    "crosstabs_layer_small": ("txt",),
    "crosstabs_percent_small": ("html",),
    "means": ("html", "spv"),
    "descriptives": ("html",),
    "glm": ("txt",),
    "reliability": ("txt",),
    "frequencies_percentiles": ("txt",),
    "frequencies_likert": ("html",),
    "t_test_paired": ("txt",),
    "means_small": ("txt", "html"),
    "list_noid": ("txt", "html"),
    "frequencies_small": ("html",),
}


def write(folder: Path) -> None:
    pspp = require("pspp")
    (folder / "survey.dat").write_text("\n".join(_data()) + "\n", encoding="utf-8")
    for name, commands in SYNTAX.items():
        syntax = folder / f"{name}.sps"
        syntax.write_text(HEADER + commands, encoding="utf-8")
        outputs: list[str] = []
        for extension in OUTPUTS[name]:
            outputs += ["-o", f"pspp2_{name}.{extension}"]
        run([pspp, "--batch", "--safer", *outputs, syntax.name], cwd=folder)
        syntax.unlink()
    (folder / "survey.dat").unlink()
