"""The lifecycle of an output file: the one place a status changes (docs/design.md, "Lifecycle").

The table is data. ``check_transition`` says whether a change is allowed; ``transition``
performs it and writes the audit event in the same transaction.
"""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.outputs.models import OutputFile, Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.UPLOADED: frozenset({Status.SCANNING, Status.WITHDRAWN}),
    Status.SCANNING: frozenset({Status.SCANNED, Status.WITHDRAWN}),
    Status.SCANNED: frozenset({Status.WITHDRAWN, Status.HELD, Status.RELEASED}),
    Status.HELD: frozenset({Status.RELEASED, Status.BLOCKED, Status.REPORTED}),
    Status.RELEASED: frozenset({Status.DELETED, Status.BLOCKED, Status.EXPIRED, Status.REPORTED}),
    # The researcher's duty to report (seed 001): the file leaves the portal at once and waits
    # for a reviewer, who releases it again (no breach) or blocks it (a breach).
    Status.REPORTED: frozenset({Status.RELEASED, Status.BLOCKED}),
    Status.WITHDRAWN: frozenset(),
    Status.BLOCKED: frozenset(),
    Status.DELETED: frozenset(),
    Status.EXPIRED: frozenset(),
}

AUDIT_ACTIONS: dict[str, AuditAction] = {
    Status.SCANNING: AuditAction.SCAN_STARTED,
    Status.SCANNED: AuditAction.SCAN_FINISHED,
    Status.WITHDRAWN: AuditAction.FILE_WITHDRAWN,
    Status.HELD: AuditAction.FILE_HELD,
    Status.REPORTED: AuditAction.FILE_REPORTED,
    Status.RELEASED: AuditAction.FILE_RELEASED,
    Status.BLOCKED: AuditAction.FILE_BLOCKED,
    Status.DELETED: AuditAction.FILE_DELETED,
    Status.EXPIRED: AuditAction.FILE_EXPIRED,
}

# Statuses in which a file is still with the researcher inside.
INSIDE_STATUSES = frozenset({Status.UPLOADED, Status.SCANNING, Status.SCANNED})
# Statuses in which a file waits for its verdict.
SCAN_PENDING_STATUSES = frozenset({Status.UPLOADED, Status.SCANNING})
# Statuses in which a file's bytes are in the released store.
PORTAL_STATUSES = frozenset({Status.RELEASED})
# Statuses from which a researcher may report a suspected breach of the file.
REPORTABLE_STATUSES = frozenset({Status.RELEASED, Status.HELD})
# Statuses a reviewer's "no breach" releases the file from (it waited for control).
RELEASED_BY_NO_BREACH = frozenset({Status.HELD, Status.REPORTED})
# Which questions about a file's status are asked where: airlock/outputs/policies.py.


class InvalidTransition(Exception):
    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"Cannot move a file from {current} to {target}")
        self.current = current
        self.target = target


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(output_file: OutputFile, target: str) -> None:
    if not can_transition(output_file.status, target):
        raise InvalidTransition(output_file.status, target)


def lock(output_file: OutputFile) -> OutputFile:
    """Lock the file's row for the rest of the transaction and read its current status into
    ``output_file`` (for ``transition(..., locked=True)``)."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("lock() holds a row only in a transaction")
    current = OutputFile.objects.select_for_update().only("status").get(pk=output_file.pk)
    output_file.status = current.status
    return output_file


def transition(
    output_file: OutputFile,
    target: str,
    *,
    actor: User | None = None,
    data: dict[str, Any] | None = None,
    update_fields: tuple[str, ...] = (),
    locked: bool = False,
) -> OutputFile:
    """Move the file to ``target``, saving ``update_fields`` with it, and audit the change.

    The row is locked and re-read, so two workers or requests cannot both move it; a refused
    or failed change leaves the caller's transaction as it was (a savepoint).

    ``locked=True``: the caller locked the row and read its status in the transaction it is
    in (``lock``, or ``select_for_update``), and owns that transaction: the status is not read
    again and no savepoint is made, so a failure here undoes the caller's whole transaction.
    """
    if locked and not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("locked=True: no transaction holds a lock")
    with transaction.atomic(savepoint=not locked):
        if not locked:
            lock(output_file)
        previous = output_file.status
        allowed = can_transition(previous, target)
        if allowed:
            output_file.status = target
            output_file.updated_at = timezone.now()
            output_file.save(update_fields=["status", "updated_at", *update_fields])
            _record_transition(output_file, previous, target, actor=actor, data=data)
    if not allowed:
        # Raised outside the block, where nothing was written: even with ``locked=True`` the
        # caller's transaction is left usable by a refusal.
        raise InvalidTransition(previous, target)
    return output_file


def transition_from(
    output_file: OutputFile,
    current: str,
    target: str,
    *,
    actor: User | None = None,
    data: dict[str, Any] | None = None,
    update_fields: tuple[str, ...] = (),
) -> OutputFile:
    """``transition`` for a caller that knows the status the file should still be in, in one
    statement fewer: the UPDATE's ``WHERE status = current`` is the check, and the row lock
    (the database re-checks the condition against a change committed meanwhile), so the row is
    not locked and read first. InvalidTransition, with nothing written, when the file is no
    longer in ``current``. In the caller's transaction, which it owns (no savepoint).

    An UPDATE sends no ``post_save``: not for a move into the released store, whose receiver
    queues the released file's fingerprint (``transition`` saves those).
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("transition_from() needs a transaction")
    if target in PORTAL_STATUSES:
        raise ValueError(f"a move to {target} is saved by transition(), for its post_save")
    if not can_transition(current, target):
        raise InvalidTransition(current, target)
    now = timezone.now()
    values = {name: getattr(output_file, name) for name in update_fields}
    changed = OutputFile.objects.filter(pk=output_file.pk, status=current).update(
        status=target, updated_at=now, **values
    )
    if not changed:
        found = OutputFile.objects.filter(pk=output_file.pk).values_list("status", flat=True)
        raise InvalidTransition(found.first() or "gone", target)
    output_file.status = target
    output_file.updated_at = now
    _record_transition(output_file, current, target, actor=actor, data=data)
    return output_file


def _record_transition(
    output_file: OutputFile,
    previous: str,
    target: str,
    *,
    actor: User | None,
    data: dict[str, Any] | None,
) -> None:
    """The audit event of a status change, in the transaction that makes it."""
    audit_record(
        action=AUDIT_ACTIONS[target],
        actor=actor,
        project_code=output_file.project.code,
        object_type="output_file",
        object_id=output_file.pk,
        data={"from": previous, "to": target, "name": output_file.name, **(data or {})},
    )
