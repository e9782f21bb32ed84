"""Calibration on the control statistics page and in /metrics, from reviewers' decisions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from airlock.outputs.models import OutputFile, VerdictRecord
from airlock.review import services
from tests.integration import review_world as w
from tests.integration.test_metrics import samples

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def decided(django_user_model):
    """4 files drawn at random (1 a breach) and 3 small-cell warnings (2 no breach)."""
    reviewer = w.user("ruth", reviewer=True)
    project, researcher, _ = w.project("calib", sampling_rate=1.0)
    for n in range(4):
        f = w.transferred_file(project, researcher, name=f"clean{n}.csv")
        services.review_item_decide(
            review_item=f.review_item,
            user=reviewer,
            decision="minor_breach" if n == 0 else "no_breach",
            note="a count of 2 in a margin" if n == 0 else "",
        )
    risky = []
    for n in range(3):
        f = w.transferred_file(
            project, researcher, name=f"risk{n}.csv", verdict="risk", findings=[w.SMALL_CELL]
        )
        services.review_item_decide(
            review_item=f.review_item,
            user=reviewer,
            decision="severe_breach" if n == 0 else "no_breach",
            note="a count of 2" if n == 0 else "",
        )
        risky.append(f)
    return reviewer, risky


def test_the_statistics_page_shows_the_miss_rate_and_false_alarms(decided):
    reviewer, _ = decided
    text = w.signed_in(reviewer).get("/review/statistics/").content.decode()
    # 1 of 4: 25.0%, Wilson 95% from 4.6% to 69.9% (worked out by hand).
    assert (
        "Reviewers found a breach in 1 of 4 files drawn at random (25.0%; 95% Wilson "
        "interval 4.6%–69.9%)" in text
    )
    # 4 unflagged transfers: 1.0 estimated (0.2 to 2.8).
    assert "Of 4 transfers without a warning, about 1.0 (between 0.2 and 2.8)" in text
    # table.small_cell: 2 of 3 decided no breach, 66.7% (20.8%–93.9%).
    row = text[text.index("<code>table.small_cell</code>") :].split("</tr>")[0]
    assert "<td>3</td><td>2</td><td>66.7% (20.8%–93.9%)</td>" in row


def test_metrics_give_the_same_figures(client, decided):
    values = samples(client.get("/metrics").content.decode())
    assert values["airlock_calibration_random_decided"] == 4
    assert values["airlock_calibration_random_breaches"] == 1
    assert values['airlock_calibration_miss_rate{bound="estimate"}'] == 0.25
    assert values['airlock_calibration_miss_rate{bound="low"}'] == pytest.approx(0.0456, abs=5e-4)
    assert values['airlock_calibration_miss_rate{bound="high"}'] == pytest.approx(0.6994, abs=5e-4)
    assert values["airlock_calibration_unflagged_transfers"] == 4
    assert values['airlock_calibration_flagged_decided{code="table.small_cell"}'] == 3
    assert values['airlock_calibration_false_alarms{code="table.small_cell"}'] == 2
    rate = 'airlock_calibration_false_alarm_rate{code="table.small_cell",bound="estimate"}'
    assert values[rate] == pytest.approx(2 / 3, abs=1e-6)


def test_a_later_rescan_does_not_change_what_the_reviewer_decided_on(client, decided):
    _reviewer, risky = decided
    later = timezone.now() + timedelta(minutes=5)
    for f in risky:
        OutputFile.objects.filter(pk=f.pk).update(findings=[])
        VerdictRecord.objects.create(
            output_file=f, verdict="clean", findings=[], cause="rescan", recorded_at=later
        )
    values = samples(client.get("/metrics").content.decode())
    assert values['airlock_calibration_flagged_decided{code="table.small_cell"}'] == 3


def test_the_calibration_reads_in_danish(decided):
    reviewer, _ = decided
    page = w.signed_in(reviewer).get("/review/statistics/", HTTP_ACCEPT_LANGUAGE="da")
    text = page.content.decode()
    assert "Kalibrering" in text
    assert "Kontrollanterne fandt brud i 1 af 4 tilfældigt udtrukne filer" in text
    assert "Falske alarmer pr. fund" in text
