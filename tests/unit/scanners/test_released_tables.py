"""Differencing across files with real pairs of tables: a table and the same table without one
category; a cross-table with a suppressed cell and its margins."""

from __future__ import annotations

import csv
import io

from scanners.model import Policy, Table
from scanners.released_tables import (
    ReleasedTable,
    TableFingerprint,
    differencing_findings,
    fingerprint_table,
)

MIN = 3


def table(text: str, name: str = "Table") -> Table:
    rows = [
        [int(cell) if cell.isdigit() else cell for cell in row]
        for row in csv.reader(io.StringIO(text.strip()))
    ]
    return Table(name=name, rows=rows)


def fingerprint(text: str, name: str = "Table") -> TableFingerprint:
    found = fingerprint_table(table(text, name))
    assert found is not None
    return found


def released(text: str, file_name: str = "2025_kommuner.csv") -> ReleasedTable:
    # Stored as JSON in the airlock: go through the dict form as the worker does.
    stored = TableFingerprint.from_dict(fingerprint(text).to_dict())
    return ReleasedTable(file_name=file_name, transferred_on="2026-03-02", fingerprint=stored)


ALL_MUNICIPALITIES = """
kommune,antal
Aarhus,120
Odense,45
Samsø,2
Aalborg,80
I alt,247
"""
WITHOUT_SAMSO = """
kommune,antal
Aarhus,120
Odense,45
Aalborg,80
I alt,245
"""


def test_the_same_table_with_one_category_fewer_gives_the_small_count_back():
    earlier = ALL_MUNICIPALITIES.replace("Samsø,2", "Samsø,<3")  # suppressed when released
    [finding] = differencing_findings([fingerprint(WITHOUT_SAMSO)], [released(earlier)], MIN)
    assert finding.code == "table.differencing"
    assert finding.severity == "risk"
    assert "2025_kommuner.csv" in finding.message and "2026-03-02" in finding.message
    assert "'samsø'" in finding.message and ": 2 " in finding.message
    assert finding.evidence == "2"


def test_either_order_counts_the_earlier_table_may_be_the_smaller_one():
    new = ALL_MUNICIPALITIES.replace("Samsø,2", "Samsø,x")
    [finding] = differencing_findings([fingerprint(new)], [released(WITHOUT_SAMSO)], MIN)
    assert ": 2 " in finding.message


def test_a_missing_category_at_or_above_the_minimum_is_no_finding():
    bigger = ALL_MUNICIPALITIES.replace("Samsø,2", "Samsø,12").replace("247", "257")
    assert differencing_findings([fingerprint(WITHOUT_SAMSO)], [released(bigger)], MIN) == []


def test_tables_that_differ_in_a_shared_category_are_not_the_same_table():
    other_year = WITHOUT_SAMSO.replace("Aarhus,120", "Aarhus,118").replace("245", "243")
    assert differencing_findings([fingerprint(other_year)], [released(ALL_MUNICIPALITIES)], 3) == []


CROSS_TABLE = """
kommune,mænd,kvinder
Aarhus,60,60
Odense,20,25
Samsø,x,12
Aalborg,41,39
"""
MARGINS = """
kommune,antal
Aarhus,120
Odense,45
Samsø,14
Aalborg,80
"""


def test_a_margin_gives_a_suppressed_cell_of_a_released_cross_table_back():
    [finding] = differencing_findings([fingerprint(MARGINS)], [released(CROSS_TABLE)], MIN)
    assert "suppressed count of 'samsø', column 'mænd'" in finding.message
    assert finding.evidence == "2"


def test_a_cross_table_against_released_margins_is_found_at_the_cell():
    [finding] = differencing_findings(
        [fingerprint(CROSS_TABLE, name="Tabel 2")], [released(MARGINS)], MIN
    )
    assert finding.location == "Tabel 2!B4"
    assert "2025_kommuner.csv" in finding.message


def test_margins_that_leave_two_cells_unknown_are_no_finding():
    two_hidden = CROSS_TABLE.replace("Samsø,x,12", "Samsø,x,x")
    assert differencing_findings([fingerprint(MARGINS)], [released(two_hidden)], MIN) == []


def test_unrelated_tables_are_no_finding():
    ages = "aldersgruppe,antal\n0-17,300\n18-64,900\n65+,400\nI alt,1600\n"
    assert differencing_findings([fingerprint(ages)], [released(ALL_MUNICIPALITIES)], 3) == []


def test_a_fingerprint_keeps_categories_counts_and_totals_only():
    data = fingerprint(ALL_MUNICIPALITIES).to_dict()
    assert data["columns"] == ["antal"]
    assert data["rows"]["samsø"] == [2.0]
    assert data["total"] == [247.0]
    assert set(data) == {"table", "columns", "rows", "total", "total_column"}


def test_a_scan_with_the_projects_released_tables_raises_differencing(tmp_path):
    import scanners
    from scanners.model import Policy

    earlier = ALL_MUNICIPALITIES.replace("Samsø,2", "Samsø,<3")
    entry = {
        "file_name": "2025_kommuner.csv",
        "transferred_on": "2026-03-02",
        "fingerprint": fingerprint(earlier).to_dict(),
    }
    path = tmp_path / "2026_kommuner.csv"
    path.write_text(WITHOUT_SAMSO.strip() + "\n", encoding="utf-8")
    policy = Policy(released_tables=(entry,))
    assert policy.digest == Policy().digest  # a release is no change of policy
    for isolate in (False, True):
        report = scanners.scan(path, policy=policy, isolate=isolate)
        codes = [f.code for f in report.findings]
        assert "table.differencing" in codes, (isolate, report.findings)
        assert report.verdict == "risk"
    without = scanners.scan(path, policy=Policy(), isolate=False)
    assert "table.differencing" not in [f.code for f in without.findings]
    [finding] = [f for f in report.findings if f.code == "table.differencing"]
    assert "'2025_kommuner.csv' (transferred 2026-03-02)" in finding.message


def test_the_fingerprints_of_a_released_csv_file(tmp_path):
    from scanners.released_tables import fingerprints_of_file

    path = tmp_path / "kommuner.csv"
    path.write_text(ALL_MUNICIPALITIES.strip() + "\n", encoding="utf-8")
    [found] = fingerprints_of_file(path, filename="kommuner.csv")
    assert found.rows["samsø"] == (2.0,)
    assert found.total == (247.0,)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert fingerprints_of_file(broken, filename="broken.xlsx") == []


def test_a_released_file_is_read_for_its_fingerprints_in_a_sandbox_child(tmp_path, monkeypatch):
    import os

    import scanners.released_tables as rt
    from scanners.sandbox import fingerprints_isolated

    readers = tmp_path / "reader-pids"
    original = rt.fingerprints_of_file

    def recording(path, **kwargs):
        with readers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return original(path, **kwargs)

    monkeypatch.setattr(rt, "fingerprints_of_file", recording)
    path = tmp_path / "kommuner.csv"
    path.write_text(ALL_MUNICIPALITIES.strip() + "\n", encoding="utf-8")
    [found] = fingerprints_isolated(path, filename="kommuner.csv", policy=Policy())
    assert found["rows"]["samsø"] == [2.0]
    [reader_pid] = readers.read_text().split()
    assert int(reader_pid) != os.getpid()  # the worker itself never parsed the file
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert fingerprints_isolated(broken, filename="broken.xlsx", policy=Policy()) == []


def test_a_transfers_files_are_read_in_one_child_and_a_failing_one_costs_its_neighbours_nothing(
    tmp_path, monkeypatch
):
    import os

    import scanners.released_tables as rt
    from scanners.sandbox import fingerprints_isolated_many

    readers = tmp_path / "reader-pids"
    original = rt.fingerprints_of_file

    def recording(path, *, filename, **kwargs):
        with readers.open("a") as out:
            out.write(f"{os.getpid()} {filename}\n")
        if filename == "crashes.csv":
            os._exit(3)  # as a reader that brings its process down would
        return original(path, filename=filename, **kwargs)

    monkeypatch.setattr(rt, "fingerprints_of_file", recording)
    paths = {}
    for name in ("a.csv", "b.csv", "crashes.csv"):
        paths[name] = tmp_path / name
        paths[name].write_text(ALL_MUNICIPALITIES.strip() + "\n", encoding="utf-8")

    a, b = fingerprints_isolated_many(
        [(paths["a.csv"], "a.csv"), (paths["b.csv"], "b.csv")], policy=Policy()
    )
    assert a[0]["rows"]["samsø"] == [2.0] and b == a
    pids = {line.split()[0] for line in readers.read_text().splitlines()}
    assert len(pids) == 1 and str(os.getpid()) not in pids  # one child, not the worker

    readers.unlink()
    files = [(paths[n], n) for n in ("a.csv", "crashes.csv", "b.csv")]
    a, crashed, b = fingerprints_isolated_many(files, policy=Policy())
    assert crashed == []
    assert a[0]["rows"]["samsø"] == [2.0] and b == a  # read again, each in a child of its own
    read = readers.read_text().splitlines()
    assert [line.split()[1] for line in read] == [
        "a.csv",
        "crashes.csv",
        "a.csv",
        "crashes.csv",
        "b.csv",
    ]
    assert len({line.split()[0] for line in read[2:]}) == 3


# Overlapping populations: the same people split by age at different boundaries.
AGES_0_17 = """
alder,antal
0-17,310
18-64,1204
65+,402
I alt,1916
"""
AGES_0_19 = """
alder,antal
0-19,312
20-64,1202
65 og derover,402
I alt,1916
"""


def test_overlapping_age_groups_give_the_count_of_the_sliver_between_them_back():
    [finding] = differencing_findings([fingerprint(AGES_0_19)], [released(AGES_0_17)], MIN)
    assert finding.code == "table.differencing"
    assert "'18-19'" in finding.message and ": 2 " in finding.message
    assert "overlapping categories" in finding.message
    assert finding.location == "Table!B2"  # the count of the new table's row 0-19


def test_overlapping_groups_with_a_large_sliver_are_no_finding():
    wide = AGES_0_19.replace("0-19,312", "0-19,340").replace("20-64,1202", "20-64,1174")
    assert differencing_findings([fingerprint(wide)], [released(AGES_0_17)], MIN) == []


def test_overlapping_groups_of_two_populations_are_not_compared():
    # Another year: the totals differ, so the difference of running totals is no one's count.
    other_year = AGES_0_19.replace("65 og derover,402", "65 og derover,450").replace("1916", "1964")
    assert differencing_findings([fingerprint(other_year)], [released(AGES_0_17)], MIN) == []


def test_overlapping_groups_within_each_sex_are_compared_sex_by_sex():
    earlier = """
køn,alder,antal
mænd,0-29,500
mænd,30+,700
kvinder,0-29,480
kvinder,30+,720
"""
    new = """
køn,alder,antal
mænd,0-30,501
mænd,31+,699
kvinder,0-30,495
kvinder,31+,705
"""
    [finding] = differencing_findings([fingerprint(new)], [released(earlier)], MIN)
    assert "'30'" in finding.message and ": 1 " in finding.message  # one man aged 30
