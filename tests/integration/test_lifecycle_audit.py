"""A status change and its audit event are one transaction: both happen, or neither."""

import io

import pytest
from django.db import transaction

from airlock.audit.models import AuditEvent
from airlock.outputs import lifecycle, services
from airlock.outputs.models import OutputFile, Status
from tests.support.api_client import make_member, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def output_file():
    project = make_project("p1")
    user, _key = make_member(project, "rita")
    return services.output_file_upload(
        project=project, user=user, uploaded=io.BytesIO(b"a;b\n1;2\n"), name="a.csv"
    )


def events(output_file, action=None):
    qs = AuditEvent.objects.filter(object_type="output_file", object_id=str(output_file.pk))
    return qs.filter(action=action) if action else qs


def test_a_transition_writes_one_audit_event_with_from_and_to(output_file):
    lifecycle.transition(output_file, Status.SCANNING)

    event = events(output_file, "scan_started").get()
    assert event.data["from"] == "uploaded"
    assert event.data["to"] == "scanning"
    assert event.project_code == "p1"
    assert OutputFile.objects.get(pk=output_file.pk).status == "scanning"


def test_a_refused_transition_changes_nothing_and_writes_no_event(output_file):
    before = events(output_file).count()

    with pytest.raises(lifecycle.InvalidTransition):
        lifecycle.transition(output_file, Status.RELEASED)

    assert OutputFile.objects.get(pk=output_file.pk).status == "uploaded"
    assert events(output_file).count() == before


def test_if_the_audit_event_cannot_be_written_the_status_does_not_change(output_file, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(lifecycle, "audit_record", broken_audit)

    with pytest.raises(RuntimeError):
        lifecycle.transition(output_file, Status.SCANNING)

    assert OutputFile.objects.get(pk=output_file.pk).status == "uploaded"


def test_a_failure_after_the_transition_in_the_same_transaction_leaves_no_event(output_file):
    before = events(output_file).count()

    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.transition(output_file, Status.SCANNING)
        raise RuntimeError("the caller failed after the change")

    assert OutputFile.objects.get(pk=output_file.pk).status == "uploaded"
    assert events(output_file).count() == before


def test_the_transition_reads_the_current_status_not_a_stale_copy(output_file):
    stale = OutputFile.objects.get(pk=output_file.pk)
    services.output_file_withdraw(output_file=output_file, user=output_file.uploaded_by)

    with pytest.raises(lifecycle.InvalidTransition):
        lifecycle.transition(stale, Status.SCANNING)  # the copy still says "uploaded"

    assert OutputFile.objects.get(pk=output_file.pk).status == "withdrawn"
    assert not events(output_file, "scan_started").exists()
