"""SAS listing output (.lst), a SAS log and a SAS program, written to SAS 9.4's layout (SAS is
not installable here). The numbers come from simulated data (seeded) and add up.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk

TOOL = "SAS layout"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "sas_freq_oneway.lst",
        "PROC FREQ one-way: Frequency, Percent, Cumulative Frequency and Percent; all >= 3",
    ),
    clean(
        "sas_freq_crosstab.lst",
        "PROC FREQ two-way crosstab with Frequency/Percent/Row Pct/Col Pct in each cell and a "
        "Total row and column; every cell >= 3, then the chi-square statistics with DF",
    ),
    clean(
        "sas_means.lst",
        "PROC MEANS by region: N Obs, N, Mean, Std Dev, Minimum, Maximum; every group N >= 200",
    ),
    clean(
        "sas_reg.lst",
        "PROC REG: Number of Observations, Analysis of Variance (DF, Sum of Squares, Mean "
        "Square, F Value) and Parameter Estimates with DF = 1 in each row",
    ),
    clean(
        "sas_program.sas",
        "a SAS program: DATA steps, PROC FREQ and PROC MEANS statements; code, no data",
    ),
    clean(
        "sas_log.log",
        "a SAS log: NOTE lines with observation and variable counts, real time, cpu time",
    ),
    risk(
        "sas_freq_small.lst",
        "PROC FREQ two-way crosstab where one municipality x diagnosis cell has frequency 2",
        SMALL_CELL,
    ),
    risk(
        "sas_freq_oneway_small.lst",
        "PROC FREQ one-way table with a frequency of 1",
        SMALL_CELL,
    ),
    risk(
        "sas_freq_list_small.lst",
        "PROC FREQ with TABLES kommune*koen*diag / LIST: one line per combination with its "
        "frequency; two combinations have 1 and 2",
        SMALL_CELL,
    ),
    risk(
        "sas_means_small.lst",
        "PROC MEANS by municipality where one class has N = 2: the mean, minimum and maximum "
        "describe two persons",
        SMALL_CELL,
    ),
    clean(
        "sas_tabulate.lst",
        "PROC TABULATE of persons by region and sex with N and PctN in a boxed table; "
        "every N >= 90",
    ),
    risk(
        "sas_lifetest.lst",
        "PROC LIFETEST product-limit estimates: every event time listed with Number Failed and "
        "Number Left, which falls to 2, 1 and 0",
        SMALL_CELL,
    ),
    risk(
        "sas_print.lst",
        "PROC PRINT of 40 observations with the Obs column: a listing of unit records",
        MICRODATA,
        IDENTIFIER,
    ),
)

REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
PAGE_TITLE = "The SAS System"
STAMP = "10:12 Monday, March 4, 2024"


def _page(number: int, body: Sequence[str], procedure: str) -> list[str]:
    header = f"{PAGE_TITLE:^70}{STAMP:>28}{number:>4}"
    title = [] if procedure == "PRINT" else [f"{'The ' + procedure + ' Procedure':^100}", ""]
    return ["\f" + header, "", *title, *body, ""]


def _people(rng: random.Random, n: int = 2000) -> list[dict[str, object]]:
    people = []
    for number in range(n):
        sex = rng.choice(("Mand", "Kvinde"))
        region = rng.choices(REGIONS, weights=(32, 14, 21, 23, 10))[0]
        age = rng.randint(18, 80)
        income = round(math.exp(rng.gauss(12.4 + 0.004 * age, 0.45)), 2)
        people.append(
            {
                "lopnr": 200000 + 41 * number,
                "koen": sex,
                "region": region,
                "alder": age,
                "indkomst": income,
                "birth": 2022 - age,
            }
        )
    return people


def _freq_oneway(variable: str, counts: Sequence[tuple[str, int]]) -> list[str]:
    total = sum(c for _, c in counts)
    width = max(len(variable), *(len(v) for v, _ in counts))
    lines = [
        f"{'':{width + 30}}Cumulative    Cumulative",
        f"{variable:>{width}}    Frequency     Percent     Frequency      Percent",
        "-" * (width + 59),
    ]
    cumulative = 0
    for value, count in counts:
        cumulative += count
        lines.append(
            f"{value:<{width}}{count:>13}{100 * count / total:>12.2f}{cumulative:>14}"
            f"{100 * cumulative / total:>13.2f}"
        )
    return lines


def _freq_crosstab(
    rows_name: str,
    cols_name: str,
    rows: Sequence[str],
    cols: Sequence[str],
    cells: Sequence[Sequence[int]],
) -> list[str]:
    total = sum(sum(r) for r in cells)
    col_totals = [sum(c) for c in zip(*cells, strict=True)]
    width = max(12, *(len(r) for r in rows))
    cell = 8
    rule = "-" * width + "+" + ("-" * cell + "+") * len(cols)
    lines = [
        f"{'Table of ' + rows_name + ' by ' + cols_name:^80}",
        "",
        f"{rows_name:<{width}}     {cols_name}",
        "",
        f"{'Frequency':<{width}}|",
        f"{'Percent':<{width}}|",
        f"{'Row Pct':<{width}}|",
        f"{'Col Pct':<{width}}|" + "".join(f"{c[:cell]:<{cell}}|" for c in cols) + "  Total",
        rule,
    ]
    for label, counts in zip(rows, cells, strict=True):
        row_total = sum(counts)
        lines.append(
            f"{label:<{width}}|" + "".join(f"{v:>{cell - 1}} |" for v in counts) + f"{row_total:>7}"
        )
        lines.append(
            f"{'':<{width}}|"
            + "".join(f"{100 * v / total:>{cell - 1}.2f} |" for v in counts)
            + f"{100 * row_total / total:>7.2f}"
        )
        lines.append(
            f"{'':<{width}}|"
            + "".join(
                f"{(100 * v / row_total if row_total else 0):>{cell - 1}.2f} |" for v in counts
            )
        )
        lines.append(
            f"{'':<{width}}|"
            + "".join(
                f"{(100 * v / t if t else 0):>{cell - 1}.2f} |"
                for v, t in zip(counts, col_totals, strict=True)
            )
        )
        lines.append(rule)
    lines.append(
        f"{'Total':<{width}} " + "".join(f"{t:>{cell}} " for t in col_totals) + f"{total:>7}"
    )
    lines.append(
        f"{'':<{width}} "
        + "".join(f"{100 * t / total:>{cell}.2f} " for t in col_totals)
        + f"{100:>7.2f}"
    )
    return lines


def _prob(chi: float, scale: int) -> str:
    """A probability-looking number; the listing's layout is what matters here."""
    return f"0.{int(chi * scale) % 9000 + 1000:04d}"


def _chi_square(cells: Sequence[Sequence[int]]) -> list[str]:
    total = sum(sum(r) for r in cells)
    row_totals = [sum(r) for r in cells]
    col_totals = [sum(c) for c in zip(*cells, strict=True)]
    chi = sum(
        (v - row_totals[i] * col_totals[j] / total) ** 2 / (row_totals[i] * col_totals[j] / total)
        for i, r in enumerate(cells)
        for j, v in enumerate(r)
    )
    df = (len(cells) - 1) * (len(cells[0]) - 1)
    return [
        "",
        f"{'Statistics for Table of region by koen':^80}",
        "",
        "Statistic                     DF       Value      Prob",
        "------------------------------------------------------",
        f"Chi-Square                    {df:>2}{chi:>12.4f}    {_prob(chi, 1000)}",
        f"Likelihood Ratio Chi-Square   {df:>2}{chi * 1.01:>12.4f}    {_prob(chi, 1010)}",
        f"Mantel-Haenszel Chi-Square     1{chi / 4:>12.4f}    {_prob(chi, 250)}",
        f"Phi Coefficient                 {math.sqrt(chi / total):>12.4f}",
        f"Contingency Coefficient         {math.sqrt(chi / (chi + total)):>12.4f}",
        f"Cramer's V                      {math.sqrt(chi / total):>12.4f}",
        "",
        f"{'Sample Size = ' + str(total):^80}",
    ]


def _means(groups: Sequence[tuple[str, Sequence[float]]], class_name: str) -> list[str]:
    lines = [
        f"{'Analysis Variable : indkomst Personindkomst (kr.)':^100}",
        "",
        f"{'':14}N",
        f"{class_name:<13}Obs     N            Mean         Std Dev"
        "         Minimum         Maximum",
        "-" * 96,
    ]
    for label, values in groups:
        n = len(values)
        mean = sum(values) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
        lines.append(
            f"{label:<12}{n:>5}{n:>6}{mean:>16.2f}{sd:>16.2f}{min(values):>16.2f}"
            f"{max(values):>16.2f}"
        )
    lines.append("-" * 96)
    return lines


def _reg(people: list[dict[str, object]]) -> list[str]:
    xs = [float(p["alder"]) for p in people]  # type: ignore[arg-type]
    ys = [math.log(float(p["indkomst"])) for p in people]  # type: ignore[arg-type]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx
    a = my - b * mx
    sse = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    sst = sum((y - my) ** 2 for y in ys)
    ssm = sst - sse
    mse = sse / (n - 2)
    se_b = math.sqrt(mse / sxx)
    se_a = math.sqrt(mse * (1 / n + mx * mx / sxx))
    adjusted = 1 - (1 - ssm / sst) * (n - 1) / (n - 2)
    return [
        f"{'Model: MODEL1':^100}",
        f"{'Dependent Variable: lnindk':^100}",
        "",
        f"{'Number of Observations Read':<36}{n:>8}",
        f"{'Number of Observations Used':<36}{n:>8}",
        "",
        f"{'Analysis of Variance':^80}",
        "",
        f"{'':38}Sum of           Mean",
        "Source                   DF        Squares         Square    F Value    Pr > F",
        "",
        f"{'Model':<20}{1:>8}{ssm:>15.5f}{ssm:>15.5f}{ssm / mse:>11.2f}    <.0001",
        f"{'Error':<20}{n - 2:>8}{sse:>15.5f}{mse:>15.5f}",
        f"{'Corrected Total':<20}{n - 1:>8}{sst:>15.5f}",
        "",
        f"Root MSE              {math.sqrt(mse):>10.5f}    R-Square     {ssm / sst:.4f}",
        f"Dependent Mean        {my:>10.5f}    Adj R-Sq     {adjusted:.4f}",
        f"Coeff Var             {100 * math.sqrt(mse) / my:>10.5f}",
        "",
        f"{'Parameter Estimates':^80}",
        "",
        f"{'':23}Parameter       Standard",
        "Variable     DF       Estimate          Error    t Value    Pr > |t|",
        "",
        f"{'Intercept':<10}{1:>5}{a:>15.5f}{se_a:>15.5f}{a / se_a:>11.2f}      <.0001",
        f"{'alder':<10}{1:>5}{b:>15.5f}{se_b:>15.5f}{b / se_b:>11.2f}      <.0001",
    ]


def _print(people: list[dict[str, object]], rng: random.Random) -> list[str]:
    lines = [f"{'Obs':>5}    lopnr    foed_dato    koen        region     indkomst", ""]
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    for number, p in enumerate(people[:40], 1):
        birth = f"{rng.randint(1, 28):02d}{rng.choice(months)}{p['birth']}"
        lines.append(
            f"{number:>5}   {p['lopnr']:>6}    {birth}    {p['koen']:<6}  "
            f"{p['region']:>12}   {p['indkomst']:>10.2f}"
        )
    return lines


def _tabulate(cells: Sequence[Sequence[int]]) -> list[str]:
    total = sum(sum(r) for r in cells)
    rule = "-" * 26 + "+" + ("-" * 12 + "+") * 6
    lines = [
        "-" * 26 + "-" * 13 * 6,
        f"|{'':24}|{'koen':^51}|{'':25}|",
        f"|{'':24}|{'-' * 51}|{'':25}|",
        f"|{'':24}|{'Mand':^25}|{'Kvinde':^25}|{'All':^25}|",
        f"|{'':24}|" + ("|".join(f"{h:^12}" for h in ("N", "PctN") * 3)) + "|",
        rule,
    ]
    for region, (men, women) in zip(REGIONS, cells, strict=True):
        values = (
            men,
            100 * men / total,
            women,
            100 * women / total,
            men + women,
            100 * (men + women) / total,
        )
        lines.append(
            f"|{region:<24}|"
            + "|".join(
                f"{v:>11.0f} " if i % 2 == 0 else f"{v:>11.2f} " for i, v in enumerate(values)
            )
            + "|"
        )
        lines.append(rule)
    men = sum(c[0] for c in cells)
    women = sum(c[1] for c in cells)
    values = (men, 100 * men / total, women, 100 * women / total, total, 100.0)
    lines.append(
        f"|{'All':<24}|"
        + "|".join(f"{v:>11.0f} " if i % 2 == 0 else f"{v:>11.2f} " for i, v in enumerate(values))
        + "|"
    )
    lines.append("-" * 26 + "-" * 13 * 6)
    return lines


def _lifetest(rng: random.Random) -> list[str]:
    times = sorted((round(rng.expovariate(1 / 14), 1), int(rng.random() < 0.8)) for _ in range(30))
    times[-1] = (times[-1][0], 1)
    lines = [
        f"{'Stratum 1: koen = Mand':^100}",
        "",
        f"{'Product-Limit Survival Estimates':^100}",
        "",
        f"{'':44}Survival",
        f"{'':32}Standard     Number      Number",
        "   mdr     Survival    Failure      Error     Failed       Left",
        "",
        f"{0.0:>7.1f}{1.0:>12.4f}{0:>11.0f}{0:>11.0f}{0:>11}{len(times):>12}",
    ]
    survival = 1.0
    failed = 0
    for index, (time, event) in enumerate(times):
        left = len(times) - index - 1
        at_risk = len(times) - index
        if event:
            survival *= 1 - 1 / at_risk
            failed += 1
            se = survival * math.sqrt(failed / (len(times) * max(at_risk - 1, 1)))
            lines.append(
                f"{time:>7.1f}{survival:>12.4f}{1 - survival:>11.4f}{se:>11.4f}"
                f"{failed:>11}{left:>12}"
            )
        else:
            lines.append(f"{time:>7.1f}*{'.':>11}{'.':>11}{'.':>11}{failed:>11}{left:>12}")
    lines += [
        "",
        "NOTE: The marked survival times are censored observations.",
        "",
        f"{'Summary of the Number of Censored and Uncensored Values':^100}",
        "",
        f"{'':34}Percent",
        "  Stratum    koen     Total  Failed  Censored  Censored",
        f"        1    Mand     {len(times):>5}  {failed:>6}  {len(times) - failed:>8}"
        f"  {100 * (len(times) - failed) / len(times):>8.2f}",
    ]
    return lines


PROGRAM = """\
/* Projekt 707070: tabeller til artiklen */
libname proj "E:\\workdata\\707070\\sas";
options nodate pageno=1 linesize=120;

data work.analyse;
  set proj.indkomst(where=(2015 <= aar <= 2022));
  lnindk = log(indkomst);
  if alder < 30 then aldersgruppe = 1;
  else if alder < 50 then aldersgruppe = 2;
  else aldersgruppe = 3;
  format koen koenfmt.;
run;

proc freq data=work.analyse;
  tables region*koen / chisq;
run;

proc means data=work.analyse n mean std min max;
  class region;
  var indkomst;
run;

/* cells below 3 are suppressed before export */
proc sql;
  create table work.tabel as
  select region, koen, count(*) as n, mean(indkomst) as gns
  from work.analyse group by region, koen having count(*) >= 3;
quit;
"""

SAS_LOG = """\
1          /* Projekt 707070: tabeller til artiklen */
2          libname proj "E:\\workdata\\707070\\sas";
NOTE: Libref PROJ was successfully assigned as follows:
      Engine:        V9
      Physical Name: E:\\workdata\\707070\\sas
3          options nodate pageno=1 linesize=120;
4
5          data work.analyse;
6            set proj.indkomst(where=(2015 <= aar <= 2022));
7            lnindk = log(indkomst);
8          run;

NOTE: There were 2000 observations read from the data set PROJ.INDKOMST.
      WHERE (aar>=2015 and aar<=2022);
NOTE: The data set WORK.ANALYSE has 2000 observations and 9 variables.
NOTE: DATA statement used (Total process time):
      real time           0.02 seconds
      cpu time            0.01 seconds

9
10         proc freq data=work.analyse;
11           tables region*koen / chisq;
12         run;

NOTE: There were 2000 observations read from the data set WORK.ANALYSE.
NOTE: PROCEDURE FREQ used (Total process time):
      real time           0.05 seconds
      cpu time            0.03 seconds

13         proc means data=work.analyse n mean std min max;
14           class region;
15           var indkomst;
16         run;

NOTE: There were 2000 observations read from the data set WORK.ANALYSE.
NOTE: PROCEDURE MEANS used (Total process time):
      real time           0.01 seconds
      cpu time            0.01 seconds

NOTE: SAS Institute Inc., SAS Campus Drive, Cary, NC USA 27513-2414
NOTE: The SAS System used:
      real time           1.12 seconds
      cpu time            0.42 seconds
"""


def write(folder: Path) -> None:
    rng = random.Random(94)
    people = _people(rng)

    def save(name: str, pages: list[list[str]]) -> None:
        text = "\n".join(line for page in pages for line in page) + "\n"
        (folder / name).write_text(text, encoding="utf-8")

    regions = Counter(str(p["region"]) for p in people)
    save(
        "sas_freq_oneway.lst",
        [_page(1, _freq_oneway("region", [(r, regions[r]) for r in REGIONS]), "FREQ")],
    )
    cells = [
        [sum(1 for p in people if p["region"] == r and p["koen"] == s) for s in ("Mand", "Kvinde")]
        for r in REGIONS
    ]
    save(
        "sas_freq_crosstab.lst",
        [
            _page(1, _freq_crosstab("region", "koen", REGIONS, ("Mand", "Kvinde"), cells), "FREQ"),
            _page(2, _chi_square(cells), "FREQ"),
        ],
    )
    groups = [
        (r, [float(p["indkomst"]) for p in people if p["region"] == r])  # type: ignore[arg-type]
        for r in REGIONS
    ]
    save("sas_means.lst", [_page(1, _means(groups, "region"), "MEANS")])
    save("sas_reg.lst", [_page(1, _reg(people), "REG")])
    small_cells = [[512, 130, 22], [301, 88, 13], [7, 2, 0], [16, 5, 3]]
    save(
        "sas_freq_small.lst",
        [
            _page(
                1,
                _freq_crosstab(
                    "kommune",
                    "diag",
                    ("København", "Aarhus", "Læsø", "Fanø"),
                    ("Ingen", "Type 2", "Type 1"),
                    small_cells,
                ),
                "FREQ",
            )
        ],
    )
    save(
        "sas_freq_oneway_small.lst",
        [
            _page(
                1,
                _freq_oneway(
                    "diagnose",
                    [
                        ("Ingen", 1408),
                        ("Type 2", 377),
                        ("Type 1", 81),
                        ("MODY", 1),
                        ("Sekundær", 33),
                    ],
                ),
                "FREQ",
            )
        ],
    )
    small_groups = [
        ("Aarhus", [float(p["indkomst"]) for p in people[:300]]),  # type: ignore[arg-type]
        ("Læsø", [254100.0, 612350.0]),
        ("Odense", [float(p["indkomst"]) for p in people[300:520]]),
    ]  # type: ignore[arg-type]
    save("sas_means_small.lst", [_page(1, _means(small_groups, "kommune"), "MEANS")])
    save("sas_print.lst", [_page(1, _print(people, rng), "PRINT")])
    save("sas_tabulate.lst", [_page(1, _tabulate(cells), "TABULATE")])
    combos = [
        ("København", "Mand", "Type 1", 61),
        ("København", "Kvinde", "Type 1", 58),
        ("Aarhus", "Mand", "Type 1", 33),
        ("Aarhus", "Kvinde", "Type 1", 29),
        ("Læsø", "Mand", "Type 1", 1),
        ("Læsø", "Kvinde", "Type 1", 2),
        ("Odense", "Mand", "Type 1", 24),
        ("Odense", "Kvinde", "Type 1", 27),
    ]
    total = sum(c[3] for c in combos)
    body = [
        f"{'':44}Cumulative    Cumulative",
        "kommune      koen      diag      Frequency     Percent     Frequency      Percent",
        "-" * 86,
    ]
    cumulative = 0
    for municipality, sex, diag, count in combos:
        cumulative += count
        body.append(
            f"{municipality:<13}{sex:<10}{diag:<10}{count:>9}{100 * count / total:>12.2f}"
            f"{cumulative:>14}{100 * cumulative / total:>13.2f}"
        )
    save("sas_freq_list_small.lst", [_page(1, body, "FREQ")])
    save("sas_lifetest.lst", [_page(1, _lifetest(rng), "LIFETEST")])
    (folder / "sas_program.sas").write_text(PROGRAM, encoding="utf-8")
    (folder / "sas_log.log").write_text(SAS_LOG, encoding="utf-8")
