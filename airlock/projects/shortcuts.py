"""For page views: a project the signed-in user may see, or 404 (like get_object_or_404)."""

from django.http import Http404
from django.utils.translation import gettext as _

from airlock.errors import NotFound
from airlock.projects.models import Project
from airlock.projects.selectors import project_get_for_member
from airlock.security.requests import AuthenticatedHttpRequest


def project_for_member_or_404(request: AuthenticatedHttpRequest, code: str) -> Project:
    try:
        return project_get_for_member(user=request.user, code=code)
    except NotFound as exc:
        raise Http404(_("No such project.")) from exc
