"""OpenID Connect sign-in through an institution's identity provider (mozilla-django-oidc),
enabled when AIRLOCK_OIDC_CLIENT_ID and the provider's endpoints are set.

A provider's user is matched to an existing Airlock user by a claim (AIRLOCK_OIDC_USERNAME_CLAIM,
default preferred_username); users are created only when AIRLOCK_OIDC_CREATE_USERS is on.
Signing in this way does not count as the second factor: zones that require one still ask for
the TOTP code.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class InstitutionOIDCBackend(OIDCAuthenticationBackend):
    def _username(self, claims: dict) -> str:
        return str(claims.get(settings.AIRLOCK_OIDC_USERNAME_CLAIM) or "").strip()

    def filter_users_by_claims(self, claims: dict):
        username = self._username(claims)
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(username=username) if username else users.none()

    def verify_claims(self, claims: dict) -> bool:
        return bool(self._username(claims))

    def create_user(self, claims: dict):
        if not settings.AIRLOCK_OIDC_CREATE_USERS:
            return None
        return get_user_model().objects.create_user(
            username=self._username(claims), email=claims.get("email", "")
        )

    def get_username(self, claims: dict) -> str:
        return self._username(claims)
