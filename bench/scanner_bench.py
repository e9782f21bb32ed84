"""Scanner benchmark: ``python -m bench [--small] [--keep]``.

Generates, in a temporary folder (never in git), a 200 MB CSV, a 50 MB xlsx and a 300-page PDF
(``--small``: 20 MB, 5 MB, 30 pages), scans each with ``python -m scanners --json`` (the real,
isolated path) and runs a baseline on the same file in the same run:

- CSV: GNU ``grep -E`` with a CPR pattern (target: scan <= 3x grep's time, peak memory < 300 MB)
- xlsx: ``pandas.read_excel(engine="openpyxl")`` (target: scan <= 0.2x its time)
- PDF: ``pdftotext`` (target: scan <= 3x its time)

Peak memory is the largest summed RSS of the process tree (the command and the scan worker it
starts), polled every 50 ms with psutil.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CPR_PATTERN = r"(^|[^0-9])([0-2][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}([^0-9]|$)"
_MB = 1024 * 1024


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int


def measure(command: list[str]) -> Run:
    """Wall time and peak RSS (summed over the process tree) of one command."""
    # Output goes to a real file: GNU grep stops at the first match when it writes to /dev/null.
    output = tempfile.TemporaryFile()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.PIPE, cwd=ROOT)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    output.close()
    if process.returncode != 0 and process.stderr is not None:
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-2000:])
    return Run(seconds=seconds, peak_mb=peak / _MB, returncode=process.returncode)


# --- files ---------------------------------------------------------------------------------


def make_csv(path: Path, size_mb: int) -> None:
    """Danish-style row-level export with a few CPR numbers buried deep in a text column."""
    rng = random.Random(7)
    block_lines = []
    for _ in range(20_000):
        block_lines.append(
            f"{rng.randint(2000, 2020)};{rng.randint(101, 860)};{rng.randint(1, 2)};"
            f"{rng.randint(0, 99)};{rng.randint(0, 9_999_999)},{rng.randint(0, 99):02d};"
            f"{rng.randint(10_000_000, 99_999_999)};{rng.randint(0, 999_999)};tekst\n"
        )
    block = "".join(block_lines).encode()
    target = size_mb * _MB
    with path.open("wb") as handle:
        handle.write(b"aar;kommune;koen;alder;indkomst;formue;kode;tekst\n")
        written = 0
        blocks = 0
        while written < target:
            if blocks % 25 == 24:
                handle.write(b"2019;101;1;44;100,00;12345678;1;kontakt 070761-4285\n")
            handle.write(block)
            written += len(block)
            blocks += 1


def make_xlsx(path: Path, size_mb: int) -> None:
    """One sheet of row-level numbers and labels, written as raw SpreadsheetML (fast)."""
    rng = random.Random(11)
    target = size_mb * _MB
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    kommuner = [f"Kommune {i}" for i in range(98)]
    with path.open("wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            header = ["aar", "kommune", "koen", "alder", "indkomst", "formue", "andel"]
            sheet.write(_xlsx_row(1, header))
            row = 2
            while raw.tell() < target:
                chunk = b"".join(
                    _xlsx_row(
                        row + i,
                        [
                            rng.randint(2000, 2020),
                            kommuner[rng.randrange(98)],
                            rng.randint(1, 2),
                            rng.randint(0, 99),
                            rng.uniform(0, 2_000_000),
                            rng.uniform(0, 9_999_999),
                            rng.random(),
                        ],
                    )
                    for i in range(2_000)
                )
                sheet.write(chunk)
                row += 2_000
            sheet.write(b"</sheetData></worksheet>")


def _xlsx_row(number: int, values: list[object]) -> bytes:
    cells = []
    for index, value in enumerate(values):
        ref = f"{chr(65 + index)}{number}"
        if isinstance(value, str):
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()


def make_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    rng = random.Random(5)
    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    for page in range(pages):
        pdf.add_page()
        pdf.cell(0, 6, f"Tabel {page + 1}: Antal personer efter kommune og alder", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        for row in range(45):
            values = [f"Kommune {row}"] + [str(rng.randint(3, 5000)) for _ in range(6)]
            for column, value in enumerate(values):
                pdf.cell(40 if column == 0 else 22, 5, value, align="L" if column == 0 else "R")
            pdf.ln()
    pdf.output(str(path))


# --- the run -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="small files for a quick run")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    csv_mb, xlsx_mb, pdf_pages = (20, 5, 30) if args.small else (200, 50, 300)
    folder = Path(tempfile.mkdtemp(prefix="airlock-bench-"))
    python = sys.executable
    scanner = [python, "-m", "scanners", "--json"]
    results: list[tuple[str, float, Run, str, Run, float, str]] = []
    try:
        print(f"Generating files in {folder} ...", flush=True)
        csv_path, xlsx_path, pdf_path = folder / "big.csv", folder / "big.xlsx", folder / "big.pdf"
        started = time.perf_counter()
        make_csv(csv_path, csv_mb)
        make_xlsx(xlsx_path, xlsx_mb)
        make_pdf(pdf_path, pdf_pages)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
        cases = [
            (csv_path, ["grep", "-E", "-c", CPR_PATTERN, str(csv_path)], "grep -E", 3.0, 300.0),
            (
                xlsx_path,
                [python, "-c", "import sys, pandas; pandas.read_excel(sys.argv[1], "
                 "engine='openpyxl', sheet_name=None)", str(xlsx_path)],
                "pandas.read_excel",
                0.2,
                None,
            ),
            (pdf_path, ["pdftotext", str(pdf_path), os.devnull], "pdftotext", 3.0, None),
        ]  # fmt: skip
        for path, baseline_command, baseline_name, target, memory_target in cases:
            if shutil.which(baseline_command[0]) is None:
                print(f"  {baseline_name}: {baseline_command[0]} is not installed; skipped")
                continue
            size = path.stat().st_size / _MB
            print(f"Scanning {path.name} ({size:.0f} MB) ...", flush=True)
            scan_run = measure([*scanner, str(path)])
            baseline_run = measure(baseline_command)
            ratio = scan_run.seconds / baseline_run.seconds
            verdict = "meets" if ratio <= target else "MISSES"
            if memory_target is not None and scan_run.peak_mb >= memory_target:
                verdict = "MISSES (memory)"
            results.append((path.name, size, scan_run, baseline_name, baseline_run, ratio,
                            f"{verdict} target <= {target:g}x"
                            + (f", < {memory_target:g} MB" if memory_target else "")))  # fmt: skip
        _print(results)
    finally:
        if args.keep:
            print(f"Files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def _print(results: list[tuple[str, float, Run, str, Run, float, str]]) -> None:
    print()
    print(f"{'file':<10} {'MB':>6}  {'tool':<22} {'seconds':>8} {'MB/s':>8} {'peak MB':>8}")
    for name, size, scan_run, baseline_name, baseline_run, ratio, verdict in results:
        for tool, run in (("airlock scan", scan_run), (baseline_name, baseline_run)):
            print(
                f"{name:<10} {size:>6.0f}  {tool:<22} {run.seconds:>8.2f} "
                f"{size / run.seconds:>8.1f} {run.peak_mb:>8.0f}"
                + ("" if run.returncode == 0 else f"  (exit {run.returncode})")
            )
        print(f"{'':<10} {'':>6}  ratio scan/baseline: {ratio:.2f}  -> {verdict}")
