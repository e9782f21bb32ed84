"""Service-wide roles, held as Django groups. Project roles are memberships (projects app)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

REVIEWERS = "reviewers"  # research services
SERVICE_ADMINISTRATORS = "service_administrators"


def user_is_reviewer(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS).exists()
    )


def user_is_service_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=SERVICE_ADMINISTRATORS).exists())
    )


def group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]
