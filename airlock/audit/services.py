"""Writing the audit trail. Call inside the transaction of the change it records."""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from airlock.audit.keys import audit_keys
from airlock.audit.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64  # the prev_hash of the very first event

# The events recorded inside ``audit_batch()``: appended to the chain together at its end.
_batched: ContextVar[list[AuditEvent] | None] = ContextVar("audit_batched", default=None)


def event_digest(*, prev_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def event_mac_message(event_hash: str) -> str:
    return f"event:{event_hash}"


def head_mac_message(count: int, last_hash: str) -> str:
    return f"head:{count}:{last_hash}"


def event_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "project_code": event.project_code,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "data": event.data,
    }


def audit_record(
    *,
    action: str,
    actor: User | AnonymousUser | None = None,
    project_code: str = "",
    object_type: str = "",
    object_id: str | int | None = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the audit chain, in the caller's transaction. Inside
    ``audit_batch()`` it is appended with the block's other events when the block ends (the
    returned event is saved then)."""
    user = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        actor=user,
        actor_name=user.get_username() if user else "system",
        action=action,
        project_code=project_code,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    )
    batch = _batched.get()
    if batch is not None:
        batch.append(event)
    else:
        _append([event])
    return event


@contextmanager
def audit_batch() -> Iterator[None]:
    """In a transaction: the events recorded in the block are appended to the chain in the
    order they were recorded, together when the block ends, under one lock of the chain's
    head (taken then, not at the first event) and in one INSERT. A block that raises appends
    nothing: its transaction is undone anyway. A transfer of many files uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("audit_batch() needs a transaction")
    if _batched.get() is not None:  # already in a batch: its end appends these too
        yield
        return
    events: list[AuditEvent] = []
    token = _batched.set(events)
    try:
        yield
    finally:
        _batched.reset(token)
    if events:
        _append(events)


def _append(events: list[AuditEvent]) -> None:
    """Chain, sign and save ``events`` after the head, which is locked until the commit."""
    # No savepoint inside the caller's transaction: the events commit with the change they
    # record or not at all. Called alone (a sign-in), this is a transaction of its own.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        keys = audit_keys()
        now = timezone.now()  # under the head's lock: the chain's times never go back
        for event in events:
            event.created_at = now
            event.prev_hash = head.last_hash
            event.hash = event_digest(prev_hash=head.last_hash, fields=event_fields(event))
            event.key_id = keys.current_id
            event.mac = keys.sign(event_mac_message(event.hash))
            head.last_hash = event.hash
            head.count += 1
        if len(events) == 1:
            events[0].save()
        else:
            AuditEvent.objects.bulk_create(events)  # in order: the ids follow the chain
        head.key_id = keys.current_id
        head.mac = keys.sign(head_mac_message(head.count, head.last_hash))
        head.save(update_fields=["last_hash", "count", "key_id", "mac"])
