"""Table rules: small cells, differencing, dominance, and the tables that must not be flagged."""

from __future__ import annotations

from detector_feed import codes, run, table

from scanners.model import Policy, Table


def small(findings: list) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.code == "table.small_cell"]


def test_counts_of_1_and_2_are_small_cells_at_their_location() -> None:
    rows = [
        ["Kommune", "Mænd", "Kvinder", "I alt"],
        ["København", 120, 2, 122],
        ["Aarhus", 1, 90, 91],
        ["I alt", 121, 92, 213],
    ]
    found = small(table(rows))
    assert {f.location for f in found} == {"Tabel 1!C2", "Tabel 1!B3"}
    assert all("at least 3 observations" in f.message for f in found)


def test_zero_is_a_structural_zero_not_a_small_cell() -> None:
    rows = [["Alder", "Antal"], ["0-14", 0], ["15-64", 540], ["65+", 230]]
    assert small(table(rows)) == []


def test_policy_minimum_of_5() -> None:
    rows = [["Gruppe", "Antal"], ["A", 4], ["B", 40], ["C", 33]]
    assert small(table(rows)) == []
    found = small(run(tables=[Table(name="t", rows=rows)], policy=Policy(min_cell_count=5)))
    assert [f.evidence for f in found] == ["4"]


def test_csv_strings_with_danish_notation() -> None:
    rows = [
        ["kommune;", "antal", "gns. indkomst"],
        ["A", "2", "345.000,50"],
        ["B", "37", "301.200,10"],
    ]
    found = small(table(rows))
    assert [f.evidence for f in found] == ["2"]
    assert "N = 2" in found[0].message


def test_magnitude_table_flags_the_n_beside_a_mean() -> None:
    rows = [["Branche", "N", "Mean", "Median"], ["A", 2, 4513.2, 4100.0], ["B", 40, 3120.5, 2999.0]]
    found = small(table(rows))
    assert [f.location for f in found] == ["Tabel 1!B2"]


def test_years_in_the_header_are_not_counts() -> None:
    rows = [["Kommune", 2019, 2020, 2021], ["A", 40, 41, 45], ["B", 33, 35, 36]]
    assert small(table(rows)) == []


def test_percentages_are_not_counts() -> None:
    rows = [["Kommune", "Andel (%)", "Pct. kvinder"], ["A", 1.5, 2], ["B", 98.5, 1]]
    assert small(table(rows)) == []
    rows = [["Kommune", "Mænd", "Kvinder"], ["A", 98, 2], ["B", 1, 99], ["C", 50, 50]]
    assert small(table(rows)) == []  # every row adds up to 100: shares


def test_regression_output_with_a_large_n() -> None:
    rows = [
        ["", "Coef.", "Std. Err.", "t", "P>|t|"],
        ["alder", 0.12, 0.01, 12.0, 0.0],
        ["koen", 1, 2, 1, 0.3],
        ["_cons", 1.5, 0.2, 7.5, 0.0],
        ["Number of obs", 48213, "", "", ""],
    ]
    assert codes(table(rows)) == set()


def test_row_numbers_are_not_counts() -> None:
    rows = [["nr", "Kommune", "Antal"], [1, "A", 40], [2, "B", 41], [3, "C", 50]]
    assert small(table(rows)) == []


def test_stata_two_way_tabulate() -> None:
    rows = [["region", "0", "1", "Total"], [1, 12, 2, 14], [2, 5, 6, 11], ["Total", 17, 8, 25]]
    found = small(run(tables=[Table(name="table 1", rows=rows, source="log")]))
    assert [f.location for f in found] == ["table 1!C2"]


def test_small_cells_are_capped_per_table() -> None:
    rows = [["Gruppe", "Antal"]] + [[f"g{i}", 1] for i in range(30)]
    found = small(table(rows))
    assert len(found) == 6
    assert "25 more" in found[-1].message


def test_one_suppressed_cell_in_a_row_with_a_total_is_recoverable() -> None:
    rows = [["Kommune", "Mænd", "Kvinder", "I alt"], ["A", 120, "..", 122], ["B", 80, 90, 170]]
    found = [f for f in table(rows) if f.code == "table.differencing"]
    assert [f.location for f in found] == ["Tabel 1!C2"]


def test_two_suppressed_cells_in_each_line_are_safe() -> None:
    rows = [
        ["Kommune", "Mænd", "Kvinder", "I alt"],
        ["A", "x", "x", 122],
        ["B", "x", "x", 170],
        ["C", 40, 50, 90],
        ["I alt", 200, 182, 382],
    ]
    assert "table.differencing" not in codes(table(rows))


def test_suppression_without_a_total_is_safe() -> None:
    rows = [["Kommune", "Mænd", "Kvinder"], ["A", 120, "<3"], ["B", 80, 90]]
    assert codes(table(rows)) == set()


def test_column_total_recovers_a_suppressed_cell() -> None:
    rows = [["Alder", "Antal"], ["0-29", 40], ["30-59", "*"], ["60+", 33], ["I alt", 75]]
    found = [f for f in table(rows) if f.code == "table.differencing"]
    assert [f.location for f in found] == ["Tabel 1!B3"]


def test_dominance_when_the_file_shows_the_largest_units() -> None:
    rows = [
        ["Branche", "Omsætning i alt", "Største", "Næststørste", "Antal"],
        ["Bryggerier", 1000.0, 700.0, 200.0, 5],
        ["Bagerier", 1000.0, 200.0, 100.0, 40],
    ]
    found = [f for f in table(rows) if f.code == "table.dominance"]
    assert [f.location for f in found] == ["Tabel 1!C2"]
    assert found[0].evidence == "90%"


def test_no_dominance_without_largest_contributions() -> None:
    rows = [["Branche", "Omsætning", "Antal"], ["A", 1000.0, 5], ["B", 3000.5, 40]]
    assert "table.dominance" not in codes(table(rows))


def test_title_rows_and_notes_around_a_table() -> None:
    rows = [
        ["Tabel 3. Antal personer efter køn"],
        [],
        ["Køn", "Antal"],
        ["Mænd", 1200],
        ["Kvinder", 2],
        [],
        ["Kilde: egne beregninger"],
    ]
    found = small(table(rows))
    assert [f.location for f in found] == ["Tabel 1!B5"]
