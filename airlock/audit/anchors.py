"""The chain head, anchored outside the database from time to time.

An anchor is one JSON line appended to ``AIRLOCK_AUDIT_ANCHOR_FILE`` (default
``<data dir>/audit-anchors.jsonl``): when, how many events the chain held, the newest event's
hash, and an HMAC of the three under the audit key. ``audit_verify`` checks that the chain still
holds every anchored event at its position, so cutting the tail of the trail and "fixing" the
head from the database is found. Anchors are written by a beat task (hourly), after each purge,
and by ``manage.py audit_anchor`` (``--print`` also prints the line, for paper or another
system). Make the file append-only where the filesystem allows it (``chattr +a``), or ship the
lines to write-once storage.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from airlock.audit.keys import AuditKeyMissing, audit_keys
from airlock.audit.models import AuditChainHead


@dataclass(frozen=True)
class Anchor:
    line: int
    at: str
    count: int
    hash: str
    key_id: str
    mac: str

    @property
    def message(self) -> str:
        return anchor_message(self.at, self.count, self.hash)

    def is_genuine(self) -> bool:
        try:
            return audit_keys().verify(self.message, self.mac, self.key_id)
        except AuditKeyMissing:
            return False


def anchor_message(at: str, count: int, last_hash: str) -> str:
    return f"anchor:{at}:{count}:{last_hash}"


def anchor_file() -> Path:
    configured = getattr(settings, "AIRLOCK_AUDIT_ANCHOR_FILE", "")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "audit-anchors.jsonl"


def audit_anchor_write() -> dict:
    """Append the current chain head to the anchor file; returns the line written."""
    head = AuditChainHead.objects.filter(pk=1).first()
    count, last_hash = (head.count, head.last_hash) if head else (0, "0" * 64)
    keys = audit_keys()
    at = timezone.now().isoformat()
    record = {
        "at": at,
        "count": count,
        "hash": last_hash,
        "key_id": keys.current_id,
        "mac": keys.sign(anchor_message(at, count, last_hash)),
    }
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, (json.dumps(record, sort_keys=True) + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return record


def audit_anchor_list() -> list[Anchor | int]:
    """Every anchor in the file, oldest first; a line that cannot be read is its line number."""
    path = anchor_file()
    if not path.exists():
        return []
    anchors: list[Anchor | int] = []
    for number, text in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            anchors.append(
                Anchor(
                    line=number,
                    at=str(data["at"]),
                    count=int(data["count"]),
                    hash=str(data["hash"]),
                    key_id=str(data["key_id"]),
                    mac=str(data["mac"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            anchors.append(number)
    return anchors
