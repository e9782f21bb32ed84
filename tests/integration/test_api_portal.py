"""The portal zone's API, in-process: projects, transfers newest first, download, delete."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from airlock.outputs.models import Transfer
from tests.support.api_client import api_for, make_member, make_project, scan_as, scan_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def project():
    return make_project("p1")


@pytest.fixture
def api(project):
    _user, key = make_member(project, "rita")
    return api_for(key)


@pytest.fixture
def transfer(api, monkeypatch):
    """Upload, scan (clean) and transfer files; returns the transfer's JSON."""
    scan_as(monkeypatch, {})

    def make(files: dict[str, bytes]):
        ids = [f["id"] for f in api.upload("p1", files).json()]
        for file_id in ids:
            scan_now(file_id)
        response = api.post_json(
            "/api/inside/projects/p1/transfers", {"files": ids, "approve": True}
        )
        assert response.status_code == 201, response.content
        return response.json()

    return make


def download_url(file_id: int, code: str = "p1") -> str:
    return f"/api/portal/projects/{code}/files/{file_id}/download"


def test_projects_lists_the_users_projects_only(api, project):
    make_project("p2")

    response = api.get("/api/portal/projects")

    assert response.status_code == 200
    assert response.json() == [{"code": "p1", "name": "Project p1"}]


def test_transfers_are_newest_first_with_their_files(api, transfer):
    older = transfer({"first.csv": b"a;b\n1;2\n"})
    newer = transfer({"second.csv": b"c;d\n3;4\n", "third.txt": b"note\n"})
    Transfer.objects.filter(pk=older["id"]).update(created_at=timezone.now() - timedelta(days=2))

    response = api.get("/api/portal/projects/p1/transfers")

    assert response.status_code == 200
    body = response.json()
    assert [t["id"] for t in body] == [newer["id"], older["id"]]
    assert sorted(f["name"] for f in body[0]["files"]) == ["second.csv", "third.txt"]
    assert body[1]["files"][0]["size"] == len(b"a;b\n1;2\n")
    assert body[0]["created_at"] > body[1]["created_at"]


def test_download_gives_exactly_the_uploaded_bytes(api, transfer):
    content = bytes(range(256)) * 1000 + b"\r\n\x00end"  # any bytes, not just text
    done = transfer({"figure.png": content})
    output_file = done["files"][0]

    response = api.get(download_url(output_file["id"]))

    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == content
    assert hashlib.sha256(body).hexdigest() == output_file["sha256"]
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="figure.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_delete_removes_the_file_from_the_portal(api, transfer, django_capture_on_commit_callbacks):
    done = transfer({"a.csv": b"a;b\n1;2\n", "b.csv": b"c;d\n3;4\n"})
    gone, kept = sorted(done["files"], key=lambda f: f["name"])

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"/api/portal/projects/p1/files/{gone['id']}")

    assert response.status_code == 204
    missing = api.get(download_url(gone["id"]))
    assert missing.status_code == 404
    assert missing.json()["error"] == "Not found."
    listed = api.get("/api/portal/projects/p1/transfers").json()
    assert [f["name"] for f in listed[0]["files"]] == [kept["name"]]
    assert api.get(download_url(kept["id"])).status_code == 200


def test_a_transfer_whose_files_are_all_deleted_leaves_the_list(api, transfer):
    done = transfer({"a.csv": b"a;b\n1;2\n"})

    api.delete(f"/api/portal/projects/p1/files/{done['files'][0]['id']}")

    assert api.get("/api/portal/projects/p1/transfers").json() == []


def test_another_projects_file_is_404_in_the_portal(api, transfer, project):
    done = transfer({"a.csv": b"a;b\n1;2\n"})
    file_id = done["files"][0]["id"]
    other = make_project("p2")
    _user, other_key = make_member(other, "olga")
    stranger = api_for(other_key)

    assert stranger.get(download_url(file_id, "p2")).status_code == 404
    assert stranger.get(download_url(file_id, "p1")).status_code == 404
    assert stranger.delete(f"/api/portal/projects/p2/files/{file_id}").status_code == 404
    assert stranger.get("/api/portal/projects/p1/transfers").status_code == 404
    assert api.get(download_url(file_id)).status_code == 200  # still there for its owner


def test_a_file_not_yet_transferred_cannot_be_downloaded(api):
    file_id = api.upload("p1", {"a.csv": b"a;b\n1;2\n"}).json()[0]["id"]

    response = api.get(download_url(file_id))

    assert response.status_code == 404
