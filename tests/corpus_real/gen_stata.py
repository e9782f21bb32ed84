"""Stata logs (.log) and SMCL logs (.smcl) written to Stata 17's layout, since Stata itself is
not installable here. The numbers are computed from simulated data (seeded): the regression is a
real least-squares fit, the logit a real Newton-Raphson fit with its iteration log, tabulations
add up.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tests.corpus_real.identity_numbers import dk_cpr
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk

TOOL = "Stata layout"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "stata_regress.log",
        "regress output: Source | SS df MS with Number of obs = 2,000, then the coefficient "
        "table with factor-variable levels",
    ),
    clean("stata_regress.smcl", "the same regress output as an SMCL log"),
    clean(
        "stata_logit.log",
        "logit with its iteration log (Iteration 0-4: Log likelihood), LR chi2(7), odds ratios",
    ),
    clean(
        "stata_xtreg.log",
        "xtreg, fe: Number of groups = 98, Obs per group min/avg/max, F(3, 1899), sigma_u, rho",
    ),
    clean(
        "stata_tabulate_oneway.log",
        "tabulate region: Freq. Percent Cum. with a Total line; every frequency >= 3",
    ),
    clean(
        "stata_tabulate_twoway.log",
        "tabulate region koen, row: two-way table with Total row and column, row percentages, "
        "every cell >= 3",
    ),
    clean("stata_tabulate_twoway.smcl", "the same two-way tabulation as an SMCL log"),
    clean(
        "stata_codebook.log",
        "codebook of sex, education and age: Type, Range [1,2], Units: 1, Unique values: 2, "
        "Missing .: 0/2,000, tabulation of codes with frequencies >= 3, percentiles",
    ),
    clean(
        "stata_describe.log",
        "describe: Observations 2,000, variable names (lopnr among them), storage types, "
        "display formats, value labels; no data",
    ),
    clean(
        "stata_summarize.log",
        "summarize: Obs, Mean, Std. dev., Min, Max of five variables over 2,000 observations",
    ),
    clean(
        "stata_tabstat.log",
        "tabstat income, by(region) statistics(n mean sd p50): every group n >= 60",
    ),
    clean(
        "stata_collapse_list.log",
        "collapse (mean) income (count) n = lopnr, by(region) then list: five rows of results "
        "(region, mean, n >= 200), not of people",
    ),
    clean(
        "stata_sts_list_at.log",
        "sts list, at(0 365 730 1095 1825) over 1,500 persons: the number at risk stays in the "
        "hundreds and each interval has many failures",
    ),
    clean(
        "stata_analysis.do",
        "a do-file: loops, locals, // comments, braces; code only (libmagic may call it "
        "JavaScript)",
    ),
    clean("stata_tables.do", "a do-file that builds tables with collapse and putexcel"),
    clean(
        "stata_import.do",
        "a do-file whose import line has a comment with ' from ' in it: libmagic calls it "
        "JavaScript source, but it is Stata code",
    ),
    clean(
        "stata_pwcorr.log",
        "pwcorr with sig obs: correlation coefficients, p-values and the number of "
        "observations (2,000) under each",
    ),
    clean(
        "stata_esttab.log",
        "esttab of three models: coefficients with stars, t statistics in parentheses, N and "
        "R-sq at the bottom",
    ),
    clean(
        "stata_margins.log",
        "margins koen, at(alder=(30 50 70)): predictive margins with delta-method std. errors, "
        "the _at legend and Number of obs = 2,000",
    ),
    clean(
        "stata_ttest.log",
        "ttest lnindk, by(koen): Group, Obs (about 1,000 each), Mean, Std. err., t, degrees of "
        "freedom",
    ),
    clean(
        "stata_mean_over.log",
        "mean indkomst, over(region): Number of obs = 2,000 and a mean per region",
    ),
    clean(
        "stata_table17.log",
        "Stata 17 table region koen: frequencies in the new table layout with Total row and "
        "column; every cell >= 90",
    ),
    clean(
        "stata_stcox.log",
        "stcox: No. of subjects = 1,500, No. of failures, Time at risk, hazard ratios",
    ),
    clean(
        "stata_postestimation.log",
        "test, lrtest and estat ic after regress: F(1, 1992), LR chi2(5), df, AIC and BIC",
    ),
    clean(
        "stata_melogit.log",
        "melogit with its fitting and refining iteration log, Number of groups = 98, "
        "Obs per group min = 1, avg, max, and the random-effects variance",
    ),
    clean(
        "stata_duplicates_report.log",
        "duplicates report lopnr aar: Copies (1, 2) against Observations and Surplus; the "
        "copies are not counts of persons",
    ),
    clean(
        "stata_statsby_list.log",
        "statsby _b _se, by(region): regress per region, then list of the five regions' "
        "coefficients: a listing of results, not of people",
    ),
    risk(
        "stata_tabstat_small.log",
        "tabstat indkomst, by(kommune) stat(n mean min max): one municipality has N = 1, so "
        "its mean, min and max are one person's income",
        SMALL_CELL,
    ),
    risk(
        "stata_cpr_in_log.log",
        "a log where list of duplicated ids shows three CPR numbers (pnr) in full",
        "identifier.dk_cpr",
    ),
    risk(
        "stata_list_clean.log",
        "list lopnr alder koen indkomst in 1/20, clean noobs: unit records without the rules "
        "and row numbers",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "stata_ltable.log",
        "ltable: a life table by yearly interval where the last intervals begin with 2 and 1 "
        "persons",
        SMALL_CELL,
    ),
    risk(
        "stata_tabulate_continuous.log",
        "tabulate indkomst of a continuous variable: each income listed with Freq. 1",
        SMALL_CELL,
        MICRODATA,
    ),
    risk(
        "stata_list.log",
        "list lopnr foed_dato koen kommune indkomst in 1/30: unit records between +---+ rules",
        MICRODATA,
        IDENTIFIER,
    ),
    risk(
        "stata_list_plain.log",
        "list of 25 observations of the project's data whose variables are called x1-x4 and "
        "group: still a listing of unit records",
        MICRODATA,
    ),
    risk("stata_list.smcl", "the list of unit records as an SMCL log", MICRODATA, IDENTIFIER),
    risk(
        "stata_sts_list.log",
        "sts list of 40 persons: every failure time listed, the number at risk falls to 2 and 1",
        SMALL_CELL,
    ),
    risk(
        "stata_sts_list.smcl",
        "the same survivor-function listing as an SMCL log",
        SMALL_CELL,
    ),
    risk(
        "stata_tabulate_small.log",
        "tabulate kommune diag: a two-way table with cells of 1 and 2",
        SMALL_CELL,
    ),
    risk(
        "stata_tabulate_small.smcl",
        "the two-way tabulation with cells of 1 and 2 as an SMCL log",
        SMALL_CELL,
    ),
    risk(
        "stata_tabulate_oneway_small.log",
        "tabulate diagnose: one diagnosis has a frequency of 2",
        SMALL_CELL,
    ),
)

REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
EDUCATIONS = ("Grundskole", "Gymnasial", "Erhvervsfaglig", "KVU", "MVU", "LVU")
RULE = "-" * 79
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun")


# --- simulated data --------------------------------------------------------------------------


def _persons(rng: random.Random, n: int = 2000) -> list[dict[str, float | int]]:
    people = []
    for number in range(n):
        sex = rng.choice((1, 2))
        age = rng.randint(18, 80)
        education = rng.choices(range(1, 7), weights=(15, 17, 18, 16, 16, 14))[0]
        region = rng.choices(range(1, 6), weights=(32, 14, 21, 23, 10))[0]
        income = math.exp(
            rng.gauss(12.3 + 0.004 * age + 0.03 * education - 0.06 * (sex == 2), 0.48)
        )
        employed = int(
            rng.random() < 1 / (1 + math.exp(-(-1.2 + 0.035 * min(age, 60) + 0.1 * education)))
        )
        people.append(
            {
                "lopnr": 100000 + 37 * number,
                "koen": sex,
                "alder": age,
                "udd": education,
                "region": region,
                "indkomst": round(income, 2),
                "beskaeftiget": employed,
                "year": 1942 + (80 - age),
            }
        )
    return people


# --- number formats --------------------------------------------------------------------------


def _g(value: float, width: int = 9) -> str:
    """Stata's %9.0g: up to 7 significant digits, no leading zero before the point."""
    if value == 0:
        text = "0"
    elif abs(value) >= 1e7 or abs(value) < 1e-4:
        text = f"{value:.{width - 6}e}"
    else:
        digits = max(0, 7 - len(str(int(abs(value)))) if abs(value) >= 1 else 7)
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        text = re.sub(r"^(-?)0\.", r"\1.", text)
    return text[: width + 1]


def _c(value: int) -> str:
    return f"{value:,}"


def _p(value: float) -> str:
    return f"{min(value, 1.0):.3f}"


def _normal_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def _header(name: str, kind: str = "text") -> list[str]:
    return [
        RULE,
        "      name:  <unnamed>",
        f"       log:  E:\\workdata\\707070\\logs\\{name}",
        f"  log type:  {kind}",
        " opened on:   4 Mar 2024, 10:12:33",
        "",
    ]


def _footer() -> list[str]:
    return [
        ". log close",
        "      name:  <unnamed>",
        "       log:  E:\\workdata\\707070\\logs\\analyse.log",
        "  log type:  text",
        " closed on:   4 Mar 2024, 10:14:02",
        RULE,
    ]


def _command(text: str) -> list[str]:
    return [f". {text}", ""]


# --- estimation ------------------------------------------------------------------------------


def _design(people: list[dict[str, float | int]]) -> tuple[np.ndarray, list[str]]:
    columns = [[float(p["alder"]) for p in people], [float(p["koen"] == 2) for p in people]]
    names = ["alder", "koen:Kvinde"]
    for level in range(2, 7):
        columns.append([float(p["udd"] == level) for p in people])
        names.append(f"udd:{EDUCATIONS[level - 1]}")
    columns.append([1.0] * len(people))
    names.append("_cons")
    return np.array(columns).T, names


def _coefficient_rows(
    names: Sequence[str], beta: Sequence[float], se: Sequence[float], odds_ratios: bool = False
) -> list[str]:
    lines = []
    last_factor = ""
    for name, b, s in zip(names, beta, se, strict=True):
        z = b / s
        low, high = b - 1.96 * s, b + 1.96 * s
        if odds_ratios:
            b, s, low, high = math.exp(b), math.exp(b) * s, math.exp(low), math.exp(high)
        values = f"{_g(b):>11}{_g(s):>11}{z:>9.2f}{_p(_normal_p(z)):>8}{_g(low):>13}{_g(high):>12}"
        if ":" in name:
            factor, level = name.split(":")
            if factor != last_factor:
                lines.append(f"{'':13}|")
                lines.append(f"{factor:>12} |")
                last_factor = factor
            lines.append(f"{level[:12]:>12} |{values}")
        else:
            if last_factor:
                lines.append(f"{'':13}|")
                last_factor = ""
            lines.append(f"{name:>12} |{values}")
    return lines


def _regress(people: list[dict[str, float | int]]) -> list[str]:
    x, names = _design(people)
    y = np.log(np.array([float(p["indkomst"]) for p in people]))
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residuals = y - x @ beta
    n, k = x.shape
    rss = float(residuals @ residuals)
    tss = float(((y - y.mean()) ** 2).sum())
    mss = tss - rss
    df_m, df_r = k - 1, n - k
    sigma2 = rss / df_r
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(x.T @ x)))
    f = (mss / df_m) / sigma2
    lines = _command("regress lnindk alder i.koen i.udd")
    lines += [
        f"      Source |       SS           df       MS      Number of obs   = {_c(n):>9}",
        f"-------------+----------------------------------   F({df_m}, {df_r})      = {f:>9.2f}",
        f"       Model | {_g(mss, 10):>10}{df_m:>10}  {_g(mss / df_m):>10}   Prob > F        ="
        f"{0.0002:>10.4f}",
        f"    Residual | {_g(rss, 10):>10}{_c(df_r):>10}  {_g(sigma2):>10}   R-squared       ="
        f"{mss / tss:>10.4f}",
        f"-------------+----------------------------------   Adj R-squared   ="
        f"{1 - (1 - mss / tss) * (n - 1) / df_r:>10.4f}",
        f"       Total | {_g(tss, 10):>10}{_c(n - 1):>10}  {_g(tss / (n - 1)):>10}"
        "   Root MSE        ="
        f"{_g(math.sqrt(sigma2)):>10}",
        "",
        "-" * 78,
        "      lnindk | Coefficient  Std. err.      t    P>|t|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
    ]
    lines += _coefficient_rows(names, list(beta), list(se))
    lines += ["-" * 78, ""]
    return lines


def _logit(people: list[dict[str, float | int]]) -> list[str]:
    x, names = _design(people)
    y = np.array([float(p["beskaeftiget"]) for p in people])
    beta = np.zeros(x.shape[1])
    lines = _command("logit beskaeftiget alder i.koen i.udd, or")
    log_likelihoods = []
    for iteration in range(6):
        mu = 1 / (1 + np.exp(-(x @ beta)))
        ll = float((y * np.log(mu) + (1 - y) * np.log(1 - mu)).sum())
        log_likelihoods.append(ll)
        lines.append(f"Iteration {iteration}:  Log likelihood = {_g(ll)}  ")
        if iteration and abs(log_likelihoods[-1] - log_likelihoods[-2]) < 1e-8:
            break
        hessian = x.T @ (x * (mu * (1 - mu))[:, None])
        beta = beta + np.linalg.solve(hessian, x.T @ (y - mu))
    mu = 1 / (1 + np.exp(-(x @ beta)))
    se = np.sqrt(np.diag(np.linalg.inv(x.T @ (x * (mu * (1 - mu))[:, None]))))
    chi2 = 2 * (log_likelihoods[-1] - log_likelihoods[0])
    lines += [
        "",
        f"Logistic regression                                     Number of obs = {_c(len(y)):>6}",
        f"                                                        LR chi2({len(beta) - 1})    ="
        f" {chi2:>6.2f}",
        "                                                        Prob > chi2   = 0.0000",
        f"Log likelihood = {_g(log_likelihoods[-1])}                             Pseudo R2     ="
        f" {1 - log_likelihoods[-1] / log_likelihoods[0]:>6.4f}",
        "",
        "-" * 78,
        "beskaeftiget | Odds ratio   Std. err.      z    P>|z|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
    ]
    odds = np.exp(beta)
    lines += _coefficient_rows(names, list(beta), list(se), odds_ratios=True)
    lines += ["-" * 78, f"Note: _cons estimates baseline odds ({_g(float(odds[-1]))}).", ""]
    return lines


def _xtreg(rng: random.Random) -> list[str]:
    groups = 98
    sizes = [rng.randint(1, 40) for _ in range(groups)]
    sizes[0] = 1
    n = sum(sizes)
    lines = _command("xtreg lnindk alder timer i.koen, fe")
    lines += [
        f"Fixed-effects (within) regression               Number of obs     = {_c(n):>9}",
        f"Group variable: arbstid                         Number of groups  = {groups:>9}",
        "",
        "R-squared:                                      Obs per group:",
        f"     Within  = 0.0712                                         min = {min(sizes):>9}",
        f"     Between = 0.1187                                         avg = {n / groups:>9.1f}",
        f"     Overall = 0.0893                                         max = {max(sizes):>9}",
        "",
        f"                                                F(3, {n - groups - 3})      = "
        f"{48.31:>9.2f}",
        "corr(u_i, Xb) = 0.0412                          Prob > F          =    0.0000",
        "",
        "-" * 78,
        "      lnindk | Coefficient  Std. err.      t    P>|t|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
        "       alder |   .0048112   .0006841     7.03   0.000      .003469    .0061534",
        "       timer |   .0112087   .0012903     8.69   0.000     .0086778    .0137396",
        "             |",
        "        koen |",
        "     Kvinde  |  -.0731207   .0229611    -3.18   0.001    -.1181549   -.0280865",
        "             |",
        "       _cons |   11.98215   .0512327   233.88   0.000     11.88167    12.08263",
        "-------------+----------------------------------------------------------------",
        "     sigma_u |  .21108233",
        "     sigma_e |  .46713304",
        "         rho |  .16955742   (fraction of variance due to u_i)",
        "-" * 78,
        f"F test that all u_i=0: F({groups - 1}, {n - groups - 3}) = 3.12            "
        "Prob > F = 0.0000",
        "",
    ]
    return lines


# --- tabulations and descriptions ------------------------------------------------------------


def _oneway(title: str, labels: Sequence[str], counts: Sequence[int], command: str) -> list[str]:
    width = max(10, max(len(label) for label in labels), len(title))
    total = sum(counts)
    lines = _command(command)
    lines.append(f"{title:>{width}} |      Freq.     Percent        Cum.")
    lines.append("-" * (width + 1) + "+" + "-" * 35)
    cumulative = 0.0
    for label, count in zip(labels, counts, strict=True):
        percent = 100 * count / total
        cumulative += percent
        lines.append(f"{label:>{width}} |{_c(count):>11}{percent:>12.2f}{cumulative:>12.2f}")
    lines.append("-" * (width + 1) + "+" + "-" * 35)
    lines.append(f"{'Total':>{width}} |{_c(total):>11}{100:>12.2f}")
    lines.append("")
    return lines


def _twoway(
    row_title: str,
    column_title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[int]],
    command: str,
    *,
    percentages: bool,
) -> list[str]:
    width = max(11, max(len(r) for r in rows), len(row_title))
    cell = 11
    lines = _command(command)
    if percentages:
        lines += [
            "+----------------+",
            "| Key            |",
            "|----------------|",
            "|   frequency    |",
            "| row percentage |",
            "+----------------+",
            "",
        ]
    span = cell * len(columns)
    lines.append(f"{'':>{width}} |{column_title:^{span}} |")
    lines.append(
        f"{row_title:>{width}} |"
        + "".join(f"{c[:10]:>{cell}}" for c in columns)
        + f" |{'Total':>{cell}}"
    )
    rule = "-" * (width + 1) + "+" + "-" * (span + 1) + "+" + "-" * cell
    lines.append(rule)
    column_totals = [0] * len(columns)
    for label, counts in zip(rows, cells, strict=True):
        total = sum(counts)
        lines.append(
            f"{label[:width]:>{width}} |"
            + "".join(f"{_c(v):>{cell}}" for v in counts)
            + f" |{_c(total):>{cell}}"
        )
        if percentages:
            lines.append(
                f"{'':>{width}} |"
                + "".join(f"{100 * v / total:>{cell}.2f}" for v in counts)
                + f" |{100:>{cell}.2f}"
            )
            lines.append(f"{'':>{width}} |{'':>{span}} |")
        column_totals = [a + b for a, b in zip(column_totals, counts, strict=True)]
    lines.append(rule)
    grand = sum(column_totals)
    lines.append(
        f"{'Total':>{width}} |"
        + "".join(f"{_c(v):>{cell}}" for v in column_totals)
        + f" |{_c(grand):>{cell}}"
    )
    if percentages:
        lines.append(
            f"{'':>{width}} |"
            + "".join(f"{100 * v / grand:>{cell}.2f}" for v in column_totals)
            + f" |{100:>{cell}.2f}"
        )
    lines.append("")
    return lines


def _codebook(people: list[dict[str, float | int]]) -> list[str]:
    n = len(people)
    lines = _command("codebook koen udd alder")
    for name, label, values in (
        ("koen", "Køn", ("Mand", "Kvinde")),
        ("udd", "Højeste fuldførte uddannelse", EDUCATIONS),
    ):
        counts = Counter(int(p[name]) for p in people)
        lines += [
            RULE,
            f"{name}{label:>{79 - len(name)}}",
            RULE,
            "",
            "                  Type: Numeric (byte)",
            f"                 Label: {name}lbl",
            "",
            f"                 Range: [1,{len(values)}]                         Units: 1",
            f"         Unique values: {len(values)}                        Missing .: 0/{_c(n)}",
            "",
            "            Tabulation: Freq.   Numeric  Label",
        ]
        for code, value in enumerate(values, 1):
            lines.append(f"                        {_c(counts[code]):>5}{code:>10}  {value}")
        lines.append("")
    ages = sorted(int(p["alder"]) for p in people)
    mean = sum(ages) / n
    sd = math.sqrt(sum((a - mean) ** 2 for a in ages) / (n - 1))
    pct = [ages[int(q * (n - 1))] for q in (0.10, 0.25, 0.50, 0.75, 0.90)]
    lines += [
        RULE,
        f"alder{'Alder':>74}",
        RULE,
        "",
        "                  Type: Numeric (byte)",
        "",
        f"                 Range: [{ages[0]},{ages[-1]}]                       Units: 1",
        f"         Unique values: {len(set(ages))}                       Missing .: 0/{_c(n)}",
        "",
        f"                  Mean: {_g(mean)}",
        f"             Std. dev.: {_g(sd)}",
        "",
        "           Percentiles:     10%       25%       50%       75%       90%",
        "                      " + "".join(f"{v:>10}" for v in pct),
        "",
    ]
    return lines


def _describe(n: int) -> list[str]:
    lines = _command("describe")
    lines += [
        "Contains data from E:\\workdata\\707070\\indkomst.dta",
        f" Observations:{_c(n):>14}                  ",
        "    Variables:             8                  4 Mar 2024 10:02",
        RULE,
        "Variable      Storage   Display    Value",
        "    name         type    format    label      Variable label",
        RULE,
        "lopnr           long    %12.0g                Løbenummer",
        "koen            byte    %8.0g      koenlbl    Køn",
        "alder           byte    %8.0g                 Alder 31.12.2022",
        "udd             byte    %14.0g     uddlbl     Højeste fuldførte uddannelse",
        "region          byte    %11.0g     reglbl     Bopælsregion",
        "indkomst        double  %10.0g                Personindkomst (kr.)",
        "lnindk          float   %9.0g                 log(indkomst)",
        "beskaeftiget    byte    %8.0g                 Beskæftiget i november",
        RULE,
        "Sorted by: lopnr",
        "",
    ]
    return lines


def _summarize(people: list[dict[str, float | int]]) -> list[str]:
    lines = _command("summarize alder koen udd indkomst beskaeftiget")
    lines += [
        "    Variable |        Obs        Mean    Std. dev.       Min        Max",
        "-------------+---------------------------------------------------------",
    ]
    for name in ("alder", "koen", "udd", "indkomst", "beskaeftiget"):
        values = [float(p[name]) for p in people]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        lines.append(
            f"{name[:12]:>12} |{_c(len(values)):>11}{_g(mean):>12}{_g(sd):>12}"
            f"{_g(min(values)):>11}{_g(max(values)):>11}"
        )
    lines.append("")
    return lines


def _tabstat(people: list[dict[str, float | int]]) -> list[str]:
    lines = _command("tabstat indkomst, by(region) statistics(n mean sd p50)")
    lines += [
        "Summary for variables: indkomst",
        "Group variable: region (Bopælsregion)",
        "",
        "     region |         N      Mean        SD       p50",
        "------------+----------------------------------------",
    ]
    groups: dict[int, list[float]] = {}
    for p in people:
        groups.setdefault(int(p["region"]), []).append(float(p["indkomst"]))
    everyone = [float(p["indkomst"]) for p in people]
    for code, values in [*sorted(groups.items()), (0, everyone)]:
        label = REGIONS[code - 1] if code else "Total"
        if not code:
            lines.append("------------+----------------------------------------")
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        median = sorted(values)[len(values) // 2]
        lines.append(
            f"{label[:11]:>11} |{_c(len(values)):>10}{_g(mean):>10}{_g(sd):>10}{_g(median):>10}"
        )
    lines += ["-----------------------------------------------------", ""]
    return lines


def _listing(header: Sequence[str], rows: Sequence[Sequence[str]], command: str) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    inner = "   ".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True))
    bar = "-" * (len(inner) + 2)
    lines = _command(command)
    lines.append(f"     +{bar}+")
    lines.append(f"     | {inner} |")
    lines.append(f"     |{bar}|")
    for number, row in enumerate(rows, 1):
        text = "   ".join(f"{v:>{w}}" for v, w in zip(row, widths, strict=True))
        lines.append(f"{number:>3}. | {text} |")
        if number % 5 == 0 and number != len(rows):
            lines.append(f"     |{bar}|")
    lines.append(f"     +{bar}+")
    lines.append("")
    return lines


def _sts_list(
    times: Sequence[tuple[int, int]], command: str, at: Sequence[int] | None = None
) -> list[str]:
    """Kaplan-Meier listing of (time, failed) pairs, at every failure time or at ``at``."""
    lines = _command(command)
    lines += [
        "        Failure _d: doed",
        "  Analysis time _t: tid",
        "",
        "Kaplan–Meier survivor function",
        "",
        "             At           Net            Survivor      Std.",
        "  Time     risk   Fail   lost           function     error     [95% conf. int.]",
        "-------------------------------------------------------------------------------",
    ]
    ordered = sorted(times)
    at_risk = len(ordered)
    survival = 1.0
    variance_sum = 0.0
    index = 0
    rows = []
    distinct = sorted({t for t, _ in ordered})
    for time in distinct:
        here = [d for t, d in ordered if t == time]
        fails = sum(here)
        lost = len(here) - fails
        if fails:
            survival *= 1 - fails / at_risk
            if at_risk > fails:
                variance_sum += fails / (at_risk * (at_risk - fails))
        rows.append((time, at_risk, fails, lost, survival, variance_sum))
        at_risk -= len(here)
        index += len(here)
    if at is not None:
        shown = []
        for point in at:
            before = [r for r in rows if r[0] <= point]
            risk_now = sum(1 for t, _ in ordered if t >= point)
            fails = sum(d for t, d in ordered if (shown[-1][0] if shown else -1) < t <= point)
            lost = sum(1 - d for t, d in ordered if (shown[-1][0] if shown else -1) < t <= point)
            surv = before[-1][4] if before else 1.0
            var = before[-1][5] if before else 0.0
            shown.append((point, risk_now, fails, lost, surv, var))
        rows = shown
    for time, risk_count, fails, lost, surv, var in rows:
        if fails == 0 and lost == 0 and at is None:
            continue
        if surv > 0 and surv < 1:
            se = surv * math.sqrt(var)
            low, high = max(0.0, surv - 1.96 * se), min(1.0, surv + 1.96 * se)
            tail = f"{surv:>19.4f}{se:>10.4f}{low:>11.4f}{high:>10.4f}"
        elif surv == 1:
            tail = f"{surv:>19.4f}{'.':>10}{'.':>11}{'.':>10}"
        else:
            tail = f"{surv:>19.4f}{'.':>10}{'.':>11}{'.':>10}"
        lines.append(f"{time:>6}{risk_count:>9}{fails:>7}{lost:>7}{tail}")
    lines += [
        "-------------------------------------------------------------------------------",
        "Note: Net lost equals the number lost minus the number who entered.",
        "",
    ]
    return lines


# --- SMCL ------------------------------------------------------------------------------------


def _smcl(lines: Sequence[str]) -> str:
    """The SMCL form of a text log: {com} commands, {txt}/{res} output, {c |} and {hline}."""
    out = ["{smcl}", "{txt}{sf}{ul off}{.-}"]
    in_box = False
    for line in lines:
        if line == RULE:
            out.append("{txt}{.-}")
            continue
        if line.startswith(". "):
            out.append("{com}" + line)
            continue
        text = re.sub(r"-{3,}", lambda m: "{hline " + str(len(m.group())) + "}", line)
        text = re.sub(r"^(\s*)\|(\{hline \d+\})\|$", r"\1{c LT}\2{c RT}", text)
        text = text.replace("|", "{c |}").replace("}+{", "}{c +}{")
        if re.match(r"^\s*\+\{hline \d+\}\+$", text):
            corners = ("{c BLC}", "{c BRC}") if in_box else ("{c TLC}", "{c TRC}")
            in_box = not in_box
            text = re.sub(r"^(\s*)\+(\{hline \d+\})\+$", rf"\1{corners[0]}\2{corners[1]}", text)
        if "{c |}" in text:
            head, _, rest = text.partition("{c |}")
            text = "{txt}" + head + "{c |}{res}" + rest
        else:
            text = "{txt}" + text
        out.append(text)
    out.append("{txt}{.-}")
    return "\n".join(out) + "\n"


def _pwcorr(people: list[dict[str, float | int]]) -> list[str]:
    names = ("alder", "koen", "udd", "indkomst")
    columns = {name: [float(p[name]) for p in people] for name in names}

    def r(a: list[float], b: list[float]) -> float:
        ma, mb = sum(a) / len(a), sum(b) / len(b)
        cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
        return cov / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))

    lines = _command("pwcorr alder koen udd indkomst, sig obs")
    lines.append("             |    alder     koen      udd indkomst")
    lines.append("-------------+------------------------------------")
    for i, row in enumerate(names):
        values = [r(columns[row], columns[col]) for col in names[: i + 1]]
        lines.append(f"{row:>12} |" + "".join(f"{v:>9.4f}" for v in values))
        p_values = [
            abs(v) < 0.999 and min(1.0, _normal_p(v * math.sqrt(len(people)))) for v in values
        ]
        lines.append(
            f"{'':>12} |"
            + "".join(f"{p:>9.4f}" if k < i else f"{'':>9}" for k, p in enumerate(p_values))
        )
        lines.append(f"{'':>12} |" + "".join(f"{_c(len(people)):>9}" for _ in values))
        lines.append(f"{'':>12} |")
    lines.append("")
    return lines


def _postestimation() -> list[str]:
    lines = _command("test 2.koen")
    lines += [
        " ( 1)  2.koen = 0",
        "",
        "       F(  1,  1992) =   21.49",
        "            Prob > F =    0.0000",
        "",
    ]
    lines += _command("lrtest full reduced")
    lines += [
        "Likelihood-ratio test",
        "Assumption: reduced nested within full",
        "",
        " LR chi2(5) =  12.38",
        "Prob > chi2 = 0.0299",
        "",
    ]
    lines += _command("estat ic")
    lines += [
        "Akaike's information criterion and Bayesian information criterion",
        "",
        "-" * 77,
        "       Model |          N   ll(null)  ll(model)      df        AIC        BIC",
        "-------------+---------------------------------------------------------------",
        "           . |      2,000  -1345.778  -1327.181       8   2670.362   2715.169",
        "-" * 77,
        "Note: BIC uses N = number of observations. See [R] IC note.",
        "",
    ]
    return lines


def _melogit() -> list[str]:
    lines = _command("melogit beskaeftiget alder i.koen || arbstid:")
    lines += [
        "Fitting fixed-effects model:",
        "",
        "Iteration 0:  Log likelihood = -1288.1964",
        "Iteration 1:  Log likelihood = -1226.7421",
        "Iteration 2:  Log likelihood = -1226.3551",
        "Iteration 3:  Log likelihood = -1226.3550",
        "",
        "Refining starting values:",
        "",
        "Grid node 0:  Log likelihood = -1219.4108",
        "",
        "Fitting full model:",
        "",
        "Iteration 0:  Log likelihood = -1219.4108",
        "Iteration 1:  Log likelihood = -1214.9032",
        "Iteration 2:  Log likelihood = -1214.8801",
        "Iteration 3:  Log likelihood = -1214.8801",
        "",
        "Mixed-effects logistic regression               Number of obs     =      2,074",
        "Group variable: arbstid                         Number of groups  =         98",
        "",
        "                                                Obs per group:",
        "                                                              min =          1",
        "                                                              avg =       21.2",
        "                                                              max =         40",
        "",
        "Integration method: mvaghermite                 Integration pts.  =          7",
        "",
        "                                                Wald chi2(2)      =     101.62",
        "Log likelihood = -1214.8801                     Prob > chi2       =     0.0000",
        "-" * 78,
        "beskaeftiget | Coefficient  Std. err.      z    P>|z|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
        "       alder |   .0261873   .0027391     9.56   0.000     .0208187    .0315559",
        "             |",
        "        koen |",
        "     Kvinde  |  -.1802213   .0989112    -1.82   0.068    -.3740874    .0136448",
        "             |",
        "       _cons |  -.5912044   .1581977    -3.74   0.000    -.9012723   -.2811365",
        "-------------+----------------------------------------------------------------",
        "arbstid     |",
        "   var(_cons)|   .1483318   .0611902                      .0660917    .3329076",
        "-" * 78,
        "LR test vs. logistic model: chibar2(01) = 22.95       Prob >= chibar2 = 0.0000",
        "",
    ]
    return lines


def _esttab() -> list[str]:
    lines = _command("esttab m1 m2 m3, b(3) t(2) r2 star(* 0.05 ** 0.01 *** 0.001)")
    lines += [
        "-" * 60,
        "                      (1)             (2)             (3)   ",
        "                   lnindk          lnindk          lnindk   ",
        "-" * 60,
        "alder              0.004***        0.003***        0.003***",
        "                  (6.12)          (5.91)          (5.88)   ",
        "",
        "2.koen                            -0.099***       -0.099***",
        "                                 (-4.66)         (-4.64)   ",
        "",
        "6.udd                                              0.140***",
        "                                                  (3.62)   ",
        "",
        "_cons             12.41***        12.46***        12.41***",
        "                (330.51)        (322.80)        (302.82)   ",
        "-" * 60,
        "N                   2000            2000            2000   ",
        "R-sq               0.018           0.029           0.037   ",
        "-" * 60,
        "t statistics in parentheses",
        "* p<0.05, ** p<0.01, *** p<0.001",
        "",
    ]
    return lines


def _margins() -> list[str]:
    lines = _command("margins koen, at(alder=(30 50 70))")
    lines += [
        "Predictive margins                                       Number of obs = 2,000",
        "Model VCE: OLS",
        "",
        "Expression: Linear prediction, predict()",
        "1._at: alder = 30",
        "2._at: alder = 50",
        "3._at: alder = 70",
        "",
        "-" * 78,
        "             |            Delta-method",
        "             |     Margin   std. err.      t    P>|t|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
        "    _at#koen |",
        "     1#Mand  |   12.56114   .0176041   713.53   0.000     12.52661    12.59566",
        "   1#Kvinde  |   12.46225   .0178893   696.63   0.000     12.42716    12.49733",
        "     2#Mand  |   12.62918    .015225   829.50   0.000     12.59932    12.65904",
        "   2#Kvinde  |   12.53029   .0154162   812.80   0.000     12.50005    12.56052",
        "     3#Mand  |   12.69722   .0183711   691.15   0.000      12.6612    12.73325",
        "   3#Kvinde  |   12.59833   .0184997   681.00   0.000     12.56205     12.6346",
        "-" * 78,
        "",
    ]
    return lines


def _ttest(people: list[dict[str, float | int]]) -> list[str]:
    groups = {}
    for code in (1, 2):
        values = [math.log(float(p["indkomst"])) for p in people if p["koen"] == code]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        groups[code] = (len(values), mean, sd)
    (n1, m1, s1), (n2, m2, s2) = groups[1], groups[2]
    pooled = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    se = pooled * math.sqrt(1 / n1 + 1 / n2)
    t = (m1 - m2) / se
    lines = _command("ttest lnindk, by(koen)")
    lines += [
        "Two-sample t test with equal variances",
        "-" * 78,
        "   Group |     Obs        Mean    Std. err.   Std. dev.   [95% conf. interval]",
        "---------+--------------------------------------------------------------------",
    ]
    for label, (n, m, sd) in (("Mand", groups[1]), ("Kvinde", groups[2])):
        e = sd / math.sqrt(n)
        lines.append(
            f"{label:>8} |{_c(n):>8}{_g(m):>12}{_g(e):>12}{_g(sd):>12}"
            f"{_g(m - 1.96 * e):>12}{_g(m + 1.96 * e):>11}"
        )
    lines += [
        "---------+--------------------------------------------------------------------",
        f"    diff |{'':8}{_g(m1 - m2):>12}{_g(se):>12}{'':12}"
        f"{_g(m1 - m2 - 1.96 * se):>12}{_g(m1 - m2 + 1.96 * se):>11}",
        "-" * 78,
        f"    diff = mean(Mand) - mean(Kvinde)                              t = {t:>8.4f}",
        f"H0: diff = 0                                     Degrees of freedom = {n1 + n2 - 2:>8}",
        "",
        "    Ha: diff < 0                 Ha: diff != 0                 Ha: diff > 0",
        " Pr(T < t) = 1.0000         Pr(|T| > |t|) = 0.0000          Pr(T > t) = 0.0000",
        "",
    ]
    return lines


def _mean_over(people: list[dict[str, float | int]]) -> list[str]:
    lines = _command("mean indkomst, over(region)")
    lines += [
        f"Mean estimation                          Number of obs = {_c(len(people))}",
        "",
        "-" * 78,
        "                          |       Mean   Std. err.     [95% conf. interval]",
        "-------------------------+----------------------------------------------------",
        "c.indkomst@region        |",
    ]
    for code, name in enumerate(REGIONS, 1):
        values = [float(p["indkomst"]) for p in people if p["region"] == code]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        e = sd / math.sqrt(len(values))
        lines.append(
            f"{name[:24]:>24} |{_g(mean):>11}{_g(e):>12}{_g(mean - 1.96 * e):>14}"
            f"{_g(mean + 1.96 * e):>12}"
        )
    lines += ["-" * 78, ""]
    return lines


def _table17(cells: Sequence[Sequence[int]]) -> list[str]:
    lines = _command("table region koen")
    lines += [
        "-" * 46,
        "              |              Køn              ",
        "              |   Mand   Kvinde          Total",
        "--------------+-------------------------------",
    ]
    lines.append("Region        |")
    for name, (men, women) in zip(REGIONS, cells, strict=True):
        lines.append(f"  {name:<11} |{_c(men):>7}{_c(women):>9}{_c(men + women):>15}")
    men = sum(c[0] for c in cells)
    women = sum(c[1] for c in cells)
    lines.append(f"  {'Total':<11} |{_c(men):>7}{_c(women):>9}{_c(men + women):>15}")
    lines += ["-" * 46, ""]
    return lines


def _stcox() -> list[str]:
    lines = _command("stcox i.koen alder")
    lines += [
        "        Failure _d: doed",
        "  Analysis time _t: tid",
        "",
        "Iteration 0:  Log likelihood = -7139.2211",
        "Iteration 1:  Log likelihood = -7092.5402",
        "Iteration 2:  Log likelihood = -7092.4876",
        "Iteration 3:  Log likelihood = -7092.4876",
        "Refining estimates:",
        "Iteration 0:  Log likelihood = -7092.4876",
        "",
        "Cox regression with Breslow method for ties",
        "",
        "No. of subjects =  1,500                               Number of obs =  1,500",
        "No. of failures =  1,050",
        "Time at risk    = 1,861,413",
        "                                                       LR chi2(2)    =  93.47",
        "Log likelihood = -7092.4876                            Prob > chi2   = 0.0000",
        "",
        "-" * 78,
        "          _t | Haz. ratio   Std. err.      z    P>|z|     [95% conf. interval]",
        "-------------+----------------------------------------------------------------",
        "        koen |",
        "     Kvinde  |   .9351276   .0577731    -1.09   0.277     .8285016    1.055477",
        "       alder |   1.021418   .0022375     9.67   0.000     1.017042    1.025812",
        "-" * 78,
        "",
    ]
    return lines


def _ltable(times: Sequence[tuple[int, int]]) -> list[str]:
    lines = _command("ltable tid doed, intervals(365)")
    lines += [
        "                 Beg.                                  Std.",
        "    Interval     Total   Deaths    Lost   Survival    Error     [95% Conf. Int.]",
        "-------------------------------------------------------------------------------",
    ]
    survival = 1.0
    start = 0
    remaining = sorted(times)
    while remaining:
        end = start + 365
        inside = [d for t, d in remaining if t < end]
        total = len(remaining)
        deaths = sum(inside)
        lost = len(inside) - deaths
        effective = total - lost / 2
        survival *= 1 - deaths / effective if effective else 1
        se = survival * math.sqrt(max(deaths, 1) / (effective * max(effective - deaths, 1)))
        lines.append(
            f"{start:>6}{end:>7}{total:>9}{deaths:>9}{lost:>8}{survival:>11.4f}"
            f"{se:>9.4f}{max(0.0, survival - 1.96 * se):>11.4f}"
            f"{min(1.0, survival + 1.96 * se):>9.4f}"
        )
        remaining = [(t, d) for t, d in remaining if t >= end]
        start = end
    lines += ["-------------------------------------------------------------------------------", ""]
    return lines


DO_ANALYSIS = r"""* Analyse af indkomst efter uddannelse
* Projekt 707070, version 3
version 17
clear all
set more off
capture log close
log using "E:\workdata\707070\logs\analyse.log", replace text

use "E:\workdata\707070\indkomst.dta", clear
keep if inrange(alder, 18, 80)
generate lnindk = log(indkomst)
label define koenlbl 1 "Mand" 2 "Kvinde", replace
label values koen koenlbl

// models by education level
local controls "alder i.koen"
foreach level of numlist 1 2 3 4 5 6 {
    quietly regress lnindk `controls' if udd == `level'
    estimates store m`level'
}
estimates table m1 m2 m3 m4 m5 m6, b(%9.3f) se stats(N r2)

/* tables for the report: cells below 3 are suppressed */
forvalues y = 2015/2022 {
    preserve
    keep if aar == `y'
    collapse (count) n = lopnr (mean) indkomst, by(region koen)
    replace indkomst = . if n < 3
    export delimited using "tabel_`y'.csv", replace
    restore
}
log close
"""

DO_IMPORT = r"""* load municipality codes and build table 1
import delimited "kommunekoder.csv", varnames(1) clear  // codes from Danmarks Statistik
save kommuner, replace
use "E:\workdata\707070\analyse.dta", clear
merge m:1 kommune using kommuner, keep(match) nogenerate
collapse (count) n = lopnr, by(region koen)
export delimited region koen n using "tabel1.csv" if n >= 3, replace
"""

DO_TABLES = r"""// tabeller.do: tables for the article
use "$data/analyse.dta", clear
putexcel set "tabeller.xlsx", sheet("Tabel 1") replace
putexcel A1 = "Tabel 1. Personer efter region og køn"
tabulate region koen, matcell(cells)
putexcel B3 = matrix(cells)
local row = 3
foreach r in "Hovedstaden" "Sjælland" "Syddanmark" "Midtjylland" "Nordjylland" {
    putexcel A`row' = "`r'"
    local ++row
}
if (_N < 3) {
    display as error "too few observations"
    exit 459
}
"""


def write(folder: Path) -> None:
    rng = random.Random(2024)
    people = _persons(rng)

    def save(name: str, body: list[str], smcl: bool = False) -> None:
        lines = _header(name, "smcl" if smcl else "text") + body + _footer()
        if smcl:
            (folder / name).write_text(_smcl(lines), encoding="utf-8")
        else:
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    use = _command('use "E:\\workdata\\707070\\indkomst.dta", clear')
    save("stata_regress.log", use + _regress(people))
    save("stata_regress.smcl", use + _regress(people), smcl=True)
    save("stata_logit.log", use + _logit(people))
    save("stata_xtreg.log", use + _command("xtset arbstid") + _xtreg(rng))

    region_counts = Counter(int(p["region"]) for p in people)
    save(
        "stata_tabulate_oneway.log",
        use
        + _oneway("Region", REGIONS, [region_counts[i] for i in range(1, 6)], "tabulate region"),
    )
    cells = [
        [sum(1 for p in people if p["region"] == r and p["koen"] == s) for s in (1, 2)]
        for r in range(1, 6)
    ]
    twoway = _twoway(
        "Region",
        "Køn",
        REGIONS,
        ("Mand", "Kvinde"),
        cells,
        "tabulate region koen, row",
        percentages=True,
    )
    save("stata_tabulate_twoway.log", use + twoway)
    save("stata_tabulate_twoway.smcl", use + twoway, smcl=True)
    save("stata_codebook.log", use + _codebook(people))
    save("stata_describe.log", use + _describe(len(people)))
    save("stata_summarize.log", use + _summarize(people))
    save("stata_tabstat.log", use + _tabstat(people))

    groups: dict[int, list[float]] = {}
    for p in people:
        groups.setdefault(int(p["region"]), []).append(float(p["indkomst"]))
    results = [(REGIONS[r - 1], _g(sum(v) / len(v)), _c(len(v))) for r, v in sorted(groups.items())]
    save(
        "stata_collapse_list.log",
        use
        + _command("collapse (mean) indkomst (count) n = lopnr, by(region)")
        + _listing(("region", "indkomst", "n"), results, "list"),
    )

    persons = [
        (
            str(p["lopnr"]),
            f"{rng.randint(1, 28):02d}{rng.choice(MONTHS)}{p['year']}",
            ("Mand", "Kvinde")[int(p["koen"]) - 1],
            str(rng.choice((101, 147, 461, 751, 851))),
            _g(float(p["indkomst"])),
        )
        for p in people[:30]
    ]
    listing = _listing(
        ("lopnr", "foed_dato", "koen", "kommune", "indkomst"),
        persons,
        "list lopnr foed_dato koen kommune indkomst in 1/30",
    )
    save("stata_list.log", use + listing)
    save("stata_list.smcl", use + listing, smcl=True)
    plain = [
        (
            f"{rng.gauss(0, 1):.4f}",
            f"{rng.gauss(10, 3):.3f}",
            str(rng.randint(0, 1)),
            f"{rng.uniform(0, 100):.2f}",
            str(rng.randint(1, 4)),
        )
        for _ in range(25)
    ]
    save(
        "stata_list_plain.log",
        _command('use "E:\\workdata\\707070\\analyse_anonym.dta", clear')
        + _listing(("x1", "x2", "x3", "x4", "group"), plain, "list in 1/25"),
    )

    small = [(int(rng.expovariate(1 / 300)) + 1, int(rng.random() < 0.85)) for _ in range(40)]
    small = [(t, 1 if i >= 34 else d) for i, (t, d) in enumerate(sorted(small))]
    sts = use + _command("stset tid, failure(doed)") + _sts_list(small, "sts list")
    save("stata_sts_list.log", sts)
    save("stata_sts_list.smcl", sts, smcl=True)
    big = [(min(int(rng.expovariate(1 / 2000)) + 1, 2500), 0) for _ in range(1500)]
    big = [(t, int(t < 2500)) for t, _ in big]
    save(
        "stata_sts_list_at.log",
        use
        + _command("stset tid, failure(doed)")
        + _sts_list(big, "sts list, at(0 365 730 1095 1825)", at=(0, 365, 730, 1095, 1825)),
    )

    save("stata_esttab.log", use + _esttab())
    save(
        "stata_duplicates_report.log",
        use
        + _command("duplicates report lopnr aar")
        + [
            "Duplicates in terms of lopnr aar",
            "",
            "--------------------------------------",
            "   Copies | Observations       Surplus",
            "----------+---------------------------",
            "        1 |         1988             0",
            "        2 |           12             6",
            "--------------------------------------",
            "",
        ],
    )
    results = []
    for code, name in enumerate(REGIONS, 1):
        group = [p for p in people if p["region"] == code]
        x = np.array([[float(p["alder"]), 1.0] for p in group])
        y = np.log(np.array([float(p["indkomst"]) for p in group]))
        beta = np.linalg.lstsq(x, y, rcond=None)[0]
        results.append((name, _g(float(beta[0])), _g(float(beta[1]))))
    save(
        "stata_statsby_list.log",
        use
        + _command("statsby _b, by(region) clear: regress lnindk alder")
        + ["(running regress on estimation sample)", ""]
        + _listing(("region", "_b_alder", "_b_cons"), results, "list"),
    )
    tab_small = [
        ("København", 1204, 321455.2, 48210.0, 2410880.0),
        ("Aarhus", 822, 309877.4, 51022.5, 1920455.0),
        ("Læsø", 1, 254100.0, 254100.0, 254100.0),
    ]
    lines = _command("tabstat indkomst, by(kommune) stat(n mean min max)")
    lines += [
        "Summary for variables: indkomst",
        "Group variable: kommune",
        "",
        "  kommune |         N      Mean       Min       Max",
        "----------+----------------------------------------",
    ]
    for name, n, mean, low, high in tab_small:
        lines.append(f"{name:>9} |{_c(n):>10}{_g(mean):>10}{_g(low):>10}{_g(high):>10}")
    lines += [
        "----------+----------------------------------------",
        f"{'Total':>9} |{_c(2027):>10}{_g(316652.1):>10}{_g(48210.0):>10}{_g(2410880.0):>10}",
        "---------------------------------------------------",
        "",
    ]
    save("stata_tabstat_small.log", use + lines)
    cprs = [dk_cpr(rng) for _ in range(3)]
    save(
        "stata_cpr_in_log.log",
        use
        + _command("duplicates tag pnr, generate(dup)")
        + ["Duplicates in terms of pnr", ""]
        + _listing(
            ("pnr", "aar", "dup"), [(c, "2019", "1") for c in cprs], "list pnr aar dup if dup > 0"
        ),
    )
    save("stata_postestimation.log", use + _regress(people) + _postestimation())
    save("stata_melogit.log", use + _melogit())
    save("stata_margins.log", use + _command("regress lnindk c.alder i.koen") + _margins())
    save("stata_ttest.log", use + _ttest(people))
    save("stata_mean_over.log", use + _mean_over(people))
    save("stata_table17.log", use + _table17(cells))
    save("stata_stcox.log", use + _command("stset tid, failure(doed)") + _stcox())
    clean_rows = [
        f"{p['lopnr']:>8}{p['alder']:>8}   {('Mand', 'Kvinde')[int(p['koen']) - 1]:>6}"
        f"{_g(float(p['indkomst'])):>12}"
        for p in people[:20]
    ]
    save(
        "stata_list_clean.log",
        use
        + _command("list lopnr alder koen indkomst in 1/20, clean noobs")
        + [f"{'lopnr':>8}{'alder':>8}   {'koen':>6}{'indkomst':>12}", *clean_rows, ""],
    )
    life = [(int(rng.expovariate(1 / 500)) + 1, 1) for _ in range(60)]
    life = sorted(life)
    life[-3:] = [(2000, 1), (2400, 0), (2600, 1)]
    save("stata_ltable.log", use + _ltable(life))
    incomes = [_g(v) for v in sorted(float(p["indkomst"]) for p in people[:200])]
    save(
        "stata_tabulate_continuous.log",
        use + _oneway("Personindk", incomes, [1] * len(incomes), "tabulate indkomst"),
    )

    municipalities = ("København", "Aarhus", "Odense", "Læsø", "Fanø")
    diag_cells = [[412, 96, 31], [288, 71, 19], [201, 55, 12], [9, 2, 0], [14, 1, 3]]
    save(
        "stata_tabulate_small.log",
        use
        + _twoway(
            "Kommune",
            "Diagnose",
            municipalities,
            ("Ingen", "Type 2", "Type 1"),
            diag_cells,
            "tabulate kommune diag",
            percentages=False,
        ),
    )
    save(
        "stata_tabulate_small.smcl",
        use
        + _twoway(
            "Kommune",
            "Diagnose",
            municipalities,
            ("Ingen", "Type 2", "Type 1"),
            diag_cells,
            "tabulate kommune diag",
            percentages=False,
        ),
        smcl=True,
    )
    save(
        "stata_tabulate_oneway_small.log",
        use
        + _oneway(
            "Diagnose",
            ("Ingen", "Type 2", "Type 1", "MODY", "Sekundær"),
            (1412, 380, 77, 2, 31),
            "tabulate diagnose",
        ),
    )
    (folder / "stata_analysis.do").write_text(DO_ANALYSIS, encoding="utf-8")
    (folder / "stata_tables.do").write_text(DO_TABLES, encoding="utf-8")
    (folder / "stata_import.do").write_text(DO_IMPORT, encoding="utf-8")
    save("stata_pwcorr.log", use + _pwcorr(people))
