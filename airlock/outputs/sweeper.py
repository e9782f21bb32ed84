"""The sweeper: no file is left waiting for a scan because its message was lost.

A scan message can be lost after the file was safely committed: the broker was down when the
upload enqueued it, Redis restarted without its data, or a worker was killed while it held the
message unacknowledged and the broker will not hand it out again for an hour (the visibility
timeout). Celery beat runs ``sweep_stuck_output_files`` every AIRLOCK_SWEEP_INTERVAL_SECONDS;
it queues again every file waiting longer than AIRLOCK_SWEEP_AFTER_SECONDS.

Queuing a scan twice is safe: ``output_file_scan`` claims the file under a row lock, skips a
file another delivery is scanning (its lease) and records a verdict only on the move from
scanning to scanned, which the lifecycle allows once. So a file is scanned, and audited as
``scan_finished``, exactly once however many messages name it.
"""

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.outputs import scanning, tasks
from airlock.outputs.models import OutputFile
from airlock.outputs.selectors import output_file_list_stuck

logger = logging.getLogger(__name__)

# At most this many files are queued again by one sweep; the next sweep takes the rest.
SWEEP_BATCH = 500


def output_file_requeue_stuck(*, after_seconds: int, limit: int = SWEEP_BATCH) -> list[int]:
    """Queue the scan of every file stuck in uploaded or scanning; returns their ids.

    Each file is re-checked under a row lock, marked (``updated_at``, so it is not queued again
    before another ``after_seconds``) and audited as ``scan_requeued``; its message is sent
    after the commit.
    """
    now = timezone.now()
    after = timedelta(seconds=after_seconds)
    lease = scanning.scan_lease()
    candidates = list(
        output_file_list_stuck(now=now, after=after, lease=lease).values_list("pk", flat=True)[
            :limit
        ]
    )
    requeued: list[int] = []
    for output_file_id in candidates:
        with transaction.atomic():
            output_file = (
                output_file_list_stuck(now=now, after=after, lease=lease)
                .select_for_update(of=("self",))
                .select_related("project")
                .filter(pk=output_file_id)
                .first()
            )
            if output_file is None:  # scanned, withdrawn or claimed meanwhile
                continue
            waiting_since = output_file.updated_at
            OutputFile.objects.filter(pk=output_file.pk).update(updated_at=now)
            audit_record(
                action=AuditAction.SCAN_REQUEUED,
                project_code=output_file.project.code,
                object_type="output_file",
                object_id=output_file.pk,
                data={
                    "name": output_file.name,
                    "status": output_file.status,
                    "waiting_since": waiting_since,
                    "scan_attempts": output_file.scan_attempts,
                },
            )
            transaction.on_commit(
                functools.partial(tasks.output_file_enqueue_scan, output_file_id=output_file.pk)
            )
        requeued.append(output_file_id)
    if requeued:
        logger.warning(
            "Queued the scan of %d stuck file(s) again",
            len(requeued),
            extra={"output_file_ids": requeued},
        )
    return requeued
