from django.contrib.auth.models import AbstractBaseUser

from airlock.projects.models import Membership, MembershipRole, Project
from airlock.projects.permissions import NotFound


def project_list_for_user(*, user: AbstractBaseUser) -> list[Project]:
    """Projects the user is an active member of."""
    ids = Membership.objects.active().filter(user=user).values("project_id")
    return list(Project.objects.filter(id__in=ids))


def project_get_for_member(*, user: AbstractBaseUser, code: str) -> Project:
    """The project, if the user is an active member; NotFound otherwise (never say it exists)."""
    membership = (
        Membership.objects.active()
        .select_related("project")
        .filter(user=user, project__code=code)
        .first()
    )
    if membership is None:
        raise NotFound("project")
    return membership.project


def user_is_project_administrator(*, user: AbstractBaseUser, project: Project) -> bool:
    return (
        Membership.objects.active()
        .filter(user=user, project=project, role=MembershipRole.ADMINISTRATOR)
        .exists()
    )
