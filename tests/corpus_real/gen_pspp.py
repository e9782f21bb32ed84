"""PSPP output: batch runs of .sps syntax, saved as text (-o out.txt), as SPSS Viewer files
(-o out.spv) and as .sav data files (SAVE OUTFILE).

The data are a simulated register extract of 600 persons, written as a data file the syntax
reads, with a fixed seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import require, run

TOOL = "PSPP"
EXECUTABLES = ("pspp",)

LABELS = (
    clean(
        "pspp_frequencies.txt",
        "FREQUENCIES of sex, region and education with value labels, a Valid/Missing block "
        "and a Total line; every frequency >= 3",
    ),
    clean("pspp_frequencies.spv", "the same frequencies saved as an SPSS Viewer file"),
    clean("pspp_crosstabs.txt", "CROSSTABS region by education with row percentages: cells >= 3"),
    clean("pspp_crosstabs.spv", "the same crosstab as an SPSS Viewer file"),
    clean(
        "pspp_descriptives.txt",
        "DESCRIPTIVES of age, income and hours: N, Mean, Std Dev, Minimum, Maximum over 600",
    ),
    clean("pspp_correlations.txt", "CORRELATIONS of four variables: Pearson r, Sig., N = 600"),
    clean(
        "pspp_regression.txt",
        "REGRESSION: model summary, ANOVA table (Sum of Squares, df, Mean Square, F) and "
        "coefficients",
    ),
    clean("pspp_regression.spv", "the regression output as an SPSS Viewer file"),
    clean("pspp_means.txt", "MEANS income BY region: Mean, N (all >= 40), Std. Deviation"),
    clean("pspp_t_test.txt", "T-TEST of income by sex: group statistics, Levene, t, df"),
    clean("pspp_oneway.txt", "ONEWAY ANOVA of income by education: Sum of Squares, df, F"),
    clean(
        "pspp_aggregate.sav",
        "AGGREGATE to one row per region x sex with a count (N_BREAK >= 30) and a mean: "
        "an aggregate data file whose category columns are codes 1, 2, 3",
    ),
    risk(
        "pspp_crosstabs_small.txt",
        "CROSSTABS municipality by diagnosis where one cell holds 2 persons",
        SMALL_CELL,
    ),
    risk("pspp_crosstabs_small.spv", "the same small-cell crosstab as SPSS Viewer", SMALL_CELL),
    clean("pspp_frequencies.html", "the frequencies as PSPP's HTML output"),
    clean(
        "pspp_frequencies.png",
        "the frequencies as PSPP's PNG rendering: a picture of tables whose counts are all "
        ">= 3 (readable by OCR)",
    ),
    clean("pspp_crosstabs.pdf", "the clean crosstab as PSPP's PDF output"),
    clean("pspp_crosstabs.csv", "the clean crosstab as PSPP's CSV output (tables as csv)"),
    clean("pspp_crosstabs.tex", "the clean crosstab as PSPP's LaTeX output"),
    clean("pspp_regression.pdf", "the regression output as PSPP's PDF"),
    risk("pspp_crosstabs_small.html", "the small-cell crosstab as HTML", SMALL_CELL),
    risk("pspp_crosstabs_small.pdf", "the small-cell crosstab as PDF", SMALL_CELL),
    risk(
        "pspp_crosstabs_small.png",
        "the small-cell crosstab rendered as PNG: a picture of a table with a cell of 2",
        SMALL_CELL,
    ),
    risk("pspp_crosstabs_small.csv", "the small-cell crosstab as PSPP's CSV", SMALL_CELL),
    risk("pspp_crosstabs_small.tex", "the small-cell crosstab as LaTeX", SMALL_CELL),
    risk("pspp_list.csv", "the LIST of unit records as PSPP's CSV output", MICRODATA, IDENTIFIER),
    clean(
        "pspp_logistic.txt",
        "LOGISTIC REGRESSION: case processing summary, iteration history, Variables in the "
        "Equation (B, S.E., Wald, df, Sig., Exp(B))",
    ),
    clean(
        "pspp_examine.txt",
        "EXAMINE income BY sex: case processing summary and descriptives per group (N >= 250)",
    ),
    clean("pspp_npar_chisquare.txt", "NPAR TESTS /CHISQUARE of region: observed/expected N, df"),
    clean(
        "pspp_crosstabs_chisq.txt",
        "CROSSTABS region BY sex with /STATISTICS=CHISQ: the Chi-Square Tests table (Value, "
        "df, Asymptotic Sig.) under a crosstab whose cells are all >= 3",
    ),
    risk(
        "pspp_examine_extremes.txt",
        "EXAMINE /STATISTICS=EXTREME: the five highest and lowest incomes with their case "
        "numbers, values of single persons",
        MICRODATA,
        SMALL_CELL,
    ),
    risk(
        "pspp_frequencies_income.txt",
        "FREQUENCIES of a continuous variable (income): each amount listed with frequency 1, "
        "individual values of 600 persons",
        SMALL_CELL,
        MICRODATA,
    ),
    risk(
        "pspp_frequencies_small.txt",
        "FREQUENCIES of diagnosis where one value has a frequency of 1",
        SMALL_CELL,
    ),
    risk(
        "pspp_persons.sav",
        "SAVE OUTFILE of the register extract: one row per person with a pseudonymised id "
        "and a birth date",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "pspp_list.txt",
        "LIST of the first 40 cases: a listing of unit records (id, birth date, sex, income)",
        MICRODATA,
        IDENTIFIER,
    ),
)

REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")


def _data(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for person in range(600):
        sex = rng.choice((1, 2))
        region = rng.choices(range(1, 6), weights=(32, 14, 21, 23, 10))[0]
        education = rng.choices(range(1, 7), weights=(15, 17, 18, 16, 16, 14))[0]
        age = rng.randint(18, 80)
        year = 2022 - age
        birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}"
        income = round(rng.lognormvariate(12.4, 0.45) + 15000 * (sex == 1), 2)
        hours = rng.choice((0, 15, 25, 30, 37, 37, 37, 40, 45)) if age < 67 else 0
        diagnosis = rng.choices((1, 2, 3, 4), weights=(70, 25, 5, 0.0001))[0]
        if person == 11:
            diagnosis = 4  # one person with a rare diagnosis
        municipality = rng.choice((101, 147, 461, 751, 851))
        if person in (5, 300):
            municipality, diagnosis = 825, 3  # Læsø: two persons with diagnosis 3
        elif municipality == 825:
            municipality = 101
        if rng.random() < 0.03:
            income_text = "."  # system-missing
        else:
            income_text = f"{income:.2f}"
        lines.append(
            f"{100000 + person * 37} {birth} {sex} {region} {education} {age} {income_text} "
            f"{hours} {diagnosis} {municipality}"
        )
    return lines


HEADER = """\
SET DECIMAL=DOT.
DATA LIST LIST FILE='persons.dat' /lopnr (F6) foed_dato (EDATE10) koen (F1) region (F1)
  udd (F1) alder (F2) indkomst (F10.2) timer (F2) diag (F1) kommune (F3).
VARIABLE LABELS koen 'Køn' region 'Region' udd 'Højeste fuldførte uddannelse'
  alder 'Alder' indkomst 'Personindkomst (kr.)' timer 'Ugentlige timer' diag 'Diagnose'
  kommune 'Bopælskommune'.
VALUE LABELS koen 1 'Mand' 2 'Kvinde'
  /region 1 'Hovedstaden' 2 'Sjælland' 3 'Syddanmark' 4 'Midtjylland' 5 'Nordjylland'
  /udd 1 'Grundskole' 2 'Gymnasial' 3 'Erhvervsfaglig' 4 'KVU' 5 'MVU' 6 'LVU'
  /diag 1 'Ingen' 2 'Type 2' 3 'Type 1' 4 'MODY'
  /kommune 101 'København' 147 'Frederiksberg' 461 'Odense' 751 'Aarhus' 851 'Aalborg'
   825 'Læsø'.
MISSING VALUES timer (0).
"""

SYNTAX = {
    "frequencies": "FREQUENCIES VARIABLES=koen region udd timer /STATISTICS=NONE.\n",
    "crosstabs": "CROSSTABS /TABLES=region BY udd /CELLS=COUNT ROW.\n",
    "descriptives": "DESCRIPTIVES VARIABLES=alder indkomst timer.\n",
    "correlations": "CORRELATIONS /VARIABLES=alder indkomst timer koen.\n",
    "regression": (
        "REGRESSION /VARIABLES=alder koen timer /DEPENDENT=indkomst "
        "/STATISTICS=DEFAULTS R COEFF ANOVA.\n"
    ),
    "means": "MEANS TABLES=indkomst BY region.\n",
    "t_test": "T-TEST GROUPS=koen(1,2) /VARIABLES=indkomst.\n",
    "oneway": "ONEWAY indkomst BY udd /STATISTICS=DESCRIPTIVES.\n",
    "crosstabs_small": "CROSSTABS /TABLES=kommune BY diag /CELLS=COUNT.\n",
    "logistic": (
        "COMPUTE hoej = indkomst > 300000.\nLOGISTIC REGRESSION hoej WITH alder koen udd.\n"
    ),
    "examine": "EXAMINE VARIABLES=indkomst BY koen /STATISTICS=DESCRIPTIVES.\n",
    "npar_chisquare": "NPAR TESTS /CHISQUARE=region.\n",
    "frequencies_income": "FREQUENCIES VARIABLES=indkomst.\n",
    "crosstabs_chisq": "CROSSTABS /TABLES=region BY koen /STATISTICS=CHISQ.\n",
    "examine_extremes": "EXAMINE VARIABLES=indkomst /STATISTICS=EXTREME(5).\n",
    "frequencies_small": "FREQUENCIES VARIABLES=diag.\n",
    "list": "N OF CASES 40.\nLIST VARIABLES=lopnr foed_dato koen alder indkomst kommune.\n",
    "aggregate": (
        "AGGREGATE OUTFILE='pspp_aggregate.sav' /BREAK=region koen\n"
        "  /antal=N /gns_indkomst=MEAN(indkomst) /gns_alder=MEAN(alder).\n"
    ),
    "persons": "SAVE OUTFILE='pspp_persons.sav'.\n",
}

OUTPUTS = {
    "frequencies": ("txt", "spv", "html", "png"),
    "crosstabs": ("txt", "spv", "pdf", "csv", "tex"),
    "regression": ("txt", "spv", "pdf"),
    "crosstabs_small": ("txt", "spv", "html", "pdf", "png", "csv", "tex"),
    "list": ("txt", "csv"),
    "aggregate": (),
    "persons": (),
}


def write(folder: Path) -> None:
    pspp = require("pspp")
    (folder / "persons.dat").write_text("\n".join(_data()) + "\n", encoding="utf-8")
    for name, commands in SYNTAX.items():
        syntax = folder / f"{name}.sps"
        syntax.write_text(HEADER + commands, encoding="utf-8")
        outputs: list[str] = []
        for extension in OUTPUTS.get(name, ("txt",)):
            outputs += ["-o", f"pspp_{name}.{extension}"]
        if not outputs:
            outputs = ["-o", f"{name}.discard.txt"]
        run([pspp, "--batch", "--safer", *outputs, syntax.name], cwd=folder)
        syntax.unlink()
        (folder / f"{name}.discard.txt").unlink(missing_ok=True)
    (folder / "persons.dat").unlink()
    for extra in folder.glob("*.png-*"):  # later pages of a multi-page PNG
        extra.unlink()
