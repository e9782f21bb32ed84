"""Reads of the audit trail: the chain check and the events staff export."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from airlock.audit.anchors import Anchor, audit_anchor_list
from airlock.audit.keys import AuditKeyMissing, AuditKeys, audit_keys
from airlock.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from airlock.audit.services import (
    GENESIS_HASH,
    event_digest,
    event_fields,
    event_mac_message,
    head_mac_message,
)

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
    anchors: int = 0  # anchors outside the database the chain was checked against

    @property
    def ok(self) -> bool:
        return self.problem is None


# A purge's audit_purged event is written a moment after its cut-off was worked out.
_PURGE_SLACK = timedelta(minutes=5)


def audit_chain_verify() -> ChainReport:
    """Walk the chain from the last purge checkpoint and find the first thing that breaks it.

    - An edited event no longer hashes to its stored hash; one whose hash was recomputed no
      longer carries a valid HMAC under the audit key (which the database does not hold).
    - A deleted event leaves the next one pointing at a hash that is not its predecessor's.
    - An inserted event either does not chain, lacks a valid HMAC, or lies beyond the chain
      head (count and last hash, themselves under an HMAC), which is re-read, so events
      appended while this runs are not taken for insertions.
    - A purge checkpoint counts only with its matching ``audit_purged`` event (under the HMAC)
      and only if that purge respected the retention period.
    - Every anchor written outside the database (airlock/audit/anchors.py) must still be in the
      chain at its position: cutting the newest events and fixing the head is found.
    """
    keys = audit_keys()
    unkeyed_through = int(getattr(settings, "AIRLOCK_AUDIT_UNKEYED_THROUGH", 0) or 0)
    checkpoint = AuditCheckpoint.objects.order_by("-through_event_id").first()
    expected_prev = checkpoint.through_hash if checkpoint else GENESIS_HASH
    after_id = checkpoint.through_event_id if checkpoint else 0
    purged = checkpoint.total_purged if checkpoint else 0
    head = AuditChainHead.objects.filter(pk=1).first()
    position = purged  # events in the chain up to and including the last one verified
    checked = 0
    hash_before_prev: str | None = None
    prev_id: int | None = None
    checkpoint_vouched = checkpoint is None
    last_keyed = False

    anchors = audit_anchor_list()

    def problem(event_id: int | None, reason: str) -> ChainReport:
        return ChainReport(
            checked=checked,
            purged=purged,
            problem=ChainProblem(event_id, reason),
            anchors=len(anchors),
        )

    for anchor in anchors:
        if isinstance(anchor, int):
            return problem(None, f"line {anchor} of the anchor file cannot be read")
        if not anchor.is_genuine():
            return problem(None, f"line {anchor.line} of the anchor file does not verify")
    anchored = {a.count: a for a in anchors if isinstance(a, Anchor) and a.count > purged}
    for anchor in anchors:
        if (
            isinstance(anchor, Anchor)
            and anchor.count == purged
            and purged
            and (anchor.hash != expected_prev)
        ):
            return problem(None, f"the purge checkpoint is not the chain anchored at {anchor.at}")

    first = AuditEvent.objects.filter(id__lte=after_id).order_by("id").first()
    if first is not None:
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
            signed = _signature_problem(keys, event, unkeyed_through)
            if signed:
                return problem(event.pk, signed)
            last_keyed = bool(event.mac)
            hash_before_prev, expected_prev, prev_id = expected_prev, event.hash, event.pk
            position += 1
            checked += 1
            here = anchored.get(position)
            if here is not None and here.hash != event.hash:
                return problem(event.pk, f"it is not the event anchored at {here.at}")
            if (
                checkpoint is not None
                and event.action == "audit_purged"
                and event.object_id == str(checkpoint.pk)
            ):
                wrong = _checkpoint_problem(checkpoint, event)
                if wrong:
                    return problem(event.pk, wrong)
                checkpoint_vouched = True
        last_seen = page[-1].pk
    if not checkpoint_vouched:
        return problem(
            None,
            f"the purge checkpoint through event {after_id} has no audit_purged event of its "
            "own: it was not written by a purge",
        )
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (position < head.count or expected_prev != head.last_hash):
        missing = head.count - position
        return problem(
            None,
            f"the newest {missing} event(s) after event {prev_id or after_id} are missing"
            if missing > 0
            else f"the chain does not end at the recorded head after event {prev_id}",
        )
    if head is not None and (head.mac or last_keyed):
        try:
            genuine = keys.verify(
                head_mac_message(head.count, head.last_hash), head.mac, head.key_id
            )
        except AuditKeyMissing:
            genuine = False
        if not genuine:
            return problem(None, "the chain head was changed outside the service")
    beyond = [a for a in anchored.values() if a.count > position]
    if beyond:
        newest = max(beyond, key=lambda a: a.count)
        return problem(
            None,
            f"the trail holds {position} events, but {newest.count} when it was anchored at "
            f"{newest.at}: the newest events were cut",
        )
    return ChainReport(checked=checked, purged=purged, anchors=len(anchors))


def _signature_problem(keys: AuditKeys, event: AuditEvent, unkeyed_through: int) -> str:
    if not event.mac:
        if event.pk <= unkeyed_through:
            return ""  # recorded before the trail was keyed (AIRLOCK_AUDIT_UNKEYED_THROUGH)
        return "it carries no HMAC: it was not recorded by the service"
    try:
        if keys.verify(event_mac_message(event.hash), event.mac, event.key_id):
            return ""
    except AuditKeyMissing:
        return f"it is signed with audit key {event.key_id}, which is not configured"
    return "its HMAC does not verify: it was forged or recomputed without the audit key"


def _checkpoint_problem(checkpoint: AuditCheckpoint, event: AuditEvent) -> str:
    """Why a checkpoint does not match the audit_purged event that vouches for it, or ""."""
    data = event.data if isinstance(event.data, dict) else {}
    if (
        data.get("through_event_id") != checkpoint.through_event_id
        or data.get("through_hash") != checkpoint.through_hash
        or data.get("purged_count") != checkpoint.purged_count
        or ("total_purged" in data and data["total_purged"] != checkpoint.total_purged)
    ):
        return "the purge checkpoint does not match its audit_purged event"
    before = parse_datetime(str(data.get("before") or ""))
    retention = data.get("retention_days")
    if before is None or not isinstance(retention, int):
        return "the audit_purged event does not say which retention period the purge kept"
    if before > event.created_at - timedelta(days=retention) + _PURGE_SLACK:
        return "the purge removed events inside the retention period"
    # The event's JSON keeps the cut-off to the millisecond (DjangoJSONEncoder), so the last
    # purged event is compared at that precision: an event of the same millisecond was older.
    through = checkpoint.through_created_at
    if through.replace(microsecond=through.microsecond // 1000 * 1000) > before:
        return "the purge checkpoint vouches for events newer than the purge's cut-off"
    return ""


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
