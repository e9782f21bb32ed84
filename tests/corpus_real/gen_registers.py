"""Register extracts in the layouts of the Nordic statistical offices (Statistics Denmark,
SCB/MONA, SSB, Statistics Finland) as a researcher might try to take them out, and aggregate
tables whose large amounts look like identity numbers.

Each extract names its own country's number in its own language; the scanner should report the
number as that country's, not as a neighbour's whose check it happens to pass.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.identity_numbers import dk_cpr, fi_hetu, no_fnr, se_pnr
from tests.corpus_real.labels import MICRODATA, clean, risk

TOOL = "register extract layout"
EXECUTABLES: tuple[str, ...] = ()

ALL_SCHEMES = (
    "identifier.dk_cpr",
    "identifier.se_pnr",
    "identifier.no_fnr",
    "identifier.fi_hetu",
    "identifier.is_kennitala",
)


def _others(scheme: str) -> tuple[str, ...]:
    return tuple(code for code in ALL_SCHEMES if code != scheme)


LABELS = (
    risk(
        "register_dk_pnr.csv",
        "a Statistics Denmark style extract (';', Danish headers PNR, KOEN, FOED_DAG, KOM): "
        "CPR numbers written as 10 digits without the dash",
        "identifier.dk_cpr",
        not_codes=_others("identifier.dk_cpr"),
    ),
    risk(
        "register_dk_cpr_dashed.csv",
        "a Danish patient extract with CPR numbers as DDMMYY-SSSS under the header cpr_nr",
        "identifier.dk_cpr",
        not_codes=_others("identifier.dk_cpr"),
    ),
    risk(
        "register_se_personnummer.csv",
        "an SCB style extract with Swedish headers (PersonNr, Kon, FodelseAr, Kommun): "
        "personnummer as YYYYMMDD-NNNC",
        "identifier.se_pnr",
        not_codes=_others("identifier.se_pnr"),
    ),
    risk(
        "register_se_personnummer_short.csv",
        "a Swedish extract with personnummer written YYMMDD-NNNC, the shape of a Danish CPR "
        "number: the Swedish headers (personnummer, kön, kommun) say which it is",
        "identifier.se_pnr",
        not_codes=_others("identifier.se_pnr"),
    ),
    risk(
        "register_no_fnr.csv",
        "an SSB style extract with Norwegian headers (fnr, kjonn, kommune, inntekt): "
        "11-digit fødselsnummer",
        "identifier.no_fnr",
        not_codes=_others("identifier.no_fnr"),
    ),
    risk(
        "register_fi_hetu.csv",
        "a Finnish extract (henkilotunnus, sukupuoli, kunta): HETU with check character",
        "identifier.fi_hetu",
        not_codes=_others("identifier.fi_hetu"),
    ),
    risk(
        "register_mona_lopnr.csv",
        "a MONA extract with the pseudonymised key P1105_LopNr_PersonNr, one row per person",
        "identifier.column",
        MICRODATA,
    ),
    risk(
        "register_ssb_lnr.csv",
        "an SSB microdata file with the pseudonymised key w19_0634_lnr, one row per person",
        "identifier.column",
        MICRODATA,
    ),
    clean(
        "register_aggregate_sums_dk.csv",
        "an aggregate by municipality code (KOM) and year with the number of persons and the "
        "sum of their income in kroner: 10-digit sums that can pass a CPR date check",
    ),
    clean(
        "register_aggregate_turnover.csv",
        "turnover by industry and year in 1,000 kr: 8-digit aggregate amounts that can pass "
        "the CVR check, with the number of firms (all >= 10)",
    ),
)


def _csv(rows: list[list[object]], sep: str) -> str:
    return "\n".join(sep.join(str(v) for v in row) for row in rows) + "\n"


MUNICIPALITIES = (
    101,
    147,
    151,
    157,
    159,
    161,
    163,
    165,
    167,
    169,
    173,
    175,
    183,
    185,
    187,
    190,
    201,
    210,
    217,
    219,
    223,
    230,
    240,
    250,
    253,
    259,
    260,
    265,
    269,
    270,
)


def write(folder: Path) -> None:
    rng = random.Random(77)
    rows: list[list[object]] = [["PNR", "KOEN", "FOED_DAG", "KOM", "SOCIO13", "PERINDKIALT_13"]]
    for _ in range(300):
        number = dk_cpr(rng, dash=False)
        century = "19"
        birth = f"{number[:2]}.{number[2:4]}.{century}{number[4:6]}"
        sex = 1 if int(number[-1]) % 2 else 2
        rows.append(
            [
                number,
                sex,
                birth,
                rng.choice(MUNICIPALITIES),
                rng.choice((111, 131, 139, 210, 310, 321, 330)),
                f"{rng.uniform(40000, 900000):.0f}",
            ]
        )
    (folder / "register_dk_pnr.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["cpr_nr", "koen", "indlaeggelse", "udskrivning", "diagnose"]]
    for _ in range(120):
        rows.append(
            [
                dk_cpr(rng),
                rng.choice(("M", "K")),
                f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(("DI21", "DE11", "DJ44", "DC50")),
            ]
        )
    (folder / "register_dk_cpr_dashed.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["PersonNr", "Kon", "FodelseAr", "Kommun", "DispInk04"]]
    for _ in range(250):
        number = se_pnr(rng)
        rows.append(
            [
                number,
                rng.choice((1, 2)),
                number[:4],
                rng.choice(("0180", "1480", "1280", "0380", "2480")),
                rng.randint(800, 6000) * 100,
            ]
        )
    (folder / "register_se_personnummer.csv").write_text(_csv(rows, ","), encoding="utf-8")

    rows = [["personnummer", "kön", "födelseår", "kommun", "inkomst"]]
    for _ in range(200):
        number = se_pnr(rng, long=False)
        rows.append(
            [
                number,
                rng.choice(("man", "kvinna")),
                f"19{number[:2]}",
                rng.choice(("Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå")),
                rng.randint(800, 6000) * 100,
            ]
        )
    (folder / "register_se_personnummer_short.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["fnr", "kjonn", "fodselsaar", "kommune", "inntekt"]]
    for _ in range(200):
        number = no_fnr(rng)
        rows.append(
            [
                number,
                rng.choice((1, 2)),
                f"19{number[4:6]}",
                rng.choice(("0301", "4601", "5001", "1103", "5401")),
                rng.randint(1500, 9000) * 100,
            ]
        )
    (folder / "register_no_fnr.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["henkilotunnus", "sukupuoli", "kunta", "tulot"]]
    for _ in range(200):
        rows.append(
            [
                fi_hetu(rng),
                rng.choice((1, 2)),
                rng.choice(("091", "049", "092", "837", "853")),
                rng.randint(900, 8000) * 10,
            ]
        )
    (folder / "register_fi_hetu.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["P1105_LopNr_PersonNr", "Kon", "FodelseAr", "Kommun", "DispInk04"]]
    for number in rng.sample(range(1, 9_000_000), 400):
        rows.append(
            [
                number,
                rng.choice((1, 2)),
                rng.randint(1940, 2004),
                rng.choice(("0180", "1480", "1280", "0380")),
                rng.randint(800, 6000) * 100,
            ]
        )
    (folder / "register_mona_lopnr.csv").write_text(_csv(rows, ","), encoding="utf-8")

    rows = [["w19_0634_lnr", "kjonn", "fodselsaar", "kommune", "inntekt"]]
    for number in rng.sample(range(10_000_000, 99_999_999), 400):
        rows.append(
            [
                number,
                rng.choice((1, 2)),
                rng.randint(1940, 2004),
                rng.choice(("0301", "4601", "5001")),
                rng.randint(1500, 9000) * 100,
            ]
        )
    (folder / "register_ssb_lnr.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["KOM", "AAR", "ANTAL", "SUM_PERINDKIALT_13", "GNS_PERINDKIALT_13"]]
    for municipality in MUNICIPALITIES:
        size = rng.randint(3000, 40000)
        for year in range(2013, 2023):
            people = size + rng.randint(-300, 300)
            total = people * rng.randint(220000, 380000)
            rows.append(
                [municipality, year, people, total, f"{total / people:.1f}".replace(".", ",")]
            )
    (folder / "register_aggregate_sums_dk.csv").write_text(_csv(rows, ";"), encoding="utf-8")

    rows = [["branche", "aar", "antal_firmaer", "omsaetning_1000kr"]]
    for industry in ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N"):
        for year in range(2015, 2023):
            rows.append(
                [industry, year, rng.randint(10, 5000), rng.randint(10_000_000, 99_999_999)]
            )
    (folder / "register_aggregate_turnover.csv").write_text(_csv(rows, ";"), encoding="utf-8")
