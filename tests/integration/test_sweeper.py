"""The sweeper queues again every file stuck waiting for its scan, once per period."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from airlock.audit.models import AuditEvent
from airlock.outputs import scanning, services, tasks
from airlock.outputs.models import OutputFile, Status
from airlock.outputs.sweeper import output_file_requeue_stuck
from tests.support.api_client import make_member, make_project

pytestmark = pytest.mark.django_db

CSV = b"region,count\nNorth,120\nSouth,340\n"


@pytest.fixture
def queued(monkeypatch):
    """The scans the sweeper queues (what it hands to the broker after commit)."""
    sent: list[int] = []
    monkeypatch.setattr(
        tasks, "output_file_enqueue_scan", lambda *, output_file_id: sent.append(output_file_id)
    )
    return sent


@pytest.fixture
def upload():
    project = make_project("sweep")
    user, _key = make_member(project, "sweep-researcher")

    def make(name: str = "table.csv") -> OutputFile:
        return services.output_file_upload(
            project=project, user=user, uploaded=SimpleUploadedFile(name, CSV), name=name
        )

    return make


def age(output_file: OutputFile, **delta) -> None:
    OutputFile.objects.filter(pk=output_file.pk).update(
        updated_at=timezone.now() - timedelta(**delta)
    )


def test_a_file_whose_message_was_lost_is_queued_again_once(
    upload, queued, django_capture_on_commit_callbacks
):
    lost = upload("lost.csv")
    fresh = upload("fresh.csv")
    age(lost, minutes=10)

    with django_capture_on_commit_callbacks(execute=True):
        requeued = output_file_requeue_stuck(after_seconds=300)

    assert requeued == [lost.pk]
    assert queued == [lost.pk]
    event = AuditEvent.objects.get(action="scan_requeued")
    assert event.object_id == str(lost.pk)
    assert event.data["status"] == "uploaded"
    # Not again until another period has passed.
    with django_capture_on_commit_callbacks(execute=True):
        assert output_file_requeue_stuck(after_seconds=300) == []
    assert fresh.pk not in queued


def test_a_scan_that_may_still_be_running_is_left_alone(upload, queued):
    running = upload("running.csv")
    scanning._output_file_claim_scan(output_file_id=running.pk)  # a worker has it now
    age(running, minutes=10)
    assert output_file_requeue_stuck(after_seconds=60) == []

    # The worker died: its claim (lease) ran out long ago.
    OutputFile.objects.filter(pk=running.pk).update(
        scan_started_at=timezone.now() - scanning.scan_lease() - timedelta(seconds=1)
    )
    assert output_file_requeue_stuck(after_seconds=60) == [running.pk]


def test_scanned_and_withdrawn_files_are_never_queued_again(upload, queued):
    scanned = upload("scanned.csv")
    scanning.output_file_scan(output_file_id=scanned.pk)
    withdrawn = upload("withdrawn.csv")
    services.output_file_withdraw(output_file=withdrawn, user=withdrawn.uploaded_by)
    age(scanned, hours=2)
    age(withdrawn, hours=2)
    assert OutputFile.objects.get(pk=scanned.pk).status == Status.SCANNED
    assert output_file_requeue_stuck(after_seconds=1) == []


def test_a_requeued_file_is_scanned_exactly_once(upload, queued):
    """Two deliveries of the same scan (the original and the sweeper's): one verdict."""
    output_file = upload("twice.csv")
    age(output_file, minutes=10)
    output_file_requeue_stuck(after_seconds=60)
    scanning.output_file_scan(output_file_id=output_file.pk)
    scanning.output_file_scan(output_file_id=output_file.pk)
    finished = AuditEvent.objects.filter(
        action="scan_finished", object_id=str(output_file.pk)
    ).count()
    assert finished == 1
    assert OutputFile.objects.get(pk=output_file.pk).verdict == "clean"
