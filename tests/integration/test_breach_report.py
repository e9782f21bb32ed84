"""The duty to report (seed 001): a researcher reports a suspected breach from the portal."""

import json

import pytest

from airlock.audit.models import AuditEvent
from airlock.outputs import storage
from airlock.review.models import BreachReport
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    project, researcher, _admin = w.project("dty", sampling_rate=0.0)
    reviewer = w.user("rune", reviewer=True)
    old_risk = w.transferred_file(
        project, researcher, name="old.csv", verdict="risk", findings=[w.SMALL_CELL]
    )
    clean = w.transferred_file(project, researcher, name="clean.csv")
    return project, researcher, reviewer, old_risk, clean


def report(client, key, file_id, description="Row 3 shows one person's income."):
    return client.post(
        f"/api/portal/projects/dty/files/{file_id}/report-breach",
        data=json.dumps({"description": description}),
        content_type="application/json",
        **w.api(key),
    )


def test_a_report_takes_the_file_out_of_the_portal_and_tops_the_queue(
    world, django_capture_on_commit_callbacks
):
    _project, researcher, reviewer, old_risk, clean = world
    client, key = w.Client(), w.token(researcher)
    assert not hasattr(clean, "review_item") or clean.review_item is None
    with django_capture_on_commit_callbacks(execute=True):
        response = report(client, key, clean.pk)
    assert response.status_code == 201, response.content
    assert response.json()["file"]["status"] == "reported"

    # Out of the portal at once: no download, not listed, released copy deleted.
    assert (
        client.get(f"/api/portal/projects/dty/files/{clean.pk}/download", **w.api(key)).status_code
        == 404
    )
    listed = client.get("/api/portal/projects/dty/transfers", **w.api(key)).json()
    assert all(f["id"] != clean.pk for t in listed for f in t["files"])
    clean.refresh_from_db()
    assert not storage.released_store().exists(clean.released_key)

    # At the top of the queue, before the older risk file.
    queue = client.get("/api/review/queue", **w.api(w.token(reviewer))).json()
    assert [i["file"]["id"] for i in queue] == [clean.pk, old_risk.pk]
    assert queue[0]["reasons"] == ["reported"]

    # In the audit trail, with the researcher's words.
    event = AuditEvent.objects.get(action="breach_reported")
    assert event.actor == researcher
    assert event.data["description"] == "Row 3 shows one person's income."
    assert AuditEvent.objects.filter(action="file_reported", object_id=str(clean.pk)).exists()

    # No breach after all: the reviewer releases it again.
    decided = client.post(
        f"/api/review/items/{queue[0]['id']}/decision",
        data=json.dumps({"decision": "no_breach"}),
        content_type="application/json",
        **w.api(w.token(reviewer)),
    )
    assert decided.status_code == 200
    assert (
        client.get(f"/api/portal/projects/dty/files/{clean.pk}/download", **w.api(key)).status_code
        == 200
    )


def test_a_report_on_a_file_already_queued_moves_it_up(world):
    _project, researcher, reviewer, old_risk, _clean = world
    assert report(w.Client(), w.token(researcher), old_risk.pk).status_code == 201
    old_risk.review_item.refresh_from_db()
    assert old_risk.review_item.reasons == ["risk", "reported"]
    assert old_risk.review_item.priority > 0


def test_a_report_needs_a_description_and_a_member(world):
    project, researcher, _reviewer, _old, clean = world
    client = w.Client()
    assert report(client, w.token(researcher), clean.pk, description="  ").status_code == 400
    outsider = w.user("outsider")
    assert report(client, w.token(outsider), clean.pk).status_code == 404
    assert not BreachReport.objects.exists()
    clean.refresh_from_db()
    assert clean.status == "released"


def test_the_portal_page_reports_a_file(world):
    _project, researcher, _reviewer, _old, clean = world
    browser = w.signed_in(researcher)
    url = f"/portal/projects/dty/files/{clean.pk}/report-breach/"
    page = browser.get(url)
    assert page.status_code == 200
    assert "Report a suspected breach" in page.content.decode()
    assert browser.post(url, {"description": ""}).status_code == 400
    response = browser.post(url, {"description": "The chart shows a cell of 1."})
    assert response.status_code == 302
    clean.refresh_from_db()
    assert clean.status == "reported"
    assert browser.get(url).status_code == 404  # no longer in the portal


def test_the_transfers_page_offers_the_report_form_for_each_file(world):
    _project, researcher, _reviewer, old, clean = world
    page = w.signed_in(researcher).get("/portal/projects/dty/transfers/").content.decode()
    for output_file in (old, clean):
        assert f'action="/portal/projects/dty/files/{output_file.pk}/report-breach/"' in page
    assert "Report a suspected breach" in page
