"""The one place where an uploaded file's bytes become an HTTP response.

An uploaded file is never rendered by the browser in Airlock's origin: a download is always an
attachment of type ``application/octet-stream`` with ``nosniff``, and every response carrying
a file's bytes (a download, a preview image) has ``FILE_CSP``: no scripts, no fetches, and a
sandbox, so an uploaded HTML or SVG stays inert even when opened.
"""

from typing import IO

from django.http import FileResponse, HttpResponse

FILE_CSP = "default-src 'none'; sandbox"


def attachment_response(handle: IO[bytes], name: str) -> FileResponse:
    """A file's exact bytes as a download: never shown in the page."""
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Content-Type"] = "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def inline_image_response(data: bytes, content_type: str) -> HttpResponse:
    """An image Airlock drew itself (a reviewer's preview), shown inline and never cached."""
    response = HttpResponse(data, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response
