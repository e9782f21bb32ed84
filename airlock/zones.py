"""Zones (docs/design.md, "People and zones"): which URLs belong to which zone.

A zone is a set of URLs: pages under ``/<zone>/`` and the API under ``/api/<zone>/``. A process
serves the zones in ``AIRLOCK_ZONES``; urls.py and api/urls.py include only those, so a request
to another zone's URL is 404. Everything outside the zones (sign-in, account pages) is shared.
"""

from django.conf import settings

ZONES: tuple[str, ...] = ("inside", "portal", "review")


def zone_of_path(path: str) -> str | None:
    """The zone a URL path belongs to, or None for the shared pages."""
    parts = [part for part in path.split("/") if part]
    if parts and parts[0] == "api":
        parts = parts[1:]
    if parts and parts[0] in ZONES:
        return parts[0]
    return None


def zone_is_served(zone: str) -> bool:
    return zone in settings.AIRLOCK_ZONES


def zone_requires_second_factor(zone: str | None) -> bool:
    """Whether signing in to this zone takes a TOTP code (always for review)."""
    return zone is not None and zone in settings.AIRLOCK_REQUIRE_2FA


def served_zones_requiring_second_factor() -> list[str]:
    return [zone for zone in settings.AIRLOCK_ZONES if zone in settings.AIRLOCK_REQUIRE_2FA]
