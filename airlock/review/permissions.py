"""Who may do what in control. ``check_user_can_x`` raises with a reason; ``user_can_x`` is a bool.

State policies ("may this item be decided now") live in services, apart from these.
"""

from typing import cast

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _

from airlock.accounts.roles import user_is_reviewer, user_is_service_administrator
from airlock.errors import PermissionDenied
from airlock.outputs.models import OutputFile
from airlock.projects.models import Membership
from airlock.review.models import ReviewItem

Person = User | AnonymousUser  # a signed-in user, or none


def check_user_can_review(*, user: Person) -> None:
    if not user_is_reviewer(user):
        raise PermissionDenied(_("Only research services (reviewers) can use the control queue."))


def user_can_review(*, user: Person) -> bool:
    return user_is_reviewer(user)


def check_user_can_decide(*, user: Person, review_item: ReviewItem) -> None:
    """A reviewer never decides on a file they uploaded, commented or approved for transfer,
    nor on any file of a project they belong to or once belonged to (removal keeps the row)."""
    check_user_can_review(user=user)  # so a signed-in reviewer from here on
    output_file = review_item.output_file
    project = output_file.project
    authors = {output_file.uploaded_by_id, output_file.comment_by_id}
    if output_file.transfer is not None:
        authors.add(output_file.transfer.approved_by_id)
    if user.pk in authors:
        raise PermissionDenied(
            _("You uploaded, commented or approved this file, so another reviewer must decide.")
        )
    if Membership.objects.filter(user=cast(User, user), project=project).exists():
        raise PermissionDenied(
            _(
                "You are or were a member of project %(code)s, so another reviewer must decide "
                "on its files."
            )
            % {"code": project.code}
        )


def user_can_decide(*, user: Person, review_item: ReviewItem) -> bool:
    try:
        check_user_can_decide(user=user, review_item=review_item)
    except PermissionDenied:
        return False
    return True


def check_user_can_see_control_records(*, user: Person) -> None:
    """Control statistics and the audit trail: research services and service administrators."""
    if not (user_is_reviewer(user) or user_is_service_administrator(user)):
        raise PermissionDenied(
            _("Only research services and service administrators can see control records.")
        )


def user_can_see_control_records(*, user: Person) -> bool:
    return user_is_reviewer(user) or user_is_service_administrator(user)


def check_user_can_report_breach(*, user: Person, output_file: OutputFile) -> None:
    if not (
        user.is_authenticated
        and Membership.objects.active().filter(user=user, project=output_file.project).exists()
    ):
        raise PermissionDenied(_("Only members of the project can report a breach on its files."))
