"""Key-variable headers and unit-record (row-level) tables."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from detector_feed import codes, run, table
from identifier_samples import cpr

from scanners.detectors.key_variables import key_variable_in
from scanners.model import Policy, Table, TextBlock

RNG = random.Random(7)


@pytest.mark.parametrize(
    "header",
    ["PNR", "pnr", "CVRNR", "BOPIKOM", "C_FAMILIE_ID", "D_FAMILIE_ID", "P1105_LopNr_PersonNr",
     "LopNr", "w19_0634_lnr", "mor_lnr", "fodselsnr", "E_FAELLE_ID", "mor_pnr", "pnr_2019"],
)  # fmt: skip
def test_key_variable_names(header: str) -> None:
    assert key_variable_in(header) is not None


@pytest.mark.parametrize(
    "header", ["antal_pnr", "pnr_count", "n_pnr", "kommune", "koen", "indkomst"]
)
def test_names_that_are_not_keys(header: str) -> None:
    assert key_variable_in(header) is None


def test_key_variable_header_is_a_risk_at_its_cell() -> None:
    rows = [["kommune", "BOPIKOM", "antal"], ["A", "x", 4], ["B", "y", 5]]
    found = [f for f in table(rows) if f.code == "identifier.column"]
    assert [f.location for f in found] == ["Tabel 1!B1"]


def test_project_key_variables_from_the_policy() -> None:
    rows = [["proj_key", "antal"], ["a", 4], ["b", 5]]
    policy = Policy(extra_key_variables=("PROJ_KEY",))
    assert "identifier.column" in codes(run(tables=[Table(name="t", rows=rows)], policy=policy))


def test_code_that_mentions_pnr_is_not_a_column_header() -> None:
    block = TextBlock(
        text="proc sort data=x; by pnr; run;\nkeep pnr koen;", location="line 1", part="code"
    )
    assert run(texts=[block]) == []


def test_a_key_in_a_body_row_is_not_a_header() -> None:
    rows = [["Variabel", "Beskrivelse"], ["PNR", "Personnummer"], ["KOEN", "Køn"]]
    assert "identifier.column" not in codes(table(rows))


def microdata(n: int) -> list[list[object]]:
    """Unit records; birth dates as date objects, as a data-file reader gives them."""
    rows: list[list[object]] = [["id", "koen", "alder", "kom", "indkomst", "foed_dag"]]
    for i in range(n):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=RNG.randint(0, 20000))
        person = [100000 + i * 7, RNG.randint(1, 2), RNG.randint(18, 90)]
        rows.append([*person, RNG.choice([101, 147, 751]), round(RNG.uniform(1e5, 9e5), 2), born])
    return rows


def test_unit_records_are_row_level() -> None:
    found = table(microdata(300), name="data.csv")
    assert "microdata.row_level" in codes(found)
    # the microdata finding replaces the small-cell noise of its small integers
    assert "table.small_cell" not in codes(found)


def test_small_unit_record_extract_is_row_level() -> None:
    assert "microdata.row_level" in codes(table(microdata(40)))


def test_aggregated_municipality_table_is_not_row_level() -> None:
    rows = [["Kommune", "Antal"]] + [[f"Kommune {i}", RNG.randint(3, 9000)] for i in range(40)]
    assert codes(table(rows)) == set()


def test_aggregate_without_count_words_is_not_row_level() -> None:
    rows = [["Kommune", "Mænd", "Kvinder"]] + [
        [f"K{i}", RNG.randint(300, 9000), RNG.randint(300, 9000)] for i in range(98)
    ]
    assert codes(table(rows)) == set()


def test_long_format_aggregate_is_not_row_level() -> None:
    rows = [["kommune", "koen", "aldersgruppe", "antal"]]
    for k in range(50):
        for s in (1, 2):
            for a in range(10):
                rows.append([k, s, a, RNG.randint(3, 500)])
    assert "microdata.row_level" not in codes(table(rows))


def test_a_data_file_with_unit_rows() -> None:
    rows = [["koen", "alder", "udd"]] + [
        [RNG.randint(1, 2), RNG.randint(18, 90), RNG.randint(10, 70)] for _ in range(60)
    ]
    assert "microdata.row_level" in codes(
        run(tables=[Table(name="x.dta", rows=rows, source="data_file")])
    )


def test_regression_output_is_not_row_level() -> None:
    rows = [["term", "estimate", "std.error", "statistic", "p.value"]]
    rows += [[f"x{i}", RNG.random(), RNG.random(), RNG.random(), RNG.random()] for i in range(60)]
    rows += [["(Intercept)", 1.0, 0.1, 10.0, 0.0]]
    assert "microdata.row_level" not in codes(table(rows))


def test_chunked_unit_records_with_bounded_sample() -> None:
    header = [["pnr", "indkomst"]]
    chunks = []
    offset = 0
    for k in range(5):
        body = [[cpr(RNG), RNG.randint(100000, 900000)] for _ in range(300)]
        rows = header + body if k == 0 else body
        chunks.append(Table(name="big.csv", rows=rows, row_offset=offset, is_last_chunk=k == 4))
        offset += len(rows)
    found = run(tables=chunks)
    assert {"microdata.row_level", "identifier.dk_cpr", "identifier.column"} <= codes(found)
    assert len([f for f in found if f.code == "identifier.dk_cpr"]) == 1
    row_level = next(f for f in found if f.code == "microdata.row_level")
    assert "1500 rows" in row_level.message
