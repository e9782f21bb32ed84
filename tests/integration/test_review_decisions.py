"""Reviewers' decisions (issue 4): the membership rule, a breach end to end, no breach."""

import json

import pytest
from django.core import mail

from airlock.audit.models import AuditEvent
from airlock.errors import ActionRefused, PermissionDenied
from airlock.outputs import storage
from airlock.projects.services import membership_add
from airlock.review import services
from airlock.review.models import BreachCase, ReviewItem
from airlock.review.permissions import user_can_decide
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    project, researcher, admin = w.project("p1")
    reviewer = w.user("rita", reviewer=True)
    risky = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    return project, researcher, admin, reviewer, risky


def test_a_reviewer_never_decides_on_a_file_of_their_own_project(setup):
    project, _researcher, _admin, reviewer, risky = setup
    membership_add(project=project, user=reviewer)
    item = risky.review_item
    assert not user_can_decide(user=reviewer, review_item=item)
    with pytest.raises(PermissionDenied, match="member of project p1"):
        services.review_item_decide(review_item=item, user=reviewer, decision="no_breach", note="")
    # The API answers 403 with the reason, and nothing was decided.
    response = w.Client().post(
        f"/api/review/items/{item.pk}/decision",
        data=json.dumps({"decision": "no_breach"}),
        content_type="application/json",
        **w.api(w.token(reviewer)),
    )
    assert response.status_code == 403
    assert "member of project p1" in response.json()["error"]
    # The page says why there is no decision form.
    page = w.signed_in(reviewer).get(f"/review/items/{item.pk}/")
    assert page.status_code == 200
    assert "member of project p1" in page.content.decode()
    assert 'name="decision"' not in page.content.decode()
    item.refresh_from_db()
    assert item.state == ReviewItem.State.PENDING


def test_an_ended_membership_still_counts(setup):
    from datetime import timedelta

    from django.utils import timezone

    project, _r, _a, reviewer, risky = setup
    membership_add(project=project, user=reviewer, ends_at=timezone.now() - timedelta(days=30))
    assert not user_can_decide(user=reviewer, review_item=risky.review_item)


def test_a_breach_blocks_the_file_notifies_and_is_audited(
    setup, django_capture_on_commit_callbacks
):
    project, researcher, admin, reviewer, risky = setup
    assert risky.status == "released"  # immediate mode: released at transfer
    released_key = risky.released_key
    assert storage.released_store().exists(released_key)
    item = risky.review_item
    researcher_key = w.token(researcher)
    client = w.Client()
    download = f"/api/portal/projects/p1/files/{risky.pk}/download"
    assert client.get(download, **w.api(researcher_key)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/review/items/{item.pk}/decision",
            data=json.dumps({"decision": "severe_breach", "note": "Cell C3 is a count of 2."}),
            content_type="application/json",
            **w.api(w.token(reviewer)),
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "decided" and body["decision"] == "severe_breach"
    assert body["file"]["status"] == "blocked"

    # Blocked: not downloadable, not listed, gone from the released store.
    assert client.get(download, **w.api(researcher_key)).status_code == 404
    transfers = client.get("/api/portal/projects/p1/transfers", **w.api(researcher_key)).json()
    assert all(f["id"] != risky.pk for t in transfers for f in t["files"])
    assert not storage.released_store().exists(released_key)

    # The breach case, with decision, reviewer and note.
    case = BreachCase.objects.get(review_item=item)
    assert (case.decision, case.reviewer, case.note) == (
        "severe_breach",
        reviewer,
        "Cell C3 is a count of 2.",
    )
    # The researcher and the project's administrator are e-mailed.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {researcher.email, admin.email}
    assert "tabel.csv" in message.subject and "Cell C3 is a count of 2." in message.body
    # The audit trail has the decision, the block and the breach.
    actions = list(AuditEvent.objects.filter(project_code="p1").values_list("action", flat=True))
    assert {"review_decided", "file_blocked", "breach_recorded"} <= set(actions)


def test_a_breach_needs_a_note(setup):
    _p, _r, _a, reviewer, risky = setup
    with pytest.raises(ActionRefused, match="note"):
        services.review_item_decide(
            review_item=risky.review_item, user=reviewer, decision="minor_breach", note="  "
        )
    response = w.Client().post(
        f"/api/review/items/{risky.review_item.pk}/decision",
        data=json.dumps({"decision": "minor_breach"}),
        content_type="application/json",
        **w.api(w.token(reviewer)),
    )
    assert response.status_code == 400
    assert "note" in response.json()["error"]
    page = w.signed_in(reviewer).post(
        f"/review/items/{risky.review_item.pk}/decision/", {"decision": "minor_breach", "note": ""}
    )
    assert page.status_code == 400
    assert "A breach needs a note" in page.content.decode()
    risky.refresh_from_db()
    assert risky.status == "released"


def test_an_unknown_decision_is_refused(setup):
    _p, _r, _a, reviewer, risky = setup
    response = w.Client().post(
        f"/api/review/items/{risky.review_item.pk}/decision",
        data=json.dumps({"decision": "fine"}),
        content_type="application/json",
        **w.api(w.token(reviewer)),
    )
    assert response.status_code == 400


def test_a_decided_item_cannot_be_decided_again(setup):
    _p, _r, _a, reviewer, risky = setup
    services.review_item_decide(
        review_item=risky.review_item, user=reviewer, decision="no_breach", note=""
    )
    with pytest.raises(ActionRefused, match="already been decided"):
        services.review_item_decide(
            review_item=risky.review_item, user=reviewer, decision="severe_breach", note="x"
        )


def test_no_breach_on_a_held_file_releases_it():
    project, researcher, _admin = w.project("held", release_mode="hold_flagged")
    reviewer = w.user("rolf", reviewer=True)
    risky = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    assert risky.status == "held"
    key = w.token(researcher)
    client = w.Client()
    download = f"/api/portal/projects/held/files/{risky.pk}/download"
    assert client.get(download, **w.api(key)).status_code == 404
    services.review_item_decide(
        review_item=risky.review_item, user=reviewer, decision="no_breach", note=""
    )
    risky.refresh_from_db()
    assert risky.status == "released"
    response = client.get(download, **w.api(key))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == w.CSV


def test_non_reviewers_get_403(setup):
    _project, researcher, admin, _reviewer, risky = setup
    for person in (researcher, admin):
        key = w.token(person)
        assert w.Client().get("/api/review/queue", **w.api(key)).status_code == 403
        response = w.Client().post(
            f"/api/review/items/{risky.review_item.pk}/decision",
            data=json.dumps({"decision": "no_breach"}),
            content_type="application/json",
            **w.api(key),
        )
        assert response.status_code == 403
        # Signed in with a second factor (the zone's rule), and still not a reviewer.
        w.TOTPDevice.objects.create(user=person, name="test", confirmed=True)
        page = w.signed_in(person).get("/review/")
        assert page.status_code == 403
        assert "Only research services" in page.content.decode()
