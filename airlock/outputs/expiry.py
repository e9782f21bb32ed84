"""Released files leave the portal after their project's retention (beat: hourly)."""

from datetime import datetime

from django.db import transaction

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.outputs import lifecycle
from airlock.outputs.models import Status
from airlock.outputs.selectors import output_file_list_due_for_expiry
from airlock.outputs.services import output_file_remove_released


def released_file_expire_due(*, now: datetime | None = None) -> list[int]:
    """Released files past their project's retention_days leave the portal (status expired,
    released copy deleted). Returns the ids expired; each is audited by the lifecycle."""
    expired: list[int] = []
    for output_file in output_file_list_due_for_expiry(now=now):
        try:
            with transaction.atomic():
                output_file_remove_released(
                    output_file=output_file,
                    target=Status.EXPIRED,
                    actor=None,
                    data={
                        "retention_days": output_file.project.retention_days,
                        "released_at": output_file.released_at,
                    },
                )
        except lifecycle.InvalidTransition:
            continue  # deleted, reported or blocked meanwhile
        expired.append(output_file.pk)
    if expired:
        audit_record(
            action=AuditAction.RETENTION_EXPIRED, data={"files": expired, "count": len(expired)}
        )
    return expired
