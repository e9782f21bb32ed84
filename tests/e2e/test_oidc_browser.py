"""Signing in through the institution in a real browser, against a real OpenID Connect provider
process (tests/support/oidc_provider: django-oauth-toolkit under gunicorn) and Airlock's
gunicorn: the round trip, users matched or created by the configured claim, the provider's
second factor counted only when configured, signing out at both ends, and a provider that is
down (a clear message in English and Danish, never an error page)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.oidc_server import oidc_provider, provider_installed
from tests.support.processes import installation

pytestmark = pytest.mark.e2e

if not provider_installed():  # pragma: no cover - scripts/setup.sh installs it
    pytest.fail("django-oauth-toolkit is missing: run scripts/setup.sh", pytrace=False)

BUTTON = "Sign in with Example University"
PROVIDER_PEOPLE = [
    # Airlock's demo researcher; the provider signs them in with a password only.
    {"username": "researcher", "password": "uni-pass-researcher", "email": "r@uni.example"},
    # The demo reviewer; the provider asserts a second factor for them (amr mfa).
    {"username": "reviewer", "password": "uni-pass-reviewer", "mfa": True},
    # The demo service administrator (who has an authenticator in Airlock); password only.
    {"username": "serviceadmin", "password": "uni-pass-admin"},
    # Nobody in Airlock has this name.
    {"username": "newcomer", "password": "uni-pass-newcomer", "email": "newcomer@uni.example"},
    # Matched by e-mail in the second installation.
    {"username": "kim", "password": "uni-pass-kim", "email": "kim@uni.example", "mfa": True},
]


def provider_sign_in(page, base: str, username: str, password: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_role("link", name=BUTTON).click()
    page.get_by_label("University username").fill(username)
    page.get_by_label("University password").fill(password)
    page.get_by_role("button", name="Continue to the service").click()


def test_sign_in_through_the_provider_second_factor_sign_out_and_outage(
    tmp_path, chromium, screenshots
):
    with oidc_provider(tmp_path) as idp:
        env = idp.airlock_env(
            AIRLOCK_OIDC_SECOND_FACTOR_AMR="mfa",
            AIRLOCK_OIDC_CREATE_USERS="1",
            AIRLOCK_ZONES="inside,portal,review",
        )
        with installation(tmp_path / "a", **env) as inst:
            base = inst.start_web(workers=1)
            idp.register(base, PROVIDER_PEOPLE)
            idp.start()
            context = chromium.new_context()
            page = context.new_page()

            # The researcher: matched by preferred_username, straight to the portal.
            provider_sign_in(page, base, "researcher", "uni-pass-researcher", "/portal/")
            page.wait_for_url(f"{base}/portal/")
            expect(page.get_by_text("Signed in as researcher")).to_be_visible()
            page.screenshot(path=str(screenshots / "oidc-signed-in.png"))

            # Sign out: out of Airlock and out of the provider (it asks for the password again).
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url(re.compile(re.escape(f"{base}/accounts/login/")))
            expect(page.get_by_role("link", name=BUTTON)).to_be_visible()
            assert context.request.get(f"{base}/portal/", max_redirects=0).status == 302
            page.get_by_role("link", name=BUTTON).click()
            expect(page.get_by_label("University password")).to_be_visible()

            # The reviewer: the provider asserted mfa, which this installation counts, so the
            # review zone opens without Airlock's own code.
            fresh = chromium.new_context()
            page = fresh.new_page()
            provider_sign_in(page, base, "reviewer", "uni-pass-reviewer", "/review/")
            page.wait_for_url(f"{base}/review/")
            assert "second-factor" not in page.url
            fresh.close()

            # The service administrator: password only at the provider, so Airlock asks for
            # the authenticator's code before the review zone.
            fresh = chromium.new_context()
            page = fresh.new_page()
            provider_sign_in(page, base, "serviceadmin", "uni-pass-admin", "/review/")
            page.wait_for_url(re.compile(r".*/accounts/second-factor/verify/.*"))
            fresh.close()

            # Someone the provider knows and Airlock does not: created at first sign-in.
            fresh = chromium.new_context()
            page = fresh.new_page()
            provider_sign_in(page, base, "newcomer", "uni-pass-newcomer", "/")
            page.wait_for_url(f"{base}/")
            expect(page.get_by_text("Signed in as newcomer")).to_be_visible()
            created = inst.manage(
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model; "
                "print(get_user_model().objects.get(username='newcomer').email)",
            )
            assert created.strip().endswith("newcomer@uni.example")
            fresh.close()

            # The provider goes down: the button leads back to the sign-in page, which says so.
            idp.stop()
            fresh = chromium.new_context()
            page = fresh.new_page()
            page.goto(f"{base}/accounts/login/?next=/portal/")
            page.get_by_role("link", name=BUTTON).click()
            page.wait_for_url(re.compile(r".*/accounts/login/\?oidc=unavailable.*"))
            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("cannot be reached right now")
            expect(page.get_by_label("Password")).to_be_visible()  # the password way still works
            page.screenshot(path=str(screenshots / "oidc-provider-down.png"))
            page.get_by_role("button", name="Dansk").click()
            page.wait_for_selector("html[lang=da]")
            expect(page.get_by_role("alert")).to_contain_text("kan ikke nås lige nu")
            page.screenshot(path=str(screenshots / "oidc-provider-down-da.png"))
            fresh.close()
            context.close()


def test_claims_and_second_factor_follow_the_installations_configuration(tmp_path, chromium):
    with oidc_provider(tmp_path) as idp:
        # Matched by e-mail; nobody is created; no provider assertion counts as a second factor.
        env = idp.airlock_env(
            AIRLOCK_OIDC_USERNAME_CLAIM="email", AIRLOCK_ZONES="inside,portal,review"
        )
        with installation(tmp_path / "b", **env) as inst:
            inst.manage(
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model; "
                "from airlock.accounts.roles import REVIEWERS, group; "
                "u = get_user_model().objects.create_user('kim@uni.example'); "
                "u.groups.add(group(REVIEWERS))",
            )
            base = inst.start_web(workers=1)
            idp.register(base, PROVIDER_PEOPLE)
            idp.start()

            # kim: matched by the e-mail claim. The provider says mfa, but this installation
            # counts no assertion, so the review zone sends kim to set up an authenticator.
            context = chromium.new_context()
            page = context.new_page()
            provider_sign_in(page, base, "kim", "uni-pass-kim", "/review/")
            page.wait_for_url(re.compile(r".*/accounts/second-factor/setup/.*"))
            expect(page.get_by_text("Signed in as kim@uni.example")).to_be_visible()
            context.close()

            # newcomer: unknown here, and users are not created: refused, with the reason.
            context = chromium.new_context()
            page = context.new_page()
            provider_sign_in(page, base, "newcomer", "uni-pass-newcomer", "/")
            page.wait_for_url(re.compile(r".*/accounts/login/\?oidc=failed.*"))
            expect(page.get_by_role("alert")).to_contain_text("may not be linked")
            context.close()
            exists = inst.manage(
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model; "
                "print(get_user_model().objects.filter(username='newcomer@uni.example').exists())",
            )
            assert exists.strip().endswith("False")
