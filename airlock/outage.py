"""When a dependency fails under a user: a clear 503/507 answer, never a 500 with a trace.

Two failures are not the user's doing and not a bug either: the database is unreachable (it
is restarting, or failing over) and the disk that holds uploads is full. The user is told that
nothing was kept or changed and to try again; the operator finds a warning in the log.
``unavailable_response`` is used by the API's error handler, by the upload-limit middleware
(which reads request bodies before any view) and by ``ServiceUnavailableMiddleware`` for pages.
"""

import errno
import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
RETRY_AFTER_SECONDS = 30


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS


def is_database_unavailable(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse | None:
    """A 507 (disk full) or 503 (database unreachable) for ``exc``; None for anything else."""
    if is_disk_full(exc):
        status = 507
        title = _("No room to store files")
        message = _(
            "The service has no room to store files right now. Nothing of this upload was "
            "kept. Please try again later; the operators have been alerted."
        )
        logger.error("Disk full while handling %s %s: %s", request.method, request.path, exc)
    elif is_database_unavailable(exc):
        status = 503
        title = _("Service briefly unavailable")
        message = _(
            "The service cannot reach its database right now, so nothing was changed. "
            "Please try again in a minute."
        )
        logger.error(
            "Database unavailable while handling %s %s: %s",
            request.method,
            request.path,
            type(exc).__name__,
        )
    else:
        return None
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": message, "detail": None}, status=status)
    else:
        # A page of its own, with no database lookups (base.html may need the database).
        response = HttpResponse(
            render_to_string("unavailable.html", {"title": title, "message": message}),
            status=status,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    """Pages: turn a full disk or an unreachable database into a clear 507/503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable_response(request, exception)
