"""URLs by zone: a process serves only the zones in AIRLOCK_ZONES (others are 404)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from airlock import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include(("airlock.api.urls", "api"))),
]
for zone in ("inside", "portal", "review"):
    if zone in settings.AIRLOCK_ZONES:
        urlpatterns.append(path(f"{zone}/", include(f"airlock.{zone}.urls", namespace=zone)))
