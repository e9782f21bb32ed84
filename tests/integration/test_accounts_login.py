"""Signing in: password, the TOTP second factor per zone, throttling, session expiry, OIDC."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from airlock.audit.models import AuditEvent
from tests.support.people import build_world, totp_code

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "not-used-here"  # tests.support.people gives every user this password


def sign_in(username: str, client: Client | None = None, **extra):
    client = client or Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD, **extra}
    )
    return client, response


@pytest.mark.django_db
def test_a_researcher_signs_in_with_a_password_alone_where_no_second_factor_is_required():
    build_world()
    client, response = sign_in("member", next="/portal/")
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200


@pytest.mark.django_db
def test_a_reviewer_needs_the_code_from_the_authenticator_for_the_review_zone():
    world = build_world()
    client, response = sign_in("reviewer", next="/review/")
    assert response["Location"].startswith("/accounts/second-factor/")
    # Straight to the review zone without the code: sent back to the code page.
    response = client.get("/review/")
    assert response.status_code == 302 and "/accounts/second-factor/" in response["Location"]
    response = client.post(
        "/accounts/second-factor/verify/", {"code": "000000", "next": "/review/"}
    )
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    device = TOTPDevice.objects.get(user=world.users["reviewer"])
    device.throttle_reset()
    response = client.post(
        "/accounts/second-factor/verify/", {"code": totp_code(device), "next": "/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200


@pytest.mark.django_db
def test_a_reviewer_without_an_authenticator_enrols_one_with_the_qr_code():
    world = build_world()
    client, _ = sign_in("reviewer_no_2fa")
    response = client.get("/review/", follow=True)
    page = response.content.decode()
    assert "<svg" in page and "qr-code" in page  # the QR code, inline, no script
    device = TOTPDevice.objects.get(user=world.users["reviewer_no_2fa"], confirmed=False)
    response = client.post(
        "/accounts/second-factor/setup/", {"code": totp_code(device), "next": "/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # A stolen password cannot replace the authenticator afterwards.
    other, _ = sign_in("reviewer_no_2fa")
    assert other.get("/accounts/second-factor/setup/").status_code == 403


@pytest.mark.django_db
def test_wrong_codes_are_throttled():
    world = build_world()
    client, _ = sign_in("reviewer")
    statuses = [
        client.post("/accounts/second-factor/verify/", {"code": "000000"}).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429
    device = TOTPDevice.objects.get(user=world.users["reviewer"])
    response = client.post("/accounts/second-factor/verify/", {"code": totp_code(device)})
    assert response.status_code == 429  # even the right code waits


@pytest.mark.django_db
def test_the_second_factor_can_be_required_in_other_zones():
    build_world()
    with override_settings(AIRLOCK_REQUIRE_2FA=["inside", "review"]):
        client, _ = sign_in("member")
        response = client.get("/inside/")
        assert response.status_code == 302 and "/accounts/second-factor/" in response["Location"]
        assert client.get("/portal/").status_code == 200


@pytest.mark.django_db
@override_settings(AIRLOCK_LOGIN_MAX_FAILURES=3)
def test_failed_sign_ins_are_throttled_per_username_and_address():
    build_world()
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
        assert response.status_code == 200
    _, response = sign_in("member", client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_throttled").exists()
    # The same person from another address, and other people, can still sign in.
    _, response = sign_in("member", Client(REMOTE_ADDR="10.0.0.2"))
    assert response.status_code == 302
    _, response = sign_in("nonmember", client)
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_expired_session_is_sent_back_to_sign_in(settings):
    build_world()
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client, _ = sign_in("member")
    assert client.get("/portal/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/portal/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


OIDC_ENV = {
    "AIRLOCK_OIDC_CLIENT_ID": "airlock-client",
    "AIRLOCK_OIDC_CLIENT_SECRET": "s3cret",
    "AIRLOCK_OIDC_AUTHORIZATION_ENDPOINT": "https://idp.example.org/authorize",
    "AIRLOCK_OIDC_TOKEN_ENDPOINT": "https://idp.example.org/token",
    "AIRLOCK_OIDC_USER_ENDPOINT": "https://idp.example.org/userinfo",
    "AIRLOCK_OIDC_JWKS_ENDPOINT": "https://idp.example.org/jwks",
    "AIRLOCK_OIDC_PROVIDER_NAME": "Example University",
}

OIDC_PROBE = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
client = Client()
login = client.get("/accounts/login/").content.decode()
from airlock.accounts import oidc
oidc.provider_reachable = lambda: True  # the real provider: tests/e2e/test_oidc_browser.py
start = client.get("/oidc/authenticate/")
oidc.provider_reachable = lambda: False
down = client.get("/oidc/authenticate/?next=/portal/")
print(json.dumps({"button": "Sign in with Example University" in login,
                  "status": start.status_code, "location": start.get("Location", ""),
                  "down": [down.status_code, down.get("Location", "")]}))
"""


def test_openid_connect_sign_in_is_offered_when_configured(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "AIRLOCK_DATA_DIR": str(tmp_path),
        **OIDC_ENV,
    }
    result = subprocess.run(
        [sys.executable, "-c", OIDC_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["button"]
    assert probe["status"] == 302
    assert probe["location"].startswith("https://idp.example.org/authorize?")
    assert "client_id=airlock-client" in probe["location"]
    assert "code_challenge=" in probe["location"]  # PKCE
    # A provider that does not answer: back to the sign-in page, which says so.
    assert probe["down"] == [302, "/accounts/login/?oidc=unavailable&next=%2Fportal%2F"]


@pytest.mark.django_db
def test_openid_connect_maps_the_provider_user_to_an_existing_user_only():
    world = build_world()
    oidc_settings = {
        f"OIDC_{name}": value
        for name, value in {
            "RP_CLIENT_ID": "c",
            "RP_CLIENT_SECRET": "s",
            "OP_TOKEN_ENDPOINT": "https://x/t",
            "OP_USER_ENDPOINT": "https://x/u",
            "OP_JWKS_ENDPOINT": "https://x/j",
            "OP_AUTHORIZATION_ENDPOINT": "https://x/a",
            "RP_SIGN_ALGO": "RS256",
        }.items()
    }
    with override_settings(**oidc_settings, AIRLOCK_OIDC_CREATE_USERS=False):
        from airlock.accounts.oidc import InstitutionOIDCBackend

        backend = InstitutionOIDCBackend()
        assert list(backend.filter_users_by_claims({"preferred_username": "member"})) == [
            world.users["member"]
        ]
        assert not backend.filter_users_by_claims({"preferred_username": "stranger"}).exists()
        assert backend.create_user({"preferred_username": "stranger"}) is None
        assert not backend.verify_claims({"email": "a@b.c"})
