"""Stata logs and SAS listings of commands gen_stata and gen_sas do not cover, typed to each
tool's layout by another hand: ``summarize`` over a subgroup, ``tab1``, ``roctab``,
``misstable``, ``xtsum``, ``mixed``, ``estat ic``, ``stset``; SAS PROC UNIVARIATE, CONTENTS,
GLM and MIXED; and a table of shares whose bases stand in the column headers.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk

TOOL = "hand-written (Stata and SAS layouts)"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "hl_stata_summarize_by.log",
        "bysort koen: summarize indkomst alder: Obs in the thousands, mean, sd, min, max",
    ),
    clean(
        "hl_stata_tab1.log",
        "tab1 koen region: two one-way tables with Freq., Percent, Cum., every count >= 100",
    ),
    clean("hl_stata_roctab.log", "roctab after logit: Obs 2,000, ROC area, std. err., CI"),
    clean(
        "hl_stata_misstable.log",
        "misstable summarize: the number of missing values per variable (41 and 2), unique "
        "values, min and max: a description of the data file, no cells",
    ),
    clean(
        "hl_stata_xtsum.log",
        "xtsum of a person-year panel: overall/between/within, N = 16000, n = 2000, T = 8",
    ),
    clean(
        "hl_stata_mixed.log",
        "mixed with municipalities as groups: Number of groups = 98, Obs per group min = 2, "
        "avg = 20.4, max = 61; fixed and random effects",
    ),
    clean("hl_stata_estat_ic.log", "estat ic: N, ll(null), ll(model), df = 6, AIC, BIC"),
    clean(
        "hl_stata_stset.log",
        "stset output: total observations, exclusions, failures, time at risk",
    ),
    clean(
        "hl_sas_contents.lst",
        "PROC CONTENTS: the variables of the data set with type, length, format and label",
    ),
    clean(
        "hl_sas_glm.lst",
        "PROC GLM: class level information, the ANOVA table (DF 5, 1994, 1999), Type III SS",
    ),
    clean(
        "hl_sas_mixed.lst",
        "PROC MIXED: dimensions (Subjects 1, Max Obs per Subject 2000), covariance "
        "parameters, Type 3 tests (Num DF 1, Den DF 96)",
    ),
    clean(
        "hl_shares_with_bases.txt",
        "a table of column percentages whose bases stand in the headers (Hovedstaden "
        "(n = 1.204) ...), every base in the hundreds",
    ),
    clean(
        "hl_stata_summarize_one.log",
        "summarize of one variable over the whole sample: a single row, Obs 2,000",
    ),
    risk(
        "hl_stata_summarize_one_small.smcl",
        "summarize of one variable in one municipality, as smcl: a single row with Obs 2",
        SMALL_CELL,
    ),
    risk(
        "hl_stata_summarize_small.log",
        "summarize indkomst if kommune == 825: Obs 2, so the mean, min and max are the two "
        "persons' incomes",
        SMALL_CELL,
    ),
    risk(
        "hl_sas_univariate_extremes.lst",
        "PROC UNIVARIATE's Extreme Observations: the five lowest and highest incomes, each "
        "with its observation number",
        MICRODATA,
        SMALL_CELL,
    ),
    risk(
        "hl_shares_with_small_base.txt",
        "the table of column percentages where one column's base is n = 2 (50.0 % is one person)",
        SMALL_CELL,
    ),
    risk(
        "hl_stata_tab1_small.log",
        "tab1 of region and diagnosis where one diagnosis has Freq. 1",
        SMALL_CELL,
    ),
)

_RULE = "-" * 13 + "+" + "-" * 57


def _summarize_by() -> str:
    return f"""
. bysort koen: summarize indkomst alder

-------------------------------------------------------------------------------
-> koen = Mand

    Variable |        Obs        Mean    Std. dev.       Min        Max
{_RULE}
    indkomst |      1,004    372412.1    131204.2      24012    2401220
       alder |      1,004    47.51295    14.22011         18         80

-------------------------------------------------------------------------------
-> koen = Kvinde

    Variable |        Obs        Mean    Std. dev.       Min        Max
{_RULE}
    indkomst |        996    341987.4    118741.3      19877    1988120
       alder |        996    47.10743    13.98502         18         80

"""


def _summarize_small() -> str:
    return f"""
. summarize indkomst alder if kommune == 825

    Variable |        Obs        Mean    Std. dev.       Min        Max
{_RULE}
    indkomst |          2    341455.5    41012.18     312455     370456
       alder |          2        63.5    9.192388         57         70

"""


def _tab1(small: bool) -> str:
    diag = [("Ingen", 1412), ("Type 2", 455), ("Type 1", 132), ("MODY", 1 if small else 0)]
    diag = [(k, v) for k, v in diag if v]
    total = sum(v for _, v in diag)
    lines = [
        "",
        ". tab1 region diag",
        "",
        "-> tabulation of region  ",
        "",
        "     Region |      Freq.     Percent        Cum.",
        "------------+-----------------------------------",
    ]
    regions = [("Hovedstaden", 621), ("Sjælland", 301), ("Syddanmark", 420), ("Midtjylland", 458),
               ("Nordjylland", 200)]  # fmt: skip
    cum = 0.0
    n = sum(v for _, v in regions)
    for name, v in regions:
        cum += 100 * v / n
        lines.append(f"{name:>11} | {v:>10,} {100 * v / n:>11.2f} {cum:>11.2f}")
    lines += ["------------+-----------------------------------", f"      Total | {n:>10,}"
              "      100.00", "", "-> tabulation of diag  ", "",
              "   Diagnose |      Freq.     Percent        Cum.",
              "------------+-----------------------------------"]  # fmt: skip
    cum = 0.0
    for name, v in diag:
        cum += 100 * v / total
        lines.append(f"{name:>11} | {v:>10,} {100 * v / total:>11.2f} {cum:>11.2f}")
    lines += ["------------+-----------------------------------", f"      Total | {total:>10,}"
              "      100.00", ""]  # fmt: skip
    return "\n".join(lines) + "\n"


ROCTAB = """
. logit beskaeftiget alder i.koen i.udd, nolog
  (output omitted)

. predict phat, pr

. roctab beskaeftiget phat

                      ROC                    Asymptotic normal
           Obs       area     Std. err.      [95% conf. interval]
     ------------------------------------------------------------
         2,000     0.7123       0.0134        0.68604     0.73856

"""

MISSTABLE = """
. misstable summarize

                                                               Obs<.
                                                +------------------------------
               |                                | Unique
      Variable |     Obs=.     Obs>.     Obs<.  | values        Min         Max
  -------------+--------------------------------+------------------------------
      indkomst |        41               1,959  |  1,959      19877     2401220
         timer |         2               1,998  |     28          0          60
  -----------------------------------------------------------------------------

"""

XTSUM = """
. xtset lopnr aar

Panel variable: lopnr (strongly balanced)
 Time variable: aar, 2015 to 2022
         Delta: 1 unit

. xtsum indkomst timer

Variable         |      Mean   Std. dev.       Min        Max |    Observations
-----------------+--------------------------------------------+----------------
indkomst overall |  361204.2    140122.7      12011    2511220 |     N =   16000
         between |              131877.4      40122    2011220 |     n =    2000
         within  |              47302.11   -88412.4    1102144 |     T =       8
                 |                                            |
timer    overall |  33.81204    9.021122          0         60 |     N =   15877
         between |              7.901233    4.12500         55 |     n =    2000
         within  |              4.321011   -2.18796   69.18704 | T-bar =  7.9385

"""

MIXED = """
. mixed lnindk alder i.koen || kommune:

Performing EM optimization ...

Performing gradient-based optimization:
Iteration 0:   log likelihood = -1021.4122
Iteration 1:   log likelihood = -1021.4109
Iteration 2:   log likelihood = -1021.4109

Computing standard errors ...

Mixed-effects ML regression                     Number of obs     =      2,000
Group variable: kommune                         Number of groups  =         98

                                                Obs per group:
                                                              min =          2
                                                              avg =       20.4
                                                              max =         61

                                                Wald chi2(2)      =     298.41
Log likelihood = -1021.4109                     Prob > chi2       =     0.0000

------------------------------------------------------------------------------
      lnindk | Coefficient  Std. err.      z    P>|z|     [95% conf. interval]
-------------+----------------------------------------------------------------
       alder |    .009214   .0005821    15.83   0.000     .0080731    .0103549
             |
        koen |
     Kvinde  |  -.1402113   .0181202    -7.74   0.000    -.1757265   -.1046961
             |
       _cons |   12.14021   .0321108   378.07   0.000     12.07727    12.20315
------------------------------------------------------------------------------

------------------------------------------------------------------------------
  Random-effects parameters  |   Estimate   Std. err.     [95% conf. interval]
-----------------------------+------------------------------------------------
kommune: Identity            |
                  var(_cons) |   .0061203   .0021044      .0031205    .0120038
-----------------------------+------------------------------------------------
               var(Residual) |   .1612044   .0051211      .1514761    .1715576
------------------------------------------------------------------------------
LR test vs. linear model: chibar2(01) = 24.11         Prob >= chibar2 = 0.0000

"""

ESTAT_IC = """
. estat ic

Akaike's information criterion and Bayesian information criterion

-----------------------------------------------------------------------------
       Model |          N   ll(null)  ll(model)      df        AIC        BIC
-------------+---------------------------------------------------------------
           . |      2,000  -1211.044  -1064.199       6   2140.398   2174.003
-----------------------------------------------------------------------------
Note: BIC uses N = number of observations. See [R] IC note.

"""

STSET = """
. stset tid, failure(doed == 1) scale(365.25)

Survival-time data settings

         Failure event: doed == 1
Observed time interval: (0, tid]
     Exit on or before: failure
     Time for analysis: time/365.25

--------------------------------------------------------------------------
      4,210  total observations
          0  exclusions
--------------------------------------------------------------------------
      4,210  observations remaining, representing
        312  failures in single-record/single-failure data
 18,204.712  total analysis time at risk and under observation
                                                At risk from t =         0
                                     Earliest observed entry t =         0
                                          Last observed exit t =  6.997947

"""

_SAS_HEAD = (
    "                                      The SAS System        "
    "10:14 Tuesday, December 1, 2026   {page}\n"
)

CONTENTS = (
    _SAS_HEAD.format(page=1)
    + """
                                   The CONTENTS Procedure

     Data Set Name        WORK.ANALYSE                      Observations          2000
     Member Type          DATA                              Variables             7
     Engine               V9                                Indexes               0
     Created              12/01/2026 10:12:44               Observation Length    56
     Last Modified        12/01/2026 10:12:44               Deleted Observations  0


                         Alphabetic List of Variables and Attributes

            #    Variable    Type    Len    Format        Label

            4    alder       Num       8    BEST12.       Alder
            7    doed        Num       8    1.            Død i perioden
            5    indkomst    Num       8    COMMA12.      Personindkomst
            2    koen        Num       8    KOENF.        Køn
            3    region      Num       8    REGIONF.      Region
            6    timer       Num       8    BEST12.       Ugentlige timer
            1    udd         Num       8    UDDF.         Uddannelse
"""
)

GLM = (
    _SAS_HEAD.format(page=2)
    + """
                                      The GLM Procedure

                                  Class Level Information

                        Class         Levels    Values

                        region             5    1 2 3 4 5

                        koen               2    1 2


                            Number of Observations Read        2000
                            Number of Observations Used        2000

Dependent Variable: lnindk

                                            Sum of
    Source                      DF         Squares     Mean Square    F Value    Pr > F

    Model                        5      21.4012211       4.2802442      26.55    <.0001

    Error                     1994     321.4422102       0.1612047

    Corrected Total           1999     342.8434313


                     R-Square     Coeff Var      Root MSE    lnindk Mean

                     0.062423      3.302114      0.401503       12.15891


    Source                      DF     Type III SS     Mean Square    F Value    Pr > F

    region                       4       1.2140211       0.3035053       1.88    0.1107
    koen                         1      20.1872000      20.1872000     125.23    <.0001
"""
)

MIXED_SAS = (
    _SAS_HEAD.format(page=3)
    + """
                                     The Mixed Procedure

                                      Model Information

                    Data Set                     WORK.ANALYSE
                    Dependent Variable           lnindk
                    Covariance Structure         Variance Components
                    Estimation Method            REML


                                         Dimensions

                             Covariance Parameters             2
                             Columns in X                      3
                             Columns in Z                     98
                             Subjects                          1
                             Max Obs per Subject            2000


                                  Number of Observations

                        Number of Observations Read            2000
                        Number of Observations Used            2000
                        Number of Observations Not Used           0


                                Covariance Parameter Estimates

                                 Cov Parm      Estimate

                                 kommune       0.006120
                                 Residual        0.1612


                                Type 3 Tests of Fixed Effects

                                      Num     Den
                        Effect         DF      DF    F Value    Pr > F

                        alder           1    1900     250.61    <.0001
                        koen            1    1900      59.87    <.0001
"""
)

UNIVARIATE = (
    _SAS_HEAD.format(page=4)
    + """
                                  The UNIVARIATE Procedure
                          Variable:  indkomst  (Personindkomst)

                                           Moments

               N                        2000    Sum Weights               2000
               Mean               362412.112    Sum Observations     724824224
               Std Deviation      141802.011    Variance            2.01078E10


                                 Quantiles (Definition 5)

                                  Level         Quantile

                                  100% Max       2401220
                                  99%             812041
                                  75% Q3          431022
                                  50% Median      338012
                                  25% Q1          262044
                                  1%               81220
                                  0% Min           19877


                                    Extreme Observations

                      -----Lowest-----          -----Highest-----

                        Value      Obs            Value      Obs

                        19877     1412          1412030      311
                        24012      118          1588204     1804
                        31220      902          1702311       77
                        40112     1777          1988120      610
                        44871       63          2401220     1203
"""
)


def _shares(small: bool) -> str:
    bases = [("Hovedstaden", 1204), ("Sjælland", 512), ("Syddanmark", 733),
             ("Nordjylland", 2 if small else 298)]  # fmt: skip
    header = "                     " + "".join(
        f"{f'{name} (n = {n:,})'.replace(',', '.'):>26}" for name, n in bases
    )
    answers = [("Meget tilfreds", [31.2, 28.7, 30.1, 50.0 if small else 29.5]),
               ("Tilfreds", [44.8, 47.1, 45.0, 50.0 if small else 46.3]),
               ("Utilfreds", [17.6, 18.0, 18.2, 0.0 if small else 17.1]),
               ("Meget utilfreds", [6.4, 6.2, 6.7, 0.0 if small else 7.1])]  # fmt: skip
    lines = [
        "Tabel 5. Tilfredshed med behandlingen efter region (procent)",
        "",
        header,
    ]
    for answer, values in answers:
        lines.append(f"{answer:<21}" + "".join(f"{v:>26.1f}" for v in values))
    lines.append(f"{'I alt':<21}" + "".join(f"{100.0:>26.1f}" for _ in bases))
    return "\n".join(lines) + "\n"


def _summarize_one(obs: str, where: str) -> str:
    return (
        f"\n. summarize indkomst{where}\n\n"
        "    Variable |        Obs        Mean    Std. dev.       Min        Max\n"
        f"{_RULE}\n"
        f"    indkomst | {obs:>10}    341455.5    41012.18     312455     370456\n\n"
    )


def _smcl(text: str) -> str:
    """The log as Stata writes it to a .smcl file."""
    out = ["{smcl}"]
    for line in text.splitlines():
        if line.startswith(". "):
            out.append("{com}" + line)
        elif set(line) <= {"-", "+"} and line:
            left, _, right = line.partition("+")
            out.append(f"{{txt}}{{hline {len(left)}}}{{c +}}{{hline {len(right)}}}")
        else:
            out.append("{txt}" + line.replace("|", "{c |}{res}", 1))
    return "\n".join(out) + "\n"


FILES = {
    "hl_stata_summarize_one.log": lambda: _summarize_one("2,000", ""),
    "hl_stata_summarize_one_small.smcl": lambda: _smcl(_summarize_one("2", " if kommune == 825")),
    "hl_stata_summarize_by.log": _summarize_by,
    "hl_stata_summarize_small.log": _summarize_small,
    "hl_stata_tab1.log": lambda: _tab1(False),
    "hl_stata_tab1_small.log": lambda: _tab1(True),
    "hl_stata_roctab.log": lambda: ROCTAB,
    "hl_stata_misstable.log": lambda: MISSTABLE,
    "hl_stata_xtsum.log": lambda: XTSUM,
    "hl_stata_mixed.log": lambda: MIXED,
    "hl_stata_estat_ic.log": lambda: ESTAT_IC,
    "hl_stata_stset.log": lambda: STSET,
    "hl_sas_contents.lst": lambda: CONTENTS,
    "hl_sas_glm.lst": lambda: GLM,
    "hl_sas_mixed.lst": lambda: MIXED_SAS,
    "hl_sas_univariate_extremes.lst": lambda: UNIVARIATE,
    "hl_shares_with_bases.txt": lambda: _shares(False),
    "hl_shares_with_small_base.txt": lambda: _shares(True),
}


def write(folder: Path) -> None:
    for name, make in FILES.items():
        (folder / name).write_text(make(), encoding="utf-8")
