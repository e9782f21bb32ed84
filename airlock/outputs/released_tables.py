"""A released file's tables are fingerprinted for differencing across files.

When a file reaches the portal (status ``released``), a worker task reads its tables again in
a sandbox child, as a scan does, and stores their fingerprints as
``airlock.projects.released_tables.ReleasedTable`` rows. The files a transfer releases at once
go in one task and one child. A file that is never released never gets one. Registered when
the app is ready (outputs/apps.py).
"""

import logging
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

from celery import shared_task
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from airlock.outputs import storage
from airlock.outputs.models import OutputFile, Status
from airlock.outputs.names import extension_of
from airlock.projects.policy import policy_for_project
from airlock.projects.released_tables import ReleasedTable
from scanners.sandbox import fingerprints_isolated_many

logger = logging.getLogger(__name__)

NEVER_FINGERPRINTED = ("unscannable", "rejected")


def released_file_fingerprint(*, output_file_id: int) -> int:
    """Store the fingerprints of a released file's tables (once); the number stored."""
    return released_files_fingerprint(output_file_ids=[output_file_id])


def released_files_fingerprint(*, output_file_ids: Sequence[int]) -> int:
    """Store the fingerprints of released files' tables (each file once); the number stored.

    A transfer's files are read in one sandbox child (``fingerprints_isolated_many``), and
    their rows written in one statement. Files not (or no longer) released, never judged,
    larger than review size, or already fingerprinted are left out.
    """
    files = _to_fingerprint(output_file_ids)
    stored = 0
    for project_files in _by_project(files):
        stored += _fingerprint_files(project_files)
    return stored


def _to_fingerprint(output_file_ids: Sequence[int]) -> list[OutputFile]:
    already = ReleasedTable.objects.filter(output_file__in=output_file_ids).values("output_file")
    candidates = (
        OutputFile.objects.select_related("project", "transfer")
        .filter(pk__in=output_file_ids, status=Status.RELEASED)
        .exclude(verdict__in=NEVER_FINGERPRINTED)
        .exclude(pk__in=already)
        .order_by("id")
    )
    # read again in a sandbox child: only files small enough for review
    return [f for f in candidates if f.size <= f.project.review_size_bytes]


def _by_project(files: list[OutputFile]) -> Iterator[list[OutputFile]]:
    groups: dict[int, list[OutputFile]] = {}
    for output_file in files:
        groups.setdefault(output_file.project_id, []).append(output_file)
    yield from groups.values()


def _fingerprint_files(files: list[OutputFile]) -> int:
    """One project's files: copied out of quarantine, read in one child, stored together."""
    # the limits and types the readers use; not the project's history, which they do not
    policy = policy_for_project(files[0].project, history=False)
    with tempfile.TemporaryDirectory(prefix="airlock-fingerprint-") as folder:
        local_files = [
            (
                storage.copy_quarantined_to(
                    key=output_file.storage_key,
                    path=Path(folder) / f"{n}.{extension_of(output_file.name) or 'bin'}",
                ),
                output_file.name,
            )
            for n, output_file in enumerate(files)
        ]
        found = fingerprints_isolated_many(local_files, policy=policy)
    rows = [
        ReleasedTable(
            project=output_file.project,
            output_file=output_file,
            file_name=output_file.name[:255],
            transferred_at=_transferred_at(output_file),
            table_name=str(fingerprint.get("table", ""))[:255],
            fingerprint=fingerprint,
        )
        for output_file, fingerprints in zip(files, found, strict=True)
        for fingerprint in fingerprints
    ]
    with transaction.atomic():
        # another delivery of the same message may have stored some of them meanwhile
        done = set(
            ReleasedTable.objects.filter(output_file__in=files).values_list(
                "output_file_id", flat=True
            )
        )
        rows = [row for row in rows if row.output_file_id not in done]
        ReleasedTable.objects.bulk_create(rows)
    return len(rows)


def _transferred_at(output_file: OutputFile) -> datetime:
    return (
        (output_file.transfer.created_at if output_file.transfer is not None else None)
        or output_file.released_at
        or timezone.now()
    )


@shared_task(
    # The name it had when it lived in airlock.projects: messages already queued still run.
    name="airlock.projects.released_tables.fingerprint_released_file",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def fingerprint_released_file(output_file_id: int) -> None:
    fingerprint_released_files([output_file_id])


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def fingerprint_released_files(output_file_ids: list[int]) -> None:
    try:
        released_files_fingerprint(output_file_ids=output_file_ids)
    except Exception:  # the worker never crashes on a file; the files simply have none
        logger.exception("Fingerprinting released files %s failed", output_file_ids)


# The files released inside ``one_fingerprint_task()``: sent together after the commit.
_released_together: ContextVar[list[int] | None] = ContextVar("released_together", default=None)


@contextmanager
def one_fingerprint_task() -> Iterator[None]:
    """Inside the caller's transaction: the files released in this block are fingerprinted by
    one task (one sandbox child) after the commit, not one task each. A transfer uses it."""
    released: list[int] = []
    token = _released_together.set(released)
    try:
        yield
    finally:
        _released_together.reset(token)
    if released:
        transaction.on_commit(lambda: _send(released))


@receiver(post_save, sender="airlock_outputs.OutputFile", dispatch_uid="released_fingerprint")
def _on_release(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.status != "released":
        return
    if update_fields is not None and "status" not in update_fields:
        return
    together = _released_together.get()
    if together is not None:
        together.append(instance.pk)
        return
    file_id = instance.pk
    transaction.on_commit(lambda: _send([file_id]))


def _send(file_ids: list[int]) -> None:
    try:
        fingerprint_released_files.delay(file_ids)
    except Exception:  # a broker that is down loses a fingerprint, never a release
        logger.warning("Could not queue the fingerprints of released files %s", file_ids)
