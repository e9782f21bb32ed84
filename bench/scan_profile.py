"""Where a worker's CPU goes per verdict, in-process: SQL statements and CPU ms of each part.

    python -m bench.scan_profile [--files 60] [--postgres | --sqlite] [--cprofile 25]
                                 [--datadoc-variables 0] [--released-tables 0]

Makes a fresh database (PostgreSQL on 127.0.0.1 when it answers, else SQLite in a temporary
folder), migrates it, makes a project with a researcher, uploads ``--files`` small files (the
load bench's three kinds, in turn), warms the scanner the way a Celery worker does
(``scanners.sandbox.preload``) and then runs the scan task's service,
``scanning.output_file_scan``, on each file in this process, as a pool process would. It
prints, per verdict (medians; the first two files are left out as warm-up):

- SQL statements, split by part: the claim (row lock, lease, scanning status and its audit
  event), the policy load, the verdict (scanned status, its audit event, the verdict
  history), and the statements of one verdict, in order;
- CPU ms of this process (``time.process_time``) per part: claim, policy, copy (quarantine to
  the scan folder), scan (gate, fork, digest, the wait and the reply), record; and the
  sandbox child's CPU (``RUSAGE_CHILDREN``);
- the PostgreSQL server process's CPU ms per verdict (its backend, read with psutil: this
  must run on the database's host as a user who may read it), which is CPU of the same cores;
- with ``--reconnect``, a new connection for every verdict, as Celery's Django fixup made one
  before airlock/celery.py kept them (the backend's start then counts too);
- with ``--celery``, each verdict through the Celery task as a pool process runs it
  (``apply``: the tracer, its signals and their connection checks, the task's logging), so
  the task's own overhead shows beside the service's ("other");
- with ``--cprofile N``, the N functions with the most cumulative time over all verdicts.

``--datadoc-variables`` and ``--released-tables`` give the project that many Datadoc key
variables and released tables first, to see what the policy load costs when a project has them.
The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import resource
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_ADMIN_URL = os.environ.get(
    "AIRLOCK_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
WARM_UP = 2


def _postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=2):
            return True
    except Exception:
        return False


def _backend_cpu(connection) -> tuple[int, float]:
    """The server process of this connection, and the CPU seconds it has used."""
    import psutil

    raw = connection.connection
    pid = raw.info.backend_pid if raw is not None and hasattr(raw, "info") else 0
    try:
        times = psutil.Process(pid).cpu_times() if pid else None
    except (psutil.Error, ValueError):
        times = None
    return pid, (times.user + times.system) if times else float("nan")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Parts:
    """CPU seconds and SQL statements per part of one verdict."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.sql: dict[str, int] = defaultdict(int)
        self.current = "other"
        self.statements: list[str] = []

    def measure(self, name: str, function):
        def measured(*args, **kwargs):
            outer = self.current
            self.current = name
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu[name] += time.process_time() - began
                if outer != "other":
                    self.cpu[outer] -= time.process_time() - began  # exclusive times
                self.current = outer

        return measured

    def wrapper(self, execute, sql, params, many, context):
        self.sql[self.current] += 1
        self.statements.append(f"[{self.current}] {_short(sql)}")
        return execute(sql, params, many, context)


def _short(sql: str) -> str:
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(r"SELECT .*? FROM", "SELECT ... FROM", sql, count=1)
    return sql[:150]


def _p10(values: list[float]) -> float:
    return sorted(values)[len(values) // 10]


def _populate(project, *, variables: int, tables: int) -> None:
    from django.utils import timezone

    from airlock.projects.datadoc import DatadocDataset, DatadocVariable
    from airlock.projects.released_tables import ReleasedTable

    if variables:
        dataset = DatadocDataset.objects.create(
            project=project,
            short_name="bench",
            names=[],
            file_name="bench.json",
            imported_at=timezone.now(),
        )
        DatadocVariable.objects.bulk_create(
            DatadocVariable(
                dataset=dataset,
                short_name=f"v{i}",
                names=[],
                descriptions=[],
                variable_role="IDENTIFIER",
                is_personal_data=True,
                is_key=True,
                key_names=[f"v{i}", f"var_{i}"],
            )
            for i in range(variables)
        )
    ReleasedTable.objects.bulk_create(
        ReleasedTable(
            project=project,
            file_name=f"t{i}.csv",
            transferred_at=timezone.now(),
            table_name="",
            fingerprint={"keys": [["Aarhus"], ["Odense"]], "counts": [1200, 950]},
        )
        for i in range(tables)
    )


def run(options) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from airlock.outputs import lifecycle, scanning, services
    from airlock.outputs.models import OutputFile
    from airlock.outputs.tasks import scan_output_file as scan_task
    from bench.load_bench import FILES
    from scanners import sandbox
    from tests.support.api_client import make_member, make_project

    call_command("migrate", interactive=False, verbosity=0)
    project = make_project("bench")
    user, _key = make_member(project, "rita")
    _populate(project, variables=options.datadoc_variables, tables=options.released_tables)
    ids = []
    for k in range(options.files):
        template, content = FILES[k % len(FILES)]
        ids.append(
            services.output_file_upload(
                project=project,
                user=user,
                uploaded=io.BytesIO(content),
                name=template.format(n=k),
            ).pk
        )
    sandbox.preload()
    import scanners

    parts = Parts()
    # Each part is one function the service calls; measured exclusive of the parts inside it.
    scanning._output_file_claim_scan = parts.measure("claim", scanning._output_file_claim_scan)
    scanning.policy_for_project = parts.measure("policy", scanning.policy_for_project)
    scanning.output_file_run_scanner = parts.measure("copy", scanning.output_file_run_scanner)
    scanners.scan = parts.measure("scan", scanners.scan)
    scanning.output_file_record_scan = parts.measure("record", scanning.output_file_record_scan)
    del lifecycle  # (the lifecycle and audit run inside claim and record)

    rows: list[dict[str, float]] = []
    sql_rows: list[dict[str, int]] = []
    one_verdict: list[str] = []
    profiler = cProfile.Profile(time.process_time) if options.cprofile else None
    connection.close()
    for n, file_id in enumerate(ids):
        parts.cpu.clear()
        parts.sql.clear()
        parts.statements = []
        if options.reconnect:
            connection.close()
        backend, server = _backend_cpu(connection)
        children = _children_cpu()
        began = time.process_time()
        with connection.execute_wrapper(parts.wrapper):
            if profiler and n >= WARM_UP:
                profiler.enable()
            if options.celery:
                scan_task.apply(args=(file_id,), throw=True)
            else:
                scanning.output_file_scan(output_file_id=file_id)
            if profiler and n >= WARM_UP:
                profiler.disable()
        total = time.process_time() - began
        backend_after, server_after = _backend_cpu(connection)
        if backend_after != backend:
            server = 0.0  # a new connection: all its server process did was for this verdict
        # "copy" is output_file_run_scanner less the policy and the scan in it: the
        # temporary folder and the copy out of quarantine
        row = {k: v * 1000 for k, v in parts.cpu.items()}
        row["other"] = (total - sum(parts.cpu.values())) * 1000
        row["task total"] = total * 1000
        row["sandbox child"] = (_children_cpu() - children) * 1000
        row["postgres"] = (server_after - server) * 1000
        if n >= WARM_UP:
            rows.append(row)
            sql_rows.append(dict(parts.sql))
            if not one_verdict:
                one_verdict = list(parts.statements)
    statuses = Counter(OutputFile.objects.filter(pk__in=ids).values_list("verdict", flat=True))
    print(
        f"scan_profile: {connection.vendor}, {len(rows)} verdicts measured "
        f"(+{WARM_UP} warm-up), verdicts {dict(statuses)}; load {os.getloadavg()[0]:.2f}"
        + ("; a new connection per verdict" if options.reconnect else "")
        + ("; through the Celery task" if options.celery else "")
    )
    print(
        f"  project: {options.datadoc_variables} Datadoc key variables, "
        f"{options.released_tables} released tables"
    )
    names = ("claim", "policy", "copy", "scan", "record")
    sql = {k: statistics.median(r.get(k, 0) for r in sql_rows) for k in (*names, "other")}
    print(
        "  SQL statements per verdict (median): total "
        f"{statistics.median(sum(r.values()) for r in sql_rows):g}  "
        + "  ".join(f"{k} {v:g}" for k, v in sql.items())
    )
    keys = (*names, "other", "task total", "sandbox child", "postgres")
    print(
        "  CPU ms per verdict (median): "
        + "  ".join(f"{k} {statistics.median(r.get(k, 0) for r in rows):.1f}" for k in keys)
    )
    print(
        "  CPU ms per verdict (mean):   "
        + "  ".join(f"{k} {statistics.mean(r.get(k, 0) for r in rows):.1f}" for k in keys)
    )
    # The lowest tenth is what a verdict costs when no other process takes the caches and the
    # cores from under it: on a shared machine, the steadiest figure to compare two runs by.
    print(
        "  CPU ms per verdict (p10):    "
        + "  ".join(f"{k} {_p10([r.get(k, 0) for r in rows]):.1f}" for k in keys)
    )
    print("  the statements of one verdict:")
    for statement in one_verdict:
        print("    " + statement)
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(options.cprofile)
        print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--sqlite", action="store_true", help="SQLite even if PostgreSQL answers")
    parser.add_argument("--cprofile", type=int, default=0, help="show the N top functions")
    parser.add_argument("--datadoc-variables", type=int, default=0)
    parser.add_argument("--released-tables", type=int, default=0)
    parser.add_argument("--celery", action="store_true", help="through the Celery task")
    parser.add_argument(
        "--reconnect", action="store_true", help="a new database connection for every verdict"
    )
    options = parser.parse_args(argv)
    options.files = max(WARM_UP + 1, min(options.files, 1000))
    folder = tempfile.mkdtemp(prefix="airlock-scan-profile-")
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "airlock.settings"
    os.environ["AIRLOCK_DATA_DIR"] = folder
    os.environ.setdefault("AIRLOCK_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    database = None
    if not options.sqlite and _postgres_answers():
        import psycopg

        database = f"airlock_profile_{secrets.token_hex(4)}"
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        run(options)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
