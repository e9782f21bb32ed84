"""A held-out round of logs, listings, reports and LibreOffice conversions, written blind.

Stata 17 logs (logit with odds ratios, tabulate with row percentages and its key box,
collapse followed by list, the new `table` layout, label list, list of persons, sts list,
summarize of a subgroup, a count by a CPR number), SAS 9.4 listings and logs (PROC FREQ, MEANS,
TABULATE with its 12.2 format, PRINT, an 'Invalid data' note that dumps the raw record),
Markdown and LaTeX reports (Danish, Norwegian, Swedish), a project README, and tables and
reports converted by `soffice --headless` from csv and html into xlsx, ods, docx and pdf.
Labels follow Statistics Denmark's rules (seed 001) and were written before the scanner saw
the files.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.identity_numbers import dk_cpr, fi_hetu, no_fnr, se_pnr
from tests.corpus_real.labels import IDENTIFIER, MICRODATA, SMALL_CELL, clean, risk
from tests.corpus_real.tools import soffice_convert, stata_log_closed, stata_log_opened

TOOL = "Stata/SAS layouts, Markdown, LaTeX and LibreOffice (held-out round)"
EXECUTABLES = ("soffice",)

_RNG = random.Random(1201)
CPR_COUNT = dk_cpr(_RNG, dash=False)
CPR_SAS = dk_cpr(_RNG, dash=False)
PNR_NOTE = se_pnr(_RNG)
FNR_DOCX = no_fnr(_RNG)
HETU_PDF = fi_hetu(_RNG)

LABELS = (
    # --- Stata: clean ---------------------------------------------------------------------------
    clean(
        "heldout_stata_logit.log",
        "logit ..., or: iteration log, Number of obs = 12,408, LR chi2(7), odds ratios",
    ),
    clean(
        "heldout_stata_tab_row.log",
        "tabulate region koen, row: the key box (frequency / row percentage), counts >= 300 "
        "with their row percentages under each",
    ),
    clean(
        "heldout_stata_collapse_list.log",
        "collapse (count) antal=pnr (mean) ..., by(region) and then list: the five listed "
        "rows are regions with antal >= 900, not persons (debatable: the layout is that of "
        "a listing, and pnr appears in the command, but no key values or person rows leave)",
    ),
    clean(
        "heldout_stata_table_sv.log",
        "Swedish: Stata 17 table (lan) (kon), statistic(frequency) statistic(percent); "
        "counts in the thousands",
    ),
    clean(
        "heldout_stata_labellist.log",
        "label list of municipality and education codes: codes and their names, no counts",
    ),
    # --- Stata: risky ---------------------------------------------------------------------------
    risk(
        "heldout_stata_list_persons.log",
        "list foed_dag koen kom indkomst in 1/12: twelve numbered person rows with birth "
        "dates, no id",
        MICRODATA,
    ),
    risk(
        "heldout_stata_count_cpr.log",
        'a data check in a log: count if cpr == "DDMMYYSSSS" with one person\'s CPR number',
        IDENTIFIER,
    ),
    risk(
        "heldout_stata_sts_list.log",
        "sts list of a small cohort: the number at risk falls to 2 and 1, each failure time "
        "is one person",
        SMALL_CELL,
    ),
    risk(
        "heldout_stata_summ_subgroup.log",
        "summarize indkomst if kom == 825: Obs 2, with mean, min and max (two persons' incomes)",
        SMALL_CELL,
    ),
    risk(
        "heldout_stata_tab_small_sv.log",
        "Swedish (MONA) tabulate lan kon where Gotlands län has 1 woman",
        SMALL_CELL,
    ),
    # --- SAS: clean ------------------------------------------------------------------------------
    clean(
        "heldout_sas_freq.lst",
        "PROC FREQ of region: Frequency, Percent, Cumulative columns, counts >= 1,000",
    ),
    clean(
        "heldout_sas_means_class.lst",
        "PROC MEANS with CLASS aldgrp: N Obs, N, Mean, Std Dev, Median per age group (>= 1,000)",
    ),
    clean(
        "heldout_sas_tabulate.lst",
        "PROC TABULATE region x koen with N in the default 12.2 format (1912.00); every "
        "cell >= 300",
    ),
    # --- SAS: risky ------------------------------------------------------------------------------
    risk(
        "heldout_sas_tabulate_small.lst",
        "PROC TABULATE kommune x koen where Læsø's cell for women is 1.00 (N) and for men 2.00",
        SMALL_CELL,
    ),
    risk(
        "heldout_sas_print.lst",
        "PROC PRINT with an Obs column: person rows with birth date, sex, municipality, income",
        MICRODATA,
    ),
    risk(
        "heldout_sas_invalid_data.log",
        "a SAS log 'NOTE: Invalid data for foed_dag' that dumps the raw record and the PDV: "
        "pnr=<a CPR number> with the person's income",
        IDENTIFIER,
    ),
    # --- Markdown, LaTeX, text: clean -------------------------------------------------------------
    clean(
        "heldout_report_da.txt",
        "Danish Markdown report: counts by education in the thousands ('12.345'), shares, "
        "mean income '243.512,4', odds ratios with p-values, years and project number"
        " (Markdown saved as .txt: .md is not on DST's list of file types; in the first "
        "round, as .md, the scanner rightly rejected it)",
    ),
    clean(
        "heldout_report_no.txt",
        "Norwegian Markdown: shares employed per fylke with their bases (n = 1 234 style, "
        "all >= 200)"
        " (Markdown saved as .txt: .md is not on DST's list of file types; in the first "
        "round, as .md, the scanner rightly rejected it)",
    ),
    clean(
        "heldout_regression.tex",
        "booktabs regression table: coefficients, standard errors in parentheses, stars, "
        "Observations 12,408, R-squared",
    ),
    clean(
        "heldout_cohort.tex",
        "Table 1 of a cohort: n (%) per characteristic, all counts >= 12, ages as bands",
    ),
    clean(
        "heldout_readme.txt",
        "a project README: project number, DST's phone number 39 17 39 17, dates, the "
        "journal number 2026-123456, file list; no data",
    ),
    # --- Markdown, LaTeX: risky -------------------------------------------------------------------
    risk(
        "heldout_report_small_da.txt",
        "Danish Markdown report whose text says that in the subgroup living on Læsø (n = 2) "
        "the mean income was 412.300 kr.: a mean over two persons"
        " (Markdown saved as .txt: .md is not on DST's list of file types; in the first "
        "round, as .md, the scanner rightly rejected it)",
        SMALL_CELL,
    ),
    risk(
        "heldout_methods_sv.txt",
        "Swedish methods note with a footnote naming an excluded person by personnummer"
        " (Markdown saved as .txt: .md is not on DST's list of file types; in the first "
        "round, as .md, the scanner rightly rejected it)",
        IDENTIFIER,
    ),
    risk(
        "heldout_cohort_small.tex",
        "Table 1 of a cohort where 'Type 1 diabetes' is 2 (0.4)",
        SMALL_CELL,
    ),
    # --- LibreOffice conversions: clean ---------------------------------------------------------
    clean(
        "heldout_lo_kommune.xlsx",
        "Danish csv (; and decimal commas) converted to xlsx: Antal >= 1,000, Andel, Gns.",
    ),
    clean(
        "heldout_lo_lan.ods",
        "Swedish csv of counts per län and kön converted to ods; counts >= 400",
    ),
    clean(
        "heldout_lo_rapport.docx",
        "html report (Danish) converted to docx: a table of mean income and N >= 200 per "
        "region, text with percentages and years",
    ),
    clean(
        "heldout_lo_rapport_no.pdf",
        "Norwegian html report converted to pdf: rates per 100 000 and counts >= 50",
    ),
    # --- LibreOffice conversions: risky ---------------------------------------------------------
    risk(
        "heldout_lo_small.xlsx",
        "csv of counts by municipality and diagnosis converted to xlsx; Ærø has 1",
        SMALL_CELL,
    ),
    risk(
        "heldout_lo_persons.ods",
        "csv of 200 persons (birth date, sex, municipality, income) converted to ods",
        MICRODATA,
    ),
    risk(
        "heldout_lo_fnr.docx",
        "Norwegian html report converted to docx; a paragraph names a fødselsnummer",
        IDENTIFIER,
    ),
    risk(
        "heldout_lo_small.pdf",
        "html table of counts by municipality converted to pdf; one cell is 2",
        SMALL_CELL,
    ),
    risk(
        "heldout_lo_hetu.pdf",
        "Finnish report text converted to pdf; a footnote names a henkilötunnus",
        IDENTIFIER,
    ),
)


def _stata(log: str, body: str) -> str:
    return (
        stata_log_opened(log, at="14 Nov 2026, 10:12:44")
        + body
        + stata_log_closed(log, at="14 Nov 2026, 10:13:02")
    )


STATA_LOGIT = """
. use "E:\\workdata\\707070\\data\\analyse.dta", clear

. logit ryger i.koen alder i.udd, or

Iteration 0:   log likelihood = -6543.2109
Iteration 1:   log likelihood = -6401.1187
Iteration 2:   log likelihood = -6399.8821
Iteration 3:   log likelihood = -6399.8817

Logistic regression                                     Number of obs =  12,408
                                                        LR chi2(7)    =  286.66
                                                        Prob > chi2   =  0.0000
Log likelihood = -6399.8817                             Pseudo R2     =  0.0219

------------------------------------------------------------------------------
       ryger | Odds ratio   Std. err.      z    P>|z|     [95% conf. interval]
-------------+----------------------------------------------------------------
        koen |
     Kvinde  |   .8123411   .0341287    -4.95   0.000     .7481202    .8820766
             |
       alder |   .9871204   .0014411    -8.88   0.000     .9843001    .9899489
             |
         udd |
  Gymnasial  |   .7712018   .0511733    -3.91   0.000      .677152    .8783107
Erhvervsfag  |   .9012231   .0488102    -1.92   0.055     .8104422    1.002171
        KVU  |   .6621187   .0561201    -4.86   0.000     .5607782    .7817719
        MVU  |   .5540912   .0402217    -8.14   0.000     .4806003    .6388200
        LVU  |   .4102338   .0377102    -9.69   0.000     .3426001    .4912201
             |
       _cons |   1.341877   .1102311     3.58   0.000     1.142331    1.576283
------------------------------------------------------------------------------
Note: _cons estimates baseline odds.
"""

STATA_TAB_ROW = """
. tabulate region koen, row

+----------------+
| Key            |
|----------------|
|   frequency    |
| row percentage |
+----------------+

           |         koen
    region |      Mand     Kvinde |     Total
-----------+----------------------+----------
Hovedstade |     1,912      1,977 |     3,889
           |     49.16      50.84 |    100.00
-----------+----------------------+----------
  Sjælland |       904        921 |     1,825
           |     49.53      50.47 |    100.00
-----------+----------------------+----------
Syddanmark |     1,311      1,290 |     2,601
           |     50.40      49.60 |    100.00
-----------+----------------------+----------
Midtjyllan |     1,402      1,433 |     2,835
           |     49.45      50.55 |    100.00
-----------+----------------------+----------
Nordjyllan |       622        636 |     1,258
           |     49.44      50.56 |    100.00
-----------+----------------------+----------
     Total |     6,151      6,257 |    12,408
           |     49.57      50.43 |    100.00
"""

STATA_COLLAPSE = """
. use "E:\\workdata\\707070\\data\\analyse.dta", clear

. collapse (count) antal=pnr (mean) gns_indkomst=indkomst (p50) med_indkomst=indkomst, by(region)

. list, clean noobs

         region   antal   gns_ind~t   med_ind~t
    Hovedstaden    3889    352113.4      318200
       Sjælland    1825    301877.2      287400
     Syddanmark    2601    311902.8      294100
    Midtjylland    2835    318455.1      299800
    Nordjylland     958    296004.6      281300

. export delimited using "E:\\workdata\\707070\\out\\region_indkomst.csv", replace
file E:\\workdata\\707070\\out\\region_indkomst.csv saved
"""

STATA_TABLE_SV = """
. table (lan) (kon), statistic(frequency) statistic(percent)

----------------------------------------------------------
                       |                Kön
                       |      Man    Kvinna          Total
-----------------------+----------------------------------
Län                    |
  Stockholms län       |
    Frequency          |   14,021    14,388         28,409
    Percent            |    11.22     11.51          22.73
  Uppsala län          |
    Frequency          |    3,802     3,911          7,713
    Percent            |     3.04      3.13           6.17
  Skåne län            |
    Frequency          |   10,544    10,702         21,246
    Percent            |     8.44      8.56          17.00
  Västra Götalands län |
    Frequency          |   13,201    13,377         26,578
    Percent            |    10.56     10.70          21.26
  Övriga län           |
    Frequency          |   20,188    20,869         41,057
    Percent            |    16.15     16.69          32.84
  Total                |
    Frequency          |   61,756    63,247        125,003
    Percent            |    49.40     50.60         100.00
----------------------------------------------------------
"""

STATA_LABELLIST = """
. label list komlbl
komlbl:
         101 København
         147 Frederiksberg
         151 Ballerup
         461 Odense
         561 Esbjerg
         751 Aarhus
         825 Læsø
         851 Aalborg

. label list uddlbl
uddlbl:
          10 Grundskole
          20 Gymnasiale uddannelser
          35 Erhvervsfaglige uddannelser
          40 Korte videregående uddannelser
          50 Mellemlange videregående uddannelser
          60 Bachelor
          70 Lange videregående uddannelser
"""


def _stata_list(rng: random.Random) -> str:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    lines = [
        "",
        ". list foed_dag koen kom indkomst in 1/12",
        "",
        "     +" + "-" * 35 + "+",
        f"     | {'foed_dag':>9}   {'koen':>6}   {'kom':>3}   {'indkomst':>8} |",
        "     |" + "-" * 35 + "|",
    ]
    for row in range(1, 13):
        birth = f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(1940, 1999)}"
        values = (
            f"{birth:>9}   {rng.choice(('Mand', 'Kvinde')):>6}   {rng.choice((101, 461, 751, 851))}"
            f"   {rng.randint(98000, 690000):>8}"
        )
        lines.append(f"{row:>4}. | {values} |")
        if row % 5 == 0 and row != 12:
            lines.append("     |" + "-" * 35 + "|")
    lines.append("     +" + "-" * 35 + "+")
    return "\n".join(lines) + "\n"


STATA_COUNT_CPR = f"""
. * tjek af dublet, jf. mail fra Forskningsservice
. duplicates report cpr

--------------------------------------
   Copies | Observations       Surplus
----------+---------------------------
        1 |       12406             0
        2 |           2             1
--------------------------------------

. count if cpr == "{CPR_COUNT}"
  2

. duplicates drop cpr, force

Duplicates in terms of cpr

(1 observation deleted)
"""

STATA_STS = """
. stset tid_aar, failure(doed)

Survival-time data settings

         Failure event: doed!=0 & doed<.
Observed time interval: (0, tid_aar]
     Exit on or before: failure

--------------------------------------------------------------------------
         24  total observations
          0  exclusions
--------------------------------------------------------------------------
         24  observations remaining, representing
         17  failures in single-record/single-failure data
     96.400  total analysis time at risk and under observation

. sts list

        Failure _d: doed
  Analysis time _t: tid_aar

             Beg.                     Survivor      Std.
    Time    Total     Fail   Lost     function     error     [95% conf. int.]
-------------------------------------------------------------------------------
      .4       24        2      0       0.9167    0.0564     0.7148    0.9784
      .9       22        1      0       0.8750    0.0675     0.6610    0.9579
     1.3       21        2      1       0.7917    0.0829     0.5695    0.9078
     2.1       18        3      0       0.6597    0.0976     0.4308    0.8146
     2.8       15        1      2       0.6157    0.1003     0.3867    0.7810
     3.5       12        2      0       0.5131    0.1060     0.2901    0.6971
     4.6       10        1      1       0.4618    0.1069     0.2466    0.6536
     5.2        8        2      0       0.3464    0.1053     0.1571    0.5468
     6.7        6        1      1       0.2887    0.1024     0.1175    0.4873
     7.9        4        1      0       0.2165    0.0958     0.0683    0.4148
     8.8        2        1      0       0.1083    0.0869     0.0069    0.3607
     9.6        1        1      0       0.0000         .          .          .
-------------------------------------------------------------------------------
"""

STATA_SUMM = """
. summarize indkomst if kom == 851

    Variable |        Obs        Mean    Std. dev.       Min        Max
-------------+---------------------------------------------------------
    indkomst |      1,412    322118.7    141022.9      11870    2980221

. summarize indkomst if kom == 825

    Variable |        Obs        Mean    Std. dev.       Min        Max
-------------+---------------------------------------------------------
    indkomst |          2    318450.5    101612.4     246600     390301
"""

STATA_TAB_SMALL_SV = """
. tabulate lan kon

                      |          kon
                  lan |       Man     Kvinna |     Total
----------------------+----------------------+----------
       Stockholms län |       412        398 |       810
          Uppsala län |        97        102 |       199
      Gotlands län    |         4          1 |         5
            Skåne län |       288        301 |       589
----------------------+----------------------+----------
                Total |       801        802 |     1,603
"""

SAS_HEAD = (
    "1                                       The SAS System"
    "          10:12 Monday, November 16, 2026\n"
)

SAS_FREQ = (
    SAS_HEAD
    + """
                                         The FREQ Procedure

                                            Bopælsregion

                                                          Cumulative    Cumulative
               region           Frequency     Percent     Frequency      Percent
               ------------------------------------------------------------------
               Hovedstaden          3889       31.34          3889        31.34
               Sjælland             1825       14.71          5714        46.05
               Syddanmark           2601       20.96          8315        67.01
               Midtjylland          2835       22.85         11150        89.86
               Nordjylland          1258       10.14         12408       100.00
"""
)

SAS_MEANS = (
    SAS_HEAD
    + """
                                        The MEANS Procedure

                             Analysis Variable : indkomst Personindkomst

                    aldgrp     N Obs      N            Mean         Std Dev          Median
                    -----------------------------------------------------------------------
                    20-29       1841   1841       241203.4         88123.1        230110.0

                    30-39       2210   2210       318455.9        101230.7        301200.0

                    40-49       2407   2407       356120.3        121877.4        338900.0

                    50-59       2388   2388       362001.8        130442.0        341500.0

                    60-69       2102   2102       301987.2        118002.6        284300.0

                    70-79       1460   1460       221340.6         79012.3        209800.0
                    -----------------------------------------------------------------------
"""
)


def _tabulate(rows: list[tuple[str, float, float]]) -> str:
    rule = "            ------------------------------------------------------------"
    lines = [
        SAS_HEAD,
        rule,
        "            |                          |             koen              |",
        "            |                          |-------------------------------|",
        "            |                          |     Mand      |    Kvinde     |",
        "            |                          |---------------+---------------|",
        "            |                          |       N       |       N       |",
        "            |--------------------------+---------------+---------------|",
        "            |kommune                   |               |               |",
        "            |--------------------------|               |               |",
    ]
    for index, (name, men, women) in enumerate(rows):
        lines.append(f"            |{name:<26}|{men:>15.2f}|{women:>15.2f}|")
        if index < len(rows) - 1:
            lines.append("            |--------------------------+---------------+---------------|")
    lines.append(rule)
    return "\n".join(lines) + "\n"


def _sas_print(rng: random.Random) -> str:
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    lines = [
        SAS_HEAD,
        "",
        "              Obs     foed_dag    koen    kom    indkomst",
        "",
    ]
    for obs in range(1, 21):
        birth = f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(1940, 1999)}"
        lines.append(
            f"              {obs:>3}    {birth}     {rng.choice('KM')}      "
            f"{rng.choice((101, 461, 751, 851))}     {rng.randint(98000, 690000):>7}"
        )
    return "\n".join(lines) + "\n"


def _sas_invalid() -> str:
    birth = f"{CPR_SAS[:2]}.{CPR_SAS[2:4]}.19{CPR_SAS[4:6]}"
    record = f"{CPR_SAS};{birth};M;751;412300"
    return f"""\
NOTE: Copyright (c) 2016 by SAS Institute Inc., Cary, NC, USA.
NOTE: SAS (r) Proprietary Software 9.4 (TS1M7)
1          libname proj "E:\\workdata\\707070\\data";
NOTE: Libref PROJ was successfully assigned as follows:
      Engine:        V9
      Physical Name: E:\\workdata\\707070\\data
2          data proj.analyse;
3            infile "E:\\workdata\\707070\\raw\\udtraek.csv" dlm=";" firstobs=2 dsd truncover;
4            input pnr :$10. foed_dag :ddmmyy10. koen :$1. kom indkomst;
5          run;

NOTE: The infile "E:\\workdata\\707070\\raw\\udtraek.csv" is:
      Filename=E:\\workdata\\707070\\raw\\udtraek.csv,
      RECFM=V,LRECL=32767,File Size (bytes)=512004

NOTE: Invalid data for foed_dag in line 1043 12-21.
RULE:     ----+----1----+----2----+----3----+----4----+----5
1043      {record} {len(record)}
pnr={CPR_SAS} foed_dag=. koen=M kom=751 indkomst=412300 _ERROR_=1 _N_=1042
NOTE: 12408 records were read from the infile "E:\\workdata\\707070\\raw\\udtraek.csv".
      The minimum record length was 28.
      The maximum record length was 31.
NOTE: The data set PROJ.ANALYSE has 12408 observations and 5 variables.
NOTE: DATA statement used (Total process time):
      real time           0.21 seconds
      cpu time            0.09 seconds
"""


REPORT_DA = """\
# Beskæftigelse og indkomst efter uddannelse, 2015–2022

Projekt 707070 · Kilde: Danmarks Statistik (BEF, UDDA, AKM, IND) · Opgjort pr. 1. januar 2022.

## Tabel 1. Personer 30–64 år efter højeste fuldførte uddannelse

| Uddannelse | Antal personer | Andel i beskæftigelse (%) | Gns. indkomst (kr.) |
|---|---:|---:|---:|
| Grundskole | 12.345 | 61,2 | 243.512,4 |
| Gymnasial | 8.102 | 72,8 | 281.004,9 |
| Erhvervsfaglig | 31.877 | 80,1 | 321.877,0 |
| KVU | 6.511 | 83,4 | 352.190,3 |
| MVU | 19.230 | 86,9 | 388.402,7 |
| LVU | 14.700 | 88,2 | 498.311,6 |
| I alt | 92.765 | 79,7 | 352.998,1 |

## Tabel 2. Logistisk regression af beskæftigelse (OR, 95 % KI)

| Variabel | OR | 95 % KI | p |
|---|---:|---|---:|
| Kvinde (ref. mand) | 0,81 | 0,75–0,88 | <0,001 |
| Alder, pr. 10 år | 0,92 | 0,89–0,95 | <0,001 |
| LVU (ref. grundskole) | 4,12 | 3,71–4,58 | <0,001 |

Modellen er estimeret på 92.765 personer. Alle celler har mindst 3 observationer.
"""

REPORT_NO = """\
# Sysselsetting etter fylke, 2022

Kilde: SSB, registerbasert sysselsettingsstatistikk. Prosjekt 2026/0412.

| Fylke | Sysselsatte (%) | Grunnlag |
|---|---:|---:|
| Oslo | 71,2 | n = 12 301 |
| Viken | 69,8 | n = 14 877 |
| Vestland | 70,4 | n = 8 045 |
| Trøndelag | 68,9 | n = 5 612 |
| Innlandet | 64,1 | n = 3 998 |
| Agder | 66,0 | n = 2 731 |

Andelene er ikke aldersstandardisert. Konfidensintervaller er beregnet med Wilson-metoden.
"""

REPORT_SMALL_DA = """\
# Indkomst i ø-kommunerne, 2021

Projekt 707070. Kilde: IND og BEF.

Den gennemsnitlige personindkomst blandt personer 30–64 år var 352.998 kr. i hele landet
(n = 92.765). I ø-kommunerne samlet var den 301.220 kr. (n = 1.204).

I undergruppen af personer med lang videregående uddannelse bosat på Læsø (n = 2) var den
gennemsnitlige personindkomst 412.300 kr., altså markant over landsgennemsnittet.

Resultaterne bør tolkes med forsigtighed.
"""

METHODS_SV = f"""\
# Metod

Studiepopulationen omfattar alla personer folkbokförda i Sverige den 31 december 2019 som var
25–64 år (n = 5 104 233). Uppgifter om inkomst hämtades från LISA och om vård från
patientregistret. Personer med saknad inkomstuppgift (0,4 %) exkluderades.[^1]

Analyserna gjordes i R 4.3 på MONA. Konfidensintervall är 95 %.

[^1]: Dessutom exkluderades en person med motstridiga uppgifter om dödsdatum
({PNR_NOTE}); SCB har meddelats.
"""

REGRESSION_TEX = r"""\begin{table}[htbp]
\centering
\caption{OLS regression of log income}
\label{tab:ols}
\begin{tabular}{lccc}
\toprule
 & (1) & (2) & (3) \\
\midrule
Female & $-0.142^{***}$ & $-0.138^{***}$ & $-0.121^{***}$ \\
 & (0.006) & (0.006) & (0.006) \\
Age (10 years) & & $0.081^{***}$ & $0.077^{***}$ \\
 & & (0.003) & (0.003) \\
Tertiary education & & & $0.231^{***}$ \\
 & & & (0.007) \\
Constant & $12.601^{***}$ & $12.288^{***}$ & $12.190^{***}$ \\
 & (0.004) & (0.013) & (0.013) \\
\midrule
Observations & 12,408 & 12,408 & 12,408 \\
R-squared & 0.041 & 0.088 & 0.156 \\
\bottomrule
\multicolumn{4}{l}{\footnotesize Robust standard errors in parentheses.
  *** p<0.01, ** p<0.05, * p<0.1}
\end{tabular}
\end{table}
"""


def _cohort_tex(diabetes_type1: str) -> str:
    return rf"""\begin{{table}}[ht]
\centering
\caption{{Baseline characteristics of the cohort (N = 512)}}
\begin{{tabular}}{{lr}}
\toprule
Characteristic & n (\%) \\
\midrule
Women & 262 (51.2) \\
Age 40--54 & 148 (28.9) \\
Age 55--69 & 201 (39.3) \\
Age 70+ & 163 (31.8) \\
Hypertension & 187 (36.5) \\
Type 2 diabetes & 64 (12.5) \\
Type 1 diabetes & {diabetes_type1} \\
Current smoker & 97 (18.9) \\
\bottomrule
\end{{tabular}}
\end{{table}}
"""


README = """\
Projekt 707070 - Uddannelse og helbred
=======================================

Overførsel af resultater, 16. november 2026.

Filer:
  tabel1_uddannelse.xlsx   Personer efter uddannelse og region, 2022
  model_logit.log          Logistisk regression, Stata 17
  figur2_data.csv          Data bag figur 2 (gennemsnit pr. år, 2015-2022)

Kontakt: Forskningsservice, Danmarks Statistik, tlf. 39 17 39 17, forskningsservice@dst.dk.
Journalnummer 2026-123456. Dataperiode 01.01.2015-31.12.2022.
Alle tabeller er kontrolleret for celler under 3 observationer.
"""

KOMMUNE_CSV = """\
Kommune;Antal;Andel pct.;Gns. indkomst
København;24512;34,1;352113,4
Aarhus;14230;19,8;318455,1
Odense;8115;11,3;311902,8
Aalborg;9021;12,6;309880,2
Vejle;5877;8,2;322101,7
Herning;4734;6,6;301877,2
Esbjerg;5288;7,4;305990,0
I alt;71777;100,0;325311,9
"""

LAN_CSV = """\
Län;Kön;Antal
Stockholms län;Man;5671
Stockholms län;Kvinna;7816
Uppsala län;Man;1532
Uppsala län;Kvinna;1735
Skåne län;Man;3345
Skåne län;Kvinna;3068
Norrbottens län;Man;480
Norrbottens län;Kvinna;471
"""

SMALL_CSV = """\
Kommune;Hjerte-kar;Kræft;Diabetes;I alt
København;812;1204;530;2546
Aarhus;455;701;310;1466
Odense;301;455;205;961
Ærø;4;1;3;8
I alt;1572;2361;1048;4981
"""

RAPPORT_HTML = """\
<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Indkomst efter region</title></head>
<body>
<h1>Indkomst efter region, 2022</h1>
<p>Opgørelsen omfatter personer 30-64 år pr. 1. januar 2022. Andelen med videregående
uddannelse steg fra 31,2 % i 2015 til 36,8 % i 2022.</p>
<table border="1">
<tr><th>Region</th><th>N</th><th>Gns. indkomst (kr.)</th><th>Median (kr.)</th></tr>
<tr><td>Hovedstaden</td><td>3.889</td><td>352.113</td><td>318.200</td></tr>
<tr><td>Sjælland</td><td>1.825</td><td>301.877</td><td>287.400</td></tr>
<tr><td>Syddanmark</td><td>2.601</td><td>311.903</td><td>294.100</td></tr>
<tr><td>Midtjylland</td><td>2.835</td><td>318.455</td><td>299.800</td></tr>
<tr><td>Nordjylland</td><td>1.258</td><td>296.005</td><td>281.300</td></tr>
</table>
<p>Kilde: Danmarks Statistik, IND og BEF.</p>
</body></html>
"""

RAPPORT_NO_HTML = """\
<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Hjerteinfarkt</title></head>
<body>
<h1>Hjerteinfarkt etter fylke, 2018-2022</h1>
<p>Rater per 100 000 innbyggere, aldersstandardisert til befolkningen i 2020.</p>
<table border="1">
<tr><th>Fylke</th><th>Tilfeller</th><th>Rate per 100 000</th></tr>
<tr><td>Oslo</td><td>2 301</td><td>211,4</td></tr>
<tr><td>Vestland</td><td>1 877</td><td>224,9</td></tr>
<tr><td>Trøndelag</td><td>1 102</td><td>230,1</td></tr>
<tr><td>Agder</td><td>612</td><td>241,7</td></tr>
<tr><td>Troms og Finnmark</td><td>488</td><td>262,3</td></tr>
</table>
<p>Kilde: Norsk pasientregister og SSB.</p>
</body></html>
"""

FNR_HTML = f"""\
<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Notat</title></head>
<body>
<h1>Notat om datakvalitet</h1>
<p>Koblingen mellom Medisinsk fødselsregister og Folkeregisteret ga 58 112 mødre. Andelen
med ukjent utdanning var 2,1 %.</p>
<p>Én mor ble ekskludert fordi fødselsdatoen ikke stemte (fødselsnummer {FNR_DOCX}).
Dette endrer ikke resultatene.</p>
</body></html>
"""

SMALL_HTML = """\
<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Tabel 3</title></head>
<body>
<h2>Tabel 3. Personer med hjertesvigt efter kommune og køn, 2022</h2>
<table border="1">
<tr><th>Kommune</th><th>Mænd</th><th>Kvinder</th><th>I alt</th></tr>
<tr><td>Aarhus</td><td>412</td><td>377</td><td>789</td></tr>
<tr><td>Odense</td><td>301</td><td>288</td><td>589</td></tr>
<tr><td>Samsø</td><td>2</td><td>5</td><td>7</td></tr>
<tr><td>I alt</td><td>715</td><td>670</td><td>1385</td></tr>
</table>
</body></html>
"""

HETU_TXT = f"""\
Tutkimusraportti: Työllisyys ja terveys, 2015-2022

Aineisto: Tilastokeskuksen FOLK-aineisto ja hoitoilmoitusrekisteri (n = 1 204 331).
Työllisten osuus oli 72,4 % vuonna 2022.

Taulukko 1. Työllisten osuus (%) maakunnittain
Uusimaa            74,1
Pirkanmaa          72,8
Varsinais-Suomi    71,9
Pohjois-Pohjanmaa  69,4

1) Aineistosta poistettiin yksi henkilö (henkilötunnus {HETU_PDF}), jonka tiedot olivat
ristiriitaiset.
"""


def _persons_csv(rng: random.Random) -> str:
    lines = ["foed_dato;koen;kommune;indkomst"]
    for _ in range(200):
        lines.append(
            f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1940, 1999)};"
            f"{rng.choice('KM')};{rng.choice(('København', 'Aarhus', 'Odense', 'Aalborg'))};"
            f"{rng.randint(98000, 690000)}"
        )
    return "\n".join(lines) + "\n"


def write(folder: Path) -> None:
    rng = random.Random(20261201)
    texts = {
        "heldout_stata_logit.log": _stata("logit_ryger.log", STATA_LOGIT),
        "heldout_stata_tab_row.log": _stata("tab_region.log", STATA_TAB_ROW),
        "heldout_stata_collapse_list.log": _stata("collapse.log", STATA_COLLAPSE),
        "heldout_stata_table_sv.log": _stata("tabell_lan.log", STATA_TABLE_SV),
        "heldout_stata_labellist.log": _stata("labels.log", STATA_LABELLIST),
        "heldout_stata_list_persons.log": _stata("check.log", _stata_list(rng)),
        "heldout_stata_count_cpr.log": _stata("dubletter.log", STATA_COUNT_CPR),
        "heldout_stata_sts_list.log": _stata("km.log", STATA_STS),
        "heldout_stata_summ_subgroup.log": _stata("indkomst.log", STATA_SUMM),
        "heldout_stata_tab_small_sv.log": _stata("lan_kon.log", STATA_TAB_SMALL_SV),
        "heldout_sas_freq.lst": SAS_FREQ,
        "heldout_sas_means_class.lst": SAS_MEANS,
        "heldout_sas_tabulate.lst": _tabulate(
            [("Hovedstaden", 1912, 1977), ("Sjælland", 904, 921), ("Syddanmark", 1311, 1290)]
        ),
        "heldout_sas_tabulate_small.lst": _tabulate(
            [("Aarhus", 1402, 1433), ("Odense", 877, 901), ("Læsø", 2, 1)]
        ),
        "heldout_sas_print.lst": _sas_print(rng),
        "heldout_sas_invalid_data.log": _sas_invalid(),
        "heldout_report_da.txt": REPORT_DA,
        "heldout_report_no.txt": REPORT_NO,
        "heldout_regression.tex": REGRESSION_TEX,
        "heldout_cohort.tex": _cohort_tex("12 (2.3)"),
        "heldout_readme.txt": README,
        "heldout_report_small_da.txt": REPORT_SMALL_DA,
        "heldout_methods_sv.txt": METHODS_SV,
        "heldout_cohort_small.tex": _cohort_tex("2 (0.4)"),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")

    sources = folder / "_src"
    sources.mkdir()
    inputs = {
        "heldout_lo_kommune.csv": KOMMUNE_CSV,
        "heldout_lo_lan.csv": LAN_CSV,
        "heldout_lo_small.csv": SMALL_CSV,
        "heldout_lo_persons.csv": _persons_csv(rng),
        "heldout_lo_rapport.html": RAPPORT_HTML,
        "heldout_lo_rapport_no.html": RAPPORT_NO_HTML,
        "heldout_lo_fnr.html": FNR_HTML,
        "heldout_lo_small_pdf.html": SMALL_HTML,
        "heldout_lo_hetu.txt": HETU_TXT,
    }
    for name, text in inputs.items():
        (sources / name).write_text(text, encoding="utf-8")
    csv_filter = "Text - txt - csv (StarCalc):59,34,76,1"
    soffice_convert(
        [sources / "heldout_lo_kommune.csv", sources / "heldout_lo_small.csv"],
        "xlsx",
        sources,
        infilter=csv_filter,
    )
    soffice_convert(
        [sources / "heldout_lo_lan.csv", sources / "heldout_lo_persons.csv"],
        "ods",
        sources,
        infilter=csv_filter,
    )
    soffice_convert(
        [sources / "heldout_lo_rapport.html", sources / "heldout_lo_fnr.html"],
        "docx:MS Word 2007 XML",
        sources,
    )
    soffice_convert(
        [sources / "heldout_lo_rapport_no.html", sources / "heldout_lo_small_pdf.html"],
        "pdf:writer_web_pdf_Export",
        sources,
    )
    soffice_convert([sources / "heldout_lo_hetu.txt"], "pdf", sources)
    made = {
        "heldout_lo_kommune.xlsx": "heldout_lo_kommune.xlsx",
        "heldout_lo_small.xlsx": "heldout_lo_small.xlsx",
        "heldout_lo_lan.ods": "heldout_lo_lan.ods",
        "heldout_lo_persons.ods": "heldout_lo_persons.ods",
        "heldout_lo_rapport.docx": "heldout_lo_rapport.docx",
        "heldout_lo_fnr.docx": "heldout_lo_fnr.docx",
        "heldout_lo_rapport_no.pdf": "heldout_lo_rapport_no.pdf",
        "heldout_lo_small.pdf": "heldout_lo_small_pdf.pdf",
        "heldout_lo_hetu.pdf": "heldout_lo_hetu.pdf",
    }
    for target, source in made.items():
        (sources / source).rename(folder / target)
    for leftover in sources.iterdir():
        leftover.unlink()
    sources.rmdir()
