"""The audit trail as CSV for staff (review zone). The export is itself audited."""

import csv
import json
from collections.abc import Iterable, Iterator

from django.contrib.auth.models import User
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.models import AuditEvent
from airlock.audit.selectors import audit_event_list
from airlock.audit.services import audit_record

COLUMNS = (
    "id", "created_at", "actor", "action", "project", "object_type", "object_id", "data",
    "prev_hash", "hash",
)  # fmt: skip
# A spreadsheet would run a cell starting with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """csv.writer's target: hands back each line it writes."""

    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def audit_events_csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for event in events:
        yield writer.writerow(
            [
                _cell(v)
                for v in (
                    event.pk,
                    timezone.localtime(event.created_at).isoformat(),
                    event.actor_name,
                    event.action,
                    event.project_code,
                    event.object_type,
                    event.object_id,
                    json.dumps(event.data, sort_keys=True, ensure_ascii=False),
                    event.prev_hash,
                    event.hash,
                )
            ]
        )


def audit_export_csv(*, user: User, filters: dict) -> Iterator[str]:
    """Record who exported which events (``audit_exported``, with the filters), then give the
    CSV's lines, read in chunks so a large trail streams."""
    audit_record(action=AuditAction.AUDIT_EXPORTED, actor=user, data=filters)
    return audit_events_csv_lines(audit_event_list(**filters).iterator(chunk_size=2000))
