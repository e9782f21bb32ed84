"""Retention of the audit trail: events are kept five years, then purged behind a checkpoint.

microdata.no keeps usage logs for five years (seed 000); so do we: AIRLOCK_AUDIT_RETENTION_DAYS,
default 1827. A purge first verifies the whole chain (it never destroys the evidence of
tampering), then records an AuditCheckpoint holding the hash of the last purged event, deletes
the events up to it and writes an ``audit_purged`` event. The remaining chain verifies from the
checkpoint on (audit_chain_verify).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.anchors import audit_anchor_write
from airlock.audit.models import AuditCheckpoint, AuditEvent
from airlock.audit.selectors import audit_chain_verify
from airlock.audit.services import audit_record

DEFAULT_RETENTION_DAYS = 5 * 365 + 2  # five years, leap days included


class PurgeRefused(Exception):
    pass


def audit_retention_days() -> int:
    return int(getattr(settings, "AIRLOCK_AUDIT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def audit_purge_cutoff(*, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=audit_retention_days())


def audit_event_purge(*, before: datetime) -> AuditCheckpoint | None:
    """Delete the events recorded before ``before``, leaving a checkpoint. None if none.

    ``before`` may not be later than the retention cut-off: a purge never removes an event
    inside the retention period (and ``audit_verify`` would not accept its checkpoint)."""
    cutoff = audit_purge_cutoff()
    if before > cutoff:
        raise PurgeRefused(
            f"Audit events are kept {audit_retention_days()} days: nothing after "
            f"{cutoff.isoformat()} can be purged; nothing was purged."
        )
    report = audit_chain_verify()
    if not report.ok:
        raise PurgeRefused(
            f"The audit chain does not verify (event {report.problem.event_id}: "  # type: ignore[union-attr]
            f"{report.problem.reason}); nothing was purged."  # type: ignore[union-attr]
        )
    with transaction.atomic():
        last = AuditEvent.objects.filter(created_at__lt=before).order_by("-id").first()
        if last is None:
            return None
        count = AuditEvent.objects.filter(id__lte=last.pk).count()
        previous = AuditCheckpoint.objects.order_by("-through_event_id").first()
        checkpoint = AuditCheckpoint.objects.create(
            through_event_id=last.pk,
            through_hash=last.hash,
            through_created_at=last.created_at,
            purged_count=count,
            total_purged=(previous.total_purged if previous else 0) + count,
        )
        table = AuditEvent._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The append-only trigger lets a DELETE through only with this, set for this
                # transaction alone (migration 0003).
                cursor.execute("SELECT set_config('airlock.audit_purge', 'on', true)")
            cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last.pk])  # noqa: S608
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('airlock.audit_purge', 'off', true)")
        audit_record(
            action=AuditAction.AUDIT_PURGED,
            object_type="audit_checkpoint",
            object_id=checkpoint.pk,
            data={
                "before": before,
                "through_event_id": last.pk,
                "through_hash": last.hash,
                "purged_count": count,
                "total_purged": checkpoint.total_purged,
                "retention_days": audit_retention_days(),
            },
        )
        transaction.on_commit(audit_anchor_write)
    return checkpoint
