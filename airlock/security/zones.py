"""Per-zone sign-in rules: the review zone (and any zone in AIRLOCK_REQUIRE_2FA) needs a
session verified with a TOTP code. Runs after django_otp's OTPMiddleware.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from airlock.zones import zone_of_path, zone_requires_second_factor


def user_is_verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class SecondFactorZoneMiddleware:
    """Send a signed-in but unverified user to the TOTP page before any page of such a zone.

    The API is not redirected: its token check (accounts.services) refuses tokens not issued
    with a second factor in these zones.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith("/api/"):
            user = request.user
            zone = zone_of_path(path)
            if (
                user.is_authenticated
                and zone_requires_second_factor(zone)
                and not user_is_verified(user)
            ):
                url = reverse("accounts:second_factor")
                return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
