"""The hard upload limit, enforced while the request body streams in (413)."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from airlock.outputs.errors import UploadTooLarge

# Room for multipart boundaries and headers on top of the file bytes.
MULTIPART_OVERHEAD = 64 * 1024


class MaxSizeUploadHandler(FileUploadHandler):
    """Counts the bytes of every file in the request; stops the upload over the limit."""

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit or settings.AIRLOCK_MAX_UPLOAD_BYTES
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge(self.limit)
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    message = _("The upload is larger than the limit of %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message, "detail": {"limit_bytes": limit}}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class UploadLimitMiddleware:
    """Refuse a declared body over the limit before reading it; count the rest as it streams."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.AIRLOCK_MAX_UPLOAD_BYTES
        if request.method in ("POST", "PUT"):
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit + MULTIPART_OVERHEAD:
                return too_large_response(request, limit)
            request.upload_handlers.insert(0, MaxSizeUploadHandler(request, limit))
            if request.content_type == "multipart/form-data":
                # Parse here, so the limit answers 413 wherever the body is first read.
                try:
                    request.FILES  # noqa: B018
                except UploadTooLarge as exc:
                    return too_large_response(request, exc.limit)
        return self.get_response(request)
