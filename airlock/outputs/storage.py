"""The two file stores. Keys are random, never derived from what the user named the file."""

import hashlib
import shutil
import uuid
from pathlib import Path
from typing import IO

from django.core.files.base import File
from django.core.files.storage import Storage, storages

CHUNK_SIZE = 1024 * 1024


class IntegrityError(Exception):
    """The stored bytes no longer match the sha256 recorded at upload."""


def quarantine_store() -> Storage:
    return storages["quarantine"]


def released_store() -> Storage:
    return storages["released"]


def new_storage_key(*, project_id: int) -> str:
    return f"projects/{project_id}/{uuid.uuid4().hex}"


def sha256_and_size(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def save_quarantined(*, key: str, stream: IO[bytes]) -> str:
    stream.seek(0)
    try:
        saved = quarantine_store().save(key, File(stream))
    except BaseException:
        # A save stopped half way (a full disk) leaves no partial file behind.
        quarantine_store().delete(key)
        raise
    if saved != key:  # a collision would be a bug: keys are random
        quarantine_store().delete(saved)
        raise RuntimeError("Storage key collision")
    return saved


def copy_quarantined_to(*, key: str, path: Path) -> Path:
    """Write the quarantined bytes under ``key`` to a local file, for a sandbox child to read
    (a scan, a released file's fingerprints, a reviewer's preview)."""
    with quarantine_store().open(key, "rb") as source, path.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK_SIZE)
    return path


def copy_to_released(*, key: str, expected_sha256: str) -> str:
    """Copy quarantined bytes to the released store, checking them against the upload sha256."""
    digest = hashlib.sha256()
    with quarantine_store().open(key, "rb") as source:
        for chunk in iter(lambda: source.read(CHUNK_SIZE), b""):
            digest.update(chunk)
        if digest.hexdigest() != expected_sha256:
            raise IntegrityError(key)
        source.seek(0)
        store = released_store()
        if store.exists(key):
            store.delete(key)
        return store.save(key, File(source))


def verify_stored(*, store: Storage, key: str, expected_sha256: str) -> None:
    """Raise IntegrityError unless the stored bytes hash to the sha256 recorded at upload."""
    with store.open(key, "rb") as handle:
        digest, _size = sha256_and_size(handle)
    if digest != expected_sha256:
        raise IntegrityError(key)
