"""Fingerprints of the tables a project has released, for differencing across files.

When a file reaches the portal (status ``released``), a worker task has its tables read again
in a sandbox child, as a scan is, and stores their fingerprints (``scanners.released_tables``:
category keys, counts, totals). A file that is never released never gets one. The project's
policy hands them to the scanner, which raises ``table.differencing`` when a new table gives a
count back together with one of them.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from celery import shared_task
from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_TABLES_IN_POLICY = 500  # the most recently released tables the scanner compares with
NEVER_FINGERPRINTED = ("unscannable", "rejected")


class ReleasedTable(models.Model):
    project = models.ForeignKey(
        "airlock_projects.Project", on_delete=models.CASCADE, related_name="released_tables"
    )
    # The fingerprint outlives the file in the portal: what was released stays known.
    output_file = models.ForeignKey(
        "airlock_outputs.OutputFile", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    transferred_at = models.DateTimeField(_("transferred"))
    table_name = models.CharField(_("table"), max_length=255, blank=True)
    fingerprint = models.JSONField(_("fingerprint"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transferred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.table_name}"


def released_tables_for_policy(*, project) -> tuple[dict, ...]:
    if project.pk is None:
        return ()
    rows = ReleasedTable.objects.filter(project=project)[:MAX_TABLES_IN_POLICY]
    return tuple(
        {
            "file_name": row.file_name,
            "transferred_on": row.transferred_at.date().isoformat(),
            "fingerprint": row.fingerprint,
        }
        for row in rows
    )


def released_file_fingerprint(*, output_file_id: int) -> int:
    """Store the fingerprints of a released file's tables (once); the number stored."""
    from airlock.outputs import storage
    from airlock.outputs.models import OutputFile, Status
    from airlock.outputs.names import extension_of
    from airlock.projects.policy import policy_for_project
    from scanners.sandbox import fingerprints_isolated

    output_file = OutputFile.objects.select_related("project", "transfer").get(pk=output_file_id)
    if output_file.status != Status.RELEASED or output_file.verdict in NEVER_FINGERPRINTED:
        return 0
    if ReleasedTable.objects.filter(output_file=output_file).exists():
        return 0
    project = output_file.project
    if output_file.size > project.review_size_bytes:
        return 0  # read again in a sandbox child: only files small enough for review
    policy = policy_for_project(project)
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
        (output_file.transfer.created_at if output_file.transfer_id else None)
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


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
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
