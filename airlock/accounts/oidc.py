"""OpenID Connect sign-in through an institution's identity provider (mozilla-django-oidc),
enabled when AIRLOCK_OIDC_CLIENT_ID and the provider's endpoints are set.

- A provider's user is matched to an existing Airlock user by a claim
  (AIRLOCK_OIDC_USERNAME_CLAIM, default ``preferred_username``) read from the provider's
  userinfo answer; users are created only when AIRLOCK_OIDC_CREATE_USERS is on.
- The sign-in counts as the second factor only when the installation says which assertions
  count (AIRLOCK_OIDC_SECOND_FACTOR_AMR, _ACR) and the signed ID token carries one of them.
  Otherwise zones that require a second factor still ask for the TOTP code.
- A provider that cannot be reached (before the redirect, or at the token exchange) sends the
  person back to the sign-in page with a message that says so: never an error page.
- Signing out of Airlock also ends the session at the provider when it has an end-session
  endpoint (AIRLOCK_OIDC_LOGOUT_ENDPOINT); see ``SignOutView`` in views.py.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from airlock.audit.services import audit_record

logger = logging.getLogger(__name__)

# Session keys. The second-factor mark holds the user's pk; it dies with the session.
SESSION_SECOND_FACTOR = "airlock_oidc_second_factor"
SESSION_SIGNED_IN_WITH_OIDC = "airlock_oidc_signed_in"

# Why a sign-in through the provider did not work, as the sign-in page's ?oidc= value.
FAILED = "failed"  # the provider answered, but the person is not (or may not be) an Airlock user
UNAVAILABLE = "unavailable"  # the provider could not be reached or answered with an error
SIGNED_OUT_HERE_ONLY = "signed-out-here"  # out of Airlock; the provider could not be told


def asserted_second_factor(id_token_claims: dict) -> bool:
    """True when the provider's signed ID token asserts a method or level that this
    installation counts as a second factor. Nothing counts unless configured."""
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    wanted_amr = set(settings.AIRLOCK_OIDC_SECOND_FACTOR_AMR)
    if wanted_amr and wanted_amr.intersection(str(method) for method in amr):
        return True
    acr = str(id_token_claims.get("acr") or "")
    return bool(acr) and acr in settings.AIRLOCK_OIDC_SECOND_FACTOR_ACR


class InstitutionOIDCBackend(OIDCAuthenticationBackend):
    def _username(self, claims: dict) -> str:
        return str(claims.get(settings.AIRLOCK_OIDC_USERNAME_CLAIM) or "").strip()

    def authenticate(self, request, **kwargs):
        # requests' errors (mozilla-django-oidc talks to the provider with it) are OSErrors.
        try:
            return super().authenticate(request, **kwargs)
        except OSError as exc:
            response = getattr(exc, "response", None)
            status = getattr(response, "status_code", 0) or 0
            # No answer, or 5xx: the provider is in trouble. 4xx: it refused this code
            # (replayed, expired), which a new attempt fixes.
            reason = FAILED if 400 <= status < 500 else UNAVAILABLE
            what = f"answered HTTP {status}" if status else f"not reached: {type(exc).__name__}"
            logger.warning("OIDC sign-in: the provider %s", what)
        except (ValueError, KeyError) as exc:
            reason = UNAVAILABLE
            logger.warning("OIDC sign-in: unusable answer (%s)", type(exc).__name__)
        except SuspiciousOperation as exc:
            reason = FAILED
            logger.warning("OIDC sign-in refused: %s", exc)
        if request is not None:
            request.airlock_oidc_failure = reason
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and self.request is not None:
            self.request.airlock_oidc_second_factor = asserted_second_factor(payload)
        return user

    def filter_users_by_claims(self, claims: dict):
        username = self._username(claims)
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(username=username) if username else users.none()

    def verify_claims(self, claims: dict) -> bool:
        return bool(self._username(claims))

    def create_user(self, claims: dict):
        if not settings.AIRLOCK_OIDC_CREATE_USERS:
            return None
        user = get_user_model().objects.create_user(
            username=self._username(claims), email=claims.get("email", "")
        )
        audit_record(
            action="user_created_by_oidc", actor=user, object_type="user", object_id=user.pk
        )
        return user

    def update_user(self, user, claims: dict):
        email = str(claims.get("email") or "")
        if email and email != user.email:
            user.email = email
            user.save(update_fields=["email"])
        return user

    def get_username(self, claims: dict) -> str:
        return self._username(claims)


def _sign_in_page(reason: str, next_url: str = "") -> HttpResponseRedirect:
    query = {"oidc": reason}
    if next_url:
        query["next"] = next_url
    return HttpResponseRedirect(f"{reverse('login')}?{urlencode(query)}")


def provider_reachable() -> bool:
    """One bounded request to the provider's key set, which Airlock needs at every sign-in."""
    url = settings.OIDC_OP_JWKS_ENDPOINT
    if not url.startswith(("https://", "http://")):
        return False
    try:
        # An http(s) URL from the settings, checked above.
        with urllib.request.urlopen(url, timeout=settings.AIRLOCK_OIDC_TIMEOUT_SECONDS):  # noqa: S310
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, ValueError):
        return False


class InstitutionAuthenticationRequestView(OIDCAuthenticationRequestView):
    """Send the person to the provider, unless it cannot be reached: then back to the
    sign-in page, which says so (rather than the browser's own connection error)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not provider_reachable():
            logger.warning("The OIDC provider could not be reached before the sign-in")
            return _sign_in_page(UNAVAILABLE, request.GET.get("next", ""))
        return super().get(request)


class InstitutionCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the session is marked as signed in through it, and as verified
    with a second factor when the provider asserted one that counts here."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state that is not this browser's (an old tab, a replayed link): start again.
            return _sign_in_page(FAILED)

    def login_failure(self) -> HttpResponse:
        return _sign_in_page(getattr(self.request, "airlock_oidc_failure", FAILED))

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        session = self.request.session
        session[SESSION_SIGNED_IN_WITH_OIDC] = True
        if getattr(self.request, "airlock_oidc_second_factor", False):
            session[SESSION_SECOND_FACTOR] = str(self.user.pk)
            audit_record(
                action="second_factor_asserted_by_provider",
                actor=self.user,
                object_type="user",
                object_id=self.user.pk,
            )
            return response
        # As after a password: someone with an authenticator is asked for its code.
        from airlock.accounts.selectors import totp_device_confirmed

        if totp_device_confirmed(user=self.user) is not None:
            url = reverse("accounts:second_factor")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': self.success_url})}")
        return response


class ProviderAssertion:
    """Stands in for a django-otp device on a session whose second factor the provider
    asserted: ``user.is_verified()`` is then true for the rest of the session."""

    persistent_id = "oidc-provider"
    name = "identity provider"

    def __init__(self, user) -> None:
        self.user = user
        self.user_id = user.pk
        self.confirmed = True


class ProviderSecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a session marked by ``InstitutionCallbackView``
    counts as verified. Installed only when OIDC is on (settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        marked = request.session.get(SESSION_SECOND_FACTOR)
        if marked:
            user = request.user  # django-otp's lazy user: set on it, it sets on the user
            if (
                user.is_authenticated
                and str(user.pk) == marked
                and getattr(user, "otp_device", None) is None
            ):
                user.otp_device = ProviderAssertion(user)  # type: ignore[attr-defined]
        return self.get_response(request)


def provider_logout_url(request: HttpRequest, id_token: str | None) -> str | None:
    """The provider's end-session URL (RP-initiated logout), coming back to the sign-in page."""
    endpoint = settings.AIRLOCK_OIDC_LOGOUT_ENDPOINT
    if not endpoint:
        return None
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
