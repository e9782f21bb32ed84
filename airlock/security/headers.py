"""Security headers on every response, beside Django's SecurityMiddleware (HSTS, nosniff,
Referrer-Policy) and XFrameOptionsMiddleware (frame denial).

The Content-Security-Policy allows no inline script and no inline event handlers: JavaScript
lives only in static files. A response that sets its own policy (a download's
``default-src 'none'; sandbox``) keeps it.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def content_security_policy() -> str:
    return getattr(settings, "AIRLOCK_CONTENT_SECURITY_POLICY", "") or DEFAULT_CSP


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            # Pages with project data are not kept in shared or browser caches.
            response.headers["Cache-Control"] = "no-store"
        return response
