"""API error details follow Accept-Language: a Danish client reads Danish reasons."""

import json

import pytest

from tests.integration import review_world as world

pytestmark = pytest.mark.django_db


def test_a_refused_transfer_explains_itself_in_danish():
    project, researcher, _admin = world.project("stud")
    risky = world.scanned_file(project, researcher, verdict="risk", findings=[world.SMALL_CELL])
    key = world.token(researcher)
    client = world.Client()
    reply = client.post(
        f"/api/inside/projects/{project.code}/transfers",
        data=json.dumps({"files": [risky.pk], "approve": False}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="da",
        **world.api(key),
    )
    assert reply.status_code == 400
    body = reply.json()
    assert body["error"].startswith("Du skal godkende erklæringen")
    assert body["detail"]["files"][str(risky.pk)].startswith("Du skal godkende")


def test_an_unknown_file_is_not_found_in_danish():
    project, researcher, _admin = world.project("stud")
    reply = world.Client().get(
        f"/api/inside/projects/{project.code}/files/999999",
        HTTP_ACCEPT_LANGUAGE="da",
        **world.api(world.token(researcher)),
    )
    assert reply.status_code == 404
    assert reply.json()["error"] in (
        "Ikke fundet.",
        "Filen findes ikke.",
        "Filen findes ikke i dette projekt.",
    )
