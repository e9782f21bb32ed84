"""Issue 12, item 1: a reviewer removed from a project cannot decide on its files.

The attack: a reviewer who was a researcher in a project uploads and approves a file, is
removed from the project, and then posts a decision through the API. It used to answer 200
and release the file, because removal deleted the membership row.
"""

import json

import pytest

from airlock.outputs.models import Status
from airlock.projects.models import Membership
from airlock.projects.services import membership_add, membership_remove
from airlock.review.models import ReviewItem
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


def decide(person, item: ReviewItem):
    return w.Client().post(
        f"/api/review/items/{item.pk}/decision",
        data=json.dumps({"decision": "no_breach"}),
        content_type="application/json",
        **w.api(w.token(person)),
    )


@pytest.fixture
def world():
    project, researcher, admin = w.project("p12", release_mode="hold_all")
    reviewer = w.user("mallory", reviewer=True)
    membership_add(project=project, user=reviewer)
    return project, researcher, admin, reviewer


def test_a_removed_member_who_uploaded_and_approved_cannot_decide(world):
    project, _researcher, admin, reviewer = world
    output_file = w.transferred_file(project, reviewer, verdict="risk", findings=[w.SMALL_CELL])
    membership_remove(membership=Membership.objects.get(user=reviewer), actor=admin)

    response = decide(reviewer, output_file.review_item)

    assert response.status_code == 403
    assert "another reviewer must decide" in response.json()["error"]
    output_file.refresh_from_db()
    assert output_file.status == Status.HELD
    assert ReviewItem.objects.get(pk=output_file.review_item.pk).state == "pending"


def test_a_removed_member_cannot_decide_on_a_colleagues_file(world):
    project, researcher, admin, reviewer = world
    output_file = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    membership_remove(membership=Membership.objects.get(user=reviewer), actor=admin)

    response = decide(reviewer, output_file.review_item)

    assert response.status_code == 403
    assert "member of project p12" in response.json()["error"]


def test_removal_keeps_the_membership_as_history_without_access(world):
    project, _researcher, admin, reviewer = world
    membership_remove(membership=Membership.objects.get(user=reviewer), actor=admin)

    row = Membership.objects.get(user=reviewer, project=project)
    assert row.removed_at is not None and row.ends_at is not None
    listed = w.Client().get("/api/portal/projects", **w.api(w.token(reviewer)))
    assert listed.status_code == 200
    assert listed.json() == []


def test_authorship_bars_a_reviewer_even_without_any_membership_row(world):
    """A membership deleted before removal kept history (an old installation): uploading or
    approving the file still bars the reviewer."""
    project, researcher, _admin, reviewer = world
    uploaded = w.transferred_file(project, reviewer, verdict="risk", findings=[w.SMALL_CELL])
    approved = w.scanned_file(
        project, researcher, name="b.csv", verdict="risk", findings=[w.SMALL_CELL]
    )
    from airlock.review.services import transfer_create

    transfer_create(project=project, user=reviewer, file_ids=[approved.pk], approve=True)
    approved.refresh_from_db()
    Membership.objects.filter(user=reviewer).delete()

    for output_file in (uploaded, approved):
        response = decide(reviewer, output_file.review_item)
        assert response.status_code == 403
        assert "uploaded, commented or approved" in response.json()["error"]


def test_an_outside_reviewer_still_decides(world):
    project, researcher, _admin, _reviewer = world
    output_file = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    outsider = w.user("olga", reviewer=True)

    response = decide(outsider, output_file.review_item)

    assert response.status_code == 200
    output_file.refresh_from_db()
    assert output_file.status == Status.RELEASED
