"""The scan of an uploaded file: its claim, the scanner run and the verdict recorded.

A scan message names a file id; ``output_file_scan`` claims the file under a row lock (a
lease of AIRLOCK_SCAN_SOFT_TIME_LIMIT, held by ``host:pid``), runs the scanner in its sandbox
child on the quarantine copy with the project's policy, and records the verdict through the
lifecycle (scanning -> scanned, allowed once). Delivering the same message twice is safe. The
task around it is ``tasks.scan_output_file``; the sweeper re-sends lost messages.
"""

import os
import socket
import tempfile
from datetime import timedelta
from pathlib import Path

import psutil
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import scanners
from airlock.outputs import lifecycle, storage
from airlock.outputs.models import OutputFile, Status, VerdictCause
from airlock.outputs.names import extension_of
from airlock.outputs.verdict_history import verdict_record_add
from airlock.projects.policy import policy_for_project

# --- Scan ----------------------------------------------------------------------------------


# Every delivery of a scan message counts; after this many the file is unscannable, so a
# file that crashes or stalls the worker cannot be redelivered for ever.
MAX_SCAN_ATTEMPTS = 4


def output_file_scan(*, output_file_id: int) -> OutputFile | None:
    """Scan a file once. Idempotent: a file already scanned, withdrawn, gone, or being scanned
    right now by another delivery of the same message is left as it is.

    If the scanner fails, the claim on the file is released and the error re-raised, so the
    task can retry; ``output_file_record_scan_failure`` ends it after the last retry.
    """
    output_file = _output_file_claim_scan(output_file_id=output_file_id)
    if output_file is None:
        return None
    if output_file.scan_attempts > MAX_SCAN_ATTEMPTS:
        output_file_record_scan_failure(
            output_file_id=output_file.pk,
            reason=_("it failed %(n)s times") % {"n": MAX_SCAN_ATTEMPTS},
        )
        return output_file
    claimed_at = output_file.scan_started_at
    try:
        report = output_file_run_scanner(output_file)
    except BaseException:
        still_pending = (
            OutputFile.objects.filter(
                pk=output_file.pk, status=Status.SCANNING, scan_started_at=claimed_at
            ).update(scan_started_at=None)
            > 0
        )
        if still_pending:
            raise
        return output_file  # withdrawn while scanning (its bytes are gone): nothing to retry
    return output_file_record_scan(output_file=output_file, report=report)


def scan_lease() -> timedelta:
    """How long a claim on a file's scan holds: a scan still running is inside its soft limit."""
    return timedelta(seconds=settings.AIRLOCK_SCAN_SOFT_TIME_LIMIT)


def scan_claimant() -> str:
    """This process, as the holder of a scan claim."""
    return f"{socket.gethostname()}:{os.getpid()}"


def scan_claim_holder_is_gone(claimed_by: str) -> bool:
    """True when the claim was taken by a process on this host that no longer runs.

    A worker child killed mid-scan (kill -9, out of memory) leaves its claim behind; Celery
    redelivers the message (reject_on_worker_lost), and the redelivery takes the file over at
    once. A holder on another host cannot be checked from here: its lease runs out instead.
    """
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    return not psutil.pid_exists(int(pid))


def _output_file_claim_scan(*, output_file_id: int) -> OutputFile | None:
    """Take the file for scanning: None if there is nothing to do, or another delivery has it."""
    with transaction.atomic():
        output_file = (
            OutputFile.objects.select_for_update(of=("self",))
            .select_related("project")
            .filter(pk=output_file_id)
            .first()
        )
        if output_file is None or output_file.status not in lifecycle.SCAN_PENDING_STATUSES:
            return None
        now = timezone.now()
        started = output_file.scan_started_at
        if (
            output_file.status == Status.SCANNING
            and started
            and now - started < scan_lease()
            and not scan_claim_holder_is_gone(output_file.scan_claimed_by)
        ):
            return None  # another delivery of the same message is scanning it
        output_file.scan_started_at = now
        output_file.scan_claimed_by = scan_claimant()
        output_file.scan_attempts += 1
        fields = ("scan_started_at", "scan_claimed_by", "scan_attempts")
        if output_file.status == Status.UPLOADED:
            # the row was locked and read just above, in this transaction
            lifecycle.transition(output_file, Status.SCANNING, update_fields=fields, locked=True)
        else:
            output_file.save(update_fields=list(fields))
    return output_file


def output_file_run_scanner(output_file: OutputFile) -> scanners.ScanReport:
    """Scan the stored quarantine copy with the project's policy now (in the scanner's
    sandbox child). Records nothing: the scan task and ``manage.py rescan`` do."""
    policy = policy_for_project(output_file.project)
    with tempfile.TemporaryDirectory(prefix="airlock-scan-") as folder:
        local = storage.copy_quarantined_to(
            key=output_file.storage_key,
            path=Path(folder) / ("file." + (extension_of(output_file.name) or "bin")),
        )
        report = scanners.scan(str(local), filename=output_file.name, policy=policy)
    if report.sha256 != output_file.sha256:
        # The bytes changed in quarantine since upload: never judge other bytes than uploaded.
        report.verdict = "unscannable"  # Verdict.UNSCANNABLE, as the scanner spells it
        report.findings.append(
            scanners.Finding(
                code="scan.unscannable",
                severity="review",
                location="",
                message=_("The stored file does not match what was uploaded (sha256 differs)."),
            )
        )
    return report


def output_file_record_scan(*, output_file: OutputFile, report: scanners.ScanReport) -> OutputFile:
    output_file.verdict = report.verdict
    output_file.file_type = report.file_type
    output_file.mime = report.mime[:255]
    output_file.findings = [f.to_dict() for f in report.findings]
    output_file.scanner_version = report.scanner_version
    output_file.policy_digest = report.policy_digest
    output_file.scan_duration_ms = report.duration_ms
    output_file.scanned_at = timezone.now()
    try:
        with transaction.atomic():
            lifecycle.transition_from(
                output_file,
                Status.SCANNING,
                Status.SCANNED,
                data={
                    "verdict": report.verdict,
                    "codes": sorted({f.code for f in report.findings}),
                },
                update_fields=(
                    "verdict",
                    "file_type",
                    "mime",
                    "findings",
                    "scanner_version",
                    "policy_digest",
                    "scan_duration_ms",
                    "scanned_at",
                ),
            )
            verdict_record_add(output_file=output_file, cause=VerdictCause.SCAN)
    except lifecycle.InvalidTransition:
        pass  # withdrawn while scanning, or recorded by another delivery of the same task
    return output_file


def output_file_record_scan_failure(*, output_file_id: int, reason: str) -> None:
    """After the last retry: the file is unscannable, never clean."""
    output_file = OutputFile.objects.select_related("project").filter(pk=output_file_id).first()
    if output_file is None or output_file.status not in lifecycle.SCAN_PENDING_STATUSES:
        return
    if output_file.status == Status.UPLOADED:
        try:
            lifecycle.transition(output_file, Status.SCANNING)
        except lifecycle.InvalidTransition:
            return
    report = scanners.ScanReport(
        path="",
        name=output_file.name,
        size=output_file.size,
        sha256=output_file.sha256,
        file_type=extension_of(output_file.name),
        mime="",
        verdict="unscannable",
        findings=[
            scanners.Finding(
                code="scan.unscannable",
                severity="review",
                location="",
                message=_("The scan could not be completed: %(reason)s") % {"reason": reason},
            )
        ],
        scanner_version=scanners.SCANNER_VERSION,
        policy_digest=policy_for_project(output_file.project).digest,
    )
    output_file_record_scan(output_file=output_file, report=report)
