"""Periodic tasks (celery beat). Thin: each calls a service."""

from celery import shared_task
from django.conf import settings

from airlock.ops.sweeper import output_file_requeue_stuck


@shared_task(soft_time_limit=120, time_limit=180)
def sweep_stuck_output_files() -> int:
    """Queue again the scans of files stuck in uploaded or scanning (airlock/ops/sweeper.py)."""
    return len(output_file_requeue_stuck(after_seconds=settings.AIRLOCK_SWEEP_AFTER_SECONDS))
