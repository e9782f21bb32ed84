"""Celery beat tasks of the audit trail: anchor the chain head outside the database, and purge
events past retention behind a checkpoint. Thin and idempotent."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def anchor_audit_chain() -> int:
    """Append the chain head to the anchor file (airlock/audit/anchors.py); returns its count."""
    from airlock.audit.anchors import audit_anchor_write

    return int(audit_anchor_write()["count"])


@shared_task(acks_late=True, soft_time_limit=3600, time_limit=3700)
def purge_audit_events_past_retention() -> int:
    """Audit events older than five years are purged behind a checkpoint (idempotent)."""
    from airlock.audit.purge import audit_event_purge, audit_purge_cutoff

    checkpoint = audit_event_purge(before=audit_purge_cutoff())
    return checkpoint.purged_count if checkpoint else 0
