import os

import pytest

from tests.support.processes import postgres_available, redis_available

REQUIRE_SERVICES = os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"

# Playwright's sync API runs an asyncio event loop in the test thread (it switches to the test
# in a greenlet while the loop runs), and Django then refuses database calls in later tests
# on the same xdist worker (SynchronousOnlyOperation), as Playwright's documentation warns.
# Airlock has no async code; the tests run it synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


@pytest.fixture(scope="session", autouse=True)
def _installation_templates(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Installations set up with the same settings are copied from the first one
    (tests/support/processes.py), kept in the run's temporary folder: under xdist the one all
    workers' folders are in (popen-gw0, ...), so a set-up is done once per run, not per worker."""
    from tests.support import processes

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    processes.TEMPLATES = base / "installation-templates"


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


# Tests that scan large files to show that a needle far down is found: they run the code the
# small-file tests run, many times over. Coverage is paused while they run (pytest-cov's
# no_cover): measuring them would double their time on Python 3.11's line tracer and adds
# next to nothing to the figure.
VOLUME_MODULES = (
    "tests/unit/scanners/test_needles.py",
    "tests/unit/scanners/test_needles_table_rules.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("_cov"):
        return
    for item in items:
        if item.nodeid.split("::", 1)[0] in VOLUME_MODULES:
            item.add_marker(pytest.mark.no_cover)
