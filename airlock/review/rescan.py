"""Re-scan stored quarantine copies with the current scanner and each project's policy.

The scan is the scan task's own (``output_file_run_scanner``: the scanner's sandbox child
reads the file), run by an operator's ``manage.py rescan``, never by a web process. Each
re-scan adds a verdict record; a changed verdict or set of findings replaces the file's scan
report, so the researcher and the reviewer see what the scanner says now. A released file
that is ``risk`` now and was not before goes to control (the portal keeps it meanwhile:
a reviewer may block it).
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.outputs import scanning
from airlock.outputs.models import OutputFile, Status, Verdict, VerdictCause
from airlock.outputs.verdict_history import verdict_record_add
from airlock.review.lifecycle import review_item_reopen
from airlock.review.models import ReviewItem
from airlock.review.tasks import preview_request

logger = logging.getLogger(__name__)

# Files whose stored copy is still the one the researcher uploaded and whose verdict matters:
# waiting inside, in control, or in the portal. Files still in the scan queue get their first
# scan from the worker; withdrawn, deleted, expired and blocked files are out of the way.
RESCANNED_STATUSES = (Status.SCANNED, Status.HELD, Status.REPORTED, Status.RELEASED)

# The reason a re-scanned released file is queued for control with.
RESCAN_CONTROL_REASON = "risk"


@dataclass
class Rescan:
    file_id: int
    project: str
    name: str
    status: str
    old_verdict: str
    new_verdict: str = ""
    old_codes: list[str] = field(default_factory=list)
    new_codes: list[str] = field(default_factory=list)
    scanner_version: str = ""
    policy_digest: str = ""
    queued_for_control: bool = False
    error: str = ""

    @property
    def changed(self) -> bool:
        return not self.error and (
            self.old_verdict != self.new_verdict or self.old_codes != self.new_codes
        )

    def to_dict(self) -> dict:
        return {**self.__dict__, "changed": self.changed}


def files_to_rescan(
    *, project_code: str | None = None, since: datetime | None = None
) -> QuerySet[OutputFile]:
    files = OutputFile.objects.select_related("project").filter(status__in=RESCANNED_STATUSES)
    if project_code:
        files = files.filter(project__code=project_code)
    if since:
        files = files.filter(created_at__gte=since)
    return files.order_by("id")


def rescan_files(files: QuerySet[OutputFile]) -> Iterator[Rescan]:
    for output_file in files.iterator():
        yield output_file_rescan(output_file=output_file)


def _codes(findings: list[dict]) -> list[str]:
    return sorted(f"{f.get('code')}@{f.get('location', '')}" for f in findings or [])


def output_file_rescan(*, output_file: OutputFile) -> Rescan:
    outcome = Rescan(
        file_id=output_file.pk,
        project=output_file.project.code,
        name=output_file.name,
        status=output_file.status,
        old_verdict=output_file.verdict,
        old_codes=_codes(output_file.findings),
    )
    try:
        report = scanning.output_file_run_scanner(output_file)
    except Exception as exc:  # a missing copy or a failing scan: told, and the next file goes on
        logger.exception("Re-scan of output file %s failed", output_file.pk)
        outcome.error = f"{type(exc).__name__}: {exc}"
        return outcome
    findings = [f.to_dict() for f in report.findings]
    outcome.new_verdict = report.verdict
    outcome.new_codes = _codes(findings)
    outcome.scanner_version = report.scanner_version
    outcome.policy_digest = report.policy_digest
    with transaction.atomic():
        locked = OutputFile.objects.select_for_update().get(pk=output_file.pk)
        if locked.status != output_file.status or locked.verdict != output_file.verdict:
            outcome.error = "the file changed while it was re-scanned; run again"
            return outcome
        output_file.verdict = report.verdict
        output_file.findings = findings
        output_file.file_type = report.file_type
        output_file.mime = report.mime[:255]
        output_file.scanner_version = report.scanner_version
        output_file.policy_digest = report.policy_digest
        output_file.scan_duration_ms = report.duration_ms
        output_file.scanned_at = timezone.now()
        output_file.updated_at = output_file.scanned_at
        output_file.save(
            update_fields=[
                "verdict",
                "findings",
                "file_type",
                "mime",
                "scanner_version",
                "policy_digest",
                "scan_duration_ms",
                "scanned_at",
                "updated_at",
            ]
        )
        verdict_record_add(output_file=output_file, cause=VerdictCause.RESCAN)
        if (
            output_file.status == Status.RELEASED
            and report.verdict == Verdict.RISK
            and outcome.old_verdict != Verdict.RISK
        ):
            _queue_for_control(output_file)
            outcome.queued_for_control = True
        if outcome.changed:
            audit_record(
                action=AuditAction.FILE_RESCANNED,
                project_code=outcome.project,
                object_type="output_file",
                object_id=output_file.pk,
                data={
                    "old_verdict": outcome.old_verdict,
                    "verdict": outcome.new_verdict,
                    "codes": sorted({f["code"] for f in findings}),
                    "scanner_version": outcome.scanner_version,
                    "policy_digest": outcome.policy_digest,
                    "queued_for_control": outcome.queued_for_control,
                },
            )
    return outcome


def _queue_for_control(output_file: OutputFile) -> None:
    """A released file the scanner now warns about waits for a reviewer again."""
    transaction.on_commit(lambda: preview_request(output_file))
    item = ReviewItem.objects.select_for_update().filter(output_file=output_file).first()
    if item is None:
        ReviewItem.objects.create(output_file=output_file, reasons=[RESCAN_CONTROL_REASON])
        return
    # An earlier decision was made without this warning: it stays in the audit trail.
    review_item_reopen(item, reason=RESCAN_CONTROL_REASON)
