"""The request a signed-in page or API endpoint gets, for the type checker.

``login_required`` (pages) and the API's token auth (``airlock.api.auth``) let only a
signed-in person through, so ``request.user`` is a ``User`` there, never ``AnonymousUser``;
django-htmx's middleware adds ``request.htmx``. Annotating such a view's request with
``AuthenticatedHttpRequest`` says so to mypy (the pattern django-stubs documents).
"""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]
    htmx: HtmxDetails
