import hashlib
import secrets

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from airlock.accounts.models import ApiToken
from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.errors import PermissionDenied
from airlock.zones import zone_requires_second_factor


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(
    *, user: User, name: str = "", second_factor: bool = False
) -> tuple[ApiToken, str]:
    """Create a token; returns it and its key, which is never stored and cannot be shown again.

    ``second_factor``: created in a session verified with a TOTP code (or by an operator), so
    the zones that require a second factor accept it.
    """
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[:8],
        key_hash=token_hash(key),
        second_factor=second_factor,
    )
    audit_record(
        action=AuditAction.API_TOKEN_CREATED,
        actor=user,
        object_type="api_token",
        object_id=token.pk,
        data={"name": token.name, "second_factor": second_factor},
    )
    return token, key


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        action=AuditAction.API_TOKEN_REVOKED,
        actor=actor,
        object_type="api_token",
        object_id=token.pk,
    )


def api_token_authenticate(*, key: str, zone: str | None = None) -> User | None:
    """The user of an active token, or None. In a zone that requires a second factor, a token
    not issued with one is refused with a reason (PermissionDenied, 403)."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if zone_requires_second_factor(zone) and not token.second_factor:
        raise PermissionDenied(
            _(
                "This zone requires two-factor sign-in: create an API token after signing in "
                "with your authenticator code."
            )
        )
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
