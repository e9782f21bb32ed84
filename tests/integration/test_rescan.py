"""`manage.py rescan`: the current scanner and policy over the stored quarantine copies.

Real scans (the scanner's sandbox child), the project's policy changed between the upload and
the re-scan, as an operator does it.
"""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from airlock.audit.models import AuditEvent
from airlock.outputs.models import OutputFile
from airlock.review.models import ReviewItem
from scanners.version import SCANNER_VERSION
from tests.support.api_client import api_for, make_member, make_project, scan_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# A smallest cell of 4: clean under a minimum of 3, a risk under a minimum of 5.
COUNT_OF_FOUR = b"kommune;antal\nAarhus;120\nOdense;4\nAalborg;88\n"
BIG_COUNTS = b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"


def rescan(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rescan", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def world():
    project = make_project("p1", sampling_rate=0.0)
    other = make_project("p2", sampling_rate=0.0)
    _user, key = make_member(project, "rita")
    _other_user, other_key = make_member(other, "otto")
    api = api_for(key)
    ids = {}
    for name, content in (("four.csv", COUNT_OF_FOUR), ("big.csv", BIG_COUNTS)):
        ids[name] = api.upload("p1", {name: content}).json()[0]["id"]
    ids["released.csv"] = api.upload("p1", {"released.csv": COUNT_OF_FOUR}).json()[0]["id"]
    ids["other.csv"] = api_for(other_key).upload("p2", {"other.csv": COUNT_OF_FOUR}).json()[0]["id"]
    for file_id in ids.values():
        scan_now(file_id)
    reply = api.post_json(
        "/api/inside/projects/p1/transfers", {"files": [ids["released.csv"]], "approve": True}
    )
    assert reply.status_code == 201, reply.json()
    for file_id in ids.values():
        assert OutputFile.objects.get(pk=file_id).verdict == "clean"
    assert OutputFile.objects.get(pk=ids["released.csv"]).status == "released"
    project.min_cell_count = 5
    project.save()
    other.min_cell_count = 5
    other.save()
    return project, ids, api


def test_a_changed_verdict_is_reported_and_a_released_risk_goes_to_control(world):
    _project, ids, api = world

    out = rescan("--project", "p1")

    assert f"file {ids['four.csv']} (p1/four.csv, scanned): clean -> risk" in out
    assert (
        f"file {ids['released.csv']} (p1/released.csv, released): clean -> risk; "
        "queued for control" in out
    )
    assert "big.csv" not in out  # unchanged: not reported
    assert "other.csv" not in out  # another project
    assert "3 files re-scanned: 2 changed, 1 queued for control, 0 failed." in out

    item = ReviewItem.objects.get(output_file_id=ids["released.csv"])
    assert item.state == "pending"
    assert "risk" in item.reasons
    released = OutputFile.objects.get(pk=ids["released.csv"])
    assert released.status == "released"  # controlled afterwards, as at transfer
    assert not ReviewItem.objects.filter(output_file_id=ids["four.csv"]).exists()

    # The researcher sees the new warning, and must now comment before transferring.
    four = api.get(f"/api/inside/projects/p1/files/{ids['four.csv']}").json()
    assert four["verdict"] == "risk"
    assert "table.small_cell" in {f["code"] for f in four["findings"]}
    assert four["needs_comment"] is True
    assert OutputFile.objects.get(pk=ids["other.csv"]).verdict == "clean"

    assert AuditEvent.objects.filter(action="file_rescanned").count() == 2


def test_each_file_keeps_its_verdicts_with_scanner_version_and_policy_digest(world):
    _project, ids, _api = world
    rescan("--project", "p1")

    history = list(
        OutputFile.objects.get(pk=ids["four.csv"]).verdict_history.order_by("recorded_at", "id")
    )
    assert [(r.verdict, r.cause) for r in history] == [("clean", "scan"), ("risk", "rescan")]
    assert all(r.scanner_version == SCANNER_VERSION for r in history)
    assert history[0].policy_digest != history[1].policy_digest  # the minimum changed
    assert all(len(r.policy_digest) == 64 for r in history)
    assert "table.small_cell" in {f["code"] for f in history[1].findings}
    unchanged = OutputFile.objects.get(pk=ids["big.csv"]).verdict_history
    assert [r.verdict for r in unchanged.all()] == ["clean", "clean"]


def test_a_second_rescan_reports_nothing_new_and_queues_nothing_again(world):
    rescan("--project", "p1")
    again = rescan("--project", "p1")
    assert "3 files re-scanned: 0 changed, 0 queued for control, 0 failed." in again
    assert ReviewItem.objects.count() == 1


def test_a_decided_file_that_is_now_risk_is_controlled_again(world):
    _project, ids, _api = world
    ReviewItem.objects.create(
        output_file_id=ids["released.csv"],
        reasons=["random"],
        state="decided",
        decision="no_breach",
        decided_at=timezone.now(),
    )
    rescan("--project", "p1")
    item = ReviewItem.objects.get(output_file_id=ids["released.csv"])
    assert item.state == "pending" and item.decision == ""
    assert item.reasons == ["random", "risk"]


def test_since_and_json(world):
    _project, ids, _api = world
    OutputFile.objects.filter(pk=ids["four.csv"]).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    out = rescan("--since", since, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["file_id"] for r in rows} == {ids["big.csv"], ids["released.csv"], ids["other.csv"]}
    released = next(r for r in rows if r["file_id"] == ids["released.csv"])
    assert released["changed"] is True and released["queued_for_control"] is True
    assert released["old_verdict"] == "clean" and released["new_verdict"] == "risk"


def test_bad_arguments_are_clear(world):
    with pytest.raises(CommandError, match="not a date"):
        rescan("--since", "last tuesday")
    with pytest.raises(CommandError, match="No project with the code 'nope'"):
        rescan("--project", "nope")


def test_a_file_whose_stored_copy_is_gone_is_reported_and_the_rest_goes_on(world, settings):
    from pathlib import Path

    _project, ids, _api = world
    stored = OutputFile.objects.get(pk=ids["big.csv"])
    for path in Path(settings.QUARANTINE_ROOT).rglob("*"):
        if path.is_file() and stored.storage_key.split("/")[-1] in path.name:
            path.unlink()
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("rescan", "--project", "p1", stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert f"file {ids['big.csv']} (p1/big.csv): not re-scanned" in err.getvalue()
    assert OutputFile.objects.get(pk=ids["four.csv"]).verdict == "risk"


def test_the_reviewer_sees_the_verdict_history_of_a_file_queued_by_a_rescan(world):
    from tests.integration import review_world as w

    _project, ids, _api = world
    rescan("--project", "p1")
    item = ReviewItem.objects.get(output_file_id=ids["released.csv"])
    reviewer = w.user("ruth", reviewer=True)

    page = w.signed_in(reviewer).get(f"/review/items/{item.pk}/").content.decode()

    history = page[page.index('id="verdict-history"') :].split("</table>")[0]
    rows = history.split("<tr>")[2:]
    assert len(rows) == 2
    assert "No risk found" in rows[0] and "Scan after upload" in rows[0]
    assert "Risk warning" in rows[1] and "Re-scan with a newer scanner or policy" in rows[1]
    assert all(SCANNER_VERSION in row for row in rows)
    released = OutputFile.objects.get(pk=ids["released.csv"])
    assert released.policy_digest[:12] in rows[1]
    assert released.policy_digest[:12] not in rows[0]
