"""What the researcher's most frequent API calls cost the database (issue 15: the web side's
CPU per verdict is mostly round trips): an upload checks its token once, a status poll is
the token and the file, and a refused poll is the 404 it was."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from airlock.projects.models import Membership
from tests.support.api_client import TABLE_CSV, api_for, make_member, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FILES = "/api/inside/projects/p1/files"


@pytest.fixture
def project():
    return make_project("p1")


@pytest.fixture
def rita(project):
    return make_member(project, "rita")


def token_lookups(captured: CaptureQueriesContext) -> int:
    return sum('FROM "airlock_accounts_apitoken"' in q["sql"] for q in captured.captured_queries)


# A real transaction, as in the server: "no savepoint" means none, not one inside the test's.
@pytest.mark.django_db(transaction=True)
def test_an_upload_looks_its_token_up_once_and_makes_no_savepoint(rita):
    with CaptureQueriesContext(connection) as captured:
        reply = api_for(rita[1]).upload("p1", {"tabel.csv": TABLE_CSV})

    assert reply.status_code == 201
    assert token_lookups(captured) == 1
    assert not [q for q in captured.captured_queries if "SAVEPOINT" in q["sql"].upper()]


def test_a_status_poll_is_the_token_and_the_file(rita):
    api = api_for(rita[1])
    file_id = api.upload("p1", {"tabel.csv": TABLE_CSV}).json()[0]["id"]
    api.get(f"{FILES}/{file_id}")  # the token's last use is written at most once a minute

    with CaptureQueriesContext(connection) as captured:
        reply = api.get(f"{FILES}/{file_id}")

    assert reply.status_code == 200
    assert (reply.json()["id"], reply.json()["status"]) == (file_id, "uploaded")
    assert len(captured.captured_queries) == 2, [q["sql"] for q in captured.captured_queries]


def test_a_poll_after_the_membership_ended_is_the_projects_404(project, rita):
    api = api_for(rita[1])
    file_id = api.upload("p1", {"tabel.csv": TABLE_CSV}).json()[0]["id"]
    Membership.objects.filter(project=project).delete()

    reply = api.get(f"{FILES}/{file_id}")

    assert reply.status_code == 404
    assert reply.json() == api_for(rita[1]).get("/api/inside/projects/p1/files").json()


def test_a_poll_of_a_file_or_project_that_is_not_there_is_the_same_404(rita):
    api = api_for(rita[1])
    file_id = api.upload("p1", {"tabel.csv": TABLE_CSV}).json()[0]["id"]

    missing = api.get(f"{FILES}/{file_id + 1000}")
    project_missing = api.get(f"/api/inside/projects/nope/files/{file_id}")

    assert (missing.status_code, project_missing.status_code) == (404, 404)
    assert missing.json() == project_missing.json()  # nothing says which exists
