"""Every API error is JSON `{"error": ..., "detail": ...}` with a 4xx; never a stack trace."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from airlock.outputs.errors import ActionRefused, TransferRefused, UploadRefused, UploadTooLarge
from airlock.outputs.storage import IntegrityError
from airlock.projects.permissions import NotFound, PermissionDenied


def install_error_handlers(api: NinjaAPI) -> None:
    def error(request: HttpRequest, status: int, message: str, detail=None) -> HttpResponse:
        return api.create_response(request, {"error": message, "detail": detail}, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error(request, 401, _("Authentication required: send 'Authorization: Token KEY'."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return error(request, 400, _("The request is not valid."), exc.errors)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return error(request, exc.status_code, str(exc))

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
        return error(request, 413, _("The upload is over the size limit."), {"limit_bytes": exc.limit})

    @api.exception_handler(TransferRefused)
    def transfer_refused(request, exc):
        detail = {"files": {str(k): v for k, v in exc.file_reasons.items()}}
        return error(request, 400, exc.reason or _("The transfer was refused."), detail)

    @api.exception_handler(ActionRefused)
    def action_refused(request, exc):
        return error(request, 400, exc.reason)

    @api.exception_handler(IntegrityError)
    def integrity(request, exc):
        return error(request, 409, _("The stored file does not match its upload; staff were told."))
