"""A real OpenID Connect provider process for the sign-in tests (tests/support/oidc_provider/,
django-oauth-toolkit under gunicorn), with its own SQLite database and a fresh RSA key.

    with oidc_provider(tmp_path) as idp:
        env = idp.airlock_env()            # AIRLOCK_OIDC_* for the Airlock processes
        ... start Airlock, then idp.register(airlock_base_url, users=[...])

Bound to 127.0.0.1 on a free port. ``stop()`` and ``start()`` take it down and bring it back
(same database and key), for the "provider is down" tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.processes import ROOT, free_port

CLIENT_ID = "airlock-test-client"
CLIENT_SECRET = "airlock-test-client-secret"


def provider_installed() -> bool:
    try:
        import oauth2_provider  # noqa: F401
    except ImportError:
        return False
    return True


def _rsa_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class OidcProvider:
    folder: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen | None = None
    users: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def airlock_env(self, **extra: str) -> dict[str, str]:
        """The environment that makes an Airlock process sign people in through this provider."""
        return {
            "AIRLOCK_OIDC_CLIENT_ID": CLIENT_ID,
            "AIRLOCK_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "AIRLOCK_OIDC_AUTHORIZATION_ENDPOINT": f"{self.url}/o/authorize/",
            "AIRLOCK_OIDC_TOKEN_ENDPOINT": f"{self.url}/o/token/",
            "AIRLOCK_OIDC_USER_ENDPOINT": f"{self.url}/o/userinfo/",
            "AIRLOCK_OIDC_JWKS_ENDPOINT": f"{self.url}/o/.well-known/jwks.json",
            "AIRLOCK_OIDC_LOGOUT_ENDPOINT": f"{self.url}/o/logout/",
            "AIRLOCK_OIDC_PROVIDER_NAME": "Example University",
            **extra,
        }

    def register(self, airlock_base_url: str, users: list[dict]) -> None:
        """Register Airlock (its callback and signed-out pages) and the provider's people."""
        spec = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{airlock_base_url}/oidc/callback/"],
            "post_logout_redirect_uris": [f"{airlock_base_url}/accounts/login/"],
            "users": users,
        }
        subprocess.run(
            [sys.executable, "-m", "tests.support.oidc_provider.seed", json.dumps(spec)],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        log = (self.folder / "oidc_provider.log").open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tests.support.oidc_provider.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/up/", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "the OIDC provider did not start:\n"
                        + (self.folder / "oidc_provider.log").read_text(errors="replace")
                    ) from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


@contextmanager
def oidc_provider(folder: Path) -> Iterator[OidcProvider]:
    """A provider on a free port; its database is made by ``register`` (call before start)."""
    folder = folder / "oidc-provider"
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.support.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_RSA_KEY": _rsa_private_key_pem(),
        "OIDC_PROVIDER_ISSUER": f"http://127.0.0.1:{port}/o",
        "PYTHONUNBUFFERED": "1",
    }
    provider = OidcProvider(folder=folder, port=port, env=env)
    try:
        yield provider
    finally:
        provider.stop()
