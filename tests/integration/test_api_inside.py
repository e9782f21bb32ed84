"""The inside zone's API, in-process: upload, list, comment, withdraw, transfer, refusals."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from airlock.audit.models import AuditEvent
from airlock.outputs.models import OutputFile
from tests.support.api_client import (
    TABLE_CSV,
    api_for,
    finding,
    make_member,
    make_project,
    scan_as,
    scan_now,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FILES = "/api/inside/projects/p1/files"
TRANSFERS = "/api/inside/projects/p1/transfers"


def stored_files() -> set[Path]:
    root = Path(settings.QUARANTINE_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def project():
    return make_project("p1")


@pytest.fixture
def api(project):
    _user, key = make_member(project, "rita")
    return api_for(key)


def test_upload_several_files_in_one_request_gives_a_list(api):
    response = api.upload("p1", {"tabel.csv": TABLE_CSV, "model.log": b"converged after 7\n"})

    assert response.status_code == 201
    body = response.json()
    assert [f["name"] for f in body] == ["tabel.csv", "model.log"]
    first = body[0]
    assert first["size"] == len(TABLE_CSV)
    assert first["sha256"] == hashlib.sha256(TABLE_CSV).hexdigest()
    assert first["status"] == "uploaded"
    assert first["verdict"] is None
    assert first["findings"] == []
    assert first["comment"] == ""
    assert isinstance(first["id"], int)


def test_list_and_get_show_the_uploaded_files(api):
    ids = [f["id"] for f in api.upload("p1", {"a.csv": TABLE_CSV, "b.txt": b"x\n"}).json()]

    listed = api.get(FILES)
    assert listed.status_code == 200
    assert sorted(f["id"] for f in listed.json()) == sorted(ids)

    one = api.get(f"{FILES}/{ids[1]}")
    assert one.status_code == 200
    assert one.json()["name"] == "b.txt"
    assert set(one.json()) >= {
        "id",
        "name",
        "size",
        "sha256",
        "status",
        "verdict",
        "findings",
        "comment",
    }


def test_the_status_of_several_files_comes_in_one_request_and_only_theirs(
    api, project, django_assert_max_num_queries
):
    ids = [
        f["id"]
        for f in api.upload("p1", {"a.csv": TABLE_CSV, "b.txt": b"x\n", "c.txt": b"y\n"}).json()
    ]
    other = make_project("p2")
    _user, other_key = make_member(other, "olga")
    foreign = api_for(other_key).upload("p2", {"theirs.csv": TABLE_CSV}).json()[0]["id"]

    asked = api.get(f"{FILES}?id={ids[2]}&id={ids[0]}&id={foreign}&id=999999")

    assert asked.status_code == 200
    assert [(f["id"], f["name"]) for f in asked.json()] == [(ids[0], "a.csv"), (ids[2], "c.txt")]
    assert asked.json()[0]["status"] == "uploaded"
    with django_assert_max_num_queries(3):  # the token, the files; not one query per file
        api.get(f"{FILES}?id={ids[0]}&id={ids[1]}&id={ids[2]}")


def test_asking_for_files_by_an_id_that_is_not_a_number_or_too_many_is_a_clear_400(api):
    bad = api.get(f"{FILES}?id=abc")
    huge = api.get(f"{FILES}?id={2**63}")  # more than the database holds: no overflow (500)
    zero = api.get(f"{FILES}?id=0")
    too_many = api.get(FILES + "?" + "&".join(f"id={n}" for n in range(1, 202)))

    assert bad.status_code == 400
    assert bad.json()["detail"][0]["loc"] == ["query", "id", 0]
    assert huge.status_code == 400
    assert zero.status_code == 400
    assert too_many.status_code == 400
    assert "at most 200" in too_many.json()["detail"][0]["msg"]


def test_a_file_type_not_allowed_is_refused_and_nothing_is_kept(api):
    before = stored_files()

    response = api.upload("p1", {"tabel.csv": TABLE_CSV, "data.exe": b"MZ\x90\x00"})

    assert response.status_code == 400
    assert response.json()["error"] == "File type not allowed"
    assert response.json()["detail"]["name"] == "data.exe"
    assert ".exe" in response.json()["detail"]["reason"]
    assert OutputFile.objects.count() == 0
    assert stored_files() == before


def test_an_empty_file_is_refused_and_nothing_of_the_request_is_kept(api):
    before = stored_files()

    response = api.upload("p1", {"tabel.csv": TABLE_CSV, "empty.csv": b""})

    assert response.status_code == 400
    assert response.json()["error"] == "Empty file"
    assert response.json()["detail"]["name"] == "empty.csv"
    assert OutputFile.objects.count() == 0
    assert stored_files() == before


def test_an_upload_without_a_file_is_a_clear_400(api):
    response = api.client.post(FILES, data={"other": "x"}, **api._headers())

    assert response.status_code == 400
    assert response.json()["error"] == "No file was sent"
    assert "'file'" in response.json()["detail"]["reason"]


def test_a_path_in_the_uploaded_name_is_not_kept(api):
    response = api.upload("p1", {"../../etc/tabel.csv": TABLE_CSV})

    assert response.status_code == 201
    assert response.json()[0]["name"] == "tabel.csv"


def test_comment_is_saved_and_shown(api):
    file_id = api.upload("p1", {"a.csv": TABLE_CSV}).json()[0]["id"]

    response = api.post_json(f"{FILES}/{file_id}/comment", {"comment": "  Counts by region.  "})

    assert response.status_code == 200
    assert response.json()["comment"] == "Counts by region."
    assert api.get(f"{FILES}/{file_id}").json()["comment"] == "Counts by region."


def test_a_too_long_comment_is_refused(api):
    file_id = api.upload("p1", {"a.csv": TABLE_CSV}).json()[0]["id"]

    response = api.post_json(f"{FILES}/{file_id}/comment", {"comment": "x" * 5001})

    assert response.status_code == 400
    assert "5000" in response.json()["error"]


def test_withdraw_removes_the_file_and_its_bytes(api, django_capture_on_commit_callbacks):
    before = stored_files()
    with django_capture_on_commit_callbacks(execute=False):
        file_id = api.upload("p1", {"a.csv": TABLE_CSV}).json()[0]["id"]
    assert len(stored_files() - before) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"{FILES}/{file_id}")

    assert response.status_code == 204
    assert api.get(f"{FILES}/{file_id}").status_code == 404
    assert api.get(FILES).json() == []
    assert stored_files() == before
    assert AuditEvent.objects.filter(action="file_withdrawn", object_id=str(file_id)).exists()


def test_withdrawing_twice_is_a_404_the_second_time(api):
    file_id = api.upload("p1", {"a.csv": TABLE_CSV}).json()[0]["id"]
    assert api.delete(f"{FILES}/{file_id}").status_code == 204

    second = api.delete(f"{FILES}/{file_id}")

    assert second.status_code == 404
    assert second.json()["error"]


# --- Transfer ------------------------------------------------------------------------------


@pytest.fixture
def scanned(api, monkeypatch):
    """Upload files and scan them with the verdicts named; returns {name: id}."""

    def upload_and_scan(verdicts):
        scan_as(monkeypatch, verdicts)
        body = api.upload("p1", dict.fromkeys(verdicts, TABLE_CSV)).json()
        ids = {f["name"]: f["id"] for f in body}
        for file_id in ids.values():
            scan_now(file_id)
        return ids

    return upload_and_scan


def test_transfer_of_clean_files_gives_201_with_the_files(api, scanned):
    ids = scanned({"clean.csv": ("clean", []), "also.csv": ("clean", [])})

    response = api.post_json(TRANSFERS, {"files": list(ids.values()), "approve": True})

    assert response.status_code == 201
    body = response.json()
    assert isinstance(body["id"], int)
    assert body["created_at"]
    assert sorted(f["id"] for f in body["files"]) == sorted(ids.values())
    assert {f["status"] for f in body["files"]} == {"released"}
    assert api.get(FILES).json() == []  # they left the upload area


def test_transfer_without_the_declaration_is_refused_per_file(api, scanned):
    ids = scanned({"clean.csv": ("clean", [])})

    response = api.post_json(TRANSFERS, {"files": [ids["clean.csv"]], "approve": False})

    assert response.status_code == 400
    assert "declaration" in response.json()["error"]
    assert "declaration" in response.json()["detail"]["files"][str(ids["clean.csv"])]
    assert api.get(f"{FILES}/{ids['clean.csv']}").json()["status"] == "scanned"


def test_the_declaration_must_be_a_json_true(api, scanned):
    ids = scanned({"clean.csv": ("clean", [])})

    response = api.post_json(TRANSFERS, {"files": [ids["clean.csv"]], "approve": "yes"})

    assert response.status_code == 400
    assert response.json()["error"] == "The request is not valid."


def test_transfer_refusals_give_a_reason_per_file(api, scanned, project):
    small_cell = finding("table.small_cell", "risk", "line 3, column 2", "Cell value 2 is below 3")
    bad_type = finding("type.content_mismatch", "reject", "", "The content is not a CSV file.")
    ids = scanned(
        {
            "ok.csv": ("clean", []),
            "risk.csv": ("risk", [small_cell]),
            "bad.csv": ("rejected", [bad_type]),
        }
    )
    waiting = api.upload("p1", {"waiting.csv": TABLE_CSV}).json()[0]["id"]
    other_project = make_project("p2")
    _other_user, other_key = make_member(other_project, "olga")
    foreign = api_for(other_key).upload("p2", {"theirs.csv": TABLE_CSV}).json()[0]["id"]

    response = api.post_json(
        TRANSFERS,
        {
            "files": [ids["ok.csv"], ids["risk.csv"], ids["bad.csv"], waiting, foreign],
            "approve": True,
        },
    )

    assert response.status_code == 400
    reasons = response.json()["detail"]["files"]
    assert set(reasons) == {str(ids["risk.csv"]), str(ids["bad.csv"]), str(waiting), str(foreign)}
    assert "comment" in reasons[str(ids["risk.csv"])]
    assert "The content is not a CSV file." in reasons[str(ids["bad.csv"])]
    assert "scanned" in reasons[str(waiting)]
    assert reasons[str(foreign)] == "No such file in this project."
    # Nothing moved: the good file is still waiting inside.
    assert api.get(f"{FILES}/{ids['ok.csv']}").json()["status"] == "scanned"


def test_a_risk_file_with_a_comment_can_be_transferred(api, scanned):
    small_cell = finding("table.small_cell", "risk", "line 3, column 2", "Cell value 2 is below 3")
    ids = scanned({"risk.csv": ("risk", [small_cell])})
    file_id = ids["risk.csv"]
    assert api.get(f"{FILES}/{file_id}").json()["needs_comment"] is True

    api.post_json(f"{FILES}/{file_id}/comment", {"comment": "Counts of municipalities."})
    response = api.post_json(TRANSFERS, {"files": [file_id], "approve": True})

    assert response.status_code == 201
    assert response.json()["files"][0]["comment"] == "Counts of municipalities."


def test_an_empty_transfer_is_refused(api):
    response = api.post_json(TRANSFERS, {"files": [], "approve": True})

    assert response.status_code == 400
    assert response.json()["error"] == "Choose at least one file to transfer."


# --- Another project's file, and who may call ----------------------------------------------


def test_another_projects_file_id_is_404_on_every_single_file_endpoint(api):
    other = make_project("p2")
    _user, other_key = make_member(other, "olga")
    foreign = api_for(other_key).upload("p2", {"theirs.csv": TABLE_CSV}).json()[0]["id"]

    assert api.get(f"{FILES}/{foreign}").status_code == 404
    assert api.post_json(f"{FILES}/{foreign}/comment", {"comment": "x"}).status_code == 404
    assert api.delete(f"{FILES}/{foreign}").status_code == 404
    assert api.get(f"{FILES}/{foreign}").json() == {"error": "Not found.", "detail": None}
    assert OutputFile.objects.get(pk=foreign).status == "uploaded"


@pytest.mark.parametrize("query", ["", "?id=1"], ids=["all files", "files by id"])
def test_a_project_the_user_is_not_a_member_of_is_404(api, query):
    make_project("p2")

    response = api.get(f"/api/inside/projects/p2/files{query}")

    assert response.status_code == 404
    assert response.json()["error"] == "Not found."


def test_without_a_token_every_endpoint_is_401(project):
    anonymous = api_for(None)

    for response in (
        anonymous.get(FILES),
        anonymous.upload("p1", {"a.csv": TABLE_CSV}),
        anonymous.post_json(TRANSFERS, {"files": [1], "approve": True}),
        anonymous.get("/api/portal/projects"),
    ):
        assert response.status_code == 401
        assert response.json()["error"].startswith("Authentication required")
    assert OutputFile.objects.count() == 0


def test_a_wrong_or_revoked_token_is_401(project):
    user, key = make_member(project, "rita")
    assert api_for(key).get(FILES).status_code == 200
    assert api_for("not-a-key").get(FILES).status_code == 401

    from airlock.accounts.models import ApiToken
    from airlock.accounts.services import api_token_revoke

    api_token_revoke(token=ApiToken.objects.get(user=user), actor=user)

    response = api_for(key).get(FILES)
    assert response.status_code == 401
    assert "error" in response.json()


def test_a_bearer_header_is_not_a_token(project):
    _user, key = make_member(project, "rita")
    client = api_for(None).client

    response = client.get(FILES, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401
