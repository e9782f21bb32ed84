"""Every write to output files and transfers: upload, comment, withdraw, transfer, release,
download and removal from the portal. Views, the API and tasks call these.

The scan of an uploaded file (claims, the scanner run, the verdict) is in ``scanning.py``;
its message is sent by ``tasks.output_file_enqueue_scan``.
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_batch, audit_record
from airlock.errors import ActionRefused, TransferRefused, UploadRefused
from airlock.outputs import lifecycle, policies, storage, tasks
from airlock.outputs.models import OutputFile, Status, Transfer, Verdict
from airlock.outputs.names import extension_of, sanitise_filename, sanitise_folder
from airlock.outputs.released_tables import one_fingerprint_task
from airlock.outputs.sizes import size_for_display
from airlock.projects.models import Project, ReleaseMode

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


def output_file_upload_refusals(
    *, project: Project, uploads: Sequence[Upload]
) -> list[UploadRefused]:
    """Every file of an upload that would be refused (type, empty, too large), with its reason;
    empty when all can be kept. Nothing is kept or read beyond the size."""
    refusals: list[UploadRefused] = []
    for upload in uploads:
        clean_name = sanitise_filename(upload.name)
        try:
            output_file_check_name(project=project, name=clean_name)
            output_file_check_size(project=project, name=clean_name, size=upload.size)
        except UploadRefused as exc:
            refusals.append(exc)
    return refusals


def output_file_upload_many(
    *, project: Project, user: User, uploads: Sequence[Upload]
) -> list[OutputFile]:
    """Keep every file of one upload, or none: all are checked before any is kept."""
    if not uploads:
        raise UploadRefused(
            "", _("Choose one or more files to upload."), title=_("No file was sent")
        )
    refusals = output_file_upload_refusals(project=project, uploads=uploads)
    if refusals:
        raise refusals[0]
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
    user: User,
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
        # No savepoint: inside ``output_file_upload_many``'s transaction a failure undoes the
        # whole upload anyway (all files or none), so a savepoint per file would buy nothing.
        with transaction.atomic(savepoint=False):
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
                action=AuditAction.FILE_UPLOADED,
                actor=user,
                project_code=project.code,
                object_type="output_file",
                object_id=output_file.pk,
                data={"name": clean_name, "size": size, "sha256": sha256},
            )
            transaction.on_commit(
                lambda: tasks.output_file_enqueue_scan(output_file_id=output_file.pk)
            )
    except BaseException:
        storage.quarantine_store().delete(key)
        raise
    return output_file


# --- Inside: comment, withdraw, transfer ---------------------------------------------------


def output_file_comment(*, output_file: OutputFile, user: User, comment: str) -> None:
    if refusal := policies.comment_refusal(output_file):
        raise ActionRefused(refusal)
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
            action=AuditAction.FILE_COMMENTED,
            actor=user,
            project_code=output_file.project.code,
            object_type="output_file",
            object_id=output_file.pk,
            data={"comment": comment},
        )


def output_file_withdraw(*, output_file: OutputFile, user: User) -> None:
    if refusal := policies.withdraw_refusal(output_file):
        raise ActionRefused(refusal)
    try:
        lifecycle.transition(output_file, Status.WITHDRAWN, actor=user)
    except lifecycle.InvalidTransition as exc:
        raise ActionRefused(_("This file can no longer be removed here.")) from exc
    transaction.on_commit(lambda: storage.quarantine_store().delete(output_file.storage_key))


ControlSampler = Callable[..., object | None]
"""Draws a transferred file for control: called as ``control(output_file=...)`` inside the
transfer's transaction; returns the review item it queued, or None. Passed in by the caller
(``airlock.review.services.transfer_create``), so outputs never imports control."""


def transfer_create(
    *,
    project: Project,
    user: User,
    file_ids: Sequence[int],
    approve: bool,
    control: ControlSampler,
) -> Transfer:
    """Approve and transfer files: sample each for control, then release or hold it."""
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
            reason = policies.transfer_refusal(output_file)
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
        # One append to the audit chain for the transfer and its files, at the end; the files'
        # rows were locked and read above, in this transaction, so they are not locked again.
        with audit_batch(), one_fingerprint_task():
            audit_record(
                action=AuditAction.TRANSFER_CREATED,
                actor=user,
                project_code=project.code,
                object_type="transfer",
                object_id=transfer.pk,
                data={"files": [f.pk for f in files], "declaration": transfer.declaration},
            )
            for output_file in files:
                output_file.transfer = transfer
                item = control(output_file=output_file)
                if _must_hold(project, output_file, queued=item is not None):
                    lifecycle.transition(
                        output_file,
                        Status.HELD,
                        actor=user,
                        update_fields=("transfer",),
                        locked=True,
                    )
                else:
                    output_file_release(
                        output_file=output_file,
                        actor=user,
                        extra_fields=("transfer",),
                        locked=True,
                    )
    return transfer


def _must_hold(project: Project, output_file: OutputFile, *, queued: bool) -> bool:
    if project.release_mode == ReleaseMode.HOLD_ALL:
        return True
    if project.release_mode == ReleaseMode.HOLD_FLAGGED:
        return output_file.verdict in (Verdict.RISK, Verdict.UNSCANNABLE)
    return False


def output_file_release(
    *,
    output_file: OutputFile,
    actor: User | None,
    extra_fields: tuple[str, ...] = (),
    locked: bool = False,
) -> None:
    """Copy the file to the released store, where the portal can see it. ``locked``: as for
    ``lifecycle.transition`` (the caller's transaction locked and read the row)."""
    key = storage.copy_to_released(key=output_file.storage_key, expected_sha256=output_file.sha256)
    output_file.released_key = key
    output_file.released_at = timezone.now()
    try:
        lifecycle.transition(
            output_file,
            Status.RELEASED,
            actor=actor,
            update_fields=("released_key", "released_at", *extra_fields),
            locked=locked,
        )
    except BaseException:
        storage.released_store().delete(key)
        raise


# --- Portal: download, delete ------------------------------------------------------------


def output_file_open_for_download(*, output_file: OutputFile, user: User) -> IO[bytes]:
    """Open a released file's exact uploaded bytes (checked against its sha256) and audit it."""
    if refusal := policies.download_refusal(output_file):
        raise ActionRefused(refusal)
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
            action=AuditAction.FILE_DOWNLOADED,
            actor=user,
            project_code=output_file.project.code,
            object_type="output_file",
            object_id=output_file.pk,
            data={"name": output_file.name, "sha256": output_file.sha256},
        )
    return store.open(output_file.released_key, "rb")


def output_file_delete_from_portal(*, output_file: OutputFile, user: User) -> None:
    if refusal := policies.portal_delete_refusal(output_file):
        raise ActionRefused(refusal)
    output_file_remove_released(output_file=output_file, target=Status.DELETED, actor=user)


def output_file_remove_released(
    *,
    output_file: OutputFile,
    target: str,
    actor: User | None,
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
