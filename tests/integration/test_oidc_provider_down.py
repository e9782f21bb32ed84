"""A provider that stops answering between the redirect and the callback: the token exchange
fails, and the person is sent back to the sign-in page with the "cannot be reached" message,
never an error page. (The browser test covers a provider that is down before the redirect.)"""

import json
import subprocess
import sys
from pathlib import Path

from tests.support.processes import free_port

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test.utils import setup_test_environment
setup_test_environment()
from urllib.parse import parse_qs, urlsplit
from django.test import Client
from airlock.accounts import oidc
client = Client()
oidc.provider_reachable = lambda: True  # it answered a moment ago; now nothing listens
start = client.get("/oidc/authenticate/?next=/portal/")
state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
callback = client.get(f"/oidc/callback/?code=some-code&state={state}")
page = client.get(callback["Location"])
print(json.dumps({"status": callback.status_code, "location": callback["Location"],
                  "page": page.status_code, "text": page.content.decode()}))
"""


def test_a_token_exchange_that_fails_sends_the_person_back_with_the_reason(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "AIRLOCK_DATA_DIR": str(tmp_path),
        "AIRLOCK_OIDC_CLIENT_ID": "airlock-client",
        "AIRLOCK_OIDC_CLIENT_SECRET": "s3cret",
        "AIRLOCK_OIDC_AUTHORIZATION_ENDPOINT": f"{dead}/authorize",
        "AIRLOCK_OIDC_TOKEN_ENDPOINT": f"{dead}/token",
        "AIRLOCK_OIDC_USER_ENDPOINT": f"{dead}/userinfo",
        "AIRLOCK_OIDC_JWKS_ENDPOINT": f"{dead}/jwks",
        "AIRLOCK_OIDC_TIMEOUT_SECONDS": "2",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 302
    assert probe["location"] == "/accounts/login/?oidc=unavailable"
    assert probe["page"] == 200
    assert "cannot be reached right now" in probe["text"]
    assert "Traceback" not in result.stderr
