"""Scanner benchmark at full coverage: ``python -m bench [--small] [--keep]``.

Every file is generated in code, in a temporary folder (never in git), and carries a needle at
its very end: a made-up CPR number in its last line, row or page. Each is scanned with
``python -m scanners --json`` (the real, isolated path with the policy's default time and
memory limits) and a baseline runs on the same file in the same run:

- 200 MB CSV: GNU ``grep -E`` with a CPR pattern (target: scan <= 3x grep, peak RSS <= 300 MB);
- 50 MB xlsx: ``pandas.read_excel(engine="openpyxl")`` (target: scan <= 0.2x its time, peak
  RSS <= 300 MB);
- 300-page PDF: ``pdftotext`` (target: scan <= 3x its time);
- CSV of 100 MB, 500 MB and 1 GB: time should grow linearly, within the default limits.

A scan that does not report the needle where it is (the last line, row or page) makes the run
fail (exit 1), whatever the times: only the full-coverage path is measured. Targets missed are
reported beside the figures.

Sizes (MB, pages) can be scaled for a quick run: ``--small`` (20 MB CSV, 5 MB xlsx, 30 pages,
CSVs of 10/50/100 MB), or ``AIRLOCK_BENCH_SCALE=0.1`` (multiplies every size), or set each:
``AIRLOCK_BENCH_CSV_MB``, ``AIRLOCK_BENCH_XLSX_MB``, ``AIRLOCK_BENCH_PDF_PAGES`` and
``AIRLOCK_BENCH_LINEAR_MB`` (comma-separated, e.g. ``100,500,1000``); ``0`` skips a case.

Peak memory is the largest summed RSS of the process tree (the command and the scan worker it
starts), polled every 50 ms with psutil.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CPR_PATTERN = r"(^|[^0-9])([0-2][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}([^0-9]|$)"
# The needle: a made-up CPR number (valid date, passes modulus 11), in its own written form.
NEEDLE = "070761-4285"
_MB = 1024 * 1024


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: bytes = b""


def measure(command: list[str], *, keep_output: bool = False) -> Run:
    """Wall time and peak RSS (summed over the process tree) of one command."""
    # Output goes to a real file: GNU grep stops at the first match when it writes to /dev/null.
    with tempfile.TemporaryFile() as output:
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
        stderr = process.stderr.read() if process.stderr is not None else b""
        if process.returncode not in (0, 1) and stderr:
            sys.stderr.write(stderr.decode(errors="replace")[-2000:])
        output.seek(0)
        kept = output.read() if keep_output else b""
    return Run(seconds=seconds, peak_mb=peak / _MB, returncode=process.returncode, output=kept)


# --- files ---------------------------------------------------------------------------------


def make_csv(path: Path, size_mb: int) -> int:
    """A Danish-style row-level export (``;``, decimal comma; an 8-digit amount in every row,
    the identifier rule's hardest case), clean but for its last line, which names the needle.
    Returns that line's number."""
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
    lines = 1
    with path.open("wb") as handle:
        handle.write(b"aar;kommune;koen;alder;indkomst;formue;kode;tekst\n")
        written = 0
        while written < target:
            handle.write(block)
            written += len(block)
            lines += len(block_lines)
        handle.write(f"2019;101;1;44;100,00;12345678;1;kontakt {NEEDLE}\n".encode())
    return lines + 1


def make_xlsx(path: Path, size_mb: int) -> int:
    """One sheet of row-level numbers and labels, written as raw SpreadsheetML (fast); its last
    row names the needle. Returns that row's number."""
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
            header: list[object] = ["aar", "kommune", "koen", "alder", "indkomst", "formue"]
            header.append("andel")
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
            sheet.write(_xlsx_row(row, [2020, f"kontakt {NEEDLE}", 1, 44, 100.5, 12.5, 0.5]))
            sheet.write(b"</sheetData></worksheet>")
    return row


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
    pdf.cell(0, 6, f"Kontakt: {NEEDLE}")  # the needle, on the last page
    pdf.output(str(path))


# --- the run -------------------------------------------------------------------------------


@dataclass
class Case:
    label: str
    path: Path
    needle_at: str  # where the scan must report the needle (start of the finding's location)
    baseline_name: str = ""
    baseline: list[str] = field(default_factory=list)
    target: float | None = None
    memory_target: float | None = None


@dataclass
class Result:
    case: Case
    size_mb: float
    scan: Run
    found: bool
    verdict: str
    baseline: Run | None = None
    notes: list[str] = field(default_factory=list)


def _sizes(small: bool) -> tuple[int, int, int, list[int]]:
    csv_mb, xlsx_mb, pages, linear = (20, 5, 30, [10, 50, 100]) if small else (
        200, 50, 300, [100, 500, 1000])  # fmt: skip
    scale = float(os.environ.get("AIRLOCK_BENCH_SCALE", "1"))
    csv_mb = int(os.environ.get("AIRLOCK_BENCH_CSV_MB", max(1, round(csv_mb * scale))))
    xlsx_mb = int(os.environ.get("AIRLOCK_BENCH_XLSX_MB", max(1, round(xlsx_mb * scale))))
    pages = int(os.environ.get("AIRLOCK_BENCH_PDF_PAGES", max(1, round(pages * scale))))
    linear_text = os.environ.get("AIRLOCK_BENCH_LINEAR_MB")
    if linear_text is not None:
        linear = [int(v) for v in linear_text.split(",") if v.strip() and int(v) > 0]
    else:
        linear = [max(1, round(mb * scale)) for mb in linear]
    return csv_mb, xlsx_mb, pages, linear


def _needle_found(run: Run, where: str) -> tuple[bool, str]:
    try:
        report = json.loads(run.output.decode())[0]
    except (ValueError, IndexError, KeyError):
        return False, "no report"
    found = any(
        f["code"] == "identifier.dk_cpr" and f["location"].startswith(where)
        for f in report["findings"]
    )
    reasons = [f["message"] for f in report["findings"] if f["code"] == "scan.unscannable"]
    verdict = report["verdict"] + (f" ({reasons[0][:90]})" if reasons else "")
    return found, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="small files for a quick run")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    csv_mb, xlsx_mb, pdf_pages, linear = _sizes(args.small)
    folder = Path(tempfile.mkdtemp(prefix="airlock-bench-"))
    python = sys.executable
    scanner = [python, "-m", "scanners", "--json"]
    results: list[Result] = []
    started_load = _load()
    try:
        print(f"Generating files in {folder} ...", flush=True)
        started = time.perf_counter()
        cases: list[Case] = []
        if csv_mb:
            csv_path = folder / f"csv_{csv_mb}mb.csv"
            last = make_csv(csv_path, csv_mb)
            grep = ["grep", "-E", "-c", CPR_PATTERN, str(csv_path)]
            cases.append(
                Case(f"CSV {csv_mb} MB", csv_path, f"line {last},", "grep -E", grep, 3.0, 300.0)
            )
        if xlsx_mb:
            xlsx_path = folder / f"xlsx_{xlsx_mb}mb.xlsx"
            last_row = make_xlsx(xlsx_path, xlsx_mb)
            pandas = [
                python,
                "-c",
                "import sys, pandas; "
                "pandas.read_excel(sys.argv[1], engine='openpyxl', sheet_name=None)",
                str(xlsx_path),
            ]
            where = f"Data!B{last_row}"
            cases.append(
                Case(
                    f"xlsx {xlsx_mb} MB", xlsx_path, where, "pandas.read_excel", pandas, 0.2, 300.0
                )  # fmt: skip
            )
        if pdf_pages and shutil.which("pdftotext"):
            pdf_path = folder / f"pdf_{pdf_pages}p.pdf"
            make_pdf(pdf_path, pdf_pages)
            pdftotext = ["pdftotext", str(pdf_path), os.devnull]
            cases.append(
                Case(
                    f"PDF {pdf_pages} pages",
                    pdf_path,
                    f"page {pdf_pages}",
                    "pdftotext",
                    pdftotext,
                    3.0,
                )
            )
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
        _byte_compile()
        for case in cases:
            results.append(_run_case(case, scanner))
        # Linear growth: one file at a time, each removed before the next is made.
        for mb in linear:
            path = folder / f"linear_{mb}mb.csv"
            last = make_csv(path, mb)
            results.append(_run_case(Case(f"CSV {mb} MB (linear)", path, f"line {last},"),
                                     scanner))  # fmt: skip
            path.unlink()
        _print(results, linear)
        print(f"\nload average (1, 5, 15 min): {started_load} at the start, {_load()} at the end")
    finally:
        if args.keep:
            print(f"Files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    missed = [r.case.label for r in results if not r.found]
    if missed:
        print(f"\nFAILED: the scan missed the needle in {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


def _byte_compile() -> None:
    """Byte-compile the scanner's modules first, as setup does for an installation: with
    PYTHONDONTWRITEBYTECODE set (as in some shells and CI), every measured scan would otherwise
    compile each module changed since setup again, which is no part of a worker's scan."""
    import compileall

    compileall.compile_dir(ROOT / "scanners", quiet=1)


def _run_case(case: Case, scanner: list[str]) -> Result:
    size = case.path.stat().st_size / _MB
    print(f"Scanning {case.path.name} ({size:.0f} MB) ...", flush=True)
    scan_run = measure([*scanner, str(case.path)], keep_output=True)
    found, verdict = _needle_found(scan_run, case.needle_at)
    result = Result(case, size, scan_run, found, verdict)
    if not found:
        result.notes.append(f"NEEDLE MISSED at {case.needle_at}")
    if case.baseline and shutil.which(case.baseline[0]):
        result.baseline = measure(case.baseline)
        ratio = scan_run.seconds / result.baseline.seconds
        meets = case.target is None or ratio <= case.target
        result.notes.append(
            f"ratio {ratio:.2f}: {'meets' if meets else 'MISSES'} target <= {case.target:g}x"
        )
    if case.memory_target is not None:
        meets = scan_run.peak_mb <= case.memory_target
        result.notes.append(
            f"peak {scan_run.peak_mb:.0f} MB: {'meets' if meets else 'MISSES'} "
            f"<= {case.memory_target:g} MB"
        )
    return result


def _load() -> str:
    """The load average: the machine may be shared, so each figure stands beside it."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _print(results: list[Result], linear: list[int]) -> None:
    print()
    print(f"{'file':<22} {'MB':>6}  {'tool':<18} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}"
          "  needle / verdict")  # fmt: skip
    for result in results:
        runs = [("airlock scan", result.scan)]
        if result.baseline is not None:
            runs.append((result.case.baseline_name, result.baseline))
        for tool, run in runs:
            tail = ""
            if tool == "airlock scan":
                tail = f"  {'found' if result.found else 'MISSED'}; {result.verdict}"
            print(f"{result.case.label:<22} {result.size_mb:>6.0f}  {tool:<18} "
                  f"{run.seconds:>8.2f} {result.size_mb / run.seconds:>7.1f} "
                  f"{run.peak_mb:>8.0f}{tail}")  # fmt: skip
        for note in result.notes:
            print(f"{'':<22} {'':>6}  {note}")
    linear_runs = [r for r in results if r.case.label.endswith("(linear)")]
    if len(linear_runs) >= 2:
        base = linear_runs[0]
        per_mb = base.scan.seconds / base.size_mb
        print("\nlinearity (seconds per MB, relative to the smallest; the marginal rate is the"
              " time per MB added since the size before, which a fixed start-up cost does not"
              " blur):")  # fmt: skip
        previous: Result | None = None
        for item in linear_runs:
            rate = item.scan.seconds / item.size_mb
            if "longer than the limit" in item.verdict:
                stopped = "stopped at the time limit (unscannable), no rate"
                print(f"  {item.size_mb:>6.0f} MB  {item.scan.seconds:>8.2f} s  {stopped}  "
                      f"peak {item.scan.peak_mb:.0f} MB")  # fmt: skip
                continue
            marginal = ""
            if previous is not None and item.size_mb > previous.size_mb:
                added = (item.scan.seconds - previous.scan.seconds) / (
                    item.size_mb - previous.size_mb
                )
                marginal = f"  marginal {added:.4f} s/MB"
            print(f"  {item.size_mb:>6.0f} MB  {item.scan.seconds:>8.2f} s  {rate:.3f} s/MB  "
                  f"x{rate / per_mb:.2f}{marginal}  peak {item.scan.peak_mb:.0f} MB")  # fmt: skip
            previous = item
