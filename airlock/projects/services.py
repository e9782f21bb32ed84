from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.projects.models import Membership, MembershipRole, Project


def project_create(*, code: str, name: str, actor: User | None = None, **policy) -> Project:
    with transaction.atomic():
        project = Project.objects.create(code=code, name=name, **policy)
        audit_record(
            action=AuditAction.PROJECT_CREATED,
            actor=actor,
            project_code=code,
            object_type="project",
            object_id=project.pk,
            data={"name": name, **policy},
        )
    return project


def membership_add(
    *,
    project: Project,
    user: User,
    role: str = MembershipRole.RESEARCHER,
    ends_at: datetime | None = None,
    actor: User | None = None,
) -> Membership:
    with transaction.atomic():
        membership, _ = Membership.objects.update_or_create(
            project=project,
            user=user,
            defaults={"role": role, "ends_at": ends_at, "removed_at": None},
        )
        audit_record(
            action=AuditAction.MEMBER_ADDED,
            actor=actor,
            project_code=project.code,
            object_type="membership",
            object_id=membership.pk,
            data={"user": user.get_username(), "role": role, "ends_at": ends_at},
        )
    return membership


def membership_set_end(
    *, membership: Membership, ends_at: datetime | None, actor: User
) -> Membership:
    """Set (or clear) the time after which the member's access stops, pages and API alike."""
    with transaction.atomic():
        previous = membership.ends_at
        membership.ends_at = ends_at
        membership.save(update_fields=["ends_at"])
        audit_record(
            action=AuditAction.MEMBER_END_SET,
            actor=actor,
            project_code=membership.project.code,
            object_type="membership",
            object_id=membership.pk,
            data={"user": membership.user.get_username(), "from": previous, "to": ends_at},
        )
    return membership


def membership_remove(*, membership: Membership, actor: User) -> None:
    """End the membership now and mark it removed; the row stays as the member's history."""
    with transaction.atomic():
        now = timezone.now()
        if membership.ends_at is None or membership.ends_at > now:
            membership.ends_at = now
        membership.removed_at = now
        membership.save(update_fields=["ends_at", "removed_at"])
        audit_record(
            action=AuditAction.MEMBER_REMOVED,
            actor=actor,
            project_code=membership.project.code,
            object_type="membership",
            object_id=membership.pk,
            data={
                "user": membership.user.get_username(),
                "role": membership.role,
                "ends_at": membership.ends_at,
            },
        )


def project_policy_update(*, project: Project, actor: User, changes: dict[str, object]) -> Project:
    """Change a project's policy; the audit event records each field's old and new value."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        diff = {
            field: {"from": getattr(project, field), "to": value}
            for field, value in changes.items()
            if getattr(project, field) != value
        }
        if not diff:
            return project
        for field, value in changes.items():
            setattr(project, field, value)
        project.full_clean()
        project.save(update_fields=list(diff))
        audit_record(
            action=AuditAction.PROJECT_POLICY_CHANGED,
            actor=actor,
            project_code=project.code,
            object_type="project",
            object_id=project.pk,
            data={"changes": diff},
        )
    return project
