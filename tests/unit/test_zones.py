"""Which zone a URL belongs to, and which zones require a second factor (no database)."""

import pytest
from django.test import override_settings

from airlock.zones import zone_of_path, zone_requires_second_factor


@pytest.mark.parametrize(
    ("path", "zone"),
    [
        ("/inside/projects/demo/", "inside"),
        ("/api/inside/projects/demo/files", "inside"),
        ("/portal/", "portal"),
        ("/api/portal/projects", "portal"),
        ("/review/items/3/", "review"),
        ("/api/review/queue", "review"),
        ("/accounts/login/", None),
        ("/api/openapi.json", None),
        ("/", None),
        ("/insider/", None),
    ],
)
def test_zone_of_path(path, zone):
    assert zone_of_path(path) == zone


@override_settings(AIRLOCK_REQUIRE_2FA=["review"])
def test_only_the_configured_zones_require_a_second_factor():
    assert zone_requires_second_factor("review")
    assert not zone_requires_second_factor("inside")
    assert not zone_requires_second_factor(None)


def test_review_always_requires_a_second_factor(monkeypatch):
    import importlib
    import os

    monkeypatch.setitem(os.environ, "AIRLOCK_REQUIRE_2FA", "inside")
    import airlock.settings as settings_module

    reloaded = importlib.reload(settings_module)
    try:
        assert set(reloaded.AIRLOCK_REQUIRE_2FA) == {"inside", "review"}
    finally:
        monkeypatch.delitem(os.environ, "AIRLOCK_REQUIRE_2FA")
        importlib.reload(settings_module)
