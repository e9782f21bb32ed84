"""The authorization matrix: every URL and API endpoint of the URL configuration, for every
role, with the outcome expected. An endpoint missing from EXPECTED fails with a message
naming it, so no endpoint can be added without deciding who may use it.

Outcomes:
- ALLOW: the role gets the page or the API answer (never 401/403/404 or a 5xx; a 400 for the
  empty POST body or a 405 for a method the endpoint does not take are fine);
- LOGIN: sent to sign in (pages: 302 to the login page; API: 401);
- DENY: 403 or 404;
- TWO_FACTOR: a page of a zone that requires a second factor sends the user to the TOTP page;
  the API refuses a token not issued with a second factor (403).
No role that is not ALLOW may get a 2xx. Every role runs against fresh data (a savepoint).
"""

from __future__ import annotations

import json
import os

import pytest
from django.db import transaction

from tests.integration.authz_endpoints import (
    Endpoint,
    api_endpoints,
    api_patterns_missing_from_schema,
    page_endpoints,
)
from tests.support.people import ROLES, build_world

ALLOW, LOGIN, DENY, TWO_FACTOR, PUBLIC = "allow", "login", "deny", "two_factor", "public"
# Allowed, but this object may not have the thing asked for (a PDF page of a CSV file): 404.
ALLOW_OR_404 = "allow_or_404"
A, L, D, T = ALLOW, LOGIN, DENY, TWO_FACTOR


def roles(
    member=D,
    nonmember=D,
    expired=D,
    projectadmin=D,
    reviewer=D,
    reviewer_no_2fa=None,
    serviceadmin=D,
    anonymous=L,
) -> dict[str, str]:
    return {
        "anonymous": anonymous,
        "member": member,
        "nonmember": nonmember,
        "expired": expired,
        "projectadmin": projectadmin,
        "reviewer": reviewer,
        "reviewer_no_2fa": reviewer_no_2fa if reviewer_no_2fa is not None else reviewer,
        "serviceadmin": serviceadmin,
    }


EVERYONE = dict.fromkeys(ROLES, PUBLIC)
SIGNED_IN = roles(A, A, A, A, A, A, A)
SECOND_FACTOR_FLOW = {**EVERYONE, "anonymous": LOGIN}
# A project's own data: its active members (researchers and the project administrator).
PROJECT_MEMBERS = roles(member=A, projectadmin=A)
# The review zone: pages need a TOTP-verified session first, then the reviewers group.
REVIEW_PAGE = roles(T, T, T, T, A, T, D)
REVIEW_RENDITION = roles(T, T, T, T, ALLOW_OR_404, T, D)
# Control statistics and the audit trail: reviewers and service administrators.
REVIEW_OVERSIGHT = roles(T, T, T, T, A, T, A)
REVIEW_API = roles(reviewer=A, reviewer_no_2fa=T)
SERVICE_ADMIN_PAGE = roles(T, T, T, T, D, T, A)
PROJECT_ADMIN_PAGE = roles(member=D, projectadmin=A)

EXPECTED: dict[str, dict[str, str]] = {
    # Shared pages
    "home": SIGNED_IN,
    "login": EVERYONE,
    "logout": EVERYONE,
    "set_language": EVERYONE,
    # The second-factor pages redirect among themselves (setup when there is no authenticator);
    # enrolling again while one is confirmed is refused.
    "accounts:second_factor": SECOND_FACTOR_FLOW,
    "accounts:second_factor_setup": {**SECOND_FACTOR_FLOW, "reviewer": D, "serviceadmin": D},
    "accounts:second_factor_verify": SECOND_FACTOR_FLOW,
    "accounts:api_tokens": SIGNED_IN,
    # the token of "member": its owner may revoke it, nobody else may know it exists
    "accounts:api_token_revoke": roles(member=A),
    # Operations (production helper): health for load balancers, metrics
    "monitoring:healthz": EVERYONE,
    "monitoring:readyz": EVERYONE,
    "monitoring:metrics": EVERYONE,
    # Inside zone pages
    "inside:index": SIGNED_IN,
    "inside:upload": PROJECT_MEMBERS,
    "inside:check": PROJECT_MEMBERS,
    "inside:file_row": PROJECT_MEMBERS,
    "inside:comment": PROJECT_MEMBERS,
    "inside:withdraw": PROJECT_MEMBERS,
    "inside:transfer": PROJECT_MEMBERS,
    "inside:transferred": PROJECT_MEMBERS,
    # Portal zone pages
    "portal:index": SIGNED_IN,
    "portal:transfers": PROJECT_MEMBERS,
    "portal:download": PROJECT_MEMBERS,
    "portal:delete": PROJECT_MEMBERS,
    "portal:report_breach": PROJECT_MEMBERS,
    "portal:report_project_breach": PROJECT_MEMBERS,
    "project_admin:index": SIGNED_IN,
    "project_admin:project": PROJECT_ADMIN_PAGE,
    "project_admin:member_add": PROJECT_ADMIN_PAGE,
    "project_admin:member_end": PROJECT_ADMIN_PAGE,
    "project_admin:member_remove": PROJECT_ADMIN_PAGE,
    "project_admin:datadoc": PROJECT_ADMIN_PAGE,
    # Review zone pages
    "review:index": REVIEW_PAGE,
    "review:item": REVIEW_PAGE,
    "review:decide": REVIEW_PAGE,
    "review:file": REVIEW_PAGE,
    "review:image": REVIEW_RENDITION,
    "review:pdf_page": REVIEW_RENDITION,
    "review:breaches": REVIEW_PAGE,
    "review:statistics": REVIEW_OVERSIGHT,
    "review:audit": REVIEW_OVERSIGHT,
    "review:audit_export": REVIEW_OVERSIGHT,
    "service_admin:index": SERVICE_ADMIN_PAGE,
    "service_admin:policy": SERVICE_ADMIN_PAGE,
    "service_admin:project": SERVICE_ADMIN_PAGE,
    "service_admin:member_add": SERVICE_ADMIN_PAGE,
    "service_admin:member_end": SERVICE_ADMIN_PAGE,
    "service_admin:member_remove": SERVICE_ADMIN_PAGE,
    "service_admin:datadoc": SERVICE_ADMIN_PAGE,
    # API, non-operations
    "api:openapi-json": EVERYONE,  # the schema: public, as the API's documentation
    "api:api-root": EVERYONE,
    "api/": EVERYONE,  # any other /api/ URL: a JSON 404
    # API: inside
    "POST /api/inside/projects/{code}/files": PROJECT_MEMBERS,
    "GET /api/inside/projects/{code}/files": PROJECT_MEMBERS,
    "GET /api/inside/projects/{code}/files/{file_id}": PROJECT_MEMBERS,
    "DELETE /api/inside/projects/{code}/files/{file_id}": PROJECT_MEMBERS,
    "POST /api/inside/projects/{code}/files/{file_id}/comment": PROJECT_MEMBERS,
    "POST /api/inside/projects/{code}/transfers": PROJECT_MEMBERS,
    "GET /api/inside/projects/{code}/policy": PROJECT_MEMBERS,  # for `airlock check`
    # API: portal (a list of one's own projects is empty for a non-member, not an error)
    "GET /api/portal/projects": roles(A, A, A, A, A, A, A),
    "GET /api/portal/projects/{code}/transfers": PROJECT_MEMBERS,
    "GET /api/portal/projects/{code}/files/{file_id}/download": PROJECT_MEMBERS,
    "DELETE /api/portal/projects/{code}/files/{file_id}": PROJECT_MEMBERS,
    "POST /api/portal/projects/{code}/files/{file_id}/report-breach": PROJECT_MEMBERS,
    # API: Datadoc import (project administrators in the portal, service administrators in review)
    "GET /api/portal/projects/{code}/datadoc": roles(projectadmin=A),
    "POST /api/portal/projects/{code}/datadoc": roles(projectadmin=A),
    "GET /api/review/projects/{code}/datadoc": roles(serviceadmin=A),
    "POST /api/review/projects/{code}/datadoc": roles(serviceadmin=A),
    # API: review
    "GET /api/review/queue": REVIEW_API,
    "GET /api/review/items/{item_id}": REVIEW_API,
    "POST /api/review/items/{item_id}/decision": REVIEW_API,
}

ENDPOINTS: list[Endpoint] = page_endpoints() + api_endpoints()
# Set AIRLOCK_MATRIX_OBSERVE=1 to print what each role gets instead of asserting.
OBSERVE = os.environ.get("AIRLOCK_MATRIX_OBSERVE") == "1"


def test_every_endpoint_has_expectations() -> None:
    missing = [e.key for e in ENDPOINTS if e.key not in EXPECTED]
    assert not missing, (
        "These endpoints are not in the authorization matrix "
        "(tests/integration/test_authorization_matrix.py, EXPECTED): decide who may use them: "
        + ", ".join(missing)
    )


def test_no_stale_expectations() -> None:
    keys = {e.key for e in ENDPOINTS}
    stale = [key for key in EXPECTED if key not in keys]
    assert not stale, f"EXPECTED names endpoints that no longer exist: {', '.join(stale)}"


def test_every_api_url_is_an_operation_of_the_schema() -> None:
    assert api_patterns_missing_from_schema() == []


def _outcome_ok(expected: str, status: int, location: str, api: bool) -> bool:
    if status >= 500:
        return False
    if expected == PUBLIC:
        return True
    if expected == ALLOW_OR_404 and status == 404:
        return True
    if expected in (ALLOW, ALLOW_OR_404):
        return status not in (401, 403, 404) and not (
            status == 302 and ("/accounts/login/" in location or "/second-factor/" in location)
        )
    if 200 <= status < 300:
        return False  # no unexpected 2xx
    if status == 405:
        return True  # the method is not taken at all: nothing is done or shown
    if expected == LOGIN:
        return status == 401 if api else status == 302 and "/accounts/login/" in location
    if expected == DENY:
        return status in (403, 404)
    if expected == TWO_FACTOR:
        return status == 403 if api else status == 302 and "/second-factor/" in location
    raise AssertionError(expected)


def _api_body(endpoint: Endpoint, ids: dict) -> dict:
    """A valid JSON body, so that the request reaches the access check, not just validation."""
    route = endpoint.route
    if "post" not in endpoint.methods or route.endswith("/files"):
        return {}
    if route.endswith("/comment"):
        data = {"comment": "Counts of at least 10."}
    elif route.endswith("/transfers"):
        data = {"files": [ids["inside_file_id"]], "approve": True}
    elif route.endswith("/report-breach"):
        data = {"description": "Row 3 may identify a person."}
    elif route.endswith("/decision"):
        data = {"decision": "no_breach", "note": ""}
    else:
        data = {}
    return {"data": json.dumps(data), "content_type": "application/json"}


def _request(world, endpoint: Endpoint, method: str, role: str):
    path = endpoint.path(world.ids)
    if endpoint.api:
        client = world.client("anonymous")
        body = _api_body(endpoint, world.ids)
        return getattr(client, method)(path, **body, **world.api_headers(role))
    return getattr(world.client(role), method)(path)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.key)
def test_authorization(endpoint: Endpoint) -> None:
    expected = EXPECTED.get(endpoint.key)
    if expected is None and not OBSERVE:
        pytest.fail(f"{endpoint.key} is not in the authorization matrix (EXPECTED)")
    failures, seen = [], []
    world = build_world()
    for method in endpoint.methods:
        for role in ROLES:
            sid = transaction.savepoint()  # each role meets the same data, unchanged
            try:
                response = _request(world, endpoint, method, role)
            finally:
                transaction.savepoint_rollback(sid)
            location = response.get("Location", "")
            seen.append(f"{method.upper()} {role}: {response.status_code} {location}")
            if expected and not _outcome_ok(
                expected[role], response.status_code, location, endpoint.api
            ):
                failures.append(
                    f"{method.upper()} {endpoint.path(world.ids)} as {role}: expected "
                    f"{expected[role]}, got {response.status_code} {location}"
                )
    if OBSERVE:
        print(f"\n{endpoint.key}\n  " + "\n  ".join(seen))
        return
    assert not failures, "\n".join(failures)
