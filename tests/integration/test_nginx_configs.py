"""Every nginx config deploy/ ships passes `nginx -t` on Debian's nginx (paths moved to a
temporary prefix, nothing else changed)."""

import os

import pytest

from tests.support.nginx import SITE_CONFIGS, nginx_binary, nginx_test, render

REQUIRED = os.environ.get("CI") == "true" or os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def _nginx_installed() -> None:
    if nginx_binary() is None:
        message = "nginx is not installed (scripts/setup.sh installs nginx-light)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


def test_deploy_ships_an_nginx_config():
    assert [p.name for p in SITE_CONFIGS] == ["airlock.conf"]


@pytest.mark.parametrize("site", SITE_CONFIGS, ids=lambda p: p.name)
def test_the_shipped_config_passes_nginx_t(site, tmp_path):
    checked = nginx_test(render(site, tmp_path / "nginx", upstream_port=8001))
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
