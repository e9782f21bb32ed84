"""Celery beat task of the audit trail: anchor the chain head outside the database."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def anchor_audit_chain() -> int:
    """Append the chain head to the anchor file (airlock/audit/anchors.py); returns its count."""
    from airlock.audit.anchors import audit_anchor_write

    return int(audit_anchor_write()["count"])
