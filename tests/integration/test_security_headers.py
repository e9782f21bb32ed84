"""Security headers, CSRF on forms, downloads that never render, templates without inline script."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.support.people import build_world, release

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_script_and_the_other_headers():
    response = Client().get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_api_answers_carry_the_headers_too():
    response = Client().get("/api/portal/projects")
    assert response.status_code == 401
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_of_signed_in_users_are_not_cached():
    world = build_world()
    response = world.client("member").get("/portal/")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_every_form_is_refused_without_its_csrf_token():
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "member", "password": "x"})
    assert response.status_code == 403
    client.force_login(world.users["projectadmin"])
    response = client.post(
        "/portal/administration/demo/members/add/", {"username": "nonmember", "role": "researcher"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_rendered_forms_contain_the_csrf_token():
    world = build_world()
    for role, path in (
        ("anonymous", "/accounts/login/"),
        ("projectadmin", "/portal/administration/demo/"),
        ("member", "/accounts/tokens/"),
        ("serviceadmin", "/review/administration/demo/"),
    ):
        html = world.client(role).get(path).content.decode()
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I)
        assert forms, path
        for form in forms:
            assert "csrfmiddlewaretoken" in form, f"a form on {path} has no CSRF token"


HOSTILE = {
    "page.html": b"<html><script>alert(document.cookie)</script></html>",
    "drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("api", [True, False], ids=["api", "page"])
def test_downloads_are_attachments_that_never_render(api, name):
    world = build_world()
    released = release(world, name, HOSTILE[name])
    project_code, file_id = world.ids["code"], released.pk
    if api:
        response = world.client("anonymous").get(
            f"/api/portal/projects/{project_code}/files/{file_id}/download",
            **world.api_headers("member"),
        )
    else:
        response = world.client("member").get(
            f"/portal/projects/{project_code}/files/{file_id}/download/"
        )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == HOSTILE[name]  # the exact bytes, unrendered


TEMPLATE_DIRS = [ROOT / "airlock"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.I)
JS_URL = re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.I)


def template_files():
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("templates/**/*.html"))


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in template_files():
        text = path.read_text()
        for pattern, what in (
            (INLINE_SCRIPT, "inline <script>"),
            (EVENT_HANDLER, "on* handler"),
            (JS_URL, "javascript: URL"),
            (INLINE_STYLE, "inline style (style-src 'self')"),
        ):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {what}: {match.group(0)[:60]}")
    assert not offenders, "The CSP blocks these:\n" + "\n".join(offenders)
