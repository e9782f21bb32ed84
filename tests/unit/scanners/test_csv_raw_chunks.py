"""A CSV read as raw chunks gives exactly what the full path gives: the same rows, line
numbers, rule state and findings.

After its first chunk a CSV's chunks of plain lines reach the rules unconverted
(``scanners/readers/csv_chunks.py``), and the identifier rule skips a chunk whose bytes cannot
hold an identifier shape in a column it still judges. Each test builds a file here, reads it
both ways (``delimited.RAW_CHUNKS`` off is the full path: every chunk converted and read cell
by cell) and compares everything a user could notice, and the rules' tallies behind it. Small
chunks (a few rows) make most of a file raw chunks.
"""

from __future__ import annotations

import csv
import dataclasses
import random
import re
from pathlib import Path
from typing import Any

import pytest

from scanners import scan
from scanners.detectors import all_detectors, identifiers, table_book
from scanners.detectors.identifiers import IdentifierDetector
from scanners.identifiers.search import CELL_SHAPES, STRONG_CELL_SHAPES
from scanners.limits import Deadline
from scanners.model import Policy, Table
from scanners.readers import delimited
from scanners.readers.context import ReadContext
from scanners.readers.csv_chunks import RawCsvChunk
from tests.unit.scanners.identifier_samples import cpr
from tests.unit.scanners.test_needles import needle_cpr


def _read(path: Path, *, raw: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Everything the rules see and conclude, read with raw chunks on or off."""
    monkeypatch.setattr(delimited, "RAW_CHUNKS", raw)
    policy = Policy()
    context = ReadContext(policy=policy, file_type=path.suffix[1:], deadline=Deadline(600))
    detectors = all_detectors(policy)
    chunks = []
    raw_chunks = 0
    try:
        for table in delimited.read_delimited(path, context).tables:
            for detector in detectors:
                detector.feed_table(table)
            raw_chunks += table.raw is not None
            chunks.append(_chunk_facts(table))
        findings: list[Any] = [f.to_dict() for d in detectors for f in d.findings()]
    except Exception as error:  # the scan says unscannable: both paths must fail alike
        findings = [f"{type(error).__name__}: {error}"]
    ids = next(d for d in detectors if isinstance(d, IdentifierDetector))
    book = ids.book
    return {
        "chunks": chunks,
        "findings": findings,
        "identifier_columns": [  # a column with nothing tallied yet changes nothing
            {c: dataclasses.asdict(column) for c, column in state.columns.items() if column.filled}
            for state in ids.tables.values()
        ],
        "tallies": [
            (
                e.name,
                e.records.rows_seen,
                e.concluded,
                [dataclasses.asdict(t) for t in e.records.columns],
                e.judgement(),
            )
            for e in book.entries
        ],
        "raw_chunks": raw_chunks,
    }


def _chunk_facts(table: Table) -> tuple[Any, ...]:
    rows = list(table.rows)
    last = len(rows) - 1
    return (
        table.name,
        rows,
        table.row_offset,
        table.is_last_chunk,
        table.total_rows,
        list(table.row_numbers) if table.row_numbers is not None else None,
        [table.cell_location(r, 0) for r in (0, last) if r >= 0],
    )


def _agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    full = _read(path, raw=False, monkeypatch=monkeypatch)
    fast = _read(path, raw=True, monkeypatch=monkeypatch)
    assert full["raw_chunks"] == 0
    for key in ("chunks", "findings", "identifier_columns", "tallies"):
        assert fast[key] == full[key], key
    monkeypatch.setattr(delimited, "RAW_CHUNKS", True)
    return fast


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 5)


def _write(path: Path, lines: list[str], *, end: str = "\n", encoding: str = "utf-8") -> Path:
    path.write_bytes((end.join(lines) + end).encode(encoding))
    return path


def _aggregate(rows: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{2000 + i % 20};{101 + i % 98};{1 + i % 2};{rng.randint(10, 4000)}" for i in range(rows)
    ]


HEADER = "aar;kommune;koen;antal"


def test_a_needle_in_the_last_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    lines = [HEADER, *_aggregate(200), f"2020;kontakt {needle_cpr()};1;40"]
    seen = _agree(_write(tmp_path / "t.csv", lines), monkeypatch)
    assert seen["raw_chunks"] > 30
    assert [f["location"] for f in seen["findings"] if f["code"] == "identifier.dk_cpr"] == [
        "line 202, column 2"
    ]


def test_quoted_line_breaks_before_and_between_raw_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    lines = [HEADER, *_aggregate(60)]
    lines[3] = '2001;"to\nlinjer";1;40'
    lines[30] = '2001;"tre\r\nlin\nier";2;41'
    lines[45] = f'2001;"kontakt\n{needle_cpr()}";2;41'
    lines.append(f"2020;kontakt {needle_cpr()};1;40")
    seen = _agree(_write(tmp_path / "t.csv", lines), monkeypatch)
    assert seen["raw_chunks"] > 5
    locations = [f["location"] for f in seen["findings"] if f["code"] == "identifier.dk_cpr"]
    assert locations[-1] == f"line {len(lines) + 4}, column 2"


def test_ragged_rows_title_and_footnote_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    lines = ["Tabel 1: Antal personer efter kommune", HEADER, *_aggregate(80)]
    lines[20] = "2004;150;1"
    lines[40] = "2004;150;1;44;ekstra;felt;12345678"
    lines[41] = ""
    lines[60] = f"{needle_cpr()}"
    lines += ["", "Kilde: Danmarks Statistik", "Note: tal under 3 er udeladt"]
    _agree(_write(tmp_path / "t.csv", lines), monkeypatch)


def test_decimal_comma_crlf_and_a_byte_order_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    rng = random.Random(5)
    lines = ["aar;kommune;indkomst;formue;andel"]
    lines += [
        f"{2000 + i % 20};{101 + i % 98};{rng.randint(0, 9_999_999)},{rng.randint(0, 99):02d};"
        f"{rng.randint(10_000_000, 99_999_999)};0,{rng.randint(0, 999):03d}"
        for i in range(150)
    ]
    lines[100] = f"2019;101;12.345.678,00;{cpr(rng)};0,5"  # grouped amount, bare CPR
    lines.append(f"2019;101;100,00;{needle_cpr()};0,5")
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode())
    _agree(path, monkeypatch)


def test_a_lone_carriage_return_and_no_final_line_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    lines = [HEADER, *_aggregate(40)]
    text = "\n".join(lines[:20]) + "\r" + "\n".join(lines[20:]) + f"\n2020;{needle_cpr()};1;2"
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    _agree(path, monkeypatch)


def test_windows_code_page_and_digits_that_are_not_ascii(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    lines = ["aar;kommune;bemærkning;antal"] + [
        f"{2000 + i % 20};Kommune {i % 9};Æblegård ø;{40 + i}" for i in range(60)
    ]
    lines[30] = "2001;Kommune 1;nr \u0660\u0667\u0660\u0667\u0666\u0661\u0664\u0662\u0668\u0665;40"
    lines[45] = "2001;Kommune 1;\u00b2\u00b3;41"
    _agree(_write(tmp_path / "t.csv", lines, encoding="utf-8"), monkeypatch)
    lines[30] = "2001;Kommune 1;nr 070761\u00b24285;40"
    _agree(_write(tmp_path / "w.csv", lines, encoding="cp1252"), monkeypatch)


def _register(rows: int, seed: int = 8) -> list[str]:
    """A register extract (unit records with a CPR column)."""
    rng = random.Random(seed)
    return ["pnr;koen;alder;indkomst;kode"] + [
        f"{cpr(rng)};{1 + i % 2};{rng.randint(18, 90)};{rng.randint(0, 999_999)};{i % 7}"
        for i in range(rows)
    ]


@pytest.mark.parametrize("length", [600, 1500])
def test_a_field_longer_than_the_csv_module_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None, length: int
) -> None:
    """The csv module refuses a field over its size limit (the scan is unscannable); a raw
    chunk that holds one is left to the csv module, so the scan fails alike, also where no
    rule would have read the chunk (its table judged unit records, its column settled)."""
    monkeypatch.setattr(identifiers, "SETTLED_VALUES", 12)
    monkeypatch.setattr(table_book, "CONCLUSIVE_ROWS", 30)
    limit = csv.field_size_limit(1000)
    try:
        lines = _register(400)
        lines[300] = lines[300] + "x" * length  # past the lines the delimiter is sniffed on
        seen = _agree(_write(tmp_path / "t.csv", lines), monkeypatch)
    finally:
        csv.field_size_limit(limit)
    failed = length > 1000
    assert (seen["findings"] == ["Error: field larger than field limit (1000)"]) == failed


def test_a_settled_identifier_column_and_a_concluded_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    """A register extract: once its CPR column is settled and the table judged unit records
    on conclusive evidence, later chunks are skipped by both rules; findings stay the same."""
    monkeypatch.setattr(identifiers, "SETTLED_VALUES", 12)
    monkeypatch.setattr(table_book, "CONCLUSIVE_ROWS", 30)
    lines = _register(120)
    lines[90] = f"{cpr(random.Random(1))};1;44;2;{needle_cpr()}"
    seen = _agree(_write(tmp_path / "t.csv", lines), monkeypatch)
    assert {"identifier.dk_cpr", "microdata.row_level"} <= {f["code"] for f in seen["findings"]}


# Cells near every edge of what the identifier rule acts on.
_TOKENS = [
    "12345678", "1234567", "123456789", "12345678901", "123456789012", "1234567890123",
    "070761-4285", "070761+4285", "070761 4285", "070761A4285", "131052-308T", "131052A308T",
    "123456x789y", "123456æ789y", "123456;789y", "19610707-4285", "12.345.678", "1.234.567",
    "12.345.678.901", "12,345,678", "1.01E+09", "1,01E+09", "1e9", "9.9e10", "12345678,0",
    "12345678,5", "-12345678", "+12345678", " 12345678 ", "0707614285", "01018012345",
    "kontakt 070761-4285 tlf", "tlf 12345678", "cpr 0707614285", "abc", "", "7", "2", "1",
    "2,0", "01", "0", "1.000", "2020-01-01", "07-07-1961", "123456", "1234 5678", "x" * 14,
    "1\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
    "549183.2398472981", "0.12345678901", "12345678.5", "5.49183e+05", "1.2345678901e+10",
    "123456789012.00001", "-0.123456789012", " \t12345678", "\u00a012345678", "12 345 678,0",
    "1 234 567e2", "\u221212345678", "(12345678)", "x0707614285", "nr.0707614285 ", "070761-4285x",
    "0707614285 ", " 070761-4285", "12345678901234", "1.234.567.890.123", "\u2212.5e10",
    "234787.1441", "234787,1441", "034787.1441", "234787.144x",
    "+12345678901.000", "123456z789y", "1\u00a0234\u00a0567e2", "1\u202f234\u202f567e2",
    # Last: under an identifier header these stop the scan (the scheme check fails on digits
    # that are not ASCII: unscannable on both paths), and no token after them would be read.
    "\u0660\u0667\u0660\u0667\u0666\u0661\u0664\u0662\u0668\u0665",
    "\uff10\uff17\uff10\uff17\uff16\uff11\uff14\uff12\uff18\uff15", "07076\u00b24285",
]  # fmt: skip


def _token(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.5:
        return rng.choice(_TOKENS)
    if pick < 0.7:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 13)))
    if pick < 0.8:
        return cpr(rng)
    return "".join(rng.choice("0123456789-+ ,.eEAx") for _ in range(rng.randint(1, 14)))


@pytest.mark.parametrize("decimal", [".", ","])
@pytest.mark.parametrize("column", range(6))
def test_each_near_miss_alone_in_its_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None, column: int, decimal: str
) -> None:
    """Every token once, alone in a chunk of harmless rows, in a column named as an
    identifier, of amounts, of codes, of text, of counts, and past the header's last column;
    in a file with a decimal point and in one with a decimal comma."""
    rng = random.Random(column)
    lines = ["cprnr;indkomst;kode;note;antal"]  # the first chunk: the header and 4 rows
    lines += [f"{cpr(rng)};{rng.randint(1, 99)};{i};tekst;{i + 3}" for i in range(4)]
    for token in _TOKENS:
        chunk = [["1234", f"17{decimal}5", "4", "tekst", "40"] for _ in range(5)]
        cells = chunk[rng.randrange(5)]
        if column < 5:
            cells[column] = token.replace(";", "")
        else:
            cells.append(token.replace(";", ""))
        lines += [";".join(cells) for cells in chunk]
    _agree(_write(tmp_path / "t.csv", lines), monkeypatch)


@pytest.mark.parametrize("between", ["123456z789y", "1.2345678E10", "+12345678901.00000"])
def test_a_value_visited_for_its_neighbours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None, between: str
) -> None:
    """The identifier rule reads the lines between two shapes of a column (they share one
    span): a value there counts though it would not be looked at alone, in a column of amounts
    too. Here the shapes themselves count for nothing (inside a word)."""
    rng = random.Random(2)
    lines = ["cprnr;indkomst;kode;note;antal"]  # the first chunk: the header and 4 rows
    lines += [f"{cpr(rng)};{rng.randint(1, 99)};{i};tekst;{i + 3}" for i in range(4)]
    lines += ["1234;a12345678901b;4;tekst;40", f"1234;{between};4;tekst;40"]
    lines += ["1234;a12345678901b;4;tekst;40", "1234;17;4;tekst;40", "1234;17;4;tekst;40"]
    _agree(_write(tmp_path / "t.csv", lines), monkeypatch)


@pytest.mark.parametrize("seed", range(6))
def test_random_cells_near_every_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None, seed: int
) -> None:
    """Columns of each kind the identifier rule tells apart (named by its header, amounts,
    codes, text), filled mostly with harmless values and now and then a near miss."""
    rng = random.Random(seed)
    header = "cprnr;indkomst;kode;note;antal"
    lines = [header] + [f"{cpr(rng)};{rng.randint(1, 99)};{i};tekst;{i + 3}" for i in range(5)]
    for _ in range(400):
        cells = [str(rng.randint(1000, 999999)), str(rng.randint(1, 99)), str(rng.randint(1, 99)),
                 "tekst", str(rng.randint(3, 999))]  # fmt: skip
        if rng.random() < 0.15:
            cells[rng.randrange(5)] = _token(rng)
        if rng.random() < 0.02:
            cells.append(_token(rng))
        lines.append(";".join(cells))
    _agree(_write(tmp_path / "t.csv", lines), monkeypatch)


# --- the column search itself ------------------------------------------------------------


def _reference(line: str, delimiter: str, patterns: list[str | None], rest: str | None) -> bool:
    """Python's ``re`` over the bytes, from each cell's first byte (as ``search_columns``)."""
    raw = line.encode()
    escaped = "\\t" if delimiter == "\t" else "\\" + delimiter
    start = 0
    for c, cell in enumerate(raw.split(delimiter.encode())):
        pattern = patterns[c] if c < len(patterns) else rest
        if pattern is not None:
            source = pattern.format(d=escaped, m="\\.").encode("latin-1")
            if re.match(source, raw[start:], re.MULTILINE):
                return True
        start += len(cell) + 1
    return False


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_the_column_search_finds_every_cell_its_patterns_match(delimiter: str) -> None:
    rng = random.Random(ord(delimiter))
    shapes = [CELL_SHAPES, STRONG_CELL_SHAPES, None]
    for _ in range(300):
        width = rng.randint(1, 6)
        line = delimiter.join(_token(rng).replace(delimiter, "") for _ in range(width))
        patterns = [rng.choice(shapes) for _ in range(rng.randint(0, 5))]
        rest = rng.choice(shapes)
        chunk = RawCsvChunk(
            f"a{delimiter}b\n{line}\r\n".encode(),
            2,
            delimiter=delimiter,
            encoding="utf-8",
            convert=lambda cells: cells,
        )
        if _reference(line, delimiter, patterns, rest):
            assert chunk.search_columns(patterns, rest), (line, patterns, rest)


def test_the_whole_path_keeps_the_verdict_a_user_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 50)
    lines = [HEADER, *_aggregate(3000)]
    clean = _write(tmp_path / "clean.csv", lines)
    assert scan(clean, isolate=False).verdict == "clean"
    lines[-1] = f"2020;101;1;{needle_cpr()}"
    report = scan(_write(tmp_path / "needle.csv", lines), isolate=False)
    assert report.verdict == "risk"
    assert [f.location for f in report.findings if f.code.startswith("identifier.")] == [
        "line 3001, column 4"
    ]
