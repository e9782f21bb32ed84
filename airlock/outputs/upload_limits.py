"""The hard upload limit, enforced while the request body streams in (413).

Two limits: AIRLOCK_MAX_UPLOAD_BYTES for each file (the policy's hard upload limit) and
AIRLOCK_MAX_REQUEST_BYTES for one request (several files, or a folder). A body whose declared
Content-Length is over the request limit is refused before any of it is read. The rest is
counted as it streams, and the upload stops at the first chunk over either limit: the partly
written temporary file is closed (and so deleted) at once.

A chunked body (no Content-Length) would be read by Django as empty: it is refused with a 400
that says to send a Content-Length, before any of it is read.
"""

from django.conf import settings
from django.contrib.auth import get_user
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from airlock.errors import UploadTooLarge
from airlock.outage import unavailable_response
from airlock.outputs.sizes import size_for_display

# Room for multipart boundaries and headers on top of the file bytes.
MULTIPART_OVERHEAD = 64 * 1024
# The request attribute holding (token key, user) once an API upload's token was checked here.
UPLOAD_SENDER = "_airlock_upload_sender"


class MaxSizeUploadHandler(FileUploadHandler):
    """Counts the bytes of each file, and of all files in the request, as they stream in;
    stops the upload at the first chunk over either limit."""

    def __init__(
        self,
        request: HttpRequest | None = None,
        limit: int | None = None,
        request_limit: int | None = None,
    ) -> None:
        super().__init__(request)
        self.limit = limit or settings.AIRLOCK_MAX_UPLOAD_BYTES
        self.request_limit = request_limit or settings.AIRLOCK_MAX_REQUEST_BYTES
        self.received = 0
        self.received_this_file = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received_this_file = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        self.received_this_file += len(raw_data)
        if self.received_this_file > self.limit:
            raise UploadTooLarge(self.limit)
        if self.received > self.request_limit:
            raise UploadTooLarge(self.request_limit)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class DropFilesUploadHandler(FileUploadHandler):
    """For a signed-out request: form fields are read, file parts are skipped unread."""

    def new_file(self, *args, **kwargs) -> None:
        raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None


def error_response(
    request: HttpRequest, status: int, message: str, detail: dict | None = None
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message, "detail": detail}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    message = _("The upload is larger than the limit of %(size)s.") % {
        "size": size_for_display(limit)
    }
    return error_response(request, 413, message, {"limit_bytes": limit})


def close_partial_uploads(request: HttpRequest) -> None:
    """Close (and so delete) the temporary files of an upload stopped half way."""
    for handler in request.upload_handlers:
        partial = getattr(handler, "file", None)
        if partial is not None:
            partial.close()


def refuse_unauthenticated_upload(request: HttpRequest) -> HttpResponse | None:
    """Check the Host header and the sender's token (API) or session (pages) before any of a
    multipart body is read: a stranger's upload is answered at once, and never written to disk.
    None when the upload may be read."""
    from airlock.accounts.services import api_token_authenticate
    from airlock.errors import PermissionDenied
    from airlock.zones import zone_of_path

    try:
        request.get_host()
    except DisallowedHost:
        return error_response(request, 400, _("The Host header names no site served here."))
    if not request.path.startswith("/api/"):
        if get_user(request).is_authenticated:
            return None
        # A signed-out form (the sign-in page) may be multipart, but small, and its files are
        # dropped unread: nothing of a stranger's upload reaches the disk.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return error_response(request, 403, _("Sign in before you upload files."))
        request.upload_handlers = [DropFilesUploadHandler(request)]
        return None
    unauthenticated = error_response(
        request, 401, _("Authentication required: send a valid 'Authorization: Token KEY'.")
    )
    scheme, _space, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme != "Token" or not key.strip():
        return unauthenticated
    try:
        user = api_token_authenticate(key=key.strip(), zone=zone_of_path(request.path_info))
    except PermissionDenied as exc:
        return error_response(request, 403, exc.reason)
    if user is None:
        return unauthenticated
    # The API's token check (airlock/api/auth.py) takes the user from here for the same key,
    # instead of looking the token up a second time in the same request.
    setattr(request, UPLOAD_SENDER, (key.strip(), user))  # noqa: B010
    return None


class UploadLimitMiddleware:
    """Refuse a declared body over the limit before reading it; count the rest as it streams."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("POST", "PUT", "PATCH"):
            return self.get_response(request)
        limit = settings.AIRLOCK_MAX_UPLOAD_BYTES
        request_limit = settings.AIRLOCK_MAX_REQUEST_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(request, 400, _("The Content-Length header is not a number."))
        if declared > request_limit + MULTIPART_OVERHEAD:
            return too_large_response(request, request_limit)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not declared:
            return error_response(
                request, 400, _("Send the upload with a Content-Length header, not chunked.")
            )
        request.upload_handlers.insert(0, MaxSizeUploadHandler(request, limit, request_limit))
        if request.content_type == "multipart/form-data":
            # Nothing of a body reaches the disk before the host and the sender are known.
            try:
                refusal = refuse_unauthenticated_upload(request)
            except (OperationalError, InterfaceError) as exc:  # the token or session lookup
                unavailable = unavailable_response(request, exc)
                if unavailable is None:
                    raise
                return unavailable
            if refusal is not None:
                return refusal
            # Parse here, so the limit answers 413 wherever the body is first read.
            try:
                request.FILES  # noqa: B018
            except UploadTooLarge as exc:
                close_partial_uploads(request)
                return too_large_response(request, exc.limit)
            except TooManyFieldsSent:
                close_partial_uploads(request)
                return error_response(
                    request, 400, _("Too many form fields in one request: send fewer.")
                )
            except TooManyFilesSent:
                close_partial_uploads(request)
                return error_response(
                    request, 400, _("Too many files in one upload: send them in smaller groups.")
                )
            except RequestDataTooBig:
                close_partial_uploads(request)
                return error_response(request, 413, _("The form fields are too large."))
            except MultiPartParserError:
                close_partial_uploads(request)
                return error_response(request, 400, _("The upload is not valid multipart data."))
            except OSError as exc:  # the disk of the temporary files is full: a clear 507
                close_partial_uploads(request)
                response = unavailable_response(request, exc)
                if response is None:
                    raise
                return response
        return self.get_response(request)
