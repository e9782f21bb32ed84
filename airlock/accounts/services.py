import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from airlock.accounts.models import ApiToken
from airlock.audit.services import audit_record


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: AbstractBaseUser, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; returns it and its key, which is never stored and cannot be shown again."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=token_hash(key))
    audit_record(action="api_token_created", actor=user, object_type="api_token", object_id=token.pk)
    return token, key


def api_token_revoke(*, token: ApiToken, actor: AbstractBaseUser) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(action="api_token_revoked", actor=actor, object_type="api_token", object_id=token.pk)


def api_token_authenticate(*, key: str) -> AbstractBaseUser | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
