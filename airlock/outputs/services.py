"""Every write to output files and transfers. Views, the API and tasks call these."""

import logging
import os
import socket
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import IO

import psutil
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import scanners
from airlock.audit.services import audit_record
from airlock.errors import ActionRefused, TransferRefused, UploadRefused
from airlock.outputs import lifecycle, storage
from airlock.outputs.models import OutputFile, Status, Transfer, Verdict, VerdictCause
from airlock.outputs.names import extension_of, sanitise_filename, sanitise_folder
from airlock.outputs.sizes import size_for_display
from airlock.outputs.verdict_history import verdict_record_add
from airlock.projects.models import Project, ReleaseMode
from airlock.projects.policy import policy_for_project

logger = logging.getLogger(__name__)

MAX_COMMENT_LENGTH = 5000


def declaration_text() -> str:
    return _(
        "I approve that the selected files comply with the data confidentiality policy and the "
        "guidelines for transfer of analysis results, and that they contain no microdata."
    )


# --- Upload --------------------------------------------------------------------------------


def output_file_check_name(*, project: Project, name: str) -> None:
    """Refuse a file type that is not allowed before any of its bytes are kept."""
    extension = extension_of(name)
    if extension not in project.effective_allowed_extensions:
        reason = (
            _("Files of type .%(ext)s cannot be transferred.") % {"ext": extension}
            if extension
            else _("The file has no extension, so its type cannot be allowed.")
        )
        raise UploadRefused(name, reason, title=_("File type not allowed"))


def output_file_check_size(*, project: Project, name: str, size: int) -> None:
    """Refuse an empty file, or one over the project's hard upload limit."""
    if size == 0:
        raise UploadRefused(
            name, _("The file is empty: there is nothing to transfer."), title=_("Empty file")
        )
    if size > project.max_upload_bytes:
        raise UploadRefused(
            name,
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": size_for_display(project.max_upload_bytes)},
            title=_("File too large"),
        )


@dataclass(frozen=True)
class Upload:
    """One file of an upload request: its bytes, the name it came with, its folder if any."""

    stream: UploadedFile | IO[bytes]
    name: str
    relative_path: str = ""

    @property
    def size(self) -> int:
        size = getattr(self.stream, "size", None)
        if size is None:
            self.stream.seek(0, 2)
            size = self.stream.tell()
            self.stream.seek(0)
        return int(size)


def output_file_upload_many(
    *, project: Project, user: AbstractBaseUser, uploads: Sequence[Upload]
) -> list[OutputFile]:
    """Keep every file of one upload, or none: all are checked before any is kept."""
    if not uploads:
        raise UploadRefused(
            "", _("Choose one or more files to upload."), title=_("No file was sent")
        )
    for upload in uploads:
        clean_name = sanitise_filename(upload.name)
        output_file_check_name(project=project, name=clean_name)
        output_file_check_size(project=project, name=clean_name, size=upload.size)
    created: list[OutputFile] = []
    try:
        with transaction.atomic():
            for upload in uploads:
                created.append(
                    output_file_upload(
                        project=project,
                        user=user,
                        uploaded=upload.stream,
                        name=upload.name,
                        relative_path=upload.relative_path,
                    )
                )
    except BaseException:
        for output_file in created:
            storage.quarantine_store().delete(output_file.storage_key)
        raise
    return created


def output_file_upload(
    *,
    project: Project,
    user: AbstractBaseUser,
    uploaded: UploadedFile | IO[bytes],
    name: str,
    relative_path: str = "",
) -> OutputFile:
    """Keep an uploaded file in quarantine and queue its scan (after the transaction commits).

    Nothing is kept if the file is refused or anything fails on the way.
    """
    clean_name = sanitise_filename(name)
    output_file_check_name(project=project, name=clean_name)
    uploaded.seek(0)
    sha256, size = storage.sha256_and_size(uploaded)
    output_file_check_size(project=project, name=clean_name, size=size)
    key = storage.new_storage_key(project_id=project.pk)
    storage.save_quarantined(key=key, stream=uploaded)
    try:
        with transaction.atomic():
            output_file = OutputFile.objects.create(
                project=project,
                uploaded_by=user,
                name=clean_name,
                relative_path=sanitise_folder(relative_path),
                size=size,
                sha256=sha256,
                storage_key=key,
            )
            audit_record(
                action="file_uploaded",
                actor=user,
                project_code=project.code,
                object_type="output_file",
                object_id=output_file.pk,
                data={"name": clean_name, "size": size, "sha256": sha256},
            )
            transaction.on_commit(lambda: output_file_enqueue_scan(output_file_id=output_file.pk))
    except BaseException:
        storage.quarantine_store().delete(key)
        raise
    return output_file


def output_file_enqueue_scan(*, output_file_id: int) -> None:
    from airlock.outputs.tasks import scan_output_file

    try:
        scan_output_file.delay(output_file_id)
    except Exception:  # the broker is down: the sweeper re-enqueues files left in uploaded
        logger.exception("Could not enqueue the scan of output file %s", output_file_id)


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
        if output_file is None or output_file.status not in (Status.UPLOADED, Status.SCANNING):
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
            lifecycle.transition(output_file, Status.SCANNING, update_fields=fields)
        else:
            output_file.save(update_fields=list(fields))
    return output_file


def output_file_run_scanner(output_file: OutputFile) -> scanners.ScanReport:
    """Scan the stored quarantine copy with the project's policy now (in the scanner's
    sandbox child). Records nothing: the scan task and ``manage.py rescan`` do."""
    policy = policy_for_project(output_file.project)
    store = storage.quarantine_store()
    with tempfile.TemporaryDirectory(prefix="airlock-scan-") as folder:
        local = Path(folder) / ("file." + (extension_of(output_file.name) or "bin"))
        with store.open(output_file.storage_key, "rb") as source, local.open("wb") as target:
            for chunk in iter(lambda: source.read(storage.CHUNK_SIZE), b""):
                target.write(chunk)
        report = scanners.scan(str(local), filename=output_file.name, policy=policy)
    if report.sha256 != output_file.sha256:
        # The bytes changed in quarantine since upload: never judge other bytes than uploaded.
        report.verdict = Verdict.UNSCANNABLE
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
            lifecycle.transition(
                output_file,
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
    if output_file is None or output_file.status not in (Status.UPLOADED, Status.SCANNING):
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


# --- Inside: comment, withdraw, transfer ---------------------------------------------------


def output_file_comment(*, output_file: OutputFile, user: AbstractBaseUser, comment: str) -> None:
    if output_file.status not in lifecycle.INSIDE_STATUSES:
        raise ActionRefused(_("This file has already left the upload area."))
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ActionRefused(
            _("A comment can be at most %(n)s characters.") % {"n": MAX_COMMENT_LENGTH}
        )
    with transaction.atomic():
        output_file.comment = comment
        output_file.comment_by = user  # type: ignore[assignment]
        output_file.comment_at = timezone.now()
        output_file.save(update_fields=["comment", "comment_by", "comment_at", "updated_at"])
        audit_record(
            action="file_commented",
            actor=user,
            project_code=output_file.project.code,
            object_type="output_file",
            object_id=output_file.pk,
            data={"comment": comment},
        )


def output_file_withdraw(*, output_file: OutputFile, user: AbstractBaseUser) -> None:
    if not lifecycle.can_transition(output_file.status, Status.WITHDRAWN):
        raise ActionRefused(_("This file can no longer be removed here."))
    try:
        lifecycle.transition(output_file, Status.WITHDRAWN, actor=user)
    except lifecycle.InvalidTransition as exc:
        raise ActionRefused(_("This file can no longer be removed here.")) from exc
    transaction.on_commit(lambda: storage.quarantine_store().delete(output_file.storage_key))


def transfer_refusal_reason(output_file: OutputFile) -> str | None:
    """Why this file cannot be transferred now, in plain words; None if it can."""
    if output_file.status in (Status.UPLOADED, Status.SCANNING):
        return _("The file is still being scanned.")
    if output_file.status != Status.SCANNED:
        return _("The file is no longer waiting for transfer.")
    if output_file.verdict == Verdict.REJECTED:
        return _("The file cannot be transferred: %(why)s") % {
            "why": "; ".join(
                f["message"] for f in output_file.findings if f["severity"] == "reject"
            )
        }
    if output_file.needs_comment:
        return _("The file has a risk warning: add a comment saying what it contains.")
    return None


def transfer_create(
    *, project: Project, user: AbstractBaseUser, file_ids: Sequence[int], approve: bool
) -> Transfer:
    """Approve and transfer files: sample them for control, then release or hold each."""
    from airlock.review.services import review_item_create_for_transferred_file

    if not file_ids:
        raise TransferRefused(reason=_("Choose at least one file to transfer."))
    with transaction.atomic():
        files = list(
            OutputFile.objects.select_for_update(of=("self",))
            .select_related("project")
            .filter(project=project, pk__in=set(file_ids))
            .order_by("id")
        )
        found = {f.pk for f in files}
        # Another project's file id is "no such file" here, as it is a 404 elsewhere: the
        # answer never tells whether the id exists in a project the user cannot see.
        reasons: dict[int, str] = {
            file_id: _("No such file in this project.")
            for file_id in file_ids
            if file_id not in found
        }
        for output_file in files:
            reason = transfer_refusal_reason(output_file)
            if reason:
                reasons[output_file.pk] = reason
        if not approve:
            not_approved = _(
                "You must approve the declaration before the files can be transferred."
            )
            raise TransferRefused(
                reason=not_approved,
                file_reasons={file_id: reasons.get(file_id, not_approved) for file_id in file_ids},
            )
        if reasons:
            raise TransferRefused(
                reason=_("Some files cannot be transferred."), file_reasons=reasons
            )
        transfer = Transfer.objects.create(
            project=project, approved_by=user, declaration=declaration_text()
        )
        audit_record(
            action="transfer_created",
            actor=user,
            project_code=project.code,
            object_type="transfer",
            object_id=transfer.pk,
            data={"files": [f.pk for f in files], "declaration": transfer.declaration},
        )
        for output_file in files:
            output_file.transfer = transfer
            item = review_item_create_for_transferred_file(output_file=output_file)
            if _must_hold(project, output_file, queued=item is not None):
                lifecycle.transition(
                    output_file, Status.HELD, actor=user, update_fields=("transfer",)
                )
            else:
                output_file_release(output_file=output_file, actor=user, extra_fields=("transfer",))
    return transfer


def _must_hold(project: Project, output_file: OutputFile, *, queued: bool) -> bool:
    if project.release_mode == ReleaseMode.HOLD_ALL:
        return True
    if project.release_mode == ReleaseMode.HOLD_FLAGGED:
        return output_file.verdict in (Verdict.RISK, Verdict.UNSCANNABLE)
    return False


def output_file_release(
    *, output_file: OutputFile, actor: AbstractBaseUser | None, extra_fields: tuple[str, ...] = ()
) -> None:
    """Copy the file to the released store, where the portal can see it."""
    key = storage.copy_to_released(key=output_file.storage_key, expected_sha256=output_file.sha256)
    output_file.released_key = key
    output_file.released_at = timezone.now()
    try:
        lifecycle.transition(
            output_file,
            Status.RELEASED,
            actor=actor,
            update_fields=("released_key", "released_at", *extra_fields),
        )
    except BaseException:
        storage.released_store().delete(key)
        raise


# --- Portal: download, delete ------------------------------------------------------------


def output_file_open_for_download(*, output_file: OutputFile, user: AbstractBaseUser) -> IO[bytes]:
    """Open a released file's exact uploaded bytes (checked against its sha256) and audit it."""
    if output_file.status != Status.RELEASED:
        raise ActionRefused(_("This file is not available for download."))
    store = storage.released_store()
    storage.verify_stored(
        store=store, key=output_file.released_key, expected_sha256=output_file.sha256
    )
    with transaction.atomic():
        now = timezone.now()
        if output_file.first_downloaded_at is None:
            OutputFile.objects.filter(pk=output_file.pk, first_downloaded_at__isnull=True).update(
                first_downloaded_at=now
            )
        audit_record(
            action="file_downloaded",
            actor=user,
            project_code=output_file.project.code,
            object_type="output_file",
            object_id=output_file.pk,
            data={"name": output_file.name, "sha256": output_file.sha256},
        )
    return store.open(output_file.released_key, "rb")


def output_file_delete_from_portal(*, output_file: OutputFile, user: AbstractBaseUser) -> None:
    if output_file.status != Status.RELEASED:
        raise ActionRefused(_("This file is not in the portal."))
    output_file_remove_released(output_file=output_file, target=Status.DELETED, actor=user)


def output_file_remove_released(
    *,
    output_file: OutputFile,
    target: str,
    actor: AbstractBaseUser | None,
    data: dict | None = None,
) -> None:
    """Leave the portal (deleted, blocked, expired): the released copy goes after commit."""
    key = output_file.released_key
    lifecycle.transition(output_file, target, actor=actor, data=data)
    if key:
        transaction.on_commit(lambda: storage.released_store().delete(key))


def ids_from(values: Iterable[object]) -> list[int]:
    """File ids from a form or JSON list; anything that is not an integer is refused."""
    ids = []
    for value in values:
        if isinstance(value, bool):
            raise TransferRefused(reason=_("File ids must be integers."))
        try:
            ids.append(int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError) as exc:
            raise TransferRefused(reason=_("File ids must be integers.")) from exc
    return ids
