"""Celery tasks of control: thin, idempotent, each calling one service."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def build_file_preview(output_file_id: int) -> str:
    """Draw a file's preview for reviewers in the scanner's sandbox (idempotent)."""
    from airlock.outputs.models import OutputFile
    from airlock.review.file_display import preview_build, preview_load

    output_file = OutputFile.objects.select_related("project").filter(pk=output_file_id).first()
    if output_file is None or not output_file.verdict:
        return "no file"
    if preview_load(output_file) is not None:
        return "built already"
    try:
        return str(preview_build(output_file).get("kind"))
    except FileNotFoundError:
        return "the stored file is gone"
