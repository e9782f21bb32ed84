"""Reads of output files and transfers, always scoped to a project the caller may see."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from airlock.errors import NotFound
from airlock.outputs import lifecycle
from airlock.outputs.models import OutputFile, Status, Transfer
from airlock.projects.models import Membership, Project


def output_file_list_inside(*, project: Project) -> QuerySet[OutputFile]:
    """Files uploaded and not yet transferred or removed: the check page's list."""
    return OutputFile.objects.filter(project=project, status__in=lifecycle.INSIDE_STATUSES)


def _inside_for_member(*, user: User, code: str) -> QuerySet[OutputFile]:
    """Files inside project ``code``, if ``user`` is an active member of it (none otherwise),
    asked with the project in the same query."""
    return OutputFile.objects.select_related("project").filter(
        status__in=lifecycle.INSIDE_STATUSES,
        project__code=code,
        project__in=Membership.objects.active().filter(user=user).values("project"),
    )


def output_file_get_inside_for_member(*, user: User, code: str, file_id: int) -> OutputFile | None:
    """The file, inside, of project ``code`` if ``user`` is an active member of it, in one
    query (a status poll's); None otherwise, and the caller asks again step by step to say
    what is not found (``project_get_for_member``, then ``output_file_get_inside``)."""
    return _inside_for_member(user=user, code=code).filter(pk=file_id).first()


def output_file_list_inside_for_member(
    *, user: User, code: str, file_ids: Sequence[int]
) -> list[OutputFile]:
    """Those of ``file_ids`` that are inside project ``code``, if ``user`` is an active member
    of it, in one query (a status poll of several files), in id order; the others are left
    out. Empty for a non-member: the caller asks ``project_get_for_member`` to say why."""
    return list(
        _inside_for_member(user=user, code=code).filter(pk__in=set(file_ids)).order_by("pk")
    )


def output_file_get_inside(*, project: Project, file_id: int) -> OutputFile:
    output_file = (
        OutputFile.objects.select_related("project")
        .filter(project=project, pk=file_id, status__in=lifecycle.INSIDE_STATUSES)
        .first()
    )
    if output_file is None:
        raise NotFound("file")
    return output_file


def output_file_get_in_portal(*, project: Project, file_id: int) -> OutputFile:
    output_file = (
        OutputFile.objects.select_related("project", "transfer")
        .filter(project=project, pk=file_id, status__in=lifecycle.PORTAL_STATUSES)
        .first()
    )
    if output_file is None:
        raise NotFound("file")
    return output_file


def transfer_list_for_portal(*, project: Project) -> list[Transfer]:
    """Transfers newest first, each with the files still in the portal (or held for control)."""
    transfers = list(
        Transfer.objects.filter(project=project)
        .select_related("approved_by")
        .order_by("-created_at", "-id")
    )
    visible = ("released", "held")
    files_by_transfer: dict[int, list[OutputFile]] = {}
    for output_file in OutputFile.objects.filter(
        transfer__in=transfers, status__in=visible
    ).order_by("name", "id"):
        files_by_transfer.setdefault(output_file.transfer_id, []).append(output_file)  # type: ignore[arg-type]
    for transfer in transfers:
        transfer.visible_files = files_by_transfer.get(transfer.pk, [])  # type: ignore[attr-defined]
    return [t for t in transfers if t.visible_files]  # type: ignore[attr-defined]


def transfer_get_for_project(*, project: Project, transfer_id: int) -> Transfer:
    """One of the project's transfers, with its files (the inside zone's confirmation)."""
    transfer = Transfer.objects.filter(project=project, pk=transfer_id).first()
    if transfer is None:
        raise NotFound("transfer")
    return transfer


def files_pending_scan(*, ids: Sequence[int] | None = None) -> QuerySet[OutputFile]:
    qs = OutputFile.objects.filter(status__in=("uploaded", "scanning"))
    return qs.filter(pk__in=ids) if ids is not None else qs


def output_file_list_stuck(*, now: datetime, after: timedelta, lease: timedelta) -> QuerySet:
    """Files that have waited for a verdict longer than ``after`` with no scan under way.

    ``updated_at`` is when the file last changed status or was last queued again by the
    sweeper. A file in scanning is left alone while a scan's claim on it (its lease, from
    ``scan_started_at``) holds: that scan may still be running.
    """
    return OutputFile.objects.filter(
        Q(status=Status.UPLOADED)
        | (
            Q(status=Status.SCANNING)
            & (Q(scan_started_at__isnull=True) | Q(scan_started_at__lt=now - lease))
        ),
        updated_at__lt=now - after,
    ).order_by("updated_at", "pk")


def output_file_list_due_for_expiry(*, now: datetime | None = None) -> list[OutputFile]:
    """Released files older than their project's retention_days."""
    now = now or timezone.now()
    due: list[OutputFile] = []
    for project in Project.objects.filter(output_files__status=Status.RELEASED).distinct():
        cutoff = now - timedelta(days=project.retention_days)
        due.extend(
            OutputFile.objects.select_related("project").filter(
                project=project, status=Status.RELEASED, released_at__lte=cutoff
            )
        )
    return due
