"""Real processes for integration and browser tests: a data folder, gunicorn, Celery workers.

Each installation lives in its own AIRLOCK_DATA_DIR (SQLite and the filesystem broker), or on
PostgreSQL and Redis when ``services=True`` (a fresh database and Redis db number per test).
Tests talk to it the way users do: over HTTP and the JSON API.

Safe under pytest-xdist: each worker (gw0, gw1, ...) takes ports from its own block, below the
kernel's ephemeral range, and its own Redis db number, so two tests running at once never meet.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
POSTGRES_ADMIN_URL = os.environ.get(
    "AIRLOCK_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("AIRLOCK_TEST_REDIS", "redis://127.0.0.1:6379")


def worker_index() -> int:
    """0 for the first pytest-xdist worker (gw0) and for a run without xdist, 1 for gw1..."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker[2:]) if worker[2:].isdigit() else 0


# Ports for test servers: 16 blocks of 600 from 20000 (below Linux's ephemeral range, 32768 on,
# which the kernel hands out for bind(0) and outgoing connections). Each xdist worker walks its
# own block from a random start, so workers never collide and two runs seldom do.
# AIRLOCK_TEST_PORT_BLOCKS shifts a whole run's blocks: `make test` runs its two steps at once,
# the second from block 8 (scripts/run_tests.sh), so their workers gw0, gw1... never share one.
_PORT_BASE, _PORT_BLOCK = 20000, 600
_next_port: list[int] = []


def _port_block() -> int:
    return (worker_index() + int(os.environ.get("AIRLOCK_TEST_PORT_BLOCKS", "0"))) % 16


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, from this worker's block."""
    start = _PORT_BASE + _port_block() * _PORT_BLOCK
    if not _next_port:
        _next_port.append(secrets.randbelow(_PORT_BLOCK))
    for _ in range(_PORT_BLOCK):
        port = start + _next_port[0] % _PORT_BLOCK
        _next_port[0] += 1
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{start + _PORT_BLOCK - 1}")


def redis_db_number() -> int:
    """This worker's Redis database for installations (1-15; 0 is the in-process tests')."""
    return 1 + worker_index() % 15


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return True
    except Exception:
        return False


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping())
    except Exception:
        return False


@dataclass
class Installation:
    """One Airlock installation: its environment, demo logins and the processes started."""

    data_dir: Path
    env: dict[str, str]
    demo: dict = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)
    base_url: str = ""

    def token(self, username: str) -> str:
        return self.demo["users"][username]["token"]

    def password(self, username: str) -> str:
        return self.demo["users"][username]["password"]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            text=True,
            capture_output=True,
        )
        return result.stdout

    def log(self, name: str) -> str:
        path = self.data_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_worker(
        self, name: str = "worker", *, concurrency: int = 1, extra: tuple = ()
    ) -> subprocess.Popen:
        log = (self.data_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [
                PY,
                "-m",
                "celery",
                "-A",
                "airlock",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                *extra,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "ready." in self.log(name):
                return process
            if process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log(name)}")
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready:\n{self.log(name)}")

    def start_web(self, *, workers: int = 2) -> str:
        port = free_port()
        log = (self.data_dir / "web.log").open("ab")
        process = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "airlock.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/accounts/login/", timeout=2):
                    return self.base_url
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None:
                    raise RuntimeError(f"web exited:\n{self.log('web')}") from None
                time.sleep(0.2)
        raise RuntimeError(f"web not ready:\n{self.log('web')}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


# migrate, collectstatic and the demo project in one Django process rather than three (each
# start of Django costs about a second of CPU; the suite makes a few dozen installations).
SET_UP = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
call_command("collectstatic", interactive=False, verbosity=0)
call_command("airlock_demo", json=True)
"""


# Where set-up installations are kept for the rest of the test run (tests/conftest.py sets it:
# a folder all xdist workers of one run share). None: every installation is set up anew.
TEMPLATES: Path | None = None


def _template_key(environment: dict[str, str]) -> str | None:
    """What the set-up depends on; None when it may reach outside the data folder (a folder or
    server named in the settings, PostgreSQL), so that a copy of it would not be the same."""
    settings = {
        k: v
        for k, v in environment.items()
        if k.startswith(("AIRLOCK_", "DJANGO_", "DATABASE_", "CELERY_")) and k != "AIRLOCK_DATA_DIR"
    }
    if "DATABASE_URL" in settings or any(
        v.startswith("/") or "://" in v or k.startswith("AIRLOCK_S3_") for k, v in settings.items()
    ):
        return None
    return hashlib.sha256(json.dumps(sorted(settings.items())).encode()).hexdigest()[:16]


def _set_up(inst: Installation) -> None:
    """migrate, collectstatic and the demo project; or a copy of a data folder that the same
    settings set up earlier in this run (each set-up costs seconds of CPU, a copy next to none:
    the suite makes a few dozen installations, most of them alike)."""
    key = _template_key(inst.env)
    if TEMPLATES is None or key is None:
        inst.demo = json.loads(inst.manage("shell", "--no-imports", "-c", SET_UP))
        return
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    template = TEMPLATES / key
    with (TEMPLATES / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one xdist worker sets it up, the others wait
        if not (template / "demo.json").exists():
            made = Installation(data_dir=template / "airlock-data", env={**inst.env})
            made.env["AIRLOCK_DATA_DIR"] = str(made.data_dir)
            made.data_dir.mkdir(parents=True, exist_ok=True)
            demo = made.manage("shell", "--no-imports", "-c", SET_UP)
            (template / "demo.json").write_text(demo)
    shutil.copytree(template / "airlock-data", inst.data_dir, dirs_exist_ok=True)
    inst.demo = json.loads((template / "demo.json").read_text())


@contextmanager
def installation(tmp_path: Path, *, services: bool = False, **env: str) -> Iterator[Installation]:
    """A migrated installation with the demo project; processes are stopped afterwards."""
    data_dir = tmp_path / "airlock-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    inherited = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")
    }
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "AIRLOCK_DATA_DIR": str(data_dir),
        "AIRLOCK_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    database = None
    if services:
        import psycopg

        database = f"airlock_test_{secrets.token_hex(4)}"
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        environment["DATABASE_URL"] = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
        environment["CELERY_BROKER_URL"] = f"{REDIS_URL}/{redis_db_number()}"
        import redis

        # Only this worker uses this db number: what an earlier test left there goes.
        redis.Redis.from_url(environment["CELERY_BROKER_URL"]).flushdb()
    inst = Installation(data_dir=data_dir, env=environment)
    try:
        _set_up(inst)
        yield inst
    finally:
        inst.stop()
        if database:
            import psycopg

            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
