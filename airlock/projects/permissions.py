"""Access to projects, shared by pages and the API.

The errors are ``airlock.errors.NotFound`` (404) and ``PermissionDenied`` (403). Permissions
come in pairs: ``check_user_can_x`` raises with the reason, ``user_can_x`` is the bool for
templates.
Membership end dates count everywhere: an ended membership is no membership.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _

from airlock.errors import NotFound, PermissionDenied


def check_user_can_administer_service(*, user: User | AnonymousUser) -> None:
    """Projects and policies: service administrators only (research services' administrators)."""
    from airlock.accounts.roles import user_is_service_administrator

    if not user_is_service_administrator(user):
        raise PermissionDenied(_("Only service administrators can manage projects and policies."))


def user_can_administer_service(*, user: User | AnonymousUser) -> bool:
    try:
        check_user_can_administer_service(user=user)
    except PermissionDenied:
        return False
    return True


def check_user_can_manage_members(*, user: User | AnonymousUser, project) -> None:
    """Members and end dates, in the portal: the project's active administrators. (Service
    administrators do it in the review zone, checked by check_user_can_administer_service.)

    A user who is not an active member at all gets NotFound: the project is not theirs to know.
    """
    from airlock.projects.models import Membership, MembershipRole

    membership = (
        Membership.objects.active().filter(user=user, project=project).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise NotFound("project")
    if membership.role != MembershipRole.ADMINISTRATOR:
        raise PermissionDenied(_("Only the project's administrators can manage its members."))


def user_can_manage_members(*, user: User | AnonymousUser, project) -> bool:
    try:
        check_user_can_manage_members(user=user, project=project)
    except (NotFound, PermissionDenied):
        return False
    return True


def check_user_can_change_membership(*, user: User, membership) -> None:
    """An administrator cannot end or remove their own access (ask another administrator)."""
    if membership.user_id == user.pk:
        raise PermissionDenied(
            _("You cannot end or remove your own access; ask another administrator.")
        )
