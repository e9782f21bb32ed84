"""Load test on loopback: N researchers upload and transfer at once against gunicorn + W workers.

    python -m bench.load_bench [--researchers 8] [--files 3] [--workers 2] [--deadline 240]

Starts a real installation (gunicorn and Celery worker processes; PostgreSQL and Redis when
they answer on 127.0.0.1, else the embedded SQLite and filesystem broker), makes N researchers
in the demo project, and has each, at the same time, upload files one by one, wait for their
verdicts, comment the risk ones and transfer them. Prints the time from upload to verdict
(p50, p95, max), the throughput, and the errors, with the number of workers. Everything is
bounded: the counts, and a deadline after which the run stops and says so. Only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.http_api import HttpApi  # noqa: E402
from tests.support.processes import (  # noqa: E402
    installation,
    postgres_available,
    redis_available,
)

FILES = [
    ("tabel-{n}.csv", b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"),
    ("regression-{n}.txt", b"coef se t\nalder 0.031 0.004 7.75\nindkomst 0.002 0.001 2.0\n"),
    ("opgoerelse-{n}.csv", b"name,cpr\nA,010190-1234\nB,020285-4321\n"),  # risk: needs a comment
]

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


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    transfers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def researcher(api: HttpApi, index: int, files: int, tally: Tally, deadline: float) -> None:
    uploaded: dict[int, float] = {}
    for k in range(files):
        template, content = FILES[k % len(FILES)]
        started = time.monotonic()
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
        uploaded[reply.json()[0]["id"]] = started
    verdicts: dict[int, dict] = {}
    while uploaded.keys() - verdicts.keys() and time.monotonic() < deadline:
        for file_id in sorted(uploaded.keys() - verdicts.keys()):
            reply = api.get(f"/api/inside/projects/demo/files/{file_id}")
            if reply.status != 200:
                with tally.lock:
                    tally.errors.append(f"poll: HTTP {reply.status}")
                continue
            body = reply.json()
            if body["status"] not in ("uploaded", "scanning"):
                verdicts[file_id] = body
                with tally.lock:
                    tally.latencies.append(time.monotonic() - uploaded[file_id])
        time.sleep(0.1)
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


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--researchers", type=int, default=8)
    parser.add_argument("--files", type=int, default=3, help="files per researcher")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--deadline", type=float, default=240, help="seconds for the whole run")
    parser.add_argument("--embedded", action="store_true", help="SQLite and filesystem broker")
    options = parser.parse_args(argv)
    options.researchers = max(1, min(options.researchers, 50))
    options.files = max(1, min(options.files, 20))
    options.workers = max(1, min(options.workers, 8))

    services = not options.embedded and postgres_available() and redis_available()
    with tempfile.TemporaryDirectory(prefix="airlock-load-") as folder:
        with installation(Path(folder), services=services) as inst:
            url = inst.start_web(workers=options.web_workers)
            assert url.startswith("http://127.0.0.1:")
            for w in range(options.workers):
                inst.start_worker(f"worker-{w}")
            output = inst.manage("shell", "-c", MAKE_RESEARCHERS.format(n=options.researchers))
            tokens = json.loads(output.strip().splitlines()[-1])
            tally = Tally()
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

    backend = "PostgreSQL + Redis" if services else "SQLite + filesystem broker"
    total = options.researchers * options.files
    print(
        f"Load test on 127.0.0.1 ({backend}): {options.researchers} researchers x "
        f"{options.files} files, gunicorn {options.web_workers} workers, "
        f"{options.workers} Celery worker process(es) (concurrency 1 each)"
    )
    print(f"  files with a verdict   {tally.files}/{total}")
    print(
        f"  upload -> verdict      p50 {percentile(tally.latencies, 50):.2f} s   "
        f"p95 {percentile(tally.latencies, 95):.2f} s   "
        f"max {max(tally.latencies, default=float('nan')):.2f} s"
    )
    print(
        f"  throughput             {tally.files / elapsed:.2f} files/s "
        f"({elapsed:.1f} s from the first upload to the last transfer)"
    )
    print(f"  transfers              {tally.transfers}/{options.researchers}")
    print(f"  errors                 {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"    {error}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
