"""The JSON API (docs/design.md, "The HTTP API"), one router per zone this process serves."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from airlock.api.auth import TokenAuth
from airlock.api.errors import error_body, install_error_handlers, not_found_response


def build_api(zones: list[str]) -> NinjaAPI:
    api = NinjaAPI(
        title="Airlock API",
        version="1",
        description="Upload, scan, transfer and control research result files.",
        auth=TokenAuth(),
        urls_namespace="api",
        docs_url=None,
    )
    install_error_handlers(api)
    if "inside" in zones:
        from airlock.api.inside import router as inside

        api.add_router("/inside/", inside)
    if "portal" in zones:
        from airlock.api.portal import router as portal

        api.add_router("/portal/", portal)
        from airlock.api.datadoc import portal_router as portal_datadoc

        api.add_router("/portal/", portal_datadoc)
    if "review" in zones:
        from airlock.api.review import router as review

        api.add_router("/review/", review)
        from airlock.api.datadoc import review_router as review_datadoc

        api.add_router("/review/", review_datadoc)
    return api


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers a wrong method with a plain-text 405: make it the API's JSON error."""

    @wraps(view)  # keeps csrf_exempt and the other marks ninja put on the view
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            response = JsonResponse(
                error_body(_("This method is not allowed here."), {"allowed": allowed}),
                status=405,
            )
            response["Allow"] = allowed
        return response

    return wrapped


api = build_api(settings.AIRLOCK_ZONES)
api_patterns = api.urls[0]  # built afresh on each access
for pattern in api_patterns:
    if pattern.callback is not None:
        pattern.callback = json_method_not_allowed(pattern.callback)
# Anything else under /api/ is a JSON 404 too, not an HTML page, whatever the method: without
# csrf_exempt a POST to another zone's API would be a CSRF 403 instead of the zone's 404.
urlpatterns = [*api_patterns, re_path(r"", csrf_exempt(not_found_response))]
