"""Celery beat tasks of output files (settings.CELERY_BEAT_SCHEDULE). Thin: each calls one
service. Found by the worker through ``app.autodiscover_tasks(related_name="periodic")``
(airlock/celery.py); kept apart from ``tasks.py`` because their services send scan messages
through it."""

from celery import shared_task
from django.conf import settings

from airlock.outputs.expiry import released_file_expire_due
from airlock.outputs.sweeper import output_file_requeue_stuck


@shared_task(soft_time_limit=120, time_limit=180)
def sweep_stuck_output_files() -> int:
    """Queue again the scans of files stuck in uploaded or scanning (airlock/outputs/sweeper.py)."""
    return len(output_file_requeue_stuck(after_seconds=settings.AIRLOCK_SWEEP_AFTER_SECONDS))


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def expire_released_files() -> int:
    """Released files past their project's retention leave the portal (idempotent)."""
    return len(released_file_expire_due())
