"""The client's address, in one place: the login throttle and the audit trail both use it.

Behind a proxy the address is in the header named by AIRLOCK_CLIENT_IP_HEADER (e.g.
``HTTP_X_REAL_IP``); the first address of a comma-separated list is the client's. Without the
header, Django's ``REMOTE_ADDR``.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    value = request.META.get(settings.AIRLOCK_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR")
    return (value or "").split(",")[0].strip() or None
