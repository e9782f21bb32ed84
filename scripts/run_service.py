"""`make run`: migrate, seed the demo, then run web and worker together until Ctrl-C."""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def gunicorn_command(host: str, port: int) -> list[str]:
    """The web server of `make run`: threaded workers, so a slow client (slowloris) holds one
    thread of many, never a whole worker. A request may run for `--timeout` seconds of silence
    from its worker before the worker is restarted; large uploads stream within it."""
    return [
        PY, "-m", "gunicorn", "airlock.wsgi", "--bind", f"{host}:{port}",
        "--worker-class", "gthread", "--workers", "2", "--threads", "16",
        "--timeout", "120", "--graceful-timeout", "30", "--keep-alive", "5",
        "--access-logfile", "-",
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "airlock.settings")
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    demo = json.loads(manage("airlock_demo", "--json", capture=True))

    web = subprocess.Popen(gunicorn_command(options.host, options.port), cwd=ROOT)
    beat_schedule = Path(os.environ.get("AIRLOCK_DATA_DIR", ROOT / "var")) / "celerybeat-schedule"
    worker = subprocess.Popen(
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
            "2",
            "--beat",
            "--schedule",
            str(beat_schedule),
        ],
        cwd=ROOT,
    )
    time.sleep(2)
    url = f"http://{options.host}:{options.port}/"
    print("\n" + "=" * 72)
    print(f"Airlock is running at {url}")
    print(f"Demo project: {demo['project']}")
    for name, login in demo["users"].items():
        print(f"  {name:<13} password: {login['password']:<18} API token: {login['token']}")
        if "totp_secret" in login:  # the review zone asks for a code from an authenticator app
            print(f"  {'':<13} authenticator key: {login['totp_secret']}")
            print(f"  {'':<13} {login['otpauth_uri']}")
    print("Press Ctrl-C to stop web and worker.")
    print("=" * 72 + "\n", flush=True)

    def stop(*_args: object) -> None:
        for process in (web, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
