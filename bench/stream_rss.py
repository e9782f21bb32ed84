"""Memory of the web process while a large file goes up and comes down, on each file store.

    python -m bench.stream_rss [--mb 500] [--stores filesystem,s3] [--limit-mb 20]

Starts a real installation (gunicorn with one sync worker) on the filesystem stores and on S3
(a moto_server process, two buckets with their own keys, as tests/integration/test_s3_stores.py
runs them). A researcher uploads one file of ``--mb`` megabytes through the API (a multipart
body streamed from disk), its verdict is recorded as clean without a worker (the scanner's own
speed and memory on large files are ``python -m bench``'s business: this bench is about the web
process), the researcher transfers it, and downloads it from the portal. The same cycle with a
1 MB file runs first, so that what a process pays once (imports, the first connection to each
bucket, the S3 client's service model) is not counted as the large file's; it is printed too.

psutil samples the resident memory (RSS) of the gunicorn worker every 20 ms. Printed per store:
the RSS before the large file, the peak during its upload, transfer and download, and the
growth, beside the limit (issue 15: at most 20 MB). The download is checked byte for byte
(sha256). Exit status 1 when the growth passes the limit or a step fails. Only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.http_api import HttpApi  # noqa: E402
from tests.support.processes import Installation, installation  # noqa: E402

MB = 1024 * 1024
BUCKETS = {"QUARANTINE": "airlock-quarantine", "RELEASED": "airlock-released"}

# The verdict is recorded as the worker would after a clean scan (no worker runs here).
RECORD_CLEAN = """
import scanners
from airlock.outputs import lifecycle
from airlock.outputs.models import OutputFile, Status
from airlock.outputs.scanning import output_file_record_scan
from airlock.projects.policy import policy_for_project
f = OutputFile.objects.select_related("project").get(pk={id})
lifecycle.transition(f, Status.SCANNING)
output_file_record_scan(output_file=f, report=scanners.ScanReport(
    path="", name=f.name, size=f.size, sha256=f.sha256, file_type="csv", mime="text/csv",
    verdict="clean", findings=[], scanner_version=scanners.SCANNER_VERSION,
    policy_digest=policy_for_project(f.project).digest))
print(OutputFile.objects.get(pk={id}).status)
"""


def make_file(path: Path, megabytes: int) -> str:
    """A clean aggregate table of about ``megabytes`` MB, written in chunks; returns sha256."""
    digest = hashlib.sha256()
    header = b"region;year;count\n"
    rows = b"".join(
        f"Region {i % 97:02d};{2000 + i % 25};{1000 + (i * 7919) % 90000}\n".encode()
        for i in range(20000)
    )
    with path.open("wb") as out:
        out.write(header)
        digest.update(header)
        written = len(header)
        while written < megabytes * MB:
            chunk = rows[: megabytes * MB - written]
            out.write(chunk)
            digest.update(chunk)
            written += len(chunk)
    return digest.hexdigest()


class RssSampler:
    """Samples one process's RSS in a thread; ``mark`` names the phase the samples belong to."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        import psutil

        self.process = psutil.Process(pid)
        self.interval = interval
        self.phase = "idle"
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        return self.process.memory_info().rss

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                value = self.rss()
            except Exception:
                return
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), value)
            time.sleep(self.interval)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def upload_streamed(base_url: str, token: str, path: Path, name: str) -> tuple[int, bytes]:
    """POST one file as multipart/form-data, read from disk 1 MB at a time."""
    boundary = "airlock-" + secrets.token_hex(12)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(tail)
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=600)
    connection.putrequest("POST", "/api/inside/projects/demo/files")
    connection.putheader("Authorization", f"Token {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(length))
    connection.endheaders()
    connection.send(head)
    with path.open("rb") as source:
        for chunk in iter(lambda: source.read(MB), b""):
            connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def download_streamed(base_url: str, token: str, url_path: str) -> tuple[int, int, str]:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=600)
    connection.request("GET", url_path, headers={"Authorization": f"Token {token}"})
    response = connection.getresponse()
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: response.read(MB), b""):
        digest.update(chunk)
        size += len(chunk)
    connection.close()
    return response.status, size, digest.hexdigest()


def gunicorn_worker_pid(inst: Installation) -> int:
    import psutil

    master = psutil.Process(inst.processes[0].pid)
    children = master.children()
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker, found {len(children)}")
    return children[0].pid


@dataclass
class Measured:
    store: str
    before: int = 0
    first_use: int = 0  # what the warm-up cycle (1 MB) left in the process
    peaks: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max(self.peaks.values(), default=0)

    @property
    def growth(self) -> int:
        return self.peak - self.before


def cycle(
    inst: Installation, api: HttpApi, sampler: RssSampler, path: Path, sha256: str, result: Measured
) -> None:
    """Upload ``path``, record its verdict, transfer it, download it; phases go to ``sampler``."""
    base, token, name = api.base_url, api.token or "", path.name
    sampler.phase = "upload"
    started = time.monotonic()
    status, body = upload_streamed(base, token, path, name)
    result.seconds["upload"] = time.monotonic() - started
    if status != 201:
        result.errors.append(f"upload: HTTP {status} {body[:300]!r}")
        return
    uploaded = json.loads(body)[0]
    if uploaded["sha256"] != sha256:
        result.errors.append("upload: the stored sha256 differs from the file's")
    sampler.phase = "idle"
    recorded = inst.manage("shell", "-c", RECORD_CLEAN.format(id=uploaded["id"])).strip()
    if not recorded.endswith("scanned"):
        result.errors.append(f"verdict: {recorded[-200:]}")
        return
    sampler.phase = "transfer"
    started = time.monotonic()
    transfer = api.post_json(
        "/api/inside/projects/demo/transfers", {"files": [uploaded["id"]], "approve": True}
    )
    result.seconds["transfer"] = time.monotonic() - started
    if transfer.status != 201:
        result.errors.append(f"transfer: HTTP {transfer.status} {transfer.body[:300]!r}")
        return
    sampler.phase = "idle"
    listed = api.get("/api/portal/projects/demo/transfers").json()
    in_portal = [f for t in listed for f in t["files"] if f["name"] == name]
    if not in_portal:
        result.errors.append("portal: the file is not listed")
        return
    sampler.phase = "download"
    started = time.monotonic()
    status, size, downloaded = download_streamed(
        base, token, f"/api/portal/projects/demo/files/{in_portal[0]['id']}/download"
    )
    result.seconds["download"] = time.monotonic() - started
    if status != 200 or downloaded != sha256:
        result.errors.append(f"download: HTTP {status}, {size} bytes, sha256 differs")
    sampler.phase = "idle"


def measure(inst: Installation, store: str, path: Path, sha256: str) -> Measured:
    """A warm-up cycle with a 1 MB file first (imports, the first connection to each bucket,
    the S3 client's models: once per process, whatever the size), then the large file."""
    result = Measured(store=store)
    base = inst.start_web(workers=1)
    assert base.startswith("http://127.0.0.1:")
    api = HttpApi(base, inst.token("researcher"))
    api.get("/api/inside/projects/demo/files")
    api.get("/api/portal/projects/demo/transfers")
    ready = api.get("/readyz")
    if ready.status != 200:
        result.errors.append(f"readyz: HTTP {ready.status} {ready.body[:300]!r}")
    sampler = RssSampler(gunicorn_worker_pid(inst))
    sampler.start()
    try:
        small = path.with_name("liden-tabel.csv")
        small_sha256 = make_file(small, 1)
        cold = sampler.rss()
        warm_up = Measured(store=store)
        cycle(inst, api, sampler, small, small_sha256, warm_up)
        result.errors.extend(f"warm-up {e}" for e in warm_up.errors)
        time.sleep(0.3)
        result.before = sampler.rss()
        result.first_use = result.before - cold
        sampler.peaks.clear()
        cycle(inst, api, sampler, path, sha256, result)
        time.sleep(0.1)
    finally:
        sampler.stop()
        result.peaks = {k: v for k, v in sampler.peaks.items() if k != "idle"}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=500, help="size of the file, in MB")
    parser.add_argument("--stores", default="filesystem,s3")
    parser.add_argument("--limit-mb", type=float, default=20.0)
    options = parser.parse_args(argv)
    megabytes = max(1, min(options.mb, 2000))
    results: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="airlock-rss-") as folder:
        root = Path(folder)
        path = root / "stor-tabel.csv"
        sha256 = make_file(path, megabytes)
        load_before = os.getloadavg()[0]
        for store in [s.strip() for s in options.stores.split(",") if s.strip()]:
            if store == "filesystem":
                with installation(root / "fs") as inst:
                    results.append(measure(inst, store, path, sha256))
            elif store == "s3":
                from tests.support.moto_server import moto_server_command, s3_server

                if moto_server_command() is None:
                    print("S3: skipped, moto[server] is not installed (requirements/dev.txt)")
                    continue
                (root / "moto").mkdir()
                with s3_server(root / "moto", BUCKETS) as s3:
                    env = {
                        **s3.store_env("QUARANTINE", s3.keys["QUARANTINE"]),
                        **s3.store_env("RELEASED", s3.keys["RELEASED"]),
                        "AWS_DEFAULT_REGION": "us-east-1",
                    }
                    with installation(root / "s3", **env) as inst:
                        results.append(measure(inst, "S3 (moto_server)", path, sha256))
            else:
                print(f"unknown store {store!r} (filesystem, s3)")
                return 2
    limit = options.limit_mb * MB
    print(
        f"Web process memory while a {megabytes} MB file goes up, is transferred and comes "
        f"down (gunicorn, one sync worker; load average {load_before:.2f} at the start)"
    )
    print("  store               RSS before   peak upload  peak transfer  peak download  growth")
    failed = False
    for r in results:
        p = {k: r.peaks.get(k, 0) / MB for k in ("upload", "transfer", "download")}
        verdict = "ok" if r.growth <= limit and not r.errors else "TOO MUCH" if not r.errors else ""
        print(
            f"  {r.store:<18} {r.before / MB:8.1f} MB  {p['upload']:8.1f} MB  "
            f"{p['transfer']:10.1f} MB  {p['download']:10.1f} MB  "
            f"{r.growth / MB:+6.1f} MB (limit {options.limit_mb:g} MB: {verdict})"
        )
        timing = ", ".join(f"{k} {v:.1f} s" for k, v in r.seconds.items())
        print(
            f"  {'':<18} {timing}; the 1 MB warm-up cycle before it left "
            f"{r.first_use / MB:+.1f} MB (imports, first connections: once per process)"
        )
        for error in r.errors:
            print(f"  {'':<18} error: {error}")
        failed = failed or r.growth > limit or bool(r.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
