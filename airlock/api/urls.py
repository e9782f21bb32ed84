"""The JSON API (DESIGN.md, "The HTTP API"), one router per zone this process serves."""

from django.conf import settings
from ninja import NinjaAPI

from airlock.api.auth import TokenAuth
from airlock.api.errors import install_error_handlers


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
    if "review" in zones:
        from airlock.api.review import router as review

        api.add_router("/review/", review)
    return api


api = build_api(settings.AIRLOCK_ZONES)
urlpatterns = api.urls[0]
