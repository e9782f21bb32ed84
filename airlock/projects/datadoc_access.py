"""Who imports Datadoc documents: the project's administrators (portal) and service
administrators (review zone)."""

from django.contrib.auth.models import AnonymousUser, User

from airlock.projects import selectors
from airlock.projects.models import Project
from airlock.projects.permissions import (
    check_user_can_administer_service,
    check_user_can_manage_members,
)


def datadoc_project_for_project_admin(*, user: User | AnonymousUser, code: str) -> Project:
    project = selectors.project_get(code=code)
    check_user_can_manage_members(user=user, project=project)
    return project


def datadoc_project_for_service_admin(*, user: User | AnonymousUser, code: str) -> Project:
    check_user_can_administer_service(user=user)
    return selectors.project_get(code=code)
