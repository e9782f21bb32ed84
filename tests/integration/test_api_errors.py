"""Whatever a client gets wrong, the API answers JSON {"error", "detail"} with a 4xx."""

import pytest

from tests.support.api_client import api_for, make_member, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def api():
    project = make_project("p1")
    _user, key = make_member(project, "rita")
    return api_for(key)


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert body["error"] and "Traceback" not in response.content.decode()
    return body


def test_an_unknown_api_url_is_a_json_404(api):
    assert_json_error(api.get("/api/inside/projects/p1/nothing-here"), 404)
    assert_json_error(api.get("/api/nowhere"), 404)


def test_a_file_id_that_is_not_a_number_is_a_json_400_that_names_it(api):
    body = assert_json_error(api.get("/api/inside/projects/p1/files/abc"), 400)

    assert any("file_id" in item["loc"] for item in body["detail"])


def test_malformed_json_is_a_json_400(api):
    response = api.client.post(
        "/api/inside/projects/p1/transfers",
        data="{not json",
        content_type="application/json",
        **api._headers(),
    )

    assert_json_error(response, 400)


def test_a_missing_field_is_a_json_400_that_names_it(api):
    body = assert_json_error(api.post_json("/api/inside/projects/p1/transfers", {}), 400)

    assert any("files" in item["loc"] for item in body["detail"])


def test_file_ids_that_are_not_integers_are_a_json_400(api):
    response = api.post_json(
        "/api/inside/projects/p1/transfers", {"files": ["one"], "approve": True}
    )

    assert_json_error(response, 400)


def test_a_comment_that_is_not_text_is_a_json_400(api):
    file_id = api.upload("p1", {"a.csv": b"a;b\n1;2\n"}).json()[0]["id"]

    response = api.post_json(f"/api/inside/projects/p1/files/{file_id}/comment", {"comment": []})

    assert_json_error(response, 400)


def test_a_json_body_over_the_form_limit_is_a_json_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post_json(
        "/api/inside/projects/p1/transfers", {"files": list(range(1000)), "approve": True}
    )

    assert_json_error(response, 413)


def test_a_wrong_method_is_a_json_405_that_says_what_is_allowed(api):
    response = api.client.put("/api/inside/projects/p1/files", **api._headers())

    body = assert_json_error(response, 405)
    assert "POST" in body["detail"]["allowed"]
    assert "GET" in response["Allow"]
