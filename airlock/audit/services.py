"""Writing the audit trail. Call inside the transaction of the change it records."""

import hashlib
import json
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from airlock.audit.keys import audit_keys
from airlock.audit.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64  # the prev_hash of the very first event


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
    user = actor if actor is not None and actor.is_authenticated else None
    # No savepoint inside the caller's transaction: the event commits with the change it
    # records or not at all. Called alone (a sign-in), this is a transaction of its own.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            created_at=timezone.now(),
            actor=user,
            actor_name=user.get_username() if user else "system",
            action=action,
            project_code=project_code,
            object_type=object_type,
            object_id="" if object_id is None else str(object_id),
            data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
            prev_hash=head.last_hash,
        )
        event.hash = event_digest(prev_hash=head.last_hash, fields=event_fields(event))
        keys = audit_keys()
        event.key_id = keys.current_id
        event.mac = keys.sign(event_mac_message(event.hash))
        event.save()
        head.last_hash = event.hash
        head.count += 1
        head.key_id = keys.current_id
        head.mac = keys.sign(head_mac_message(head.count, head.last_hash))
        head.save(update_fields=["last_hash", "count", "key_id", "mac"])
    return event
