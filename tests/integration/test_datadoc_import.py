"""Issue 13, part 2: project and service administrators import Datadoc documents; identifier
and personal-data variables become the project's key variables; a malformed document is
refused field by field and nothing of the import is stored."""

from __future__ import annotations

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from airlock.audit.models import AuditEvent
from airlock.projects.datadoc import DatadocDataset
from airlock.projects.models import Project
from airlock.projects.policy import policy_for_project
from airlock.review.audit_sentences import sentence_for
from tests.integration.datadoc_documents import encoded, person_file
from tests.support.people import build_world

pytestmark = pytest.mark.django_db

PORTAL_API = "/api/portal/projects/demo/datadoc"
REVIEW_API = "/api/review/projects/demo/datadoc"
PORTAL_PAGE = "/portal/administration/demo/datadoc/"
REVIEW_PAGE = "/review/administration/demo/datadoc/"


def json_file(name: str, document) -> SimpleUploadedFile:
    raw = document if isinstance(document, bytes) else encoded(document)
    return SimpleUploadedFile(name, raw, content_type="application/json")


def key_names() -> tuple[str, ...]:
    return policy_for_project(Project.objects.get(code="demo")).extra_key_variables


def test_the_project_administrator_imports_through_the_api_and_the_policy_gains_the_keys():
    world = build_world()
    before = policy_for_project(Project.objects.get(code="demo")).digest
    response = Client().post(
        PORTAL_API,
        {"file": json_file("person_bosted_p2024_v1__DOC.json", person_file())},
        **world.api_headers("projectadmin"),
    )
    assert response.status_code == 201, response.content
    [dataset] = response.json()
    assert dataset["short_name"] == "person_bosted_p2024"
    keys = {v["short_name"]: v["key_variable"] for v in dataset["variables"]}
    assert keys == {"snr": True, "bostedsadresse": True, "inntekt": False}
    names = key_names()
    # The short names and the alternative names (each language's name), as column headers.
    for name in ("snr", "stabilt_personnummer", "stable_person_number", "bostedsadresse"):
        assert name in names
    assert "home_address" in names
    assert "inntekt" not in names and "income" not in names
    assert policy_for_project(Project.objects.get(code="demo")).digest != before
    listed = Client().get(PORTAL_API, **world.api_headers("projectadmin")).json()
    assert [d["short_name"] for d in listed] == ["person_bosted_p2024"]
    event = AuditEvent.objects.get(action="datadoc_imported", project_code="demo")
    assert sentence_for(event) == (
        "projectadmin imported the Datadoc document of person_bosted_p2024 "
        "(key variables: snr, bostedsadresse)."
    )


def test_the_service_administrator_imports_through_the_review_api():
    world = build_world()
    response = Client().post(
        REVIEW_API,
        {"file": json_file("doc.json", person_file())},
        **world.api_headers("serviceadmin"),
    )
    assert response.status_code == 201, response.content
    assert "snr" in key_names()


@pytest.mark.parametrize("role", ["member", "nonmember", "reviewer"])
def test_others_cannot_import(role):
    world = build_world()
    for url in (PORTAL_API, REVIEW_API):
        response = Client().post(
            url, {"file": json_file("doc.json", person_file())}, **world.api_headers(role)
        )
        assert response.status_code in (403, 404), (url, response.status_code)
    assert not DatadocDataset.objects.exists()
    assert "snr" not in key_names()


def test_a_malformed_document_gets_a_message_per_field_and_nothing_is_imported():
    world = build_world()
    broken = person_file("broken_set")
    variables = broken["datadoc"]["variables"]
    variables[0]["variable_role"] = "IDENT"
    variables[1]["is_personal_data"] = "YES_PLEASE"
    variables[2]["short_name"] = 42
    broken["datadoc"]["dataset"]["contains_data_from"] = "31-12-2024"
    response = Client().post(
        PORTAL_API,
        # A good document beside it: the import is all or nothing.
        {"file": [json_file("good.json", person_file()), json_file("broken.json", broken)]},
        **world.api_headers("projectadmin"),
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert "nothing was imported" in body["error"]
    problems = {(d["file"], d["path"]): d["msg"] for d in body["detail"]}
    assert set(problems) == {
        ("broken.json", "$.datadoc.variables[0].variable_role"),
        ("broken.json", "$.datadoc.variables[1].is_personal_data"),
        ("broken.json", "$.datadoc.variables[2].short_name"),
        ("broken.json", "$.datadoc.dataset.contains_data_from"),
    }
    assert (
        '"IDENT" is not one of IDENTIFIER, MEASURE'
        in problems[("broken.json", "$.datadoc.variables[0].variable_role")]
    )
    assert "YYYY-MM-DD" in problems[("broken.json", "$.datadoc.dataset.contains_data_from")]
    short_name = ("broken.json", "$.datadoc.variables[2].short_name")
    assert "Expected a text, got 42" in problems[short_name]
    assert not DatadocDataset.objects.exists()
    assert "snr" not in key_names()


@pytest.mark.parametrize(
    ("raw", "path", "words"),
    [
        (b"{not json", "$", "Not valid JSON"),
        (b"\xff\xfe\x00", "$", "not UTF-8"),
        (b"[1, 2]", "$", "Expected a JSON object"),
        (b'{"datadoc": {"dataset": {}}}', "$.datadoc.variables", "Missing"),
        (
            b'{"variables": [{"variable_role": "IDENTIFIER"}]}',
            "$.variables[0].short_name",
            "Missing",
        ),  # noqa: E501
        (b'{"variables": [{"short_name": "a", "name": 5}]}', "$.variables[0].name", "languageCode"),
        (b"[" * 100_000, "$", "nested too deeply"),
    ],
)
def test_broken_json_is_a_clear_400(raw, path, words):
    world = build_world()
    response = Client().post(
        PORTAL_API, {"file": json_file("x.json", raw)}, **world.api_headers("projectadmin")
    )
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert [d["path"] for d in detail] == [path]
    assert words in detail[0]["msg"]


def test_two_variables_with_the_same_short_name_are_refused():
    world = build_world()
    document = person_file()
    twin = copy.deepcopy(document["datadoc"]["variables"][0])
    twin["short_name"] = "SNR"
    document["datadoc"]["variables"].append(twin)
    response = Client().post(
        PORTAL_API, {"file": json_file("x.json", document)}, **world.api_headers("projectadmin")
    )
    assert response.status_code == 400
    [problem] = response.json()["detail"]
    assert problem["path"] == "$.datadoc.variables[3].short_name"
    assert "variables[0]" in problem["msg"]


def test_importing_a_data_set_again_replaces_it():
    world = build_world()
    headers = world.api_headers("projectadmin")
    Client().post(PORTAL_API, {"file": json_file("v1.json", person_file())}, **headers)
    second = person_file()
    second["datadoc"]["variables"] = second["datadoc"]["variables"][1:]  # snr is gone
    response = Client().post(PORTAL_API, {"file": json_file("v2.json", second)}, **headers)
    assert response.status_code == 201
    assert DatadocDataset.objects.count() == 1
    assert "snr" not in key_names() and "bostedsadresse" in key_names()


def test_the_page_imports_shows_the_key_variables_and_lists_problems():
    world = build_world()
    admin = world.client("projectadmin")
    members = admin.get("/portal/administration/demo/").content.decode()
    assert PORTAL_PAGE in members
    response = admin.post(PORTAL_PAGE, {"files": [json_file("doc.json", person_file())]})
    assert response.status_code == 302
    page = admin.get(PORTAL_PAGE).content.decode()
    assert "1 Datadoc document is imported: person_bosted_p2024." in page
    assert "Pseudonymised serial number of the person" in page
    assert "<code>bostedsadresse</code>" in page
    assert "<code>inntekt</code>" not in page  # a measure, not a key variable

    broken = person_file("other_set")
    broken["datadoc"]["variables"][0]["variable_role"] = "KEY"
    response = admin.post(PORTAL_PAGE, {"files": [json_file("broken.json", broken)]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "<code>$.datadoc.variables[0].variable_role</code>" in page
    assert "other_set" not in page
    assert not DatadocDataset.objects.filter(short_name="other_set").exists()


def test_the_service_administrator_page_and_who_may_not_see_it():
    world = build_world()
    response = world.client("serviceadmin").post(
        REVIEW_PAGE, {"files": [json_file("doc.json", person_file())]}
    )
    assert response.status_code == 302, response.content[:500]
    assert "snr" in key_names()
    assert world.client("member").get(PORTAL_PAGE).status_code == 403
    assert world.client("nonmember").get(PORTAL_PAGE).status_code == 404
    assert world.client("projectadmin").post(PORTAL_PAGE, {}).status_code == 400
