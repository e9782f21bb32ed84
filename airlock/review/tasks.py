"""Celery tasks of control: thin, idempotent, each calling one service."""

from celery import shared_task

from airlock.review import services


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def expire_released_files() -> int:
    """Released files past their project's retention leave the portal (idempotent)."""
    return len(services.released_file_expire_due())


@shared_task(acks_late=True, soft_time_limit=3600, time_limit=3700)
def purge_audit_events_past_retention() -> int:
    """Audit events older than five years are purged behind a checkpoint (idempotent)."""
    from airlock.audit.purge import audit_event_purge, audit_purge_cutoff

    checkpoint = audit_event_purge(before=audit_purge_cutoff())
    return checkpoint.purged_count if checkpoint else 0


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
