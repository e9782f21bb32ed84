"""Latency bench: small files one after another through the API of a real running service.

    python -m bench.latency_bench [--files 20] [--backend embedded|services|both]

Starts a real installation (gunicorn and one Celery worker process, see
``tests/support/processes.py``) on the embedded default (SQLite, kombu's filesystem broker)
and, when they answer on 127.0.0.1, on PostgreSQL and Redis. The demo researcher uploads N small
files one at a time and polls the API until each has its verdict before sending the next. It
prints upload->verdict p50/p95/max and where the time went, as medians:

- upload: the POST round trip (stored in quarantine, row written, scan queued on commit);
- queue: from the row's ``created_at`` to the worker claiming the scan (``scan_started_at``):
  broker publish, broker poll, worker pick-up;
- copy: the worker copies the file out of quarantine before the scan;
- gate: type gate and digest in the worker;
- sandbox: starting the isolated scan process and getting its answer back (all of the scan's
  time that is not the reader or the detectors);
- read, detect: inside the sandbox (from the worker's ``scanners.timing`` log lines);
- save: recording the verdict, until the client sees it (polling every 10 ms).

Targets (issue 9): p50 <= 0.25 s, p95 <= 0.5 s. Exit status 1 if a file has no verdict or a
verdict differs from what the file should get. Only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import secrets
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.http_api import HttpApi  # noqa: E402
from tests.support.processes import (  # noqa: E402
    Installation,
    installation,
    postgres_available,
    redis_available,
)

P50_TARGET = 0.25
P95_TARGET = 0.5
POLL_SECONDS = 0.01
VERDICT_TIMEOUT = 60.0


def _xlsx(rows: list[list[object]]) -> bytes:
    """A minimal valid workbook (inline strings), built in code."""
    cells = []
    for r, row in enumerate(rows, start=1):
        out = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(value, int | float):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        cells.append(f'<row r="{r}">{"".join(out)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        f'org/spreadsheetml/2006/main"><sheetData>{"".join(cells)}</sheetData></worksheet>'
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Tabel 1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# (name template, content, expected verdict). Small result files of the kinds people send.
FILES: list[tuple[str, bytes, str]] = [
    ("tabel-{n}.csv", b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n", "clean"),
    (
        "regression-{n}.txt",
        b"Variabel    Koef.    Std.fejl    t\nalder       0.031    0.004    7.75\n"
        b"indkomst    0.002    0.001    2.00\n",
        "clean",
    ),
    ("smaa-{n}.csv", b"kommune;antal\nAarhus;120\nLaeso;2\nOdense;95\n", "risk"),
    (
        "analyse-{n}.do",
        b'use "data.dta", clear\nregress y x1 x2\nestimates store m1\n',
        "clean",
    ),
    (
        "tabel-{n}.xlsx",
        _xlsx([["Region", "Antal"], ["Hovedstaden", 1520], ["Sjaelland", 870], ["Syd", 990]]),
        "clean",
    ),
]

_TIMING = re.compile(r"scan timings sha256=(?P<sha>[0-9a-f]+) (?P<fields>(?:\w+_ms=\d+ ?)+)")

FETCH_ROWS = """
import json
from airlock.outputs.models import OutputFile
rows = OutputFile.objects.filter(pk__in={ids}).values(
    "pk", "sha256", "created_at", "scan_started_at", "scanned_at", "scan_duration_ms")
print(json.dumps([{{**r, "created_at": r["created_at"].isoformat(),
    "scan_started_at": r["scan_started_at"].isoformat() if r["scan_started_at"] else None,
    "scanned_at": r["scanned_at"].isoformat() if r["scanned_at"] else None}} for r in rows]))
"""


@dataclass
class Sample:
    name: str
    expected: str
    post_started: float  # time.time()
    post_done: float
    seen: float = 0.0
    verdict: str = ""
    file_id: int = 0
    sha256: str = ""

    @property
    def latency(self) -> float:
        return self.seen - self.post_started


@dataclass
class Run:
    backend: str
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parts: dict[str, list[float]] = field(default_factory=dict)
    worker_log_tail: list[str] = field(default_factory=list)


def _when(value: str | None) -> float:
    return dt.datetime.fromisoformat(value).timestamp() if value else float("nan")


def measure(inst: Installation, count: int, backend: str) -> Run:
    url = inst.start_web(workers=2)
    assert url.startswith("http://127.0.0.1:")
    inst.start_worker("worker")
    api = HttpApi(url, inst.token("researcher"))
    run = Run(backend=backend)
    # One file first, not counted: the first request of each gunicorn worker pays for imports.
    warm = api.upload("demo", [("warm-up.csv", FILES[0][1])])
    if warm.status == 201:
        api.wait_until_scanned("demo", [warm.json()[0]["id"]], timeout=VERDICT_TIMEOUT)
    for n in range(count):
        template, content, expected = FILES[n % len(FILES)]
        name = template.format(n=n)
        started = time.time()
        reply = api.upload("demo", [(name, content)])
        done = time.time()
        if reply.status != 201:
            run.errors.append(f"{name}: upload HTTP {reply.status} {reply.body[:200]!r}")
            continue
        body = reply.json()[0]
        sample = Sample(name, expected, started, done, file_id=body["id"], sha256=body["sha256"])
        deadline = time.monotonic() + VERDICT_TIMEOUT
        while time.monotonic() < deadline:
            state = api.get(f"/api/inside/projects/demo/files/{sample.file_id}").json()
            if state["status"] not in ("uploaded", "scanning"):
                sample.seen = time.time()
                sample.verdict = state["verdict"] or state["status"]
                break
            time.sleep(POLL_SECONDS)
        if not sample.seen:
            run.errors.append(f"{name}: no verdict within {VERDICT_TIMEOUT:g} s")
            if not run.worker_log_tail:
                run.worker_log_tail = inst.log("worker").splitlines()[-30:]
            continue
        if sample.verdict != expected:
            run.errors.append(f"{name}: verdict {sample.verdict}, expected {expected}")
        run.samples.append(sample)
    _breakdown(inst, run)
    return run


def _breakdown(inst: Installation, run: Run) -> None:
    ids = [s.file_id for s in run.samples]
    output = inst.manage("shell", "-c", FETCH_ROWS.format(ids=ids))
    rows = {r["pk"]: r for r in json.loads(output.strip().splitlines()[-1])}
    timings: dict[str, dict[str, float]] = {}
    for match in _TIMING.finditer(inst.log("worker")):
        values = dict(item.split("=") for item in match["fields"].split())
        timings[match["sha"]] = {k.removesuffix("_ms"): int(v) / 1000 for k, v in values.items()}
    parts: dict[str, list[float]] = {
        key: [] for key in ("upload", "queue", "copy", "gate", "sandbox", "read", "detect", "save")
    }
    for sample in run.samples:
        row = rows[sample.file_id]
        claimed, scanned = _when(row["scan_started_at"]), _when(row["scanned_at"])
        scan_seconds = (row["scan_duration_ms"] or 0) / 1000
        parts["upload"].append(sample.post_done - sample.post_started)
        parts["queue"].append(claimed - _when(row["created_at"]))
        parts["copy"].append(max(0.0, scanned - claimed - scan_seconds))
        parts["save"].append(sample.seen - scanned)
        timing = timings.get(sample.sha256[:16])
        if timing:
            parts["gate"].append(timing.get("gate", float("nan")))
            parts["sandbox"].append(timing.get("sandbox", float("nan")))
            parts["read"].append(timing.get("read", float("nan")))
            parts["detect"].append(timing.get("detect", float("nan")))
        else:  # a scanner without timing lines: the whole scan counts as the sandbox's
            parts["sandbox"].append(scan_seconds)
    run.parts = parts


def own_queue() -> dict[str, str]:
    """A scan queue of this run's own: another installation on the same Redis database (a test
    running beside the bench) would otherwise take its messages."""
    return {"AIRLOCK_CELERY_QUEUE": f"airlock-bench-{secrets.token_hex(4)}"}


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(run: Run) -> bool:
    latencies = [s.latency for s in run.samples]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    met = bool(latencies) and p50 <= P50_TARGET and p95 <= P95_TARGET
    print(f"Latency, {len(run.samples)} small files one after another ({run.backend})")
    print(
        f"  upload -> verdict   p50 {p50:.3f} s   p95 {p95:.3f} s   "
        f"max {max(latencies, default=float('nan')):.3f} s   "
        f"(targets p50 <= {P50_TARGET} s, p95 <= {P95_TARGET} s: {'met' if met else 'NOT met'})"
    )
    shown = "   ".join(
        f"{key} {statistics.median(values) * 1000:.0f}"
        for key, values in run.parts.items()
        if values and not any(v != v for v in values)
    )
    print(f"  median ms           {shown}")
    for error in run.errors:
        print(f"  error: {error}")
    if run.worker_log_tail:
        print("  the worker's log when the first file had no verdict:")
        for line in run.worker_log_tail:
            print(f"    {line[:300]}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument(
        "--backend",
        choices=("embedded", "services", "both"),
        default="both",
        help="services = PostgreSQL + Redis on 127.0.0.1 (skipped when they do not answer)",
    )
    parser.add_argument(
        "--enforce", action="store_true", help="exit 1 when a target is not met, too"
    )
    options = parser.parse_args(argv)
    count = max(1, min(options.files, 200))
    backends = ["embedded", "services"] if options.backend == "both" else [options.backend]
    failed = False
    for backend in backends:
        services = backend == "services"
        if services and not (postgres_available() and redis_available()):
            print("Latency (PostgreSQL + Redis): skipped, they do not answer on 127.0.0.1")
            continue
        label = "PostgreSQL + Redis" if services else "SQLite + filesystem broker"
        with tempfile.TemporaryDirectory(prefix="airlock-latency-") as folder:
            with installation(Path(folder), services=services, **own_queue()) as inst:
                run = measure(inst, count, label)
        met = report(run)
        failed = failed or bool(run.errors) or (options.enforce and not met)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
