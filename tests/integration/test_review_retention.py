"""Retention: released files leave the portal after the project's retention_days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from airlock.audit.models import AuditEvent
from airlock.outputs import storage
from airlock.outputs.expiry import released_file_expire_due
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


def test_released_files_expire_after_the_retention_time(django_capture_on_commit_callbacks):
    project, researcher, _ = w.project("ret", retention_days=30, sampling_rate=0.0)
    old = w.transferred_file(project, researcher, name="old.csv")
    new = w.transferred_file(project, researcher, name="new.csv")
    key = old.released_key
    with django_capture_on_commit_callbacks(execute=True):
        assert released_file_expire_due(now=timezone.now() + timedelta(days=29)) == []
        expired = released_file_expire_due(now=old.released_at + timedelta(days=30, seconds=1))
    assert set(expired) == {old.pk, new.pk}
    old.refresh_from_db()
    assert old.status == "expired"
    assert not storage.released_store().exists(key)
    download = w.Client().get(
        f"/api/portal/projects/ret/files/{old.pk}/download", **w.api(w.token(researcher))
    )
    assert download.status_code == 404
    assert AuditEvent.objects.filter(action="file_expired", object_id=str(old.pk)).exists()
    assert AuditEvent.objects.filter(action="retention_expired").exists()
    # Idempotent: nothing more to do the next hour.
    assert released_file_expire_due(now=timezone.now() + timedelta(days=31)) == []


def test_the_beat_schedule_runs_the_expiry_task():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "airlock.outputs.periodic.expire_released_files" in tasks
