"""Statistical output as research tools print it: what is a count, what is a unit record.

Each test writes a file the way Stata, R, SAS, SPSS/PSPP or tau-Argus lay it out and scans it.
The clean ones hold small integers that are not counts (degrees of freedom, codes, event
counts, summary statistics); the risky ones hide a small cell or unit records in layouts the
scanner used to miss (``list`` output, survival tables, header-less tables, shares of a small
N). Findings must say why a number was taken as a count.
"""

from __future__ import annotations

import random
from pathlib import Path

from scanners import scan
from scanners.model import RISK, ScanReport


def scanned(tmp_path: Path, name: str, content: str) -> ScanReport:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return scan(path, isolate=False)


def risk_codes(report: ScanReport) -> set[str]:
    return {f.code for f in report.findings if f.severity == RISK}


def small_cells(report: ScanReport) -> list[str]:
    return [f.evidence for f in report.findings if f.code == "table.small_cell"]


# --- estimation output: small integers are degrees of freedom -----------------------------

REGRESS = """. regress price mpg weight

      Source |       SS           df       MS      Number of obs   =        74
-------------+----------------------------------   F(2, 71)        =     14.74
       Model |   186321280         2  93160639.9   Prob > F        =    0.0000
    Residual |   448744116        71  6320339.67   R-squared       =    0.2934
-------------+----------------------------------   Adj R-squared   =    0.2735
       Total |   635065396        73  8699525.97   Root MSE        =      2514

------------------------------------------------------------------------------
       price |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
         mpg |  -49.51222   86.15604    -0.57   0.567    -221.3025     122.278
      weight |   1.746559   .6413538     2.72   0.008      .467736    3.025382
       _cons |   1946.069    3597.05     0.54   0.590    -5226.245    9118.382
------------------------------------------------------------------------------
"""

ANOVA_R = """Analysis of Variance Table

Response: mpg
          Df Sum Sq Mean Sq F value    Pr(>F)
wt         1 847.73  847.73 126.041 4.488e-12 ***
hp         1  83.27   83.27  12.381  0.001451 **
Residuals 29 195.05    6.73
"""

SAS_REG = """                                         The REG Procedure

                              Analysis of Variance

                                      Sum of           Mean
Source                   DF        Squares         Square    F Value    Pr > F

Model                      1       14.72994       14.72994      72.51    <.0001
Error                   1998      405.85920        0.20313
Corrected Total         1999      420.58914

                              Parameter Estimates

                       Parameter       Standard
Variable     DF       Estimate          Error    t Value    Pr > |t|

Intercept     1       12.37868        0.02869     431.47      <.0001
alder         1        0.00473        0.00056       8.52      <.0001
"""


def test_estimation_output_is_not_small_cells(tmp_path: Path) -> None:
    for name, content in [
        ("regress.log", REGRESS),
        ("anova.txt", ANOVA_R),
        ("reg.lst", SAS_REG),
    ]:
        report = scanned(tmp_path, name, content)
        assert report.verdict == "clean", (name, report.findings)


# --- descriptive output: codes and summaries are not counts ------------------------------

CODEBOOK = """. codebook foreign

-------------------------------------------------------------------------------
foreign                                                              Car origin
-------------------------------------------------------------------------------

                  Type: Numeric (byte)
                 Label: origin

                 Range: [0,1]                         Units: 1
         Unique values: 2                         Missing .: 0/74

            Tabulation: Freq.   Numeric  Label
                           52         0  Domestic
                           22         1  Foreign
"""


def test_codebooks_of_codes_are_clean(tmp_path: Path) -> None:
    assert scanned(tmp_path, "codebook.log", CODEBOOK).verdict == "clean"
    dictionary = "variable;code;label\nkoen;1;Mand\nkoen;2;Kvinde\nregion;1;Hovedstaden\n"
    dictionary += "region;2;Sjælland\nregion;3;Syddanmark\n"
    assert scanned(tmp_path, "kodeliste.csv", dictionary).verdict == "clean"


def test_category_codes_beside_a_count_column_are_not_counts(tmp_path: Path) -> None:
    rows = ["aar;kom;koen;aldgrp;antal"]
    for year in (2020, 2021):
        for kommune in range(101, 111):
            for sex in (1, 2):
                for group in (1, 2, 3):
                    rows.append(f"{year};{kommune};{sex};{group};{40 + kommune % 7 + group}")
    report = scanned(tmp_path, "aggregat.csv", "\n".join(rows) + "\n")
    assert report.verdict == "clean", report.findings[:3]
    rows[5] = rows[5].rsplit(";", 1)[0] + ";2"  # one real small count
    report = scanned(tmp_path, "aggregat_small.csv", "\n".join(rows) + "\n")
    assert small_cells(report) == ["2"]
    assert "column 'antal' is labelled as a count" in report.findings[0].message


def test_pspp_frequencies_with_valid_and_missing_lines(tmp_path: Path) -> None:
    clean = """                              Køn
+----------------+---------+-------+-------------+------------------+
|                |Frequency|Percent|Valid Percent|Cumulative Percent|
+----------------+---------+-------+-------------+------------------+
|Valid   1 Mand  |       45|  45.0%|        46.4%|             46.4%|
|        2 Kvinde|       52|  52.0%|        53.6%|            100.0%|
|        Total   |       97|  97.0%|       100.0%|                  |
+----------------+---------+-------+-------------+------------------+
|Missing 9       |        3|   3.0%|             |                  |
+----------------+---------+-------+-------------+------------------+
|Total           |      100| 100.0%|             |                  |
+----------------+---------+-------+-------------+------------------+
"""
    assert scanned(tmp_path, "frekvens.txt", clean).verdict == "clean"
    risky = clean.replace("|       52|  52.0%|", "|        2|   2.0%|")
    report = scanned(tmp_path, "frekvens_small.txt", risky)
    assert small_cells(report) == ["2"]
    assert "'frequency'" in report.findings[0].message


# --- Stata tabulate -----------------------------------------------------------------------

TAB2 = """. tabulate kommune diag

            |            Diagnose              |
    Kommune |      Ingen     Type 2     Type 1 |      Total
------------+----------------------------------+-----------
  København |        412         96         31 |        539
     Aarhus |        288         71         19 |        378
       Fanø |         14          1          3 |         18
------------+----------------------------------+-----------
      Total |        714        168         53 |        935
"""


def test_stata_two_way_tabulate_columns_with_spaces_in_their_names(tmp_path: Path) -> None:
    report = scanned(tmp_path, "tab.log", TAB2)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["1"]
    assert "row 'Fanø', column 'type 2'" in found[0].message
    assert found[0].location == "line 8, column 3"


def test_stata_row_percentages_under_the_counts_are_not_counts(tmp_path: Path) -> None:
    content = """. tabulate region koen, row

            |         Køn           |
     Region |       Mand     Kvinde |      Total
------------+-----------------------+-----------
Hovedstaden |        345        334 |        679
            |      50.81      49.19 |     100.00
            |                       |
   Sjælland |        118        133 |        251
            |      47.01      52.99 |     100.00
            |                       |
------------+-----------------------+-----------
      Total |        463        467 |        930
            |      49.78      50.22 |     100.00
"""
    assert scanned(tmp_path, "tab_row.log", content).verdict == "clean"
    small = content.replace("118        133 |        251", "  2        133 |        135")
    assert small_cells(scanned(tmp_path, "tab_row_small.log", small)) == ["2"]


# --- listings of unit records ----------------------------------------------------------

LIST_CARS = """. list make price mpg in 1/5

     +-----------------------------+
     | make            price   mpg |
     |-----------------------------|
  1. | AMC Concord     4,099    22 |
  2. | AMC Pacer       4,749    17 |
  3. | AMC Spirit      3,799    22 |
  4. | Buick Century   4,816    20 |
  5. | Buick Electra   7,827    15 |
     +-----------------------------+
"""


def test_stata_list_output_is_unit_records_whatever_the_variables(tmp_path: Path) -> None:
    report = scanned(tmp_path, "list.log", LIST_CARS)
    assert risk_codes(report) == {"microdata.row_level"}
    assert "numbered observations" in report.findings[0].message


def test_stata_list_of_collapsed_results_is_not_unit_records(tmp_path: Path) -> None:
    content = """. collapse (mean) wage (count) n=wage, by(year region)
. list year region wage n

     +---------------------------------+
     | year   region      wage       n |
     |---------------------------------|
  1. | 2019        1   312.455     412 |
  2. | 2019        2   298.120     388 |
  3. | 2020        1   318.902     405 |
  4. | 2020        2   301.877     391 |
     +---------------------------------+
"""
    assert scanned(tmp_path, "collapse.log", content).verdict == "clean"


# --- survival tables --------------------------------------------------------------------

STS_LIST = """. sts list

        Failure _d: died
  Analysis time _t: studytime

           At           Net    Survivor      Std.
  Time    risk   Fail   lost   function     error     [95% conf. int.]
----------------------------------------------------------------------------
     1      48      2      0     0.9583    0.0288     0.8435    0.9894
     2      46      1      0     0.9375    0.0349     0.8186    0.9794
     5      44      2      1     0.8750    0.0477     0.7427    0.9418
    33       3      1      0     0.1205    0.0531     0.0420    0.2474
    35       2      0      1     0.1205    0.0531     0.0420    0.2474
    39       1      1      0     0.0000         .          .         .
----------------------------------------------------------------------------
"""


def test_survival_table_where_the_number_at_risk_falls_below_three(tmp_path: Path) -> None:
    report = scanned(tmp_path, "sts.log", STS_LIST)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2", "1"]
    assert "number at risk falls to 2" in found[0].message
    assert found[0].location == "line 13, column 2"


def test_survival_table_that_stops_at_three_at_risk_is_clean(tmp_path: Path) -> None:
    # Events of 1 at one time are not cells: the number at risk is what discloses.
    clean = "\n".join(STS_LIST.splitlines()[:12]) + "\n"
    assert scanned(tmp_path, "sts_clean.log", clean).verdict == "clean"


def test_r_survfit_summary_in_console_output(tmp_path: Path) -> None:
    content = """Call: survfit(formula = Surv(time, status) ~ 1, data = lung)

 time n.risk n.event survival std.err lower 95% CI upper 95% CI
    5    228       1   0.9956 0.00438       0.9871        1.000
   11    227       3   0.9825 0.00869       0.9656        0.999
  883      2       1   0.0167 0.01520       0.0028        0.099
 1022      1       1   0.0000     NaN           NA           NA
"""
    report = scanned(tmp_path, "survfit.txt", content)
    assert small_cells(report) == ["2", "1"]
    assert "column 'n.risk'" in report.findings[0].message


# --- R console output -------------------------------------------------------------------


def test_r_one_way_table_printed_as_names_over_counts(tmp_path: Path) -> None:
    content = """> table(diag)
diag
Diabetes type 1 Diabetes type 2     Gestationel            MODY        Sekundær
            412            2210              97               1              38
"""
    report = scanned(tmp_path, "table.txt", content)
    assert small_cells(report) == ["1"]
    assert "row 'MODY'" in report.findings[0].message


def test_r_xtabs_with_margins_named_sum(tmp_path: Path) -> None:
    content = """> addmargins(xtabs(~region + udd, data = d))
             udd
region        Grundskole Gymnasial  KVU  LVU  Sum
  Hovedstaden        210       188   61   20  479
  Sjælland            87       102   31    2  222
  Sum                297       290   92   22  701
"""
    assert small_cells(scanned(tmp_path, "xtabs.txt", content)) == ["2"]


def test_r_code_with_short_vectors_is_not_a_table(tmp_path: Path) -> None:
    code = (
        "ages <- c(1, 2, 3)\ngroups <- c(1, 2, 3, 4, 5)\npar(mfrow = c(1, 2))\nfit <- lm(y ~ x)\n"
    )
    assert scanned(tmp_path, "analysis.R", code).verdict == "clean"


def test_shares_of_a_small_n_imply_a_small_count(tmp_path: Path) -> None:
    content = """          n Ingen Type 2 Type 1 MODY
Aarhus 1000    40     30     25    5
Samsø    25    80     16      4    0
"""
    report = scanned(tmp_path, "pct.txt", content)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["4% of 25"]
    assert "1 unit" in found[0].message


# --- aggregates versus unit records -------------------------------------------------------


def test_long_aggregate_with_means_is_not_unit_records(tmp_path: Path) -> None:
    generator = random.Random(3)
    rows = ["aar;kom;koen;aldgrp;antal;gns_indk"]
    for year in (2019, 2020, 2021):
        for kommune in range(101, 161):
            for sex in (1, 2):
                for group in range(1, 9):
                    mean = f"{generator.uniform(200000, 400000):.1f}".replace(".", ",")
                    rows.append(
                        f"{year};{kommune};{sex};{group};{generator.randint(20, 900)};{mean}"
                    )
    assert scanned(tmp_path, "long.csv", "\n".join(rows) + "\n").verdict == "clean"


def test_grouped_means_without_a_count_column_are_not_unit_records(tmp_path: Path) -> None:
    generator = random.Random(5)
    rows = ["region;sex;agegroup;mean_income;median_income"]
    for region in range(1, 6):
        for sex in (1, 2):
            for group in range(1, 5):
                a, b = generator.uniform(200, 400), generator.uniform(200, 400)
                rows.append(f"{region};{sex};{group};{a:.2f};{b:.2f}")
    assert scanned(tmp_path, "means.csv", "\n".join(rows) + "\n").verdict == "clean"


def test_simulation_results_are_estimates_not_unit_records(tmp_path: Path) -> None:
    generator = random.Random(7)
    rows = ['"replication","estimate","std_error","covered"']
    for k in range(1, 1001):
        rows.append(f"{k},{generator.gauss(0.5, 0.05):.5f},{generator.uniform(0.04, 0.06):.5f},"
                    f"{generator.randint(0, 1)}")  # fmt: skip
    assert scanned(tmp_path, "simulation.csv", "\n".join(rows) + "\n").verdict == "clean"


def test_survey_export_with_am_pm_timestamps_is_unit_records(tmp_path: Path) -> None:
    generator = random.Random(11)
    likert = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree"]
    bands = ["Under 25,000", "25,000-49,999", "50,000-74,999", "Prefer not to say"]
    rows = ["Timestamp,Q1 satisfied,Q2 say,Q3 recognised,Gender,Age,Income"]
    for _ in range(80):
        stamp = f"2024/03/{generator.randint(1, 28):02d} {generator.randint(1, 12):02d}:"
        stamp += f"{generator.randint(0, 59):02d}:{generator.randint(0, 59):02d} "
        stamp += generator.choice(["AM", "PM"])
        answers = [generator.choice(likert) for _ in range(3)]
        gender, age = generator.choice(["Man", "Woman"]), generator.choice(["18-34", "35-64"])
        rows.append(",".join([stamp, *answers, gender, age, f'"{generator.choice(bands)}"']))
    report = scanned(tmp_path, "survey.csv", "\n".join(rows) + "\n")
    assert risk_codes(report) == {"microdata.row_level"}
    assert "holds full dates" in report.findings[0].message


# --- statistical offices' formats -----------------------------------------------------------


def test_tau_argus_table_without_header_and_with_total_labels(tmp_path: Path) -> None:
    lines = []
    for region in ("Hovedstaden", "Sjælland", "Total"):
        for sex in ("Mand", "Kvinde", "Total"):
            frequency = 2 if (region, sex) == ("Sjælland", "Kvinde") else 40 + len(region + sex)
            lines.append(f'"{region}";"{sex}";{frequency * 312.5:.1f};{frequency}')
    report = scanned(tmp_path, "argus.tab", "\n".join(lines) + "\n")
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2"]
    assert "tau-Argus" in found[0].message
    clean = "\n".join(line.replace(";625.0;2", ";15000.0;48") for line in lines) + "\n"
    assert scanned(tmp_path, "argus_clean.tab", clean).verdict == "clean"


def test_sas_log_line_numbers_are_not_counts(tmp_path: Path) -> None:
    content = """1          /* Projekt 707070 */
2          libname proj "E:\\workdata\\707070\\sas";
NOTE: Libref PROJ was successfully assigned as follows:
3          options nodate pageno=1 linesize=120;
4
5          data work.analyse;
6            set proj.indkomst;
7          run;

NOTE: The data set WORK.ANALYSE has 2000 observations and 9 variables.
"""
    assert scanned(tmp_path, "program.log", content).verdict == "clean"


def test_pspp_plain_tex_output_is_read_as_a_table(tmp_path: Path) -> None:
    content = r"""{\bf Kommune {\the\textfont2\char"02} Diagnose}\par
\offinterlineskip\halign{\strut%
{\vbox{\cell{4}#}}\hskip\psppcolumnspace\hfil&\vrule
{\vbox{\cell{4}#}}\cr
\centre{}&\centre{Ingen}&\centre{Type 1}&\centre{Total}\cr
\noalign{\hrule\vskip -\normalbaselineskip}\cr
K{\o}benhavn&\right{85}&\right{27}&\right{112}\cr
L{\ae}s{\o}&\right{7}&\right{2}&\right{9}\cr
Total&\right{92}&\right{29}&\right{121}\cr
}% End of \halign
"""
    report = scanned(tmp_path, "crosstab.tex", content)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2"]
    assert "row 'Læsø'" in found[0].message


def test_table_one_with_n_and_percent_in_one_cell(tmp_path: Path) -> None:
    content = (
        '"Karakteristik","Mænd","Kvinder"\n"N","1,026","974"\n'
        '"Alder, median (IQR)","47 (31-64)","2 (1-3)"\n'
        '"Grundskole","173 (16.9)","157 (16.1)"\n"Gymnasial","188 (18.3)","183 (18.8)"\n'
        '"Diagnose: MODY","2 (0.2)","7 (0.7)"\n'
    )
    report = scanned(tmp_path, "table1.csv", content)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["2 (0.2)"]  # not the median of 2
    assert "'n (%)'" in found[0].message and found[0].location == "line 6, column 2"
    clean = content.replace('"2 (0.2)"', '"12 (1.2)"')
    assert scanned(tmp_path, "table1_clean.csv", clean).verdict == "clean"


def test_a_stated_share_of_the_two_largest_firms_over_85_percent(tmp_path: Path) -> None:
    content = (
        "branche;region;antal_firmaer;omsaetning_mio_kr;top2_andel_pct\n"
        "Industri;Hovedstaden;412;8812;21,4\nHandel;Hovedstaden;1210;15530;12,1\n"
        "Transport;Syddanmark;12;5480;93\n"
    )
    report = scanned(tmp_path, "omsaetning.csv", content)
    assert risk_codes(report) == {"table.dominance"}
    assert "93%" in report.findings[0].message and "Transport" in report.findings[0].message


def test_a_daily_series_by_region_is_an_aggregate_not_events(tmp_path: Path) -> None:
    import datetime as dt

    generator = random.Random(13)
    rows = ['"dato","region","indlaeggelser"']
    for region in ("Hovedstaden", "Sjælland", "Syddanmark"):
        for day in range(365):
            date = dt.date(2022, 1, 1) + dt.timedelta(days=day)
            rows.append(f'{date.isoformat()},"{region}",{generator.randint(20, 60)}')
    assert scanned(tmp_path, "daily.csv", "\n".join(rows) + "\n").verdict == "clean"


def test_extreme_values_listed_by_case_number_are_unit_records(tmp_path: Path) -> None:
    content = """                    Extreme Values
+------------------------------+-----------+---------+
|                              |Case Number|  Value  |
+------------------------------+-----------+---------+
|Personindkomst (kr.) Highest 1|        539|923740.52|
|                             2|        132|842240.54|
|                             3|        508|810767.84|
|                    ----------+-----------+---------+
|                     Lowest  1|        490| 55318.10|
|                             2|        541| 69908.89|
+------------------------------+-----------+---------+
"""
    report = scanned(tmp_path, "extremes.txt", content)
    assert risk_codes(report) == {"microdata.row_level"}
    assert "case number" in report.findings[0].message


def test_column_shares_with_their_bases_stated_beside_the_table(tmp_path: Path) -> None:
    content = """> base
          Gruppe
Svar       Læsø Resten af landet
  Enig       25             22.1
  Uenig      50             41.7
  Ved ikke   25             36.2
> cat("n =", c(4, 1996), "\\n")
n = 4 1996
"""
    report = scanned(tmp_path, "shares.txt", content)
    found = [f for f in report.findings if f.code == "table.small_cell"]
    assert [f.evidence for f in found] == ["25% of 4", "50% of 4", "25% of 4"]
    assert "stated at line 8" in found[0].message
    bigger = content.replace("n = 4 1996", "n = 400 1600")
    assert scanned(tmp_path, "shares_big.txt", bigger).verdict == "clean"


def _printed(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("courier", size=9)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_stata_output_printed_to_pdf(tmp_path: Path) -> None:
    # PDF text comes back with single spaces: columns must still be found, and a column
    # whose header reads "Type" is counts, not codes.
    tab = _printed(
        tmp_path / "tab.pdf",
        TAB2.replace("Fanø |         14          1", "Fanø |         14          4").splitlines(),
    )
    assert scan(tab, isolate=False).verdict == "clean"
    tab = _printed(tmp_path / "tab_small.pdf", TAB2.splitlines())
    assert small_cells(scan(tab, isolate=False)) == ["1"]
    listed = _printed(tmp_path / "list.pdf", LIST_CARS.splitlines())
    assert risk_codes(scan(listed, isolate=False)) == {"microdata.row_level"}


def _proportional(path: Path, rows: list[list[str]]) -> Path:
    """A table printed in a proportional font, one space character between its columns and
    the next column placed by position (as LibreOffice prints a text file)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for number, row in enumerate(rows):
        y = 20 + 6 * number
        for column, cell in enumerate(row):
            last = column == len(row) - 1
            pdf.text(15 + 45 * column, y, cell if last else cell + " ")
    pdf.output(str(path))
    return path


def test_a_table_printed_in_a_proportional_font_keeps_its_columns(tmp_path: Path) -> None:
    rows = [
        ["", "Syddanmark", "Midtjylland", "Nordjylland"],
        ["n", "733", "861", "2"],
        ["alder (mean (SD))", "48.20 (14.30)", "47.90 (14.00)", "63.50 (9.20)"],
    ]
    report = scan(_proportional(tmp_path / "tabel1.pdf", rows), isolate=False)
    small = [f for f in report.findings if f.code == "table.small_cell"]
    assert report.verdict == "risk"
    assert [f.location for f in small] == ["page 1, table 1, row 2, column 4"]
    rows[1][3] = "12"
    clean = scan(_proportional(tmp_path / "tabel1_ok.pdf", rows), isolate=False)
    assert clean.verdict == "clean", [f.message for f in clean.findings]


def _numbered_groups_pdf(path: Path, rows: int, small: int | None = None, seed: int = 7) -> Path:
    """An aggregate table as fpdf2 lays it out (labels left, counts right-aligned in their
    cells), its row labels numbered groups: "Kommune 0" ... "Kommune 44", no header row."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    pdf.add_page()
    pdf.cell(0, 6, "Tabel 6: Antal personer efter kommune og alder", new_x="LMARGIN", new_y="NEXT")
    for row in range(rows):
        counts = [rng.randint(3, 5000) for _ in range(6)]
        if small is not None and row == rows - 1:
            counts[2] = small
        for column, value in enumerate([f"Kommune {row}", *map(str, counts)]):
            pdf.cell(40 if column == 0 else 22, 5, value, align="L" if column == 0 else "R")
        pdf.ln()
    pdf.output(str(path))
    return path


def test_numbered_group_labels_are_one_cell_not_a_column_of_words_beside_row_numbers(
    tmp_path: Path,
) -> None:
    """Placed at their page columns, "Kommune 0" ... "Kommune 44" line up into a column of one
    repeated word and a column of row numbers; read so, an aggregate table looked like unit
    records. The label is one cell: the table is clean, and its small cell is still found."""
    for seed in range(12):  # the counts differ; before, 3 of these 12 read as unit records
        report = scan(_numbered_groups_pdf(tmp_path / f"k{seed}.pdf", 45, seed=seed), isolate=False)
        assert report.verdict == "clean", (seed, [f.message for f in report.findings])
    risky = scan(_numbered_groups_pdf(tmp_path / "kommuner_smaa.pdf", 45, small=2), isolate=False)
    small = [f for f in risky.findings if f.code == "table.small_cell"]
    assert [f.location for f in small] == ["page 1, table 1, row 45, column 4"], risky.findings
    assert not [f for f in risky.findings if f.code == "microdata.row_level"]
