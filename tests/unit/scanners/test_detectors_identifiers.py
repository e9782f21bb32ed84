"""National identifiers in text and in table columns (detectors fed directly, no readers)."""

from __future__ import annotations

import random

import pytest
from detector_feed import codes, run, table, text
from identifier_samples import (
    HETU,
    KENNITALA,
    NO_ORGNR,
    cpr,
    cvr,
    cvr_passing_amounts,
    no_fnr,
    se_pnr,
)

from scanners.model import Policy, Table, TextBlock

RNG = random.Random(20240601)


def test_dashed_cpr_in_prose_is_a_finding_with_masked_evidence() -> None:
    number = cpr(RNG)
    dashed = f"{number[:6]}-{number[6:]}"
    findings = text(f"Eksempel: personen med {dashed} flyttede.")
    assert codes(findings) == {"identifier.dk_cpr"}
    assert findings[0].evidence == f"{number[:4]}**-****"
    assert number not in findings[0].evidence and number[6:] not in findings[0].evidence


def test_cpr_failing_modulus_11_still_counts() -> None:
    number = cpr(RNG, modulus=False)
    assert codes(text(f"{number[:6]}-{number[6:]}")) == {"identifier.dk_cpr"}


def test_bare_ten_digits_need_context() -> None:
    number = cpr(RNG)
    assert codes(text(f"Ordre {number} er afsendt")) == set()
    assert codes(text(f"CPR-nr.: {number}")) == {"identifier.dk_cpr"}


def test_a_list_of_date_valid_numbers_counts_without_a_word() -> None:
    numbers = [cpr(RNG) for _ in range(4)]
    findings = text("\n".join(f"{n} 1 34" for n in numbers), location="line 10")
    assert codes(findings) == {"identifier.dk_cpr"}
    assert {f.location for f in findings} == {"line 10", "line 11", "line 12", "line 13"}


def test_strong_nordic_forms_count_by_themselves() -> None:
    found = codes(text(f"{no_fnr(RNG)} / {HETU} / {KENNITALA} / {se_pnr(RNG)}"))
    assert {"identifier.no_fnr", "identifier.fi_hetu", "identifier.is_kennitala"} <= found
    assert "identifier.se_pnr" in found or "identifier.dk_cpr" in found


def test_cvr_needs_a_word_and_phone_numbers_do_not_count() -> None:
    number = cvr(RNG)
    assert codes(text(f"Firmaet har CVR {number}")) == {"identifier.dk_cvr"}
    assert codes(text(f"Ring på tlf. {number}")) == set()
    assert codes(text(f"Beløb {number} kr")) == set()


def test_yyyymmdd_dates_are_not_cvr_numbers() -> None:
    assert codes(text("cvr-udtræk af 20190315 og 20200101 og 19991231")) == set()


def test_norwegian_orgnr_with_its_word() -> None:
    assert codes(text(f"Organisasjonsnummer {NO_ORGNR}")) == {"identifier.no_orgnr"}


def test_only_enabled_schemes_are_reported() -> None:
    policy = Policy(identifier_schemes=("dk_cvr",))
    number = cpr(RNG)
    found = run(texts=[TextBlock(text=f"{number[:6]}-{number[6:]}", location="p1")], policy=policy)
    assert found == []


def test_column_of_cprs_under_a_pnr_header_is_one_finding() -> None:
    rows = [["pnr", "udd"]] + [[cpr(RNG), "x"] for _ in range(50)]
    findings = [f for f in table(rows) if f.code == "identifier.dk_cpr"]
    assert len(findings) == 1
    assert findings[0].location == "Tabel 1!A2"
    assert "50 values" in findings[0].message


def test_spreadsheet_numbers_that_lost_their_leading_zero() -> None:
    numbers = [cpr(RNG) for _ in range(30)]
    numbers = ["0" + n[1:] for n in numbers]  # days 01-09
    rows = [["CPR", "n"]] + [[float(int(n)), 1] for n in numbers]
    assert "identifier.dk_cpr" in codes(table(rows))


def test_excel_scientific_notation_in_an_identifier_column() -> None:
    rows = [["cprnr"]] + [["1.01E+09"], ["1.01E+09"], ["2.31E+09"]]
    assert "identifier.dk_cpr" in codes(table(rows))


def test_unique_valid_column_without_header_counts() -> None:
    rows = [["a", "b"]] + [[cpr(RNG), "k"] for _ in range(20)]
    assert "identifier.dk_cpr" in codes(table(rows))


def test_aggregate_sums_that_pass_the_cvr_check_are_not_cvr_numbers() -> None:
    amounts = cvr_passing_amounts(RNG, 6)
    rows = [["Branche", "Omsætning i alt"]] + [[f"B{i}", a] for i, a in enumerate(amounts)]
    assert not {c for c in codes(table(rows)) if c.startswith("identifier.")}
    rows = [["Branche", "2019"]] + [[f"B{i}", a] for i, a in enumerate(amounts)]
    rows.append(["I alt", sum(amounts)])
    assert not {c for c in codes(table(rows)) if c.startswith("identifier.")}


def test_cvr_column_under_cvrnr_header_is_a_risk() -> None:
    rows = [["cvrnr", "branche"]] + [[int(cvr(RNG)), "47"] for _ in range(10)]
    assert {"identifier.dk_cvr", "identifier.column"} <= codes(table(rows))


def test_ten_digit_numbers_that_are_not_dates() -> None:
    rows = [["ordrenr", "beløb"]] + [
        [RNG.randint(4_000_000_000, 9_999_999_999), 100] for _ in range(40)
    ]
    assert not {c for c in codes(table(rows)) if c.startswith("identifier.")}


def test_phone_number_column_is_not_cvr() -> None:
    rows = [["telefon"]] + [
        [f"{RNG.randint(20, 99)}{RNG.randint(100000, 999999)}"] for _ in range(40)
    ]
    assert not {c for c in codes(table(rows)) if c.startswith("identifier.dk_cvr")}


def test_identifier_inside_a_text_cell() -> None:
    number = cpr(RNG)
    rows = [["note", "n"], [f"Person {number[:6]}-{number[6:]} udgik", 5], ["andet", 7]]
    findings = [f for f in table(rows) if f.code == "identifier.dk_cpr"]
    assert findings and findings[0].location == "Tabel 1!A2"


def test_findings_are_capped_per_code() -> None:
    lines = "\n".join(f"{n[:6]}-{n[6:]}" for n in (cpr(RNG) for _ in range(40)))
    findings = text(lines)
    assert len(findings) == 11
    assert "30 more" in findings[-1].message


@pytest.mark.parametrize("part", ["code", "body"])
def test_sas_datalines_with_bare_numbers(part: str) -> None:
    lines = (
        ["data x; input pnr $ 10. koen; datalines;"] + [f"{cpr(RNG)} 1" for _ in range(5)] + [";"]
    )
    block = TextBlock(text="\n".join(lines), location="line 1", part=part)  # type: ignore[arg-type]
    assert codes(run(texts=[block])) == {"identifier.dk_cpr"}


def test_chunked_table_keeps_header_context() -> None:
    first = Table(
        name="big", rows=[["pnr", "x"]] + [[cpr(RNG), 1] for _ in range(10)], is_last_chunk=False
    )
    second = Table(name="big", rows=[[cpr(RNG), 1] for _ in range(10)], row_offset=11)
    assert "identifier.dk_cpr" in codes(run(tables=[first, second]))


def test_strong_identifier_after_the_column_sample_is_still_found() -> None:
    head = Table(name="big.csv", rows=[["id", "x"]] + [[4_000_000_000 + i, 1] for i in range(2500)])
    number = cpr(RNG)
    tail = Table(name="big.csv", rows=[[_dashed(number), 1]], row_offset=90_000)
    findings = [f for f in run(tables=[head, tail]) if f.code == "identifier.dk_cpr"]
    assert [f.location for f in findings] == ["big.csv!A90001"]


def _dashed(number: str) -> str:
    return f"{number[:6]}-{number[6:]}"


def test_cpr_written_with_a_space_is_found_and_masked() -> None:
    number = cpr(RNG)
    findings = text(f"Person {number[:6]} {number[6:]} indgik ved en fejl.")
    assert codes(findings) == {"identifier.dk_cpr"}
    assert number[6:] not in findings[0].evidence


def test_spaced_number_failing_modulus_needs_context() -> None:
    number = cpr(RNG, modulus=False)
    spaced = f"{number[:6]} {number[6:]}"
    assert codes(text(f"Tabel {spaced} samlet")) == set()
    assert codes(text(f"Patientens cpr: {spaced}")) == {"identifier.dk_cpr"}


def test_spaced_digits_that_are_no_date_are_not_a_cpr() -> None:
    assert codes(text("Konto 991399 1234 og 453212 9876")) == set()


@pytest.mark.parametrize("line", ["navn;{cpr};34\n", "{cpr}\n", "Person {cpr} i alt\n"])
def test_a_one_line_csv_is_read_although_it_is_all_header(tmp_path, line: str) -> None:
    from scanners import scan

    number = cpr(random.Random(3))
    path = tmp_path / "one.csv"
    path.write_text(line.format(cpr=f"{number[:6]}-{number[6:]}"))
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert [f.location for f in report.findings if f.code == "identifier.dk_cpr"][0].startswith(
        "line 1"
    )
