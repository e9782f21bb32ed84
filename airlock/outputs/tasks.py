"""Celery tasks: thin adapters that take an id and call a service."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from airlock.outputs import services

MAX_SCAN_RETRIES = 3


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
        services.output_file_scan(output_file_id=output_file_id)
    except SoftTimeLimitExceeded:
        services.output_file_record_scan_failure(
            output_file_id=output_file_id, reason="the scan took longer than the time limit"
        )
    except Exception as exc:
        if self.request.retries >= MAX_SCAN_RETRIES:
            services.output_file_record_scan_failure(
                output_file_id=output_file_id, reason=type(exc).__name__
            )
            return
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
