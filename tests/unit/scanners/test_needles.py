"""Planted needles: one identifier or one small cell at the very end of a large, clean table.

Every file is built here, in code: an aggregate table of counts by year, municipality, sex and
age group (a full crossing, every count well above the minimum). "Large" means past every
boundary the readers and rules have today, not large in bytes: the readers' chunks (20,000 rows
of a CSV or a sheet, 50,000 of a data file), the 50,000 rows after which the table rules stop
tallying, and for one CSV the 8 MB blocks the line source reads and the 200,000 category
combinations kept to check a full crossing; the text file is over the 16 MB past which text is
streamed. ``test_the_files_are_past_every_boundary`` keeps the sizes above those constants. A
needle is put in its last row, or in a hidden sheet, and the scan must report it where a user
would look for it. The same table without a needle must come back clean, so a test cannot pass
by the scanner flagging everything. The tables are built once, when a test first asks.
"""

from __future__ import annotations

import functools
import random
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from scanners import scan as scan_with_policy
from scanners.model import Policy, ScanReport, column_letter
from tests.unit.scanners.identifier_samples import cpr

HEADER = ["aar", "kommune", "koen", "alder", "antal"]
_AGE_GROUPS = [f"{low}-{low + 4}" for low in range(0, 75, 5)]  # 15 groups
Row = list[object]


# These tests show that a needle far down a large file is found; how fast is the benches' job
# (`make bench`). So they scan with a time limit no loaded test machine reaches, and a slow
# run cannot turn into an `unscannable` verdict here.
UNHURRIED = Policy(scan_time_limit_seconds=1800.0)


def scan(path: Path, **options) -> ScanReport:
    options.setdefault("policy", UNHURRIED)
    return scan_with_policy(path, **options)


def needle_cpr() -> str:
    """A made-up CPR number (valid date and modulus 11) in its own written form."""
    digits = cpr(random.Random(2024))
    return f"{digits[:6]}-{digits[6:]}"


def aggregate_rows(years: int, municipalities: int) -> list[Row]:
    """Counts by year x municipality x sex x age group: every count between 40 and 4,000."""
    rng = random.Random(9)
    rows: list[Row] = [list(HEADER)]
    for year in range(2021 - years, 2021):
        for municipality in range(municipalities):
            for sex in (1, 2):
                for age in _AGE_GROUPS:
                    rows.append([year, f"Kommune {municipality + 101}", sex, age,
                                 rng.randint(40, 4000)])  # fmt: skip
    return rows


def with_small_cell(rows: list[Row]) -> list[Row]:
    rows = [list(row) for row in rows]
    rows[-1][4] = 2
    return rows


def with_cpr(rows: list[Row]) -> list[Row]:
    rows = [list(row) for row in rows]
    rows[-1][1] = f"Kommune 999, kontakt {needle_cpr()}"
    return rows


# --- writers -------------------------------------------------------------------------------


def write_delimited(path: Path, rows: list[Row], delimiter: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write(delimiter.join(str(v) for v in row) + "\n")
    return path


def _xlsx_cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _sheet_xml(rows: list[Row]) -> bytes:
    body = "".join(
        f'<row r="{r}">'
        + "".join(_xlsx_cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def write_xlsx(path: Path, sheets: list[tuple[str, str, list[Row]]]) -> Path:
    """A workbook written as SpreadsheetML; each sheet is (name, state, rows)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    sheet_list = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"'
        + ("" if state == "visible" else f' state="{state}"')
        + "/>"
        for i, (name, state, _) in enumerate(sheets, start=1)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            f"<sheets>{sheet_list}</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f"{sheet_rels}</Relationships>",
        )
        for i, (_, _, rows) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(rows))
    return path


def write_ods(path: Path, sheets: list[tuple[str, str, list[Row]]]) -> Path:
    """An OpenDocument spreadsheet; a sheet whose state is not "visible" is hidden."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

    def cell(value: object) -> str:
        if isinstance(value, str):
            return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}' \
                "</text:p></table:table-cell>"  # fmt: skip
        return f'<table:table-cell office:value-type="float" office:value="{value}">' \
            f"<text:p>{value}</text:p></table:table-cell>"  # fmt: skip

    tables = "".join(
        f'<table:table table:name="{name}" table:style-name="'
        + ("ta1" if state == "visible" else "ta2")
        + '">'
        + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, state, rows in sheets
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}"'
        f' xmlns:table="{table}" xmlns:text="{text}" xmlns:style="{style}" office:version="1.2">'
        '<office:automatic-styles><style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def write_data_file(path: Path, rows: list[Row]) -> Path:
    import pandas
    import pyreadstat

    frame = pandas.DataFrame(rows[1:], columns=rows[0])
    frame["kommune"] = frame["kommune"].astype(str)
    frame["alder"] = frame["alder"].astype(str)
    if path.suffix == ".dta":
        pyreadstat.write_dta(frame, str(path))
    else:
        pyreadstat.write_sav(frame, str(path))
    return path


# --- what a user sees ----------------------------------------------------------------------


def findings_of(report: ScanReport, code: str) -> list[str]:
    return [f.location for f in report.findings if f.code == code]


def assert_clean(path: Path) -> None:
    report = scan(path, isolate=False)
    assert report.verdict == "clean", [(f.code, f.location) for f in report.findings]


def assert_cpr_at(path: Path, location: str) -> None:
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert location in findings_of(report, "identifier.dk_cpr"), [
        (f.code, f.location) for f in report.findings
    ]


def assert_small_cell_at(path: Path, location: str) -> None:
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert findings_of(report, "table.small_cell") == [location], [
        (f.code, f.location) for f in report.findings
    ]


# --- CSV, TAB, TXT -------------------------------------------------------------------------


@functools.cache
def issue_rows() -> list[Row]:
    """The issue's own case: 61,740 aggregate rows (1.8 MB as CSV)."""
    return aggregate_rows(21, 98)


@functools.cache
def large_rows() -> list[Row]:
    """308,700 aggregate rows, 8.7 MB as CSV: past one block of the line source and past the
    category combinations the unit-record rule keeps (checked below)."""
    return aggregate_rows(21, 98 * 5)


def test_the_files_are_past_every_boundary(tmp_path: Path) -> None:
    from scanners.detectors.table_book import CONCLUSIVE_ROWS
    from scanners.detectors.unit_records import MAX_COMBINATIONS
    from scanners.readers import data_file, delimited, spreadsheet_cells
    from scanners.readers.csv_chunks import BLOCK_BYTES

    body = len(issue_rows()) - 1
    assert body > 3 * delimited.CHUNK_ROWS and body > 3 * spreadsheet_cells.CHUNK_ROWS
    assert body > data_file.CHUNK_ROWS and body > CONCLUSIVE_ROWS
    assert len(large_rows()) - 1 > MAX_COMBINATIONS
    # The large CSV's last line is in the line source's second block; the large text file
    # (test_cpr_at_the_end_of_a_large_text_file) is streamed.
    assert LARGE_CSV_BYTES > BLOCK_BYTES
    assert LARGE_TEXT_BYTES > delimited.TEXT_TABLES_BYTES


LARGE_CSV_BYTES = 8 * 1024 * 1024 + 1
LARGE_TEXT_BYTES = 16 * 1024 * 1024 + 1

DELIMITED = [("csv", ";"), ("tab", "\t"), ("txt", ";")]


@pytest.mark.parametrize(("extension", "delimiter"), DELIMITED)
def test_clean_aggregate_is_clean(tmp_path: Path, extension: str, delimiter: str) -> None:
    assert_clean(write_delimited(tmp_path / f"tabel.{extension}", issue_rows(), delimiter))


@pytest.mark.parametrize(("extension", "delimiter"), DELIMITED)
def test_cpr_and_small_cell_in_the_last_line(
    tmp_path: Path, extension: str, delimiter: str
) -> None:
    # One file for both needles (one scan instead of two); each is asserted where it is.
    rows = with_small_cell(with_cpr(issue_rows()))
    path = write_delimited(tmp_path / f"tabel.{extension}", rows, delimiter)
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert f"line {len(rows)}, column 2" in findings_of(report, "identifier.dk_cpr")
    assert findings_of(report, "table.small_cell") == [f"line {len(rows)}, column 5"]


def test_cpr_and_small_cell_at_the_end_of_a_csv_past_every_boundary(tmp_path: Path) -> None:
    # One file for both needles (one scan of 8.7 MB instead of two).
    path = write_delimited(tmp_path / "stor.csv", with_small_cell(with_cpr(large_rows())), ";")
    assert path.stat().st_size >= LARGE_CSV_BYTES
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    last = len(large_rows())
    assert f"line {last}, column 2" in findings_of(report, "identifier.dk_cpr")
    assert findings_of(report, "table.small_cell") == [f"line {last}, column 5"]


def test_cpr_at_the_end_of_a_large_text_file(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    with path.open("w") as handle:
        for number in range(600_000):
            handle.write(f"iteration {number}: log likelihood = -{number % 977}.5\n")
        handle.write(f"udtrukket for {needle_cpr()}\n")
    assert path.stat().st_size >= LARGE_TEXT_BYTES
    assert_cpr_at(path, "line 600001")


# --- spreadsheets --------------------------------------------------------------------------


def _last_cell(rows: list[Row], column: int, sheet: str) -> str:
    return f"{sheet}!{column_letter(column)}{len(rows)}"


# A sheet of issue_rows() is read in 20,000-row chunks, and past the 50,000 rows after which the
# table rules stop tallying (the old 100,000-row limit, past which a sheet was sampled, is gone).


def test_clean_workbook_is_clean(tmp_path: Path) -> None:
    assert_clean(write_xlsx(tmp_path / "tabel.xlsx", [("Tabel", "visible", issue_rows())]))


@pytest.mark.parametrize("extension", ["xlsx", "xlsm"])
def test_cpr_and_small_cell_in_the_last_row_of_a_sheet(tmp_path: Path, extension: str) -> None:
    rows = with_small_cell(with_cpr(issue_rows()))  # one scan for both needles
    path = write_xlsx(tmp_path / f"tabel.{extension}", [("Tabel", "visible", rows)])
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert _last_cell(rows, 1, "Tabel") in findings_of(report, "identifier.dk_cpr")
    assert findings_of(report, "table.small_cell") == [_last_cell(rows, 4, "Tabel")]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_needles_in_a_hidden_sheet(tmp_path: Path, state: str) -> None:
    hidden = with_cpr(issue_rows())
    middle = len(hidden) // 2
    hidden[middle][4] = 1
    # The needles are in the large hidden sheet; the visible one only needs to be there.
    visible = issue_rows()[:2_001]
    path = write_xlsx(
        tmp_path / "tabel.xlsx", [("Tabel", "visible", visible), ("Skjult", state, hidden)]
    )
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert _last_cell(hidden, 1, "Skjult") in findings_of(report, "identifier.dk_cpr")
    assert findings_of(report, "table.small_cell") == [f"Skjult!E{middle + 1}"]
    assert "Skjult" in findings_of(report, "hidden.sheet")


def test_needles_at_the_end_of_an_ods(tmp_path: Path) -> None:
    clean = write_ods(tmp_path / "ren.ods", [("Tabel", "visible", issue_rows())])
    assert_clean(clean)
    sheets = [
        ("Tabel", "visible", with_small_cell(issue_rows())),
        ("Skjult", "hidden", with_cpr(issue_rows())),
    ]
    path = write_ods(tmp_path / "tabel.ods", sheets)
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert findings_of(report, "table.small_cell") == [_last_cell(issue_rows(), 4, "Tabel")]
    assert _last_cell(issue_rows(), 1, "Skjult") in findings_of(report, "identifier.dk_cpr")


def _libreoffice_xls(tmp_path: Path, rows: list[Row], name: str) -> Path:
    source = write_xlsx(tmp_path / f"{name}.xlsx", [("Tabel", "visible", rows)])
    out = tmp_path / "xls"
    try:
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
             "--convert-to", "xls", "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"LibreOffice cannot write .xls here ({error})")
    return out / f"{name}.xls"


def test_needles_at_the_end_of_an_xls(tmp_path: Path) -> None:
    rows = with_small_cell(with_cpr(issue_rows()[:60_001]))  # .xls holds at most 65,536 rows
    path = _libreoffice_xls(tmp_path, rows, "tabel")
    report = scan(path, isolate=False)
    assert report.verdict == "risk"
    assert _last_cell(rows, 1, "Tabel") in findings_of(report, "identifier.dk_cpr")
    assert findings_of(report, "table.small_cell") == [_last_cell(rows, 4, "Tabel")]


# --- data files ----------------------------------------------------------------------------

DATA_WRITERS: list[tuple[str, Callable[[Path, list[Row]], Path]]] = [
    ("dta", write_data_file),
    ("sav", write_data_file),
]


@pytest.mark.parametrize(("extension", "write"), DATA_WRITERS)
def test_cpr_in_the_last_row_of_a_data_file(
    tmp_path: Path, extension: str, write: Callable[[Path, list[Row]], Path]
) -> None:
    # A data file is unit records to the row-level rule; the identifier must still be placed.
    path = write(tmp_path / f"data.{extension}", with_cpr(issue_rows()))
    assert_cpr_at(path, f"row {len(issue_rows()) - 1}, column 2")


def test_cpr_in_the_last_row_of_a_sas_data_file(tmp_path: Path) -> None:
    csv_path = write_delimited(tmp_path / "rows.tab", with_cpr(issue_rows()), "\t")
    path = tmp_path / "data.sas7bdat"
    script = (
        "suppressWarnings(suppressMessages(library(haven)));"
        f"d <- read.delim('{csv_path}', colClasses=c('numeric','character','numeric',"
        f"'character','numeric')); write_sas(d, '{path}')"
    )
    try:
        subprocess.run(["Rscript", "-e", script], check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"R cannot write .sas7bdat here ({error})")
    assert_cpr_at(path, f"row {len(issue_rows()) - 1}, column 2")


# --- EPS -----------------------------------------------------------------------------------


def test_cpr_in_the_last_string_of_a_large_eps(tmp_path: Path) -> None:
    # 60,000 ``show`` lines: line numbers used to be counted from the start for every string.
    path = tmp_path / "figur.eps"
    with path.open("w") as handle:
        handle.write("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 600 800\n")
        for number in range(60_000):
            handle.write(f"72 {number % 700} moveto ({number % 97} personer) show\n")
        handle.write(f"72 10 moveto (kontakt {needle_cpr()}) show\n")
    assert_cpr_at(path, "line 60003")


def test_a_cpr_column_written_in_other_scripts_digits_is_judged_not_crashed(tmp_path):
    """Full-width and Arabic-Indic digits under a CPR header: a risk, never an unscannable
    crash of the checksum tables (which are keyed by ASCII digits)."""
    from scanners.scan import scan

    for digits in ("０１０１９０１２３４", "٠١٠١٩٠١٢٣٤"):
        path = tmp_path / "personer.csv"
        path.write_text(f"cprnr,antal\n{digits},5\n{digits},7\n", encoding="utf-8")
        report = scan(path, isolate=False)
        assert report.verdict == "risk", [f.message for f in report.findings]
        assert "scan.unscannable" not in {f.code for f in report.findings}
