"""Tables as statistical offices publish them, written to their download layouts: Statistics
Denmark's StatBank, Eurostat's TSV, SCB's PxWeb and SSB's StatBank csv. Researchers bring them
in and out as context for their own results: published aggregates, clean.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import clean

TOOL = "statistical office layout"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    clean(
        "statbank_folk1a.csv",
        "a StatBank (Statistikbanken) csv download: title line, 'Enhed: Antal', quarters as "
        "columns, municipality x sex rows with population counts in the thousands",
    ),
    clean(
        "eurostat_demo_pjan.tab",
        "a Eurostat TSV: 'freq,unit,sex,age,geo\\TIME_PERIOD' then years, values with thousands "
        "spaces and flags (p, :)",
    ),
    clean(
        "pxweb_scb_befolkning.csv",
        "an SCB PxWeb csv export: region code and name, sex, one column per year",
    ),
    clean(
        "ssb_07459.csv",
        "an SSB StatBank csv in long form: region, sex, statistics variable, year, value",
    ),
)

MUNICIPALITIES = (
    "København",
    "Frederiksberg",
    "Aarhus",
    "Odense",
    "Aalborg",
    "Esbjerg",
    "Vejle",
    "Randers",
    "Viborg",
    "Kolding",
    "Silkeborg",
    "Horsens",
    "Herning",
    "Roskilde",
    "Næstved",
    "Slagelse",
    "Holbæk",
    "Sønderborg",
    "Svendborg",
    "Hjørring",
)


def write(folder: Path) -> None:
    rng = random.Random(1849)
    quarters = [f"{year}K{q}" for year in (2022, 2023) for q in (1, 2, 3, 4)]
    lines = [
        "Befolkningen den 1. i kvartalet efter område, køn og tid",
        "Enhed: Antal",
        "",
        ";;" + ";".join(quarters),
    ]
    for municipality in ("Hele landet", *MUNICIPALITIES):
        base = 2_950_000 if municipality == "Hele landet" else rng.randint(25_000, 330_000)
        for index, sex in enumerate(("Mænd", "Kvinder")):
            values = [base + rng.randint(-500, 500) + 120 * q for q in range(len(quarters))]
            label = municipality if index == 0 else ""
            lines.append(f"{label};{sex};" + ";".join(str(v) for v in values))
    (folder / "statbank_folk1a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    years = list(range(2014, 2024))
    lines = ["freq,unit,sex,age,geo\\TIME_PERIOD\t" + "\t".join(f"{y} " for y in years)]
    for geo in ("DK", "SE", "NO", "FI", "IS", "DE"):
        for sex in ("F", "M", "T"):
            for age in ("TOTAL", "Y_LT15", "Y15-64", "Y_GE65"):
                cells = []
                for year in years:
                    value = rng.randint(40_000, 9_000_000)
                    flag = "p" if year == years[-1] else ""
                    text = f"{value:,}".replace(",", " ")
                    cells.append(": " if geo == "IS" and year < 2016 else f"{text} {flag}")
                lines.append(f"A,NR,{sex},{age},{geo}\t" + "\t".join(cells))
    (folder / "eurostat_demo_pjan.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")

    regions = (
        "0114 Upplands Väsby",
        "0180 Stockholm",
        "1280 Malmö",
        "1480 Göteborg",
        "0380 Uppsala",
        "2480 Umeå",
        "0580 Linköping",
        "1880 Örebro",
    )
    lines = ['"region","kön",' + ",".join(f'"{y}"' for y in years)]
    for region in regions:
        for sex in ("män", "kvinnor"):
            base = rng.randint(20_000, 500_000)
            lines.append(f'"{region}","{sex}",' + ",".join(str(base + 900 * i) for i in range(10)))
    (folder / "pxweb_scb_befolkning.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = [
        '"region";"kjønn";"statistikkvariabel";"år";"07459: Befolkning, etter region, '
        'kjønn, statistikkvariabel og år"'
    ]
    for region in ("0301 Oslo", "4601 Bergen", "5001 Trondheim", "1103 Stavanger", "5401 Tromsø"):
        for sex in ("Menn", "Kvinner"):
            base = rng.randint(20_000, 360_000)
            for i, year in enumerate(years):
                lines.append(f'"{region}";"{sex}";"Personer";"{year}";{base + 700 * i}')
    (folder / "ssb_07459.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
