"""Signing in with a real browser against gunicorn: a researcher with a password alone; a new
reviewer enrols an authenticator from the QR page and reaches the review zone; the pages run
under the Content-Security-Policy without violations."""

import base64

import pytest
from playwright.sync_api import expect

from tests.support.processes import installation

pytestmark = pytest.mark.e2e


def totp_now(secret: str) -> str:
    from django_otp.oath import TOTP

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return str(TOTP(key).token()).zfill(6)


NEW_REVIEWER = (
    "from django.contrib.auth import get_user_model; "
    "from airlock.accounts.roles import REVIEWERS, group; "
    "u = get_user_model().objects.create_user('newreviewer', password='Str0ng-enough-pass'); "
    "u.groups.add(group(REVIEWERS))"
)


def sign_in(page, base: str, username: str, password: str, next_path: str = "/") -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_and_second_factor_in_a_browser(tmp_path, chromium, screenshots):
    with installation(tmp_path, AIRLOCK_ZONES="inside,portal,review") as inst:
        inst.manage("shell", "-c", NEW_REVIEWER)
        base = inst.start_web(workers=1)
        context = chromium.new_context()
        page = context.new_page()
        violations: list[str] = []
        page.on(
            "console",
            lambda msg: (
                violations.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )

        # A researcher: password only, straight to the portal.
        sign_in(page, base, "researcher", inst.password("researcher"), "/portal/")
        page.wait_for_url(f"{base}/portal/")
        page.get_by_role("button", name="Sign out").click()

        # Wrong password: a clear message, still on the sign-in page.
        sign_in(page, base, "researcher", "wrong-password")
        expect(page.get_by_role("alert")).to_be_visible()

        # A new reviewer: the review zone asks for an authenticator, enrolled from the QR page.
        sign_in(page, base, "newreviewer", "Str0ng-enough-pass", "/review/")
        page.wait_for_url("**/accounts/second-factor/setup/**")
        expect(page.locator("svg.qr-code")).to_be_visible()
        page.screenshot(path=str(screenshots / "second-factor-setup.png"), full_page=True)
        secret = page.locator("code.secret").inner_text().strip()
        page.get_by_label("6-digit code from your authenticator app").fill("000000")
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("alert")).to_contain_text("not right")
        page.wait_for_timeout(1500)  # django-otp makes the next try wait a second
        page.get_by_label("6-digit code from your authenticator app").fill(totp_now(secret))
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url(f"{base}/review/")
        page.get_by_role("button", name="Sign out").click()

        # The demo reviewer signs in with password and the code from the demo's key.
        sign_in(page, base, "reviewer", inst.password("reviewer"), "/review/")
        page.wait_for_url("**/accounts/second-factor/verify/**")
        page.get_by_label("6-digit code from your authenticator app").fill(
            totp_now(inst.demo["users"]["reviewer"]["totp_secret"])
        )
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{base}/review/")
        page.screenshot(path=str(screenshots / "review-after-code.png"), full_page=True)

        # API tokens: created, shown once.
        page.goto(f"{base}/accounts/tokens/")
        page.get_by_label("What the token is for").fill("queue script")
        page.get_by_role("button", name="Create token").click()
        key = page.get_by_label("Token key").input_value()
        assert len(key) > 30
        page.goto(f"{base}/accounts/tokens/")
        assert key not in page.content()
        context.close()
        assert not violations, violations
