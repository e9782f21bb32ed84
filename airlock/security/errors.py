"""The domain's access errors on pages: NotFound is a 404, PermissionDenied a 403 with its
reason (shown by templates/403.html). The API turns them into JSON itself (api/errors.py)."""

from collections.abc import Callable

from django.core import exceptions as django_exceptions
from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults

from airlock.errors import NotFound, PermissionDenied


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return defaults.page_not_found(request, Http404(str(exception)))
        if isinstance(exception, PermissionDenied):
            return defaults.permission_denied(
                request, django_exceptions.PermissionDenied(exception.reason)
            )
        return None
