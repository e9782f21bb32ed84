"""The identifier scheme registry, each scheme on its own, and one scheme per value.

A value valid in several schemes is reported once, as the most likely: named by its header or
a nearby word, proven by its form, explaining its column, of the file's language, then the
registry's priority. Detectors are fed directly (no readers).
"""

from __future__ import annotations

import random
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from detector_feed import codes, run, table, text
from identifier_samples import (
    HETU,
    KENNITALA,
    NO_ORGNR,
    SE_ORGNR,
    compact_timestamps,
    cpr,
    cpr_also_se_pnr,
    cvr,
    no_fnr,
    pnum,
    pnum_also_cpr,
    se_pnr,
)

from scanners import identifiers
from scanners.model import DEFAULT_IDENTIFIER_SCHEMES, Policy, Table, TextBlock

RNG = random.Random(20261201)


def id_codes(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {c for c in codes(findings) if c.startswith("identifier.") and c != "identifier.column"}


def _other_check_digit(number: str, at: int = -1) -> str:
    """The same number with the digit at ``at`` changed: its check no longer holds."""
    index = at % len(number)
    digit = number[index]
    if digit.isdigit():
        replaced = str((int(digit) + 1) % 10)
    else:
        replaced = "A" if digit != "A" else "B"
    return number[:index] + replaced + number[index + 1 :]


# --- the registry -------------------------------------------------------------------------


def test_the_registry_holds_every_scheme_a_policy_can_name() -> None:
    assert set(identifiers.names()) == set(DEFAULT_IDENTIFIER_SCHEMES)
    folder = Path(identifiers.__file__).parent / "schemes"
    files = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert files == set(DEFAULT_IDENTIFIER_SCHEMES)
    for entry in identifiers.SCHEMES:
        assert entry.holder in ("person", "firm")
        assert entry.title and entry.country in ("dk", "se", "no", "fi", "is")
        assert 0 < entry.chance < 1
    priorities = [s.priority for s in identifiers.SCHEMES]
    assert priorities == sorted(priorities) and len(set(priorities)) == len(priorities)


def test_a_new_scheme_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "extra_schemes"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "xx_test.py").write_text(
        textwrap.dedent(
            """
            from scanners.identifiers.scheme import IdentifierScheme

            class TestNumber(IdentifierScheme):
                name = "xx_test"
                title = "test number"
                country = "dk"
                holder = "person"
                lengths = (9,)
                priority = 5
                chance = 0.001
                strong_bare = True

                def check(self, token: str) -> bool:
                    return token == "123454321"

            SCHEME = TestNumber()
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import extra_schemes  # type: ignore[import-not-found]

    monkeypatch.setattr(identifiers, "_package", extra_schemes)
    found = identifiers._discover()
    assert [s.name for s in found] == ["xx_test"]
    assert found[0].match("123454321", "bare") == identifiers.Match("xx_test", True)
    sys.modules.pop("extra_schemes.xx_test", None)


def test_a_scheme_file_must_be_named_for_its_scheme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "misnamed_schemes"
    package.mkdir()
    (package / "__init__.py").write_text("")
    source = (Path(identifiers.__file__).parent / "schemes" / "dk_cvr.py").read_text()
    (package / "dk_cvr_copy.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    import misnamed_schemes  # type: ignore[import-not-found]

    monkeypatch.setattr(identifiers, "_package", misnamed_schemes)
    with pytest.raises(ImportError, match="dk_cvr"):
        identifiers._discover()


# --- one test per scheme: valid, failing its check, and what context it needs ----------------


def _dashed(number: str) -> str:
    return f"{number[:6]}-{number[6:]}"


def test_dk_cpr() -> None:
    number = cpr(RNG)
    assert id_codes(text(f"Sagen vedrører {_dashed(number)}.")) == {"identifier.dk_cpr"}
    assert id_codes(text(f"Sagen vedrører {_dashed('3201' + number[4:])}.")) == set()  # day 32
    assert id_codes(text(f"Ordre {number} er afsendt")) == set()
    assert id_codes(text(f"CPR-nr.: {number}")) == {"identifier.dk_cpr"}


def test_dk_cvr() -> None:
    number = cvr(RNG)
    assert id_codes(text(f"Virksomhedens CVR-nummer er {number}.")) == {"identifier.dk_cvr"}
    assert id_codes(text(f"Virksomhedens CVR-nummer er {_other_check_digit(number)}.")) == set()
    assert id_codes(text(f"I alt {number} kr.")) == set()


def test_dk_pnum() -> None:
    number = pnum(RNG)
    assert id_codes(text(f"Arbejdsstedets P-nummer: {number}")) == {"identifier.dk_pnum"}
    assert id_codes(text(f"Arbejdsstedets P-nummer: {_other_check_digit(number)}")) == set()
    assert id_codes(text(f"Løbenummer {number}")) == set()


def test_no_fnr() -> None:
    number = no_fnr(RNG)
    assert id_codes(text(f"Pasient {number} ble innlagt")) == {"identifier.no_fnr"}
    assert id_codes(text(f"Pasient {_other_check_digit(number)} ble innlagt")) == set()


def test_no_orgnr() -> None:
    assert id_codes(text(f"Organisasjonsnummer {NO_ORGNR}")) == {"identifier.no_orgnr"}
    assert id_codes(text(f"Organisasjonsnummer {_other_check_digit(NO_ORGNR)}")) == set()
    assert id_codes(text(f"Beløp {NO_ORGNR} kroner")) == set()


def test_se_pnr() -> None:
    number = se_pnr(RNG)  # born 1940-1999: YY over 31, so never also a CPR date
    assert id_codes(text(f"Patienten {number} skrevs ut")) == {"identifier.se_pnr"}
    assert id_codes(text(f"Patienten {_other_check_digit(number)} skrevs ut")) == set()
    bare = number.replace("-", "")
    assert id_codes(text(f"Ärende {bare} stängt")) == set()
    assert id_codes(text(f"Personnummer: {bare}")) == {"identifier.se_pnr"}


def test_se_orgnr() -> None:
    assert id_codes(text(f"Organisationsnummer {SE_ORGNR}")) == {"identifier.se_orgnr"}
    assert id_codes(text(f"Organisationsnummer {_other_check_digit(SE_ORGNR)}")) == set()
    assert id_codes(text(f"Summa {SE_ORGNR} kronor")) == set()


def test_fi_hetu() -> None:
    assert id_codes(text(f"Potilas {HETU} kotiutettiin")) == {"identifier.fi_hetu"}
    assert id_codes(text(f"Potilas {_other_check_digit(HETU)} kotiutettiin")) == set()


def test_is_kennitala() -> None:
    assert id_codes(text(f"Kennitala: {KENNITALA}")) == {"identifier.is_kennitala"}
    broken = _other_check_digit(KENNITALA, at=9)  # the check digit
    assert "identifier.is_kennitala" not in id_codes(text(f"Kennitala: {broken}"))


def test_a_scheme_the_policy_leaves_out_is_not_reported() -> None:
    policy = Policy(identifier_schemes=("dk_cpr",))
    block = TextBlock(text=f"Organisasjonsnummer {NO_ORGNR}, {no_fnr(RNG)}", location="p1")
    assert run(texts=[block], policy=policy) == []


# --- one scheme per value ----------------------------------------------------------------


def _both_cpr_and_se_pnr(count: int) -> list[str]:
    return [cpr_also_se_pnr(RNG) for _ in range(count)]


def test_values_valid_as_cpr_and_personnummer_in_a_danish_file_are_cprs() -> None:
    rows = [["pnr", "køn", "alder", "kommune"]] + [
        [_dashed(n), "K", 40, "København"] for n in _both_cpr_and_se_pnr(30)
    ]
    findings = table(rows)
    assert id_codes(findings) == {"identifier.dk_cpr"}
    assert len([f for f in findings if f.code == "identifier.dk_cpr"]) == 1


def test_a_personnummer_header_in_a_swedish_file_means_personnummer() -> None:
    rows = [["personnummer", "kön", "ålder", "kommun", "län"]] + [
        [n, "K", 40, "Göteborg", "Västra Götaland"] for n in _both_cpr_and_se_pnr(30)
    ]
    findings = table(rows, name="Blad1")
    assert id_codes(findings) == {"identifier.se_pnr"}
    assert "Swedish personnummer" in next(f.message for f in findings if f.code.endswith("se_pnr"))


def test_a_swedish_report_in_text_names_a_personnummer_not_a_cpr() -> None:
    number = _dashed(cpr_also_se_pnr(RNG))
    swedish = f"Patienten med personnummer {number} är folkbokförd i Uppsala län och kommun."
    danish = f"Borgeren med cpr-nummer {number} er flyttet til en anden kommune og har ikke svaret."
    assert id_codes(text(swedish)) == {"identifier.se_pnr"}
    assert id_codes(text(danish)) == {"identifier.dk_cpr"}


def test_the_language_of_another_part_of_the_file_decides() -> None:
    number = _dashed(cpr_also_se_pnr(RNG))
    intro = TextBlock(
        text="Tabellen visar antal personer efter kön och ålder i varje kommun och län.",
        location="page 1",
    )
    hit = TextBlock(text=f"Exempel: {number}", location="page 9")
    assert id_codes(run(texts=[intro, hit])) == {"identifier.se_pnr"}
    assert id_codes(run(texts=[hit])) == {"identifier.dk_cpr"}  # no context: the Danish rules


def test_a_column_of_dashed_cprs_is_not_also_personnummer() -> None:
    numbers = [cpr(RNG) for _ in range(200)] + _both_cpr_and_se_pnr(5)
    rows = [["id", "x"]] + [[_dashed(n), 1] for n in numbers]
    findings = table(rows)
    assert id_codes(findings) == {"identifier.dk_cpr"}


def test_a_kennitala_in_an_icelandic_file() -> None:
    icelandic = f"Einstaklingar og fyrirtæki: kennitala {KENNITALA} í Reykjavík, samtals."
    assert id_codes(text(icelandic)) == {"identifier.is_kennitala"}
    rows = [["kennitala", "kyn", "aldur"]] + [[KENNITALA, "K", 40]]
    assert id_codes(table(rows)) == {"identifier.is_kennitala"}


def test_a_pnummer_column_holds_p_numbers_even_when_they_are_cpr_dates() -> None:
    rows = [["pnummer", "branche", "antal_ansatte"]] + [
        [pnum_also_cpr(RNG), "47", RNG.randint(3, 90)] for _ in range(25)
    ]
    assert id_codes(table(rows)) == {"identifier.dk_pnum"}


def test_a_p_number_named_in_text_is_a_p_number_not_a_cpr() -> None:
    number = pnum_also_cpr(RNG)
    assert id_codes(text(f"Produktionsenhedens P-nummer {number}")) == {"identifier.dk_pnum"}
    assert id_codes(text(f"CPR {number}")) == {"identifier.dk_cpr"}


def test_a_personnummer_in_a_cvr_column_is_reported_as_well() -> None:
    rows = [["cvrnr", "branche"]] + [[int(cvr(RNG)), "47"] for _ in range(20)]
    rows.append([se_pnr(RNG), "47"])
    found = id_codes(table(rows))
    assert found == {"identifier.dk_cvr", "identifier.se_pnr"}


def test_a_fodselsnummer_column_that_lost_its_leading_zero_is_not_a_cpr() -> None:
    numbers = [no_fnr(RNG) for _ in range(200)]
    zero_led = [n for n in numbers if n.startswith("0")][:20]
    rows = [["fnr", "kjønn", "fylke"]] + [[int(n), "M", "Oslo"] for n in zero_led]
    assert id_codes(table(rows)) == {"identifier.no_fnr"}


# --- weak matches with no context make no alarm -------------------------------------------


def test_compact_timestamps_are_not_a_column_of_cpr_numbers() -> None:
    stamps = compact_timestamps(RNG, 60)
    rows = [["a", "b"]] + [[s, RNG.randint(1, 9)] for s in stamps]
    assert id_codes(table(rows)) == set()
    real = [["a", "b"]] + [[cpr(RNG), RNG.randint(1, 9)] for _ in range(60)]
    assert id_codes(table(real)) == {"identifier.dk_cpr"}


def test_a_list_of_compact_timestamps_in_a_log_is_not_a_list_of_cprs() -> None:
    stamps = compact_timestamps(RNG, 8)
    log = "\n".join(f"job {s} finished in 3 s" for s in stamps)
    assert id_codes(text(log)) == set()
    cprs = "\n".join(f"job {cpr(RNG)} finished in 3 s" for _ in range(8))
    assert id_codes(text(cprs)) == {"identifier.dk_cpr"}


def test_row_ids_of_an_aggregate_table_that_happen_to_pass_are_no_alarm() -> None:
    # Ten-digit row ids; a few of them are CPR dates that pass modulus 11 by chance.
    ids = [RNG.randint(1_000_000_000, 9_999_999_999) for _ in range(300)]
    ids[::60] = [int(cpr(RNG)) for _ in ids[::60]]
    rows = [["raekke", "aar", "kommune", "antal"]] + [
        [i, 2020, RNG.randint(101, 860), RNG.randint(3, 900)] for i in ids
    ]
    assert id_codes(table(rows)) == set()


def test_phone_numbers_with_their_word_are_no_cvr() -> None:
    numbers = [cvr(RNG) for _ in range(4)]
    lines = "\n".join(f"Kontakt: tlf. {n}" for n in numbers)
    assert id_codes(text(lines)) == set()


# --- every row is looked at --------------------------------------------------------------


def test_an_identifier_in_the_last_row_of_a_long_table_is_found() -> None:
    rows: list[list[Any]] = [["aar", "kommune", "koen", "antal"]]
    rows += [[2000 + i % 20, 101 + i % 700, 1 + i % 2, 3 + i % 5000] for i in range(60_000)]
    number = cpr(RNG)
    rows.append([2020, 101, 1, _dashed(number)])
    findings = [f for f in table(rows, name="data") if f.code == "identifier.dk_cpr"]
    assert [f.location for f in findings] == ["data!D60002"]
    assert number[6:] not in findings[0].evidence


def test_an_identifier_in_column_300_is_found() -> None:
    width = 300
    header = [f"v{c}" for c in range(width)]
    body: list[list[Any]] = [[1] * width for _ in range(5)]
    body[3][299] = _dashed(cpr(RNG))
    findings = [f for f in table([header, *body]) if f.code == "identifier.dk_cpr"]
    assert [f.location for f in findings] == ["Tabel 1!KN5"]


def test_a_cell_with_a_line_break_keeps_its_row() -> None:
    number = cpr(RNG)
    rows = [["note", "n"], ["første\nlinje", 5], ["to", 6], [f"Person {_dashed(number)}", 7]]
    findings = [f for f in table(rows) if f.code == "identifier.dk_cpr"]
    assert [f.location for f in findings] == ["Tabel 1!A4"]


def test_a_long_text_block_finds_the_identifier_at_its_end_with_its_line() -> None:
    filler = "\n".join(f"{i};{i % 97};{i * 3 % 1000},5;ok" for i in range(50_000))
    number = cpr(RNG)
    block = TextBlock(text=f"{filler}\nslut {_dashed(number)}", location="line 1")
    findings = run(texts=[block])
    assert [(f.code, f.location) for f in findings] == [("identifier.dk_cpr", "line 50001")]


def test_chunks_after_the_first_are_read_in_full() -> None:
    head = Table(
        name="big",
        rows=[["aar", "antal"]] + [[2020, i % 50] for i in range(20_000)],
        is_last_chunk=False,
    )
    tail = Table(name="big", rows=[[2021, i % 50] for i in range(20_000)], row_offset=20_001)
    tail.rows[-1][1] = _dashed(cpr(RNG))
    findings = [f for f in run(tables=[head, tail]) if f.code == "identifier.dk_cpr"]
    assert [f.location for f in findings] == ["big!B40001"]


def test_a_numeric_column_with_an_empty_or_nan_first_cell_is_still_read() -> None:
    numbers = [int(cpr(RNG)) for _ in range(30)]
    for first in (float("nan"), None):
        rows = [["a", "b"], [first, 1]] + [[n, 1] for n in numbers]
        assert id_codes(table(rows)) == {"identifier.dk_cpr"}
    small = [["a", "b"]] + [[RNG.randint(1, 9_999_999), 1] for _ in range(30)]
    assert id_codes(table(small)) == set()


def test_a_column_of_swedish_mobile_numbers_is_not_cpr_numbers() -> None:
    # 070X-XXXXXX: day 07, month 0X, so nearly all pass the CPR date check.
    mobiles = [f"070{RNG.randint(1, 9)}{RNG.randint(0, 999_999):06d}" for _ in range(60)]
    for header in ("mobil", "kontakt"):
        rows = [[header, "n"]] + [[m, 1] for m in mobiles]
        assert id_codes(table(rows)) == set()


def test_an_identifier_in_a_column_of_amounts_is_found() -> None:
    amounts: list[Any] = [RNG.randint(10_000_000, 99_999_999) for _ in range(3000)]
    number = no_fnr(RNG)
    amounts[-2] = _dashed(cpr(RNG))
    amounts[-1] = int(number) if not number.startswith("0") else number
    rows = [["aar", "formue"]] + [[2020, a] for a in amounts]
    findings = table(rows, name="data")
    assert {(f.code, f.location) for f in findings if f.code.startswith("identifier.")} == {
        ("identifier.dk_cpr", "data!B3000"),
        ("identifier.no_fnr", "data!B3001"),
    }


def test_a_swedish_personnummer_written_with_its_century_is_found(tmp_path) -> None:
    from stdnum import luhn

    from scanners import scan

    def written(year: int, month: int, day: int, serial: int) -> str:
        ten = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
        return f"{year}{month:02d}{day:02d}-{serial:03d}{luhn.calc_check_digit(ten)}"

    numbers = [written(1950 + i % 40, 1 + i % 12, 1 + i % 28, 100 + i) for i in range(30)]
    table = tmp_path / "utdrag.csv"
    rows = "".join(f"{n};{1 + i % 2}\n" for i, n in enumerate(numbers))
    table.write_text("PersonNr;Kon\n" + rows)
    prose = tmp_path / "not.txt"
    prose.write_text(f"Personen {numbers[3]} flyttade till Uppsala.\n")
    for path, location in ((table, "line 2, column 1"), (prose, "line 1")):
        report = scan(path, isolate=False)
        found = [f for f in report.findings if f.code == "identifier.se_pnr"]
        assert report.verdict == "risk"
        assert found and found[0].location.startswith(location)
        assert "-" in found[0].evidence and numbers[0][9:] not in found[0].evidence
