"""A released file's tables are fingerprinted for differencing across files.

When a file reaches the portal (status ``released``), a worker task reads its tables again in
a sandbox child, as a scan does, and stores their fingerprints as
``airlock.projects.released_tables.ReleasedTable`` rows. A file that is never released never
gets one. Registered when the app is ready (outputs/apps.py).
"""

import logging
import tempfile
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
from scanners.sandbox import fingerprints_isolated

logger = logging.getLogger(__name__)

NEVER_FINGERPRINTED = ("unscannable", "rejected")


def released_file_fingerprint(*, output_file_id: int) -> int:
    """Store the fingerprints of a released file's tables (once); the number stored."""
    output_file = OutputFile.objects.select_related("project", "transfer").get(pk=output_file_id)
    if output_file.status != Status.RELEASED or output_file.verdict in NEVER_FINGERPRINTED:
        return 0
    if ReleasedTable.objects.filter(output_file=output_file).exists():
        return 0
    project = output_file.project
    if output_file.size > project.review_size_bytes:
        return 0  # read again in a sandbox child: only files small enough for review
    # the limits and types the readers use; not the project's history, which they do not
    policy = policy_for_project(project, history=False)
    with tempfile.TemporaryDirectory(prefix="airlock-fingerprint-") as folder:
        local = Path(folder) / ("file." + (extension_of(output_file.name) or "bin"))
        with (
            storage.quarantine_store().open(output_file.storage_key, "rb") as source,
            local.open("wb") as target,
        ):
            for chunk in iter(lambda: source.read(storage.CHUNK_SIZE), b""):
                target.write(chunk)
        fingerprints = fingerprints_isolated(local, filename=output_file.name, policy=policy)
    transferred_at = (
        (output_file.transfer.created_at if output_file.transfer is not None else None)
        or output_file.released_at
        or timezone.now()
    )
    with transaction.atomic():
        if ReleasedTable.objects.filter(output_file=output_file).exists():
            return 0
        ReleasedTable.objects.bulk_create(
            ReleasedTable(
                project=project,
                output_file=output_file,
                file_name=output_file.name[:255],
                transferred_at=transferred_at,
                table_name=str(f.get("table", ""))[:255],
                fingerprint=f,
            )
            for f in fingerprints
        )
    return len(fingerprints)


@shared_task(
    # The name it had when it lived in airlock.projects: messages already queued still run.
    name="airlock.projects.released_tables.fingerprint_released_file",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def fingerprint_released_file(output_file_id: int) -> None:
    try:
        released_file_fingerprint(output_file_id=output_file_id)
    except Exception:  # the worker never crashes on a file; the file simply has none
        logger.exception("Fingerprinting released file %s failed", output_file_id)


@receiver(post_save, sender="airlock_outputs.OutputFile", dispatch_uid="released_fingerprint")
def _on_release(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.status != "released":
        return
    if update_fields is not None and "status" not in update_fields:
        return
    file_id = instance.pk
    transaction.on_commit(lambda: _send(file_id))


def _send(file_id: int) -> None:
    try:
        fingerprint_released_file.delay(file_id)
    except Exception:  # a broker that is down loses a fingerprint, never a release
        logger.warning("Could not queue the fingerprint of released file %s", file_id)
