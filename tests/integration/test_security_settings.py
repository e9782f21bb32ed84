"""Settings-level guarantees, checked in fresh processes with production-like environments."""

import json
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DUMP_SETTINGS = r"""
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages

def plain(value):
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return str(value)

values = {name: plain(getattr(settings, name)) for name in dir(settings) if name.isupper()}
stores = {}
for alias in storages.backends:
    store = storages[alias]
    stores[alias] = plain({k: v for k, v in vars(store).items()})
from airlock.outputs import storage
try:
    storage.quarantine_store()
    quarantine = "reachable"
except Exception as exc:
    quarantine = type(exc).__name__
print(json.dumps({"settings": values, "storages": stores, "aliases": list(storages.backends),
                  "quarantine": quarantine}))
"""


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def base_env(tmp_path: Path, **extra: str) -> dict:
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "AIRLOCK_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


def test_a_portal_only_process_has_no_path_or_credential_for_quarantine(tmp_path):
    quarantine_dir = tmp_path / "quarantine-store-7f3a"
    env = base_env(
        tmp_path,
        AIRLOCK_ZONES="portal",
        AIRLOCK_QUARANTINE_DIR=str(quarantine_dir),
        AIRLOCK_RELEASED_DIR=str(tmp_path / "released-store"),
        AIRLOCK_S3_QUARANTINE_BUCKET="quarantine-bucket-7f3a",
        AIRLOCK_S3_QUARANTINE_ACCESS_KEY_ID="QUARANTINEKEY7F3A",
        AIRLOCK_S3_QUARANTINE_SECRET_ACCESS_KEY="quarantine-secret-7f3a",
    )
    result = run_python(DUMP_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    dump = json.loads(result.stdout.strip().splitlines()[-1])
    text = json.dumps(dump)
    for secret in (
        "quarantine-store-7f3a",
        "quarantine-bucket-7f3a",
        "QUARANTINEKEY7F3A",
        "quarantine-secret-7f3a",
    ):
        assert secret not in text, f"{secret} is reachable from a portal-only process"
    assert "quarantine" not in dump["aliases"]
    assert dump["quarantine"] != "reachable"
    assert "QUARANTINE_ROOT" not in dump["settings"]
    assert "released-store" in text  # the portal does have its own store


def test_an_inside_process_has_the_quarantine_store_with_its_own_credentials(tmp_path):
    env = base_env(
        tmp_path,
        AIRLOCK_ZONES="inside",
        AIRLOCK_S3_QUARANTINE_BUCKET="quarantine-bucket",
        AIRLOCK_S3_QUARANTINE_ACCESS_KEY_ID="QKEY",
        AIRLOCK_S3_QUARANTINE_SECRET_ACCESS_KEY="qsecret",
    )
    result = run_python(
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['quarantine']['OPTIONS'], default=repr))",
        env,
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["bucket_name"] == "quarantine-bucket"
    assert options["access_key"] == "QKEY" and options["secret_key"] == "qsecret"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = base_env(
        tmp_path,
        AIRLOCK_PRODUCTION="1",
        AIRLOCK_SECRET_KEY=secrets.token_urlsafe(50),
        AIRLOCK_ALLOWED_HOSTS="airlock.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = base_env(tmp_path, AIRLOCK_PRODUCTION="1")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "AIRLOCK_SECRET_KEY" in result.stderr
