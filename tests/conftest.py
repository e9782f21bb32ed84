import os

import pytest

from tests.support.processes import postgres_available, redis_available

REQUIRE_SERVICES = os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"


@pytest.fixture
def real_services() -> None:
    """Skip (or, in CI, fail) when the real PostgreSQL and Redis are not reachable."""
    missing = [
        name
        for name, ok in (("PostgreSQL", postgres_available()), ("Redis", redis_available()))
        if not ok
    ]
    if missing:
        message = f"{' and '.join(missing)} not reachable on 127.0.0.1"
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _english_unless_asked() -> object:
    """Each test starts in the default language: a Danish request in one test (LocaleMiddleware
    activates the language on the test's thread) must not change the next test's messages."""
    try:
        from django.utils import translation
    except ImportError:  # pragma: no cover - Django is always installed
        yield None
        return
    translation.deactivate()
    yield None
    translation.deactivate()
