"""`manage.py airlock_demo --json` (docs/design.md, "Commands"): the demo logins, and they work."""

import io
import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from airlock.projects.models import Project
from tests.support.api_client import api_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

USERS = {"researcher", "reviewer", "projectadmin"}


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("airlock_demo", *args, stdout=out)
    return out.getvalue()


def test_json_output_is_exactly_the_documented_shape():
    printed = run_demo("--json")

    demo = json.loads(printed)  # the whole output is one JSON document
    assert set(demo) == {"project", "users"}
    assert demo["project"] == "demo"
    # The contract's users, each with a password and a token. The zones issue may add users
    # (serviceadmin) and fields (an authenticator key for the review zone): docs/design.md lets
    # the contract grow, never shrink.
    assert set(demo["users"]) >= USERS
    for login in demo["users"].values():
        assert {"password", "token"} <= set(login)
        assert isinstance(login["password"], str) and len(login["password"]) >= 12
        assert isinstance(login["token"], str) and len(login["token"]) >= 32


def test_the_passwords_log_in():
    demo = json.loads(run_demo("--json"))

    for username, login in demo["users"].items():
        assert authenticate(username=username, password=login["password"]) is not None


def test_the_tokens_work_against_the_api():
    demo = json.loads(run_demo("--json"))
    researcher = api_for(demo["users"]["researcher"]["token"])
    reviewer = api_for(demo["users"]["reviewer"]["token"])
    projectadmin = api_for(demo["users"]["projectadmin"]["token"])

    upload = researcher.upload("demo", {"tabel.csv": b"kommune;antal\nAarhus;120\n"})
    assert upload.status_code == 201
    assert [f["name"] for f in researcher.get("/api/inside/projects/demo/files").json()] == [
        "tabel.csv"
    ]
    assert researcher.get("/api/portal/projects").json() == [
        {"code": "demo", "name": Project.objects.get(code="demo").name}
    ]
    # The reviewer is known to the API but is not a member of the project.
    assert reviewer.get("/api/portal/projects").status_code == 200
    assert reviewer.get("/api/inside/projects/demo/files").status_code == 404
    # The project administrator is a member.
    assert [p["code"] for p in projectadmin.get("/api/portal/projects").json()] == ["demo"]


def test_running_it_again_gives_fresh_working_logins_and_one_project():
    first = json.loads(run_demo("--json"))
    second = json.loads(run_demo("--json"))

    assert Project.objects.filter(code="demo").count() == 1
    token = second["users"]["researcher"]["token"]
    assert token != first["users"]["researcher"]["token"]
    assert api_for(token).get("/api/inside/projects/demo/files").status_code == 200


def test_without_json_it_prints_the_logins_for_people():
    printed = run_demo()

    assert "demo" in printed
    for username in USERS:
        assert username in printed
