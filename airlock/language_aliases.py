"""Browser language tags that name a language Airlock speaks under another code.

Norwegian has two written standards. Many browsers and operating systems send the macro
language `no` (or `nn`, Nynorsk) rather than `nb`, and Django matches a tag only to a language
in LANGUAGES or its own region-less form, so such a reader would get English. Airlock's
Norwegian catalogue is Bokmål, which every Norwegian reader reads, so those tags ask for `nb`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Primary subtag → the code Airlock serves it in (region and script subtags are dropped).
ALIASES = {"no": "nb", "nn": "nb"}

_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*$")


def rewrite_accept_language(header: str) -> str:
    """The header with every aliased tag replaced by its code, weights kept, order kept."""
    parts = []
    for item in header.split(","):
        tag, semicolon, weight = item.partition(";")
        match = _TAG.match(tag)
        if match and match.group(1).lower() in ALIASES:
            tag = ALIASES[match.group(1).lower()]
        parts.append(f"{tag.strip()}{semicolon}{weight}")
    return ",".join(parts)


class LanguageAliasMiddleware:
    """Runs before LocaleMiddleware, so `no-NO` and `nn` pick the Norwegian (Bokmål) pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = rewrite_accept_language(header)
        return self.get_response(request)
