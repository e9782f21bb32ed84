"""Login throttling: failed sign-ins are counted per username and address, and per username
from anywhere, in the database so every web process sees the same count.

Over the limit, sign-in is refused (429) with the time to wait, whatever the password; a
successful sign-in clears the count for that username and address.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from airlock.accounts.models import FailedLogin
from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record

# A username may fail this many times more from all addresses together than from one.
ANY_ADDRESS_FACTOR = 4


class LoginThrottled(Exception):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry after {retry_after_seconds}s")
        self.retry_after_seconds = retry_after_seconds


def _normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_throttle_check(*, username: str, ip: str | None) -> None:
    """Raise LoginThrottled if this username (from this address) failed too often lately."""
    window = timedelta(seconds=settings.AIRLOCK_LOGIN_THROTTLE_SECONDS)
    since = timezone.now() - window
    recent = FailedLogin.objects.filter(username=_normalise(username), created_at__gte=since)
    limit = settings.AIRLOCK_LOGIN_MAX_FAILURES
    for failures, allowed in ((recent.filter(ip=ip), limit), (recent, limit * ANY_ADDRESS_FACTOR)):
        if failures.count() >= allowed:
            oldest = failures.order_by("-created_at").values_list("created_at", flat=True)[
                allowed - 1
            ]
            wait = (oldest + window - timezone.now()).total_seconds()
            raise LoginThrottled(max(1, int(wait) + 1))


def failed_login_record(*, username: str, ip: str | None) -> None:
    FailedLogin.objects.create(username=_normalise(username), ip=ip)
    failures = FailedLogin.objects.filter(
        username=_normalise(username),
        ip=ip,
        created_at__gte=timezone.now() - timedelta(seconds=settings.AIRLOCK_LOGIN_THROTTLE_SECONDS),
    ).count()
    if failures == settings.AIRLOCK_LOGIN_MAX_FAILURES:
        audit_record(
            action=AuditAction.LOGIN_THROTTLED,
            object_type="user",
            data={"username": username, "ip": ip},
        )


def failed_login_clear(*, username: str, ip: str | None) -> None:
    """After a successful sign-in; old rows of anyone are dropped on the way."""
    FailedLogin.objects.filter(username=_normalise(username), ip=ip).delete()
    cutoff = timezone.now() - timedelta(seconds=settings.AIRLOCK_LOGIN_THROTTLE_SECONDS * 4)
    FailedLogin.objects.filter(created_at__lt=cutoff).delete()
