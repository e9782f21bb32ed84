"""Celery tasks: thin adapters that take an id and call a service.

``scan_output_file`` is safe to deliver twice (``output_file_scan`` is idempotent), which is
what ``acks_late`` needs. A failing scan is retried with growing delays; after the last retry,
or when the scan runs past its soft time limit, the file is recorded as unscannable, never
clean. The hard time limit kills a scan that ignores the soft one; the redelivered message
then counts as another attempt (``scanning.MAX_SCAN_ATTEMPTS``). A message lost on the way
(broker down at upload, a worker gone) is sent again by the sweeper (``periodic.py``).
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from airlock.outputs import scanning

logger = logging.getLogger(__name__)

MAX_SCAN_RETRIES = scanning.MAX_SCAN_ATTEMPTS - 1
RETRY_BASE_SECONDS = 2  # retries wait 2, 4, 8 seconds (capped at RETRY_MAX_SECONDS)
RETRY_MAX_SECONDS = 300


def retry_countdown(retries: int) -> int:
    return min(RETRY_BASE_SECONDS * 2**retries, RETRY_MAX_SECONDS)


@shared_task(
    bind=True,
    acks_late=True,  # safe: output_file_scan is idempotent
    reject_on_worker_lost=True,
    max_retries=MAX_SCAN_RETRIES,
    soft_time_limit=settings.AIRLOCK_SCAN_SOFT_TIME_LIMIT,
    time_limit=settings.AIRLOCK_SCAN_TIME_LIMIT,
)
def scan_output_file(self, output_file_id: int) -> None:
    try:
        scanning.output_file_scan(output_file_id=output_file_id)
    except SoftTimeLimitExceeded:
        scanning.output_file_record_scan_failure(
            output_file_id=output_file_id, reason="the scan took longer than the time limit"
        )
    except Exception as exc:
        if self.request.retries >= MAX_SCAN_RETRIES:
            logger.exception("Scan of output file %s failed for the last time", output_file_id)
            scanning.output_file_record_scan_failure(
                output_file_id=output_file_id, reason=type(exc).__name__
            )
            return
        logger.warning("Scan of output file %s failed (%r); retrying", output_file_id, exc)
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


def output_file_enqueue_scan(*, output_file_id: int) -> None:
    """Send the scan message (after the upload's commit). A broker that is down is logged: the
    sweeper sends it again."""
    try:
        scan_output_file.delay(output_file_id)
    except Exception:  # the broker is down: the sweeper re-enqueues files left in uploaded
        logger.exception("Could not enqueue the scan of output file %s", output_file_id)
