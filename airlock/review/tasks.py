"""Celery tasks of control: thin, idempotent, each calling one service; and the one function
that asks a worker for a file's preview."""

import logging

from celery import shared_task

from airlock.outputs.models import OutputFile
from airlock.review.file_display import preview_build, preview_load

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def build_file_preview(output_file_id: int) -> str:
    """Draw a file's preview for reviewers in the scanner's sandbox (idempotent)."""
    output_file = OutputFile.objects.select_related("project").filter(pk=output_file_id).first()
    if output_file is None or not output_file.verdict:
        return "no file"
    if preview_load(output_file) is not None:
        return "built already"
    try:
        return str(preview_build(output_file).get("kind"))
    except FileNotFoundError:
        return "the stored file is gone"


def preview_request(output_file: OutputFile) -> None:
    """Ask a worker to build the preview (the web process never draws it)."""
    try:
        build_file_preview.delay(output_file.pk)
    except Exception:  # the broker is down: the page says the preview is not ready
        logger.exception("Could not ask for the preview of output file %s", output_file.pk)
