"""URLs by zone: a process serves only the zones in AIRLOCK_ZONES (others are 404)."""

from django.conf import settings
from django.urls import include, path

from airlock import views
from airlock.accounts import urls as accounts_urls
from airlock.accounts.views import SignInView, SignOutView
from airlock.administration.urls import project_admin_patterns, service_admin_patterns

urlpatterns = [
    # /healthz, /readyz, /metrics: served in every zone (airlock/monitoring).
    path("", include("airlock.monitoring.urls")),
    path("", views.home, name="home"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/", include(accounts_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include(("airlock.api.urls", "api"))),
]
# Project administration lives in the zone of its audience, before the
# zone's own patterns so that none of theirs shadows it (airlock/administration/urls.py).
if "portal" in settings.AIRLOCK_ZONES:
    urlpatterns.append(path("portal/administration/", include(project_admin_patterns)))
if "review" in settings.AIRLOCK_ZONES:
    urlpatterns.append(path("review/administration/", include(service_admin_patterns)))
# Each zone's pages: the package that holds them, mounted under /<zone>/.
ZONE_PAGES = {
    "inside": "airlock.inside.urls",
    "portal": "airlock.portal.urls",
    "review": "airlock.review_zone.urls",
}
for zone, pages in ZONE_PAGES.items():
    if zone in settings.AIRLOCK_ZONES:
        urlpatterns.append(path(f"{zone}/", include(pages, namespace=zone)))
if settings.AIRLOCK_OIDC_ENABLED:
    urlpatterns += accounts_urls.oidc_urlpatterns
