"""Project administrators (seed 002, MONA): add and remove members of their own project, set
end dates after which access stops everywhere, see storage used. Service administrators:
projects and policies, audited."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from airlock.audit.models import AuditEvent
from airlock.projects.models import Membership, Project
from airlock.projects.services import membership_set_end
from tests.support.people import build_world

ADMIN = "/portal/administration/demo/"


@pytest.mark.django_db
def test_the_project_administrator_sees_members_and_storage_used():
    world = build_world()
    page = world.client("projectadmin").get(ADMIN).content.decode()
    for username in ("member", "expired", "projectadmin"):
        assert username in page
    assert "Storage used" in page
    assert "Released to the portal" in page
    assert "ended" in page  # the expired member is marked


@pytest.mark.django_db
def test_the_project_administrator_adds_a_member_who_then_has_access():
    world = build_world()
    admin = world.client("projectadmin")
    response = admin.post(
        ADMIN + "members/add/", {"username": "nonmember", "role": "researcher", "ends_on": ""}
    )
    assert response.status_code == 302
    assert world.client("nonmember").get("/portal/projects/demo/transfers/").status_code == 200
    assert AuditEvent.objects.filter(
        action="member_added", actor=world.users["projectadmin"]
    ).exists()


@pytest.mark.django_db
def test_adding_an_unknown_user_or_a_past_end_date_is_refused_with_a_reason():
    world = build_world()
    admin = world.client("projectadmin")
    response = admin.post(ADMIN + "members/add/", {"username": "nobody", "role": "researcher"})
    assert response.status_code == 400
    assert "no active user" in response.content.decode()
    response = admin.post(
        ADMIN + "members/add/",
        {"username": "nonmember", "role": "researcher", "ends_on": "2000-01-01"},
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()


@pytest.mark.django_db
def test_an_end_date_stops_access_on_pages_and_api_once_it_has_passed():
    world = build_world()
    membership = Membership.objects.get(pk=world.ids["membership_id"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = world.client("projectadmin").post(
        ADMIN + f"members/{membership.pk}/end/", {"ends_on": tomorrow}
    )
    assert response.status_code == 302
    member = world.client("member")
    api = {"HTTP_AUTHORIZATION": f"Token {world.tokens['member']}"}
    assert member.get("/portal/projects/demo/transfers/").status_code == 200
    # The day passes.
    membership_set_end(
        membership=membership,
        ends_at=timezone.now() - datetime.timedelta(seconds=1),
        actor=world.users["projectadmin"],
    )
    assert member.get("/portal/projects/demo/transfers/").status_code == 404
    assert member.get("/inside/projects/demo/").status_code == 404
    assert Client().get("/api/portal/projects/demo/transfers", **api).status_code == 404
    assert Client().get("/api/inside/projects/demo/files", **api).status_code == 404
    assert Client().get("/api/portal/projects", **api).json() == []


@pytest.mark.django_db
def test_the_project_administrator_removes_a_member_but_not_themselves():
    world = build_world()
    admin = world.client("projectadmin")
    response = admin.post(ADMIN + f"members/{world.ids['membership_id']}/remove/")
    assert response.status_code == 302
    assert world.client("member").get("/portal/projects/demo/transfers/").status_code == 404
    own = Membership.objects.get(user=world.users["projectadmin"])
    assert admin.post(ADMIN + f"members/{own.pk}/remove/").status_code == 403
    assert admin.post(ADMIN + f"members/{own.pk}/end/", {"ends_on": ""}).status_code == 403


@pytest.mark.django_db
def test_a_researcher_cannot_manage_members_and_others_do_not_see_the_project():
    world = build_world()
    assert world.client("member").get(ADMIN).status_code == 403
    assert world.client("nonmember").get(ADMIN).status_code == 404
    # Another project's administrator page: not found, even for this project's administrator.
    assert world.client("projectadmin").get("/portal/administration/other/").status_code == 404


@pytest.mark.django_db
def test_a_service_administrator_changes_a_policy_and_the_change_is_audited():
    world = build_world()
    client = world.client("serviceadmin")
    page = client.get("/review/administration/demo/").content.decode()
    assert "Save policy" in page
    project = Project.objects.get(code="demo")
    data = {
        "allowed_extensions": "csv xlsx",
        "max_upload_bytes": project.max_upload_bytes,
        "review_size_bytes": project.review_size_bytes,
        "min_cell_count": 5,
        "dominance_n": 2,
        "dominance_k_percent": 85,
        "sampling_rate": 0.2,
        "release_mode": "hold_flagged",
        "identifier_schemes": ["dk_cpr", "dk_cvr"],
        "extra_key_variables": "BOPIKOM, FAMILIE_ID",
        "retention_days": 30,
    }
    response = client.post("/review/administration/demo/policy/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.min_cell_count == 5 and project.release_mode == "hold_flagged"
    assert project.allowed_extensions == ["csv", "xlsx"]
    assert project.extra_key_variables == ["BOPIKOM", "FAMILIE_ID"]
    event = AuditEvent.objects.get(action="project_policy_changed")
    assert event.actor == world.users["serviceadmin"]
    assert event.data["changes"]["min_cell_count"] == {"from": 3, "to": 5}


@pytest.mark.django_db
def test_an_invalid_policy_is_refused_with_a_reason():
    world = build_world()
    response = world.client("serviceadmin").post(
        "/review/administration/demo/policy/",
        {
            "sampling_rate": 3,
            "max_upload_bytes": 10,
            "review_size_bytes": 100,
            "min_cell_count": 3,
            "dominance_n": 2,
            "dominance_k_percent": 85,
            "release_mode": "immediate",
            "retention_days": 90,
            "allowed_extensions": "../etc",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "review size cannot be over" in page
    assert "Not a file extension" in page
    assert not AuditEvent.objects.filter(action="project_policy_changed").exists()


@pytest.mark.django_db
def test_a_service_administrator_creates_a_project_and_appoints_its_administrator():
    world = build_world()
    client = world.client("serviceadmin")
    response = client.post("/review/administration/", {"code": "p123", "name": "Register study"})
    assert response.status_code == 302
    response = client.post(
        "/review/administration/p123/members/add/",
        {"username": "nonmember", "role": "administrator"},
    )
    assert response.status_code == 302
    page = world.client("nonmember").get("/portal/administration/p123/")
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="project_created", project_code="p123").exists()
