"""A process serves only the zones in AIRLOCK_ZONES: every URL of another zone is 404, pages
and API alike. Checked against real gunicorn processes, with the URL list generated from the
full URL configuration (all zones) of this test process."""

import urllib.error
import urllib.request

import pytest

from airlock.zones import ZONES
from tests.integration.authz_endpoints import api_endpoints, page_endpoints
from tests.support.processes import installation

SAMPLE_IDS = {
    "code": "demo",
    "inside_file_id": 1,
    "released_file_id": 1,
    "file_id": 1,
    "transfer_id": 1,
    "item_id": 1,
    "membership_id": 1,
    "token_id": 1,
    "page": 1,
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, method: str = "GET", headers: dict | None = None) -> int:
    opener = urllib.request.build_opener(NoRedirect)
    data = b"{}" if method in ("POST", "PUT", "PATCH") else None
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


# The zones, written out (not read from airlock.zones.ZONES, the table under test).
THE_ZONES = ("inside", "portal", "review")


def test_the_zones_are_the_three_written_out():
    assert ZONES == THE_ZONES


@pytest.mark.parametrize("served", THE_ZONES)
def test_a_process_answers_only_for_the_zones_it_serves(tmp_path, served):
    endpoints = [e for e in page_endpoints() + api_endpoints() if e.zone is not None]
    assert {e.zone for e in endpoints} == set(THE_ZONES)
    with installation(tmp_path, AIRLOCK_ZONES=served) as inst:
        base = inst.start_web(workers=1)
        token = {"Authorization": f"Token {inst.token('researcher')}"}
        wrong = []
        for endpoint in endpoints:
            method = endpoint.methods[0].upper()
            status = fetch(
                base + endpoint.path(SAMPLE_IDS), method, token if endpoint.api else None
            )
            if endpoint.zone != served and status != 404:
                wrong.append(
                    f"{method} {endpoint.route} ({endpoint.zone}) answered {status}, not 404"
                )
            if endpoint.zone == served and status == 404 and not endpoint.api:
                wrong.append(f"{method} {endpoint.route} is not served by its own zone")
        assert not wrong, "\n".join(wrong)
        # A served zone's pages ask anonymous users to sign in; the API wants a token.
        assert fetch(f"{base}/{served}/") == 302
        assert fetch(f"{base}/api/{served}/nothing-here") == 404
