"""Reads of the audit trail: the chain check and the events staff export."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from airlock.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from airlock.audit.services import GENESIS_HASH, event_digest, event_fields

PAGE = 2000


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None  # the first bad event; None when events after the last one are gone
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int  # events present and verified
    purged: int  # events removed past retention, vouched for by the checkpoint
    problem: ChainProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def audit_chain_verify() -> ChainReport:
    """Walk the chain from the last purge checkpoint and find the first event that breaks it.

    An edited event no longer hashes to its stored hash; a deleted event leaves the next one
    pointing at a hash that is not its predecessor's; an inserted event either does not chain
    to its neighbours or lies beyond the chain head that audit_record keeps (count and last
    hash), which is re-read, so events appended while this runs are not taken for insertions.
    """
    checkpoint = AuditCheckpoint.objects.order_by("-through_event_id").first()
    expected_prev = checkpoint.through_hash if checkpoint else GENESIS_HASH
    after_id = checkpoint.through_event_id if checkpoint else 0
    purged = checkpoint.total_purged if checkpoint else 0
    head = AuditChainHead.objects.filter(pk=1).first()
    position = purged  # events in the chain up to and including the last one verified
    checked = 0
    hash_before_prev: str | None = None
    prev_id: int | None = None

    def problem(event_id: int | None, reason: str) -> ChainReport:
        return ChainReport(checked=checked, purged=purged, problem=ChainProblem(event_id, reason))

    if AuditEvent.objects.filter(id__lte=after_id).exists():
        first = AuditEvent.objects.filter(id__lte=after_id).order_by("id").first()
        return problem(first.pk, "an event older than the purge checkpoint is present")
    last_seen = after_id
    while True:
        page = list(AuditEvent.objects.filter(id__gt=last_seen).order_by("id")[:PAGE])
        if not page:
            break
        for event in page:
            if head is not None and position == head.count and expected_prev == head.last_hash:
                head = AuditChainHead.objects.filter(pk=1).first()  # appended meanwhile?
                if head is not None and position >= head.count:
                    return problem(event.pk, "inserted after the newest recorded event")
            if event.prev_hash != expected_prev:
                if hash_before_prev is not None and event.prev_hash == hash_before_prev:
                    return problem(prev_id, "inserted: the next event does not chain to it")
                return problem(event.pk, "the event before it was deleted or changed")
            if event_digest(prev_hash=event.prev_hash, fields=event_fields(event)) != event.hash:
                return problem(event.pk, "its content was changed after it was recorded")
            hash_before_prev, expected_prev, prev_id = expected_prev, event.hash, event.pk
            position += 1
            checked += 1
        last_seen = page[-1].pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (position < head.count or expected_prev != head.last_hash):
        missing = head.count - position
        return problem(
            None,
            f"the newest {missing} event(s) after event {prev_id or after_id} are missing"
            if missing > 0
            else f"the chain does not end at the recorded head after event {prev_id}",
        )
    return ChainReport(checked=checked, purged=purged)


def audit_event_list(
    *,
    project_code: str = "",
    action: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all().order_by("id")
    if project_code:
        events = events.filter(project_code=project_code)
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(created_at__gte=since)
    if until:
        events = events.filter(created_at__lt=until)
    return events


def audit_action_list() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
