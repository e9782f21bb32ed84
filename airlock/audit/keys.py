"""The audit trail's keys: each event carries an HMAC under a key the database does not hold.

The keys come from ``AIRLOCK_AUDIT_KEY`` (comma-separated; the first signs, the others are
retired keys that still verify older events) or, when that is not set, from the key file
``AIRLOCK_AUDIT_KEY_FILE`` (default ``<data dir>/audit.key``): one key a line, the first signs.
A missing key file is created on first use with a random key (mode 0600), which suits the demo;
production sets the key from a secret store. Rotation: docs/operations/audit.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


class AuditKeyMissing(Exception):
    """An event names a key that is not configured (retired and removed?)."""


@dataclass(frozen=True)
class AuditKeys:
    current_id: str
    keys: dict[str, bytes]

    @property
    def current(self) -> bytes:
        return self.keys[self.current_id]

    def sign(self, message: str, key_id: str | None = None) -> str:
        key_id = key_id or self.current_id
        key = self.keys.get(key_id)
        if key is None:
            raise AuditKeyMissing(key_id)
        return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()

    def verify(self, message: str, mac: str, key_id: str) -> bool:
        return hmac.compare_digest(self.sign(message, key_id), mac)


def key_id_of(key: bytes) -> str:
    """A short public name for a key (it reveals nothing of the key)."""
    return hashlib.sha256(b"airlock-audit-key-id:" + key).hexdigest()[:16]


_cache: dict[tuple, AuditKeys] = {}


def audit_keys() -> AuditKeys:
    configured = str(getattr(settings, "AIRLOCK_AUDIT_KEY", "") or "")
    if configured:
        source: tuple = ("setting", configured)
        if source not in _cache:
            _cache[source] = _keys_from(configured.split(","))
        return _cache[source]
    path = audit_key_file()
    if not path.exists():
        _create_key_file(path)
    source = ("file", str(path), path.stat().st_mtime_ns)
    if source not in _cache:
        _cache[source] = _keys_from(path.read_text().splitlines())
    return _cache[source]


def audit_key_file() -> Path:
    configured = getattr(settings, "AIRLOCK_AUDIT_KEY_FILE", "")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "audit.key"


def _keys_from(lines: list[str]) -> AuditKeys:
    keys = [line.strip().encode() for line in lines if line.strip()]
    if not keys:
        raise AuditKeyMissing("no audit key is configured")
    ids = [key_id_of(key) for key in keys]
    return AuditKeys(current_id=ids[0], keys=dict(zip(ids, keys, strict=True)))


def _create_key_file(path: Path) -> None:
    """Write a random key atomically: of two processes starting at once, one key wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".audit-key-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
