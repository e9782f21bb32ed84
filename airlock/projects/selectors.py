from django.contrib.auth.models import User
from django.utils import timezone

from airlock.errors import NotFound
from airlock.projects.models import Membership, MembershipRole, Project


def project_list_for_user(*, user: User) -> list[Project]:
    """Projects the user is an active member of."""
    ids = Membership.objects.active().filter(user=user).values("project_id")
    return list(Project.objects.filter(id__in=ids))


def project_get_for_member(*, user: User, code: str) -> Project:
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


def user_is_project_administrator(*, user: User, project: Project) -> bool:
    return (
        Membership.objects.active()
        .filter(user=user, project=project, role=MembershipRole.ADMINISTRATOR)
        .exists()
    )


def project_list_administered_by(*, user: User) -> list[Project]:
    """Projects the user is an active project administrator of."""
    ids = (
        Membership.objects.active()
        .filter(user=user, role=MembershipRole.ADMINISTRATOR)
        .values("project_id")
    )
    return list(Project.objects.filter(id__in=ids))


def project_get(*, code: str) -> Project:
    """Any project by code: for service administrators only (check first)."""
    project = Project.objects.filter(code=code).first()
    if project is None:
        raise NotFound("project")
    return project


def membership_list_for_project(*, project: Project) -> list[Membership]:
    """Every membership, ended ones included (``has_ended``), so an administrator sees who
    lost access."""
    now = timezone.now()
    memberships = list(
        Membership.objects.current()
        .filter(project=project)
        .select_related("user")
        .order_by("user__username")
    )
    for membership in memberships:
        membership.has_ended = membership.ends_at is not None and membership.ends_at <= now  # type: ignore[attr-defined]
    return memberships


def user_was_ever_member(*, user: User, project: Project) -> bool:
    """A member now, or at any time before (ended or removed memberships count)."""
    return Membership.objects.filter(user=user, project=project).exists()


def membership_get(*, project: Project, membership_id: int) -> Membership:
    membership = (
        Membership.objects.current()
        .select_related("user")
        .filter(project=project, pk=membership_id)
        .first()
    )
    if membership is None:
        raise NotFound("membership")
    return membership
