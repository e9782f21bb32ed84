"""Service-wide roles, held as Django groups. Project roles are memberships (projects app)."""

from django.contrib.auth.models import AnonymousUser, Group, User

REVIEWERS = "reviewers"  # research services
SERVICE_ADMINISTRATORS = "service_administrators"


def user_is_reviewer(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS).exists()
    )


def user_is_service_administrator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=SERVICE_ADMINISTRATORS).exists())
    )


def user_may_use_zone(user: User | AnonymousUser, zone: str | None) -> bool:
    """Whether anything in this zone is for this person: the review zone is for research
    services and service administrators; the other zones for any signed-in person (each page
    checks project membership itself)."""
    if zone == "review":
        return user_is_reviewer(user) or user_is_service_administrator(user)
    return bool(user.is_authenticated)


def group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]
