"""Tables as other tools export them, typed to their layouts: R's tableone print, a gtsummary
table saved as csv, SAS PROC SUMMARY's output data set (_TYPE_, _FREQ_), tidy long tables
(``name, value``), an age pyramid by single year, a weekly series, proportions that add up to
1, and survey exports with open text answers.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk

TOOL = "hand-written (tableone, gtsummary, SAS data sets, tidy tables)"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "ht_tableone.txt",
        "print(CreateTableOne(strata = 'region')): an n row (all >= 200), means (SD) and "
        "n (%) per stratum, p-values",
    ),
    clean(
        "ht_gtsummary.csv",
        "a gtsummary table saved with as_tibble(): 'Characteristic', '**Mænd**, N = 1,004' "
        "headers, n (%) and median (IQR) cells, every n >= 30",
    ),
    clean(
        "ht_proc_summary.csv",
        "SAS PROC SUMMARY's output data set exported: region, koen, _TYPE_ (0-3), _FREQ_ "
        "(all >= 90) and mean income",
    ),
    clean(
        "ht_tidy_long.csv",
        "a tidy long table (aar, kommune, variabel, value): counts and means of each "
        "municipality and year, every count >= 50",
    ),
    clean(
        "ht_age_pyramid.csv",
        "persons by single year of age 0-99 and sex for the whole country: counts in the thousands",
    ),
    clean(
        "ht_weekly_series.csv",
        "weekly numbers of positive tests by region: week start and end dates, counts >= 5",
    ),
    clean(
        "ht_proportions.csv",
        "the share of each education level by region as proportions adding up to 1 per "
        "region, with the region's N in the hundreds",
    ),
    risk(
        "ht_tableone_small.txt",
        "the tableone print where one stratum has n = 2: its means are two persons' values",
        SMALL_CELL,
    ),
    risk(
        "ht_age_pyramid_small.csv",
        "persons by single year of age and sex in one municipality: counts of 1 and 2 at the "
        "oldest ages",
        SMALL_CELL,
    ),
    risk(
        "ht_survey_free_text.csv",
        "a survey export with a submission time, three rated questions and an open comment "
        "per respondent (each comment different), one row per respondent",
        MICRODATA,
    ),
    risk(
        "ht_proc_summary_small.csv",
        "the PROC SUMMARY data set where one region x sex cell has _FREQ_ 2",
        SMALL_CELL,
    ),
    clean(
        "ht_confusion.txt",
        "a classifier's confusion matrix on a test set of 1,204 (Observed: no/yes by "
        "Predicted: no/yes), every cell >= 70",
    ),
    clean(
        "ht_deciles.csv",
        "income deciles: number of persons (about 20,000 each), mean, min and max per decile",
    ),
    clean(
        "ht_postcodes.csv",
        "a lookup table of 600 postcodes with the town and the municipality code of each: "
        "one row per postcode, no persons",
    ),
    clean(
        "ht_descriptives_missing.csv",
        "descriptive statistics per variable with N and the number of missing values (0-3)",
    ),
    clean(
        "ht_pandoc_grid.txt",
        "a pandoc grid table (+---+ rules, === under the header) of counts by region and sex "
        "with Danish thousands points, every count >= 298",
    ),
    risk(
        "ht_pandoc_grid_small.txt",
        "the pandoc grid table where Nordjylland's women are 2",
        SMALL_CELL,
    ),
    risk(
        "ht_gtsummary_small.csv",
        "a gtsummary table whose second column is headed '**Læsø**, N = 2': medians of two persons",
        SMALL_CELL,
    ),
    risk(
        "ht_siunitx_small.tex",
        "a LaTeX table with siunitx \\num{} cells where one municipality's women are 2",
        SMALL_CELL,
    ),
    risk(
        "ht_latex_header_n_small.tex",
        "a LaTeX Table 1 whose column header states 'Læsø (n=2)': a mean and a share of two "
        "persons",
        SMALL_CELL,
    ),
    risk(
        "ht_codebook_small.csv",
        "a codebook with frequencies where the value 'Uoplyst' of marital status has Antal 2",
        SMALL_CELL,
    ),
    risk(
        "ht_confusion_small.txt",
        "a confusion matrix from a validation in one small municipality (n = 14): cells of "
        "1 and 2 persons",
        SMALL_CELL,
    ),
    risk(
        "ht_eurostat_small.csv",
        "a Eurostat-style long download (freq, unit, sex, age, geo, TIME_PERIOD, OBS_VALUE) "
        "where one region's oldest women are 2",
        SMALL_CELL,
    ),
    risk(
        "ht_prescriptions.csv",
        "one row per prescription: year, ATC code, the patient's age and sex, and the amount "
        "(DDD) with decimals; no id, no dates",
        MICRODATA,
    ),
    risk(
        "ht_persons_dob_postcode.csv",
        "a person extract with only birth date, sex and postcode (three columns, 250 rows)",
        MICRODATA,
    ),
)

REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")


def _tableone(small: bool, strata: int = 5) -> str:
    n = [1204, 512, 733, 861, 2 if small else 298]
    w = 16
    head = "                          Stratified by region\n"
    head += " " * 26 + "".join(f"{r:<{w}}" for r in REGIONS) + "p      test\n"
    rows = [("n", [f"{x}" for x in n], "", "")]
    ages = [47.3, 49.1, 48.2, 47.9, 63.5 if small else 48.8]
    sds = [14.1, 13.8, 14.3, 14.0, 9.2 if small else 13.9]
    cells = [f"{a:.2f} ({s:.2f})" for a, s in zip(ages, sds, strict=True)]
    rows.append(("alder (mean (SD))", cells, "<0.001", ""))
    incomes = [372.4, 331.2, 340.8, 352.1, 341.5 if small else 329.9]
    rows.append(("indkomst (mean (SD))", [f"{i:.1f} (131.2)" for i in incomes], "0.012", ""))
    if not small:
        women = [612, 260, 371, 440, 151]
        cells = [f"{k} ({100 * k / m:.1f})" for k, m in zip(women, n, strict=True)]
        rows.append(("koen = Kvinde (%)", cells, "0.981", ""))
    if strata < len(REGIONS):  # a narrower print (to fit a page): the last strata only
        head = "                          Stratified by region\n"
        head += " " * 26 + "".join(f"{r:<{w}}" for r in REGIONS[-strata:]) + "p\n"
        rows = [(name, cells[-strata:], p, "") for name, cells, p, _ in rows]
    body = "".join(
        f"  {name:<24}" + "".join(f"{c:<{w}}" for c in cells) + f"{p:<7}{t}".rstrip() + "\n"
        for name, cells, p, t in rows
    )
    return head + body


def _gtsummary() -> str:
    return (
        '"**Characteristic**","**Mænd**, N = 1,004","**Kvinder**, N = 996"\n'
        '"Alder, år","48 (36, 59)","47 (36, 58)"\n'
        '"Uddannelse","",""\n'
        '"Grundskole","171 (17%)","162 (16%)"\n'
        '"Gymnasial","188 (19%)","175 (18%)"\n'
        '"Erhvervsfaglig","301 (30%)","244 (24%)"\n'
        '"Videregående","344 (34%)","415 (42%)"\n'
        '"Ryger","212 (21%)","188 (19%)"\n'
        '"Ukendt","31","35"\n'
    )


def _proc_summary(small: bool) -> str:
    rng = random.Random(4)
    lines = ["region,koen,_TYPE_,_FREQ_,mean_indkomst"]
    total = 2000
    lines.append(f",,0,{total},{rng.uniform(340000, 360000):.2f}")
    for sex in (1, 2):
        lines.append(
            f",{sex},1,{1000 + (sex == 1) * 4 - (sex == 2) * 4},{rng.uniform(330000, 370000):.2f}"
        )  # noqa: E501
    for r in range(1, 6):
        lines.append(f"{r},,2,{(621, 301, 420, 458, 200)[r - 1]},{rng.uniform(330000, 370000):.2f}")
    for r in range(1, 6):
        for sex in (1, 2):
            freq = (311, 310, 150, 151, 209, 211, 230, 228, 100, 100)[(r - 1) * 2 + sex - 1]
            if small and r == 5 and sex == 2:
                freq = 2
            lines.append(f"{r},{sex},3,{freq},{rng.uniform(300000, 400000):.2f}")
    return "\n".join(lines) + "\n"


def _tidy_long() -> str:
    rng = random.Random(9)
    lines = ["aar,kommune,variabel,value"]
    for year in (2021, 2022, 2023):
        for kommune in ("København", "Aarhus", "Odense", "Aalborg", "Vejle", "Herning"):
            lines.append(f"{year},{kommune},antal_personer,{rng.randint(50, 9000)}")
            lines.append(f"{year},{kommune},gns_indkomst,{rng.uniform(280000, 390000):.1f}")
            lines.append(f"{year},{kommune},andel_beskaeftigede,{rng.uniform(0.6, 0.8):.3f}")
    return "\n".join(lines) + "\n"


def _age_pyramid(small: bool) -> str:
    rng = random.Random(12)
    lines = ["alder;koen;antal"]
    for age in range(100):
        for sex in ("Mand", "Kvinde"):
            if small:
                count = max(1, int(60 * (1 - age / 100) ** 1.5 + rng.randint(-2, 2)))
                if age >= 96:
                    count = rng.choice((1, 2))
            else:
                count = int(38000 * (1 - age / 110) ** 0.6) + rng.randint(0, 900)
            lines.append(f"{age};{sex};{count}")
    return "\n".join(lines) + "\n"


def _weekly() -> str:
    import datetime as dt

    rng = random.Random(14)
    lines = ["uge_start,uge_slut,region,positive"]
    start = dt.date(2022, 1, 3)
    for week in range(52):
        first = start + dt.timedelta(weeks=week)
        last = first + dt.timedelta(days=6)
        for region in REGIONS:
            lines.append(f"{first},{last},{region},{rng.randint(5, 4000)}")
    return "\n".join(lines) + "\n"


def _proportions() -> str:
    rng = random.Random(15)
    lines = ["region,n,grundskole,gymnasial,erhvervsfaglig,videregaaende"]
    for region in REGIONS:
        parts = [rng.uniform(1, 3) for _ in range(4)]
        total = sum(parts)
        shares = [round(p / total, 3) for p in parts]
        shares[-1] = round(1 - sum(shares[:-1]), 3)
        lines.append(f"{region},{rng.randint(200, 1300)}," + ",".join(f"{s:.3f}" for s in shares))
    return "\n".join(lines) + "\n"


_COMMENTS = (
    "Ventetiden var for lang, men personalet var venligt",
    "Jeg fik ikke svar på mine spørgsmål om medicinen",
    "Alt i alt en god oplevelse",
    "Parkeringen er umulig ved afdelingen",
    "Lægen tog sig god tid og forklarede alt",
    "Maden var kold to dage i træk",
    "Jeg savnede information om opfølgning efter udskrivelsen",
    "Meget tilfreds med sygeplejerskerne på stuen",
    "Svært at finde vej på sygehuset",
    "Der var for meget larm om natten",
    "Jeg blev mødt med forståelse da jeg var bange",
    "Personalet talte hen over hovedet på mig",
    "Det var svært at komme igennem på telefonen",
    "Udskrivelsen gik for hurtigt synes jeg",
    "Jeg var glad for at min pårørende måtte blive",
    "Der manglede tolk ved samtalen med lægen",
    "Fysioterapeuten gav mig gode øvelser med hjem",
    "Ingen vidste hvornår jeg skulle opereres",
    "Rent og pænt på stuen hele tiden",
    "Jeg fik tre forskellige beskeder om det samme",
)


def _survey_free_text(seed: int = 21) -> str:
    rng = random.Random(seed)
    import datetime as dt

    lines = ["Submitted,Q1 Samlet tilfredshed,Q2 Information,Q3 Ventetid,Q4 Kommentar"]
    moment = dt.datetime(2024, 5, 1, 8, 0)
    for k in range(180):
        moment += dt.timedelta(minutes=rng.randint(3, 240))
        first, second = rng.sample(_COMMENTS, 2)
        comment = f"{first}. {second.lower()}" if rng.random() < 0.8 else ""
        lines.append(
            f"{moment:%Y-%m-%d %H:%M},{rng.randint(1, 5)},{rng.randint(1, 5)},"
            f'{rng.randint(1, 5)},"{comment}"'
        )
    return "\n".join(lines) + "\n"


def _persons_dob_postcode(seed: int = 22) -> str:
    rng = random.Random(seed)
    lines = ["birth_date,sex,postcode"]
    for _ in range(250):
        birth = f"{rng.randint(1930, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(f"{birth},{rng.choice('FM')},{rng.choice((2100, 2300, 5000, 8000, 9000))}")
    return "\n".join(lines) + "\n"


def _confusion(small: bool) -> str:
    cells = ((9, 2), (1, 2)) if small else ((812, 97), (74, 221))
    n = sum(sum(row) for row in cells)
    where = "validation in Læsø" if small else "test set"
    return (
        f"Confusion matrix ({where}, n = {n:,})\n\n"
        "                 Predicted: no   Predicted: yes\n"
        f"Observed: no     {cells[0][0]:>13}   {cells[0][1]:>14}\n"
        f"Observed: yes    {cells[1][0]:>13}   {cells[1][1]:>14}\n"
    )


def _deciles() -> str:
    rng = random.Random(16)
    lines = ["Decil,Antal personer,Gns. indkomst,Min,Max"]
    for d in range(1, 11):
        lines.append(
            f"{d},{rng.randint(20000, 21000)},{d * 40000 + rng.randint(0, 9999)},"
            f"{d * 35000},{d * 45000}"
        )
    return "\n".join(lines) + "\n"


def _eurostat_small() -> str:
    rng = random.Random(17)
    lines = ["DATAFLOW,LAST UPDATE,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"]
    for geo in ("DK011", "DK012", "DK013", "DK014"):
        for sex in ("M", "F"):
            for age in ("Y_LT15", "Y15-64", "Y_GE65"):
                for year in (2021, 2022):
                    value = rng.randint(500, 90000)
                    if (geo, sex, age, year) == ("DK014", "F", "Y_GE65", 2022):
                        value = 2
                    lines.append(
                        f"ESTAT:DEMO_R_PJANGROUP(1.0),12/03/24 23:00:00,A,NR,{sex},{age},{geo},"
                        f"{year},{value},"
                    )
    return "\n".join(lines) + "\n"


def _prescriptions() -> str:
    rng = random.Random(18)
    lines = ["aar,atc,alder,koen,ddd"]
    for _ in range(300):
        atc = rng.choice(("N06AB04", "C10AA01", "A10BA02", "R03AC02"))
        lines.append(
            f"{rng.choice((2021, 2022))},{atc},{rng.randint(18, 90)},{rng.choice('KM')},"
            f"{rng.uniform(10, 400):.1f}"
        )
    return "\n".join(lines) + "\n"


def _postcodes() -> str:
    rng = random.Random(19)
    towns = ("København K", "København V", "Frederiksberg C", "Valby", "Hellerup", "Odense C",
             "Aarhus C", "Aalborg", "Esbjerg", "Vejle", "Kolding", "Herning")  # fmt: skip
    lines = ["postnr;bynavn;kommunekode"]
    for code in sorted(rng.sample(range(1000, 9990), 600)):
        town = rng.choice(towns)
        lines.append(f"{code};{town};{rng.choice((101, 147, 461, 751, 851))}")
    return "\n".join(lines) + "\n"


DESCRIPTIVES_MISSING = """Variable,N,Missing,Mean,SD,Min,Max
alder,2000,0,47.3,14.1,18,80
indkomst,1998,2,362412.1,141802.0,19877,2401220
timer,1999,1,34.2,8.9,0,60
bmi,1997,3,26.1,4.7,15.2,51.0
"""

CODEBOOK_SMALL = """Variabel;Værdi;Label;Antal
koen;1;Mand;1004
koen;2;Kvinde;996
civst;1;Gift;1100
civst;2;Ugift;700
civst;3;Enke/enkemand;198
civst;9;Uoplyst;2
"""


def _pandoc_grid(small: bool) -> str:
    rows = [("Hovedstaden", "1.204", "1.297"), ("Sjælland", "512", "540"),
            ("Nordjylland", "298", "2" if small else "311")]  # fmt: skip
    rule = "+-------------+--------+----------+"
    lines = [rule, "| Region      | Mænd   | Kvinder  |", rule.replace("-", "=")]
    for region, men, women in rows:
        lines += [f"| {region:<11} | {men:<6} | {women:<8} |", rule]
    return "\n".join(lines) + "\n"


GTSUMMARY_SMALL = (
    '"**Characteristic**","**Hovedstaden**, N = 1,204","**Læsø**, N = 2"\n'
    '"Alder, år","48 (36, 59)","61 (57, 65)"\n'
    '"Indkomst, 1.000 kr.","338 (262, 431)","341 (312, 370)"\n'
)

SIUNITX_SMALL = r"""\begin{tabular}{lSS}
\toprule
Kommune & {Mænd} & {Kvinder} \\
\midrule
København & \num{31204} & \num{33297} \\
Aarhus & \num{16733} & \num{17751} \\
Ærø & \num{412} & \num{2} \\
\bottomrule
\end{tabular}
"""

LATEX_HEADER_N_SMALL = r"""\begin{tabular}{lrr}
\hline
 & Hovedstaden (n=1204) & Læsø (n=2) \\
\hline
Alder, gns. (SD) & 47.3 (14.1) & 61.0 (5.7) \\
Kvinder, \% & 50.8 & 50.0 \\
\hline
\end{tabular}
"""


FILES = {
    "ht_pandoc_grid.txt": lambda: _pandoc_grid(False),
    "ht_pandoc_grid_small.txt": lambda: _pandoc_grid(True),
    "ht_gtsummary_small.csv": lambda: GTSUMMARY_SMALL,
    "ht_siunitx_small.tex": lambda: SIUNITX_SMALL,
    "ht_latex_header_n_small.tex": lambda: LATEX_HEADER_N_SMALL,
    "ht_postcodes.csv": _postcodes,
    "ht_descriptives_missing.csv": lambda: DESCRIPTIVES_MISSING,
    "ht_codebook_small.csv": lambda: CODEBOOK_SMALL,
    "ht_confusion.txt": lambda: _confusion(False),
    "ht_confusion_small.txt": lambda: _confusion(True),
    "ht_deciles.csv": _deciles,
    "ht_eurostat_small.csv": _eurostat_small,
    "ht_prescriptions.csv": _prescriptions,
    "ht_tableone.txt": lambda: _tableone(False),
    "ht_tableone_small.txt": lambda: _tableone(True),
    "ht_gtsummary.csv": _gtsummary,
    "ht_proc_summary.csv": lambda: _proc_summary(False),
    "ht_proc_summary_small.csv": lambda: _proc_summary(True),
    "ht_tidy_long.csv": _tidy_long,
    "ht_age_pyramid.csv": lambda: _age_pyramid(False),
    "ht_age_pyramid_small.csv": lambda: _age_pyramid(True),
    "ht_weekly_series.csv": _weekly,
    "ht_proportions.csv": _proportions,
    "ht_survey_free_text.csv": _survey_free_text,
    "ht_persons_dob_postcode.csv": _persons_dob_postcode,
}


def write(folder: Path) -> None:
    for name, make in FILES.items():
        (folder / name).write_text(make(), encoding="utf-8")
