"""Load test on loopback: N researchers upload and transfer at once against gunicorn + W workers.

    python -m bench.load_bench [--researchers 20] [--files 5] [--workers 1,2,4]
                               [--concurrency 1] [--deadline 240] [--embedded]

For each worker count it starts a real installation (gunicorn and W Celery worker processes of
``--concurrency`` pool processes each; PostgreSQL and Redis when they answer on 127.0.0.1, else
the embedded SQLite and filesystem broker), makes N researchers in the demo project, and has
each, at the same time, upload files one by one, wait for their verdicts (one status request a
second for all of a researcher's pending files, as ``airlock-client`` asks), comment the risk ones
and transfer them. It prints, per worker count:

- upload -> verdict p50 / p95 / max: from the start of the upload request to the verdict being
  recorded (the row's ``scanned_at``; same clock, same machine). Researchers look at each
  pending file once a second (the inside page refreshes a pending row every 2 s), so the
  figure is the service's, not the polling's;
- verdicts per second: verdicts / (last verdict - first upload);
- per core: verdicts per second of CPU the workers used (their processes, pool processes and
  sandbox children, from psutil, until the workers are idle again: the fingerprint and
  preview tasks of the last transfers count), and verdicts per second per core of the machine;
- errors (HTTP errors, files without a verdict by the deadline, transfers refused);
- where each verdict's time went, as medians: queue (row written -> a worker claims it), copy
  (the claim's commit, the project's policy and the copy out of quarantine), gate, sandbox
  start and answer, read, detect (inside the sandbox, from the workers' ``scan timings`` log
  lines); and the workers' CPU per verdict: Celery main process / task process / sandbox;
- the whole service's CPU per verdict: workers + web + PostgreSQL + Redis (every process of the
  machine's servers, from psutil), and verdicts per second of that CPU, with the bench's own
  CPU (the researchers' threads) beside it: the load generator shares the machine's cores.

On PostgreSQL it also counts the SQL statements per verdict that the workers and the web
processes sent (transaction control and health checks included), from the server's log: the
run's database logs its statements (``ALTER DATABASE ... SET log_statement``, superuser; the
database is dropped afterwards) and each process names itself (``application_name``). The log
is read from ``AIRLOCK_BENCH_POSTGRES_LOG`` (default the Debian path); unreadable, no count.

The load average (``os.getloadavg``) before and after each run is printed beside it: the
machine is shared, so a figure is only as good as that. Everything is bounded: the counts, and
a deadline after which the run stops and says so. Only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency_bench import FETCH_ROWS, _when  # noqa: E402
from tests.support.http_api import HttpApi  # noqa: E402
from tests.support.processes import (  # noqa: E402
    Installation,
    installation,
    postgres_available,
    redis_available,
)

FILES = [
    ("tabel-{n}.csv", b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"),
    ("regression-{n}.txt", b"coef se t\nalder 0.031 0.004 7.75\nindkomst 0.002 0.001 2.0\n"),
    ("opgoerelse-{n}.csv", b"name,cpr\nA,010190-1234\nB,020285-4321\n"),  # risk: needs a comment
]
POSTGRES_LOG = Path(
    os.environ.get("AIRLOCK_BENCH_POSTGRES_LOG", "/var/log/postgresql/postgresql-15-main.log")
)
TARGET_PER_CORE = 20.0  # small-file verdicts per second per core (issue 15)
POLL_SECONDS = 1.0  # the inside page refreshes a pending row every 2 s

MAKE_RESEARCHERS = """
import json
from django.contrib.auth import get_user_model
from airlock.accounts.services import api_token_create
from airlock.projects.models import Project
from airlock.projects.services import membership_add
project = Project.objects.get(code="demo")
tokens = []
for i in range({n}):
    user = get_user_model().objects.create_user(username=f"bench{{i}}", password="bench-pw-{{i}}")
    membership_add(project=project, user=user)
    tokens.append(api_token_create(user=user, name="bench")[1])
print(json.dumps(tokens))
"""

# The drain: a backlog of files queued in one commit while the workers wait, as after a burst
# of uploads; each kind of FILES in turn, with a sequence number so no two are the same bytes.
MAKE_BACKLOG = """
import io, json
from django.contrib.auth import get_user_model
from airlock.outputs.services import Upload, output_file_upload_many
from airlock.projects.models import Project
from airlock.projects.services import membership_add
files = {files!r}
project = Project.objects.get(code="demo")
user = get_user_model().objects.create_user(username="drain", password="drain-pw")
membership_add(project=project, user=user)
if {history}:  # the project's history: tables released earlier, compared with at every scan
    from django.utils import timezone
    from airlock.projects.released_tables import ReleasedTable
    fingerprint = {{"table": "", "columns": ["antal"], "total": None, "total_column": None,
                   "rows": {{f"kommune {{i}}": [100 + i] for i in range(40)}}}}
    ReleasedTable.objects.bulk_create(
        ReleasedTable(project=project, file_name=f"tidligere-{{i}}.csv", table_name="",
                      transferred_at=timezone.now(), fingerprint=fingerprint)
        for i in range({history})
    )
uploads = [
    Upload(stream=io.BytesIO(content + f"# {{k}}\\n".encode()), name=name.format(n=f"d-{{k}}"))
    for k in range({n})
    for name, content in [files[k % len(files)]]
]
created = output_file_upload_many(project=project, user=user, uploads=uploads)
print(json.dumps([f.pk for f in created]))
"""

_TIMING = re.compile(r"scan timings sha256=(?P<sha>[0-9a-f]+) (?P<fields>(?:\w+_ms=\d+ ?)+)")
PARTS = ("queue", "copy", "gate", "sandbox", "read", "detect")


@dataclass
class Tally:
    started: dict[int, float] = field(default_factory=dict)  # file id -> upload start (epoch)
    sha256: dict[int, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    transfers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def researcher(api: HttpApi, index: int, files: int, tally: Tally, deadline: float) -> None:
    uploaded: list[int] = []
    for k in range(files):
        template, content = FILES[k % len(FILES)]
        started = time.time()
        try:
            reply = api.upload("demo", [(template.format(n=f"{index}-{k}"), content)])
        except OSError as exc:
            with tally.lock:
                tally.errors.append(f"upload: {exc!r}")
            continue
        if reply.status != 201:
            with tally.lock:
                tally.errors.append(f"upload: HTTP {reply.status} {reply.body[:200]!r}")
            continue
        body = reply.json()[0]
        uploaded.append(body["id"])
        with tally.lock:
            tally.started[body["id"]] = started
            tally.sha256[body["id"]] = body["sha256"]
    verdicts: dict[int, dict] = {}
    # The pending files are looked at once a second, in one request for them all, as the
    # command-line client does (the inside page refreshes a pending row every 2 s): the bench
    # measures the service's scanning, not a client hammering it.
    while set(uploaded) - verdicts.keys() and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        pending = sorted(set(uploaded) - verdicts.keys())
        query = "&".join(f"id={file_id}" for file_id in pending)
        reply = api.get(f"/api/inside/projects/demo/files?{query}")
        if reply.status != 200:
            with tally.lock:
                tally.errors.append(f"poll: HTTP {reply.status}")
            continue
        for body in reply.json():
            if body["status"] not in ("uploaded", "scanning"):
                verdicts[body["id"]] = body
    with tally.lock:
        tally.files += len(verdicts)
        missing = len(uploaded) - len(verdicts)
        if missing:
            tally.errors.append(f"{missing} file(s) without a verdict by the deadline")
    transferable = []
    for file_id, body in verdicts.items():
        if body["verdict"] == "rejected":
            continue
        if body["needs_comment"]:
            reply = api.post_json(
                f"/api/inside/projects/demo/files/{file_id}/comment",
                {"comment": "Synthetic test identifiers, made up for the load test."},
            )
            if reply.status != 200:
                with tally.lock:
                    tally.errors.append(f"comment: HTTP {reply.status}")
                continue
        transferable.append(file_id)
    if transferable:
        reply = api.post_json(
            "/api/inside/projects/demo/transfers", {"files": transferable, "approve": True}
        )
        with tally.lock:
            if reply.status == 201:
                tally.transfers += 1
            else:
                tally.errors.append(f"transfer: HTTP {reply.status} {reply.body[:200]!r}")


def own_queue() -> dict[str, str]:
    """A scan queue of this run's own: another installation on the same Redis database (a test
    running beside the bench) would otherwise take its messages."""
    return {"AIRLOCK_CELERY_QUEUE": f"airlock-bench-{secrets.token_hex(4)}"}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def cpu_split(pids: list[int]) -> dict[str, float]:
    """CPU seconds of worker processes, split: the Celery main process, its pool processes
    (the task: database, copy, sandbox fork and wait) and the sandbox children they reaped."""
    import psutil

    split = {"main": 0.0, "task": 0.0, "sandbox": 0.0}
    for pid in pids:
        try:
            root = psutil.Process(pid)
            times = root.cpu_times()
            split["main"] += times.user + times.system
            # pool processes that ended (replaced after max-memory-per-child) count as tasks
            split["task"] += times.children_user + times.children_system
            children = root.children()
        except psutil.NoSuchProcess:
            continue
        for child in children:
            try:
                times = child.cpu_times()
            except psutil.NoSuchProcess:
                continue
            split["task"] += times.user + times.system
            split["sandbox"] += times.children_user + times.children_system
    return split


def cpu_seconds(pids: list[int]) -> float:
    return sum(cpu_split(pids).values())


def server_cpu_seconds() -> dict[str, float]:
    """CPU seconds so far of the machine's PostgreSQL and Redis servers, and of this bench
    process (the researchers' threads). Every process of a server counts, and its root (the
    postmaster, whatever started it) also counts the children it reaped: the backends that
    ended. Only what this user may read."""
    import psutil

    def kind_of(name: str) -> str:
        return (
            "postgres"
            if name.startswith("postgres")
            else "redis"
            if name.startswith("redis-server")
            else ""
        )

    processes = {p.pid: p for p in psutil.process_iter(["name", "ppid"])}
    used = {"postgres": 0.0, "redis": 0.0}
    for process in processes.values():
        kind = kind_of(process.info["name"] or "")
        if not kind:
            continue
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        used[kind] += times.user + times.system
        parent = processes.get(process.info["ppid"])
        if parent is None or kind_of(parent.info["name"] or "") != kind:
            used[kind] += times.children_user + times.children_system
    me = psutil.Process().cpu_times()
    used["bench"] = me.user + me.system
    return used


IDLE_CPU_SECONDS = 0.02  # the workers are idle when half a second costs them less than this


def wait_until_idle(pids: list[int], *, interval: float = 0.5, limit: float = 60.0) -> bool:
    """Wait until the processes use (almost) no CPU: the last transfers' fingerprint and
    preview tasks are still running when the researchers are done, and their CPU belongs to
    the run. False when they were still busy after ``limit`` seconds."""
    ends = time.monotonic() + limit
    used = cpu_seconds(pids)
    while time.monotonic() < ends:
        time.sleep(interval)
        now = cpu_seconds(pids)
        if now - used < IDLE_CPU_SECONDS:
            return True
        used = now
    return False


class StatementLog:
    """The SQL statements the run's database logged between ``start`` and ``stop``, per
    ``application_name`` of the process that sent them (a backend's pid names it at connect)."""

    def __init__(self, inst: Installation) -> None:
        url = inst.env.get("DATABASE_URL", "")
        self.database = url.rsplit("/", 1)[-1] if url.startswith("postgres") else ""
        self.base_url = url
        self.offset = -1
        self.counts: dict[str, Counter] = {}
        if not self.database or not os.access(POSTGRES_LOG, os.R_OK):
            self.database = ""
            return
        import psycopg

        from tests.support.processes import POSTGRES_ADMIN_URL

        self.admin_url = POSTGRES_ADMIN_URL
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE \"{self.database}\" SET log_statement = 'all'")
        self.owner: dict[str, str] = {}
        self.sampling = threading.Event()
        self.sampler: threading.Thread | None = None

    def env_for(self, inst: Installation, role: str) -> None:
        """Processes started next name themselves ``airlock-<role>`` to the database."""
        if self.database:
            inst.env["DATABASE_URL"] = f"{self.base_url}?application_name=airlock-{role}"

    def start(self) -> None:
        if self.database:
            self.offset = POSTGRES_LOG.stat().st_size
            self.sampling.set()
            self.sampler = threading.Thread(target=self._sample_owners, daemon=True)
            self.sampler.start()

    def _sample_owners(self) -> None:
        """Which process each backend serves, from pg_stat_activity, twice a second: a
        connection replaced during the run (CONN_MAX_AGE) is seen while it lives."""
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            while self.sampling.is_set():
                rows = conn.execute(
                    "SELECT pid, application_name FROM pg_stat_activity WHERE datname = %s",
                    (self.database,),
                ).fetchall()
                self.owner.update({str(pid): app for pid, app in rows})
                time.sleep(0.05)

    def stop(self) -> None:
        if self.offset < 0:
            return
        self.sampling.clear()
        if self.sampler:
            self.sampler.join(timeout=5)
        run = POSTGRES_LOG.read_bytes()[self.offset :].decode(errors="replace")
        owner = self.owner
        marker = f"@{self.database} "
        for line in run.splitlines():
            if marker not in line or "LOG:  statement: " not in line:
                continue
            pid = _PID.search(line)
            role = owner.get(pid[1] if pid else "", "other")
            statement = line.split("LOG:  statement: ", 1)[1].strip().split(" ", 1)[0].upper()
            self.counts.setdefault(role, Counter())[statement] += 1

    def per_verdict(self, role: str, verdicts: int) -> str:
        """Statements per verdict sent by the ``role``'s processes, and by their first word."""
        if self.offset < 0 or not verdicts:
            return "-"
        counts = self.counts.get(f"airlock-{role}", Counter())
        kinds = ", ".join(f"{k} {n / verdicts:.1f}" for k, n in counts.most_common())
        return f"{sum(counts.values()) / verdicts:.1f} ({kinds})"


_PID = re.compile(r"\[(\d+)\]")


@dataclass
class Result:
    workers: int
    concurrency: int
    backend: str
    total: int
    verdicts: int
    latencies: list[float]
    verdicts_per_second: float
    worker_cpu: float
    worker_split: dict[str, float]
    web_cpu: float
    server_cpu: dict[str, float]
    transfers: int
    researchers: int
    errors: list[str]
    parts: dict[str, list[float]]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    elapsed: float
    sql_worker: str = "-"
    sql_web: str = "-"

    @property
    def per_worker_cpu_second(self) -> float:
        return self.verdicts / self.worker_cpu if self.worker_cpu else float("nan")

    @property
    def service_cpu(self) -> float:
        """CPU seconds the service used: workers, web, PostgreSQL and Redis (not the bench)."""
        return (
            self.worker_cpu + self.web_cpu + self.server_cpu["postgres"] + self.server_cpu["redis"]
        )

    @property
    def per_service_cpu_second(self) -> float:
        return self.verdicts / self.service_cpu if self.service_cpu else float("nan")


def _breakdown(inst: Installation, tally: Tally, workers: int) -> tuple[list[float], dict, float]:
    ids = sorted(tally.started)
    output = inst.manage("shell", "-c", FETCH_ROWS.format(ids=ids))
    rows = {r["pk"]: r for r in json.loads(output.strip().splitlines()[-1])}
    timings: dict[str, dict[str, float]] = {}
    for w in range(workers):
        for match in _TIMING.finditer(inst.log(f"worker-{w}")):
            values = dict(item.split("=") for item in match["fields"].split())
            timings[match["sha"]] = {
                k.removesuffix("_ms"): int(v) / 1000 for k, v in values.items()
            }
    parts: dict[str, list[float]] = {key: [] for key in PARTS}
    latencies: list[float] = []
    last_verdict = 0.0
    for file_id in ids:
        row = rows.get(file_id)
        if not row or not row["scanned_at"]:
            continue
        created, claimed, scanned = (
            _when(row["created_at"]),
            _when(row["scan_started_at"]),
            _when(row["scanned_at"]),
        )
        latencies.append(scanned - tally.started[file_id])
        last_verdict = max(last_verdict, scanned)
        scan_seconds = (row["scan_duration_ms"] or 0) / 1000
        parts["queue"].append(claimed - created)
        parts["copy"].append(max(0.0, scanned - claimed - scan_seconds))
        timing = timings.get(tally.sha256[file_id][:16])
        if timing:
            for key in ("gate", "sandbox", "read", "detect"):
                if key in timing:
                    parts[key].append(timing[key])
        else:
            parts["sandbox"].append(scan_seconds)
    span = last_verdict - min(tally.started.values()) if tally.started else float("nan")
    return latencies, parts, span


def run_once(options, workers: int, services: bool) -> Result:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="airlock-load-") as folder:
        with installation(Path(folder), services=services, **own_queue()) as inst:
            statements = StatementLog(inst)
            statements.env_for(inst, "web")
            url = inst.start_web(workers=options.web_workers)
            assert url.startswith("http://127.0.0.1:")
            web_pids = [p.pid for p in inst.processes]
            statements.env_for(inst, "worker")
            for w in range(workers):
                inst.start_worker(f"worker-{w}", concurrency=options.concurrency)
            worker_pids = [p.pid for p in inst.processes if p.pid not in web_pids]
            statements.env_for(inst, "bench")
            output = inst.manage("shell", "-c", MAKE_RESEARCHERS.format(n=options.researchers))
            tokens = json.loads(output.strip().splitlines()[-1])
            tally = Tally()
            split_0, cpu_web_0 = cpu_split(worker_pids), cpu_seconds(web_pids)
            servers_0 = server_cpu_seconds()
            statements.start()
            started = time.monotonic()
            deadline = started + options.deadline
            threads = [
                threading.Thread(
                    target=researcher,
                    args=(HttpApi(url, token), i, options.files, tally, deadline),
                )
                for i, token in enumerate(tokens)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(1.0, deadline - time.monotonic() + 30))
            elapsed = time.monotonic() - started
            if not wait_until_idle(worker_pids):
                tally.errors.append("the workers were still busy a minute after the last request")
            statements.stop()
            split_1 = cpu_split(worker_pids)
            split = {k: split_1[k] - split_0[k] for k in split_1}
            worker_cpu = sum(split.values())
            web_cpu = cpu_seconds(web_pids) - cpu_web_0
            servers_1 = server_cpu_seconds()
            servers = {k: servers_1[k] - servers_0[k] for k in servers_1}
            latencies, parts, span = _breakdown(inst, tally, workers)
    return Result(
        workers=workers,
        concurrency=options.concurrency,
        backend="PostgreSQL + Redis" if services else "SQLite + filesystem broker",
        total=options.researchers * options.files,
        verdicts=len(latencies),
        latencies=latencies,
        verdicts_per_second=len(latencies) / span if span and span == span else float("nan"),
        worker_cpu=worker_cpu,
        worker_split=split,
        web_cpu=web_cpu,
        server_cpu=servers,
        transfers=tally.transfers,
        researchers=options.researchers,
        errors=tally.errors,
        parts=parts,
        load_before=load_before,
        load_after=os.getloadavg(),
        elapsed=elapsed,
        sql_worker=statements.per_verdict("worker", len(latencies)),
        sql_web=statements.per_verdict("web", len(latencies)),
    )


@dataclass
class Drain:
    workers: int
    history: int  # tables the project had released before
    files: int
    verdicts: int
    verdicts_per_second: float  # between the 10th and the 90th percentile of the verdicts
    worker_split: dict[str, float]
    server_cpu: dict[str, float]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]

    @property
    def per_core(self) -> float:
        """Verdicts per second per core the workers can use: min(workers, cores)."""
        return self.verdicts_per_second / min(self.workers, os.cpu_count() or 1)

    @property
    def worker_cpu(self) -> float:
        return sum(self.worker_split.values())

    @property
    def service_cpu(self) -> float:
        return self.worker_cpu + self.server_cpu["postgres"] + self.server_cpu["redis"]


def drain_once(options, workers: int, services: bool, history: int = 0) -> Drain:
    """The workers alone: a backlog of ``--drain-files`` files queued in one commit, drained
    by W running workers, with no web process or researcher on the cores. The rate is taken
    between the 10th and the 90th percentile of the verdicts' times (``scanned_at``), where
    every worker is busy: what the scanning scales to, apart from the rest of the service.
    ``history``: tables the project released before (40 categories each), which every scan
    compares its tables with (``table.differencing``)."""
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="airlock-drain-") as folder:
        with installation(Path(folder), services=services, **own_queue()) as inst:
            for w in range(workers):
                inst.start_worker(f"worker-{w}", concurrency=options.concurrency)
            worker_pids = [p.pid for p in inst.processes]
            split_0, servers_0 = cpu_split(worker_pids), server_cpu_seconds()
            script = MAKE_BACKLOG.format(files=FILES, n=options.drain_files, history=history)
            ids = json.loads(inst.manage("shell", "-c", script).strip().splitlines()[-1])
            if not wait_until_idle(worker_pids, limit=options.deadline):
                print(f"  (drain, {workers} workers: still busy at the deadline)")
            split_1 = cpu_split(worker_pids)
            servers_1 = server_cpu_seconds()
            output = inst.manage("shell", "-c", FETCH_ROWS.format(ids=ids))
            rows = json.loads(output.strip().splitlines()[-1])
    scanned = sorted(_when(r["scanned_at"]) for r in rows if r["scanned_at"])
    rate = float("nan")
    if len(scanned) >= 10:
        low, high = int(len(scanned) * 0.1), int(len(scanned) * 0.9)
        if scanned[high] > scanned[low]:
            rate = (high - low) / (scanned[high] - scanned[low])
    return Drain(
        workers=workers,
        history=history,
        files=len(ids),
        verdicts=len(scanned),
        verdicts_per_second=rate,
        worker_split={k: split_1[k] - split_0[k] for k in split_1},
        server_cpu={k: servers_1[k] - servers_0[k] for k in servers_1},
        load_before=load_before,
        load_after=os.getloadavg(),
    )


def report_drain(drains: list[Drain]) -> None:
    cores = os.cpu_count() or 1
    print(
        f"Drain: a backlog of {drains[0].files} small files queued at once, scanned by W workers"
        f" alone (no web, no researchers); rate between the 10th and 90th percentile verdict;"
        f" per core = per min(W, {cores} cores)"
    )
    print(
        "  workers  released  verdicts  verdicts/s  per core  workers + PostgreSQL + Redis CPU"
        " ms/verdict  per service-CPU-s  load avg before/after"
    )
    for d in drains:
        n = max(1, d.verdicts)
        pg, redis = d.server_cpu["postgres"] / n * 1000, d.server_cpu["redis"] / n * 1000
        print(
            f"  {d.workers:>7}  {d.history:>8}  {d.verdicts:>4}/{d.files:<4}"
            f" {d.verdicts_per_second:10.1f}"
            f"  {d.per_core:8.1f}  {d.worker_cpu / n * 1000:.1f} + {pg:.1f} + {redis:.1f} ="
            f" {d.service_cpu / n * 1000:.1f}"
            f"{d.verdicts / d.service_cpu if d.service_cpu else float('nan'):>22.1f}"
            f"  {d.load_before[0]:.2f} / {d.load_after[0]:.2f}"
        )
    print("  worker CPU ms per verdict: Celery main process / task process / sandbox children")
    for d in drains:
        n = max(1, d.verdicts)
        split = " / ".join(
            f"{d.worker_split[k] / n * 1000:.1f}" for k in ("main", "task", "sandbox")
        )
        print(f"  {d.workers:>7}  {d.history:>8}  {split}")


def report(results: list[Result], options) -> None:
    cores = os.cpu_count() or 1
    first = results[0]
    print(
        f"Load test on 127.0.0.1 ({first.backend}): {options.researchers} researchers x "
        f"{options.files} small files, gunicorn {options.web_workers} workers, "
        f"Celery worker processes of concurrency {options.concurrency}; {cores} cores"
    )
    print(
        "  workers  verdicts  p50 s   p95 s   max s   verdicts/s  per core  "
        "per worker-CPU-s  worker CPU s  web CPU s  transfers  errors  load avg before/after"
    )
    for r in results:
        print(
            f"  {r.workers:>7}  {r.verdicts:>4}/{r.total:<3}  {percentile(r.latencies, 50):5.2f}  "
            f"{percentile(r.latencies, 95):6.2f}  {max(r.latencies, default=float('nan')):6.2f}  "
            f"{r.verdicts_per_second:10.1f}  {r.verdicts_per_second / cores:8.1f}  "
            f"{r.per_worker_cpu_second:16.1f}  {r.worker_cpu:12.1f}  {r.web_cpu:9.1f}  "
            f"{r.transfers:>4}/{r.researchers:<4}  {len(r.errors):>6}  "
            f"{r.load_before[0]:.2f} / {r.load_after[0]:.2f}"
        )
    print(
        f"  (target: >= {TARGET_PER_CORE:g} small-file verdicts per second per core; "
        "'per worker-CPU-s' = verdicts per second of CPU the workers used)"
    )
    print("  median ms per verdict: " + "   ".join(PARTS))
    for r in results:
        shown = "   ".join(
            f"{key} {statistics.median(values) * 1000:.0f}" if values else f"{key} -"
            for key, values in r.parts.items()
        )
        print(f"  {r.workers:>7}  {shown}")
    print("  worker CPU ms per verdict: Celery main process / task process / sandbox children")
    for r in results:
        n = max(1, r.verdicts)
        print(
            f"  {r.workers:>7}  "
            + " / ".join(f"{r.worker_split[k] / n * 1000:.1f}" for k in ("main", "task", "sandbox"))
            + f"   (total {r.worker_cpu / n * 1000:.1f}; web {r.web_cpu / n * 1000:.1f})"
        )
    print(
        "  the whole service's CPU ms per verdict: workers + web + PostgreSQL + Redis = total"
        " -> verdicts per second of service CPU (the bench's own researchers beside it)"
    )
    for r in results:
        n = max(1, r.verdicts)
        pg, redis, bench = (r.server_cpu[k] / n * 1000 for k in ("postgres", "redis", "bench"))
        print(
            f"  {r.workers:>7}  {r.worker_cpu / n * 1000:.1f} + {r.web_cpu / n * 1000:.1f} + "
            f"{pg:.1f} + {redis:.1f} = {r.service_cpu / n * 1000:.1f} -> "
            f"{r.per_service_cpu_second:.1f}   (bench {bench:.1f})"
        )
    print(
        "  SQL statements per verdict (PostgreSQL's log; the workers' include the fingerprint"
        " task of each released file)"
    )
    for r in results:
        print(f"  {r.workers:>7}  workers {r.sql_worker}")
        print(f"  {'':>7}  web     {r.sql_web}")
    for r in results:
        for error in r.errors[:10]:
            print(f"  error ({r.workers} workers): {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--researchers", type=int, default=20)
    parser.add_argument("--files", type=int, default=5, help="files per researcher")
    parser.add_argument(
        "--workers", default="1,2,4", help="Celery worker processes; a list runs each in turn"
    )
    parser.add_argument("--concurrency", type=int, default=1, help="pool processes per worker")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--deadline", type=float, default=240, help="seconds for each run")
    parser.add_argument("--embedded", action="store_true", help="SQLite and filesystem broker")
    parser.add_argument(
        "--phases",
        default="flow,drain",
        help="flow: the researchers' whole flow; drain: a queued backlog, the workers alone",
    )
    parser.add_argument("--drain-files", type=int, default=300, help="files in the backlog")
    parser.add_argument(
        "--released-tables",
        type=int,
        default=500,
        help="one more drain, the project having released this many tables before (0: none)",
    )
    options = parser.parse_args(argv)
    options.drain_files = max(20, min(options.drain_files, 2000))
    options.released_tables = max(0, min(options.released_tables, 5000))
    phases = {p.strip() for p in str(options.phases).split(",")}
    options.researchers = max(1, min(options.researchers, 50))
    options.files = max(1, min(options.files, 20))
    options.concurrency = max(1, min(options.concurrency, 8))
    counts = [max(1, min(int(n), 8)) for n in str(options.workers).split(",") if n.strip()]

    services = not options.embedded and postgres_available() and redis_available()
    failed = False
    if "flow" in phases:
        results = [run_once(options, workers, services) for workers in counts]
        report(results, options)
        failed = any(r.errors or r.verdicts < r.total for r in results)
    if "drain" in phases:
        drains = [drain_once(options, workers, services) for workers in counts]
        if options.released_tables:  # beside the same worker count without a history
            busy = min(os.cpu_count() or 1, max(counts))
            drains.append(drain_once(options, busy, services, history=options.released_tables))
        report_drain(drains)
        failed = failed or any(d.verdicts < d.files for d in drains)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
