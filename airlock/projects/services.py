from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from airlock.audit.services import audit_record
from airlock.projects.models import Membership, MembershipRole, Project


def project_create(*, code: str, name: str, actor: AbstractBaseUser | None = None, **policy) -> Project:
    with transaction.atomic():
        project = Project.objects.create(code=code, name=name, **policy)
        audit_record(
            action="project_created", actor=actor, project_code=code, object_type="project",
            object_id=project.pk, data={"name": name, **policy},
        )
    return project


def membership_add(
    *,
    project: Project,
    user: AbstractBaseUser,
    role: str = MembershipRole.RESEARCHER,
    ends_at: datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> Membership:
    with transaction.atomic():
        membership, _ = Membership.objects.update_or_create(
            project=project, user=user, defaults={"role": role, "ends_at": ends_at}
        )
        audit_record(
            action="member_added", actor=actor, project_code=project.code, object_type="membership",
            object_id=membership.pk,
            data={"user": user.get_username(), "role": role, "ends_at": ends_at},
        )
    return membership
