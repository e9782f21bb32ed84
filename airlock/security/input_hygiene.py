"""One boundary for text coming in: every query parameter, form field and JSON string.

A NUL character (PostgreSQL cannot store it: a DataError, a 500) or a lone UTF-16 surrogate
(no database can encode it) anywhere in the request is refused here with a clear 400, before
any view, form or API schema sees it. Too many fields, or a form body over the memory limit,
is a 400/413 here too, in JSON under /api/. Multipart bodies are parsed by the upload-limit
middleware first, after it has checked the sender.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

# NUL, and any code point of the surrogate range: in a decoded str a surrogate is always lone.
FORBIDDEN = re.compile("[\x00\ud800-\udfff]")

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def text_is_clean(value: str) -> bool:
    return FORBIDDEN.search(value) is None


def refusal(request: HttpRequest, status: int, message: str, where: str = "") -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message, "detail": {"field": where} if where else None},
                            status=status)  # fmt: skip
    text = f"{message} ({where})" if where else message
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def bad_text(request: HttpRequest, where: str) -> HttpResponse:
    return refusal(
        request,
        400,
        _(
            "The request holds a character that cannot be stored: a NUL character or a lone "
            "surrogate. Remove it and send the request again."
        ),
        where,
    )


def _wire_is_utf8(value: str, *, percent_encoded: bool = False) -> bool:
    """Whether WSGI's latin-1 text of the URL is valid UTF-8 (a surrogate encoded as bytes,
    CESU style, is not: Django would turn it into replacement characters or a 404)."""
    raw = value.encode("iso-8859-1", errors="replace")
    if percent_encoded:  # the test client (and some servers) leave the URL percent-encoded
        raw = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{where}.{key}" if where else str(key), str(key)
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


class InputHygieneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        path = request.META.get("PATH_INFO", "")
        if not _wire_is_utf8(path, percent_encoded=True) or not text_is_clean(request.path_info):
            return bad_text(request, "path")
        if not _wire_is_utf8(request.META.get("QUERY_STRING", ""), percent_encoded=True):
            return bad_text(request, "query")
        try:
            for key, values in request.GET.lists():
                for text in (key, *values):
                    if not text_is_clean(text):
                        return bad_text(request, key if text_is_clean(key) else "?")
            if request.method in ("POST", "PUT", "PATCH", "DELETE"):
                return self.check_body(request)
        except TooManyFieldsSent:
            return refusal(request, 400, _("Too many form fields in one request: send fewer."))
        except RequestDataTooBig:
            return refusal(request, 413, _("The request body is too large."))
        except MultiPartParserError:
            return refusal(request, 400, _("The upload is not valid multipart data."))
        return None

    def check_body(self, request: HttpRequest) -> HttpResponse | None:
        if request.content_type == "application/x-www-form-urlencoded":
            body = request.body  # in memory, under DATA_UPLOAD_MAX_MEMORY_SIZE
            if not _wire_is_utf8(body.decode("iso-8859-1"), percent_encoded=True):
                return bad_text(request, "form")
        if request.content_type in FORM_TYPES:
            for key, values in request.POST.lists():
                for text in (key, *values):
                    if not text_is_clean(text):
                        return bad_text(request, key if text_is_clean(key) else "?")
            for key in request.FILES:
                for upload in request.FILES.getlist(key):
                    if not text_is_clean(upload.name or ""):
                        return bad_text(request, key)
        elif request.content_type == "application/json":
            try:
                payload = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                return None  # the API answers its own "not valid JSON"
            for where, text in _strings(payload, ""):
                if not text_is_clean(text):
                    return bad_text(request, where if text_is_clean(where) else "?")
        return None
