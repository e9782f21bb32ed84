"""Every API error is JSON `{"error": ..., "detail": ...}` with a 4xx; never a stack trace."""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from airlock.errors import (
    ActionRefused,
    NotFound,
    PermissionDenied,
    TransferRefused,
    UploadRefused,
    UploadTooLarge,
)
from airlock.outage import unavailable_response
from airlock.outputs.storage import IntegrityError

logger = logging.getLogger(__name__)


def error_body(message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": message, "detail": detail}


def not_found_response(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    """A URL under /api/ that names no endpoint (or an id that is not a number)."""
    return JsonResponse(error_body(_("Not found.")), status=404)


def install_error_handlers(api: NinjaAPI) -> None:
    def error(request: HttpRequest, status: int, message: str, detail: Any = None) -> HttpResponse:
        return api.create_response(request, error_body(message, detail), status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error(
            request, 401, _("Authentication required: send a valid 'Authorization: Token KEY'.")
        )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors]
        return error(request, 400, _("The request is not valid."), detail)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return error(request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def http_404(request, exc):
        return error(request, 404, _("Not found."))

    @api.exception_handler(NotFound)
    def not_found(request, exc):
        return error(request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error(request, 403, exc.reason)

    @api.exception_handler(UploadRefused)
    def upload_refused(request, exc):
        return error(request, 400, exc.title, {"name": exc.name, "reason": exc.reason})

    @api.exception_handler(UploadTooLarge)
    def too_large(request, exc):
        return error(
            request, 413, _("The upload is over the size limit."), {"limit_bytes": exc.limit}
        )

    @api.exception_handler(RequestDataTooBig)
    def body_too_large(request, exc):
        return error(request, 413, _("The request body is too large."))

    @api.exception_handler(TooManyFilesSent)
    def too_many_files(request, exc):
        return error(request, 400, _("Too many files in one upload: send them in smaller groups."))

    @api.exception_handler(TransferRefused)
    def transfer_refused(request, exc):
        detail = {"files": {str(k): v for k, v in exc.file_reasons.items()}}
        return error(request, 400, exc.reason or _("The transfer was refused."), detail)

    @api.exception_handler(ActionRefused)
    def action_refused(request, exc):
        return error(request, 400, exc.reason)

    @api.exception_handler(IntegrityError)
    def integrity(request, exc):
        logger.error("Stored bytes do not match the upload sha256: %s", exc)
        return error(
            request, 409, _("The stored file does not match its upload; the error has been logged.")
        )

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        # The database unreachable or the disk full: a 503/507 saying to try again.
        unavailable = unavailable_response(request, exc)
        if unavailable is not None:
            return unavailable
        # A bug, not the user's doing: logged with its traceback, answered without one.
        logger.error("Unexpected error in %s %s", request.method, request.path, exc_info=exc)
        return error(request, 500, _("Something went wrong on our side; it has been logged."))
