"""Sign-ins are audited: Django's auth signals, recorded through audit_record."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.security.client_address import client_address


def _client(request) -> dict[str, str]:
    if request is None:
        return {}
    return {
        # The client's address as the proxy passed it on (AIRLOCK_CLIENT_IP_HEADER).
        "ip": client_address(request) or "",
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


@receiver(user_logged_in, dispatch_uid="airlock_audit_login")
def record_login(sender, request, user, **kwargs) -> None:
    audit_record(
        action=AuditAction.LOGIN,
        actor=user,
        object_type="user",
        object_id=user.pk,
        data=_client(request),
    )


@receiver(user_logged_out, dispatch_uid="airlock_audit_logout")
def record_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, actor=user, object_type="user", object_id=user.pk)


@receiver(user_login_failed, dispatch_uid="airlock_audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the username tried: never the password.
    username = str(credentials.get("username", ""))[:150]
    audit_record(action=AuditAction.LOGIN_FAILED, data={"username": username, **_client(request)})
