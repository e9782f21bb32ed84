"""The Datadoc page of project administration: import documents, see the key variables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from airlock.projects.datadoc_access import (
    datadoc_project_for_project_admin,
    datadoc_project_for_service_admin,
)
from airlock.projects.datadoc_document import MAX_DOCUMENT_BYTES, text_in_language
from airlock.projects.datadoc_services import (
    MAX_FILES_PER_IMPORT,
    DatadocImportInvalid,
    FileProblems,
    datadoc_import,
)
from airlock.projects.models import Project
from airlock.security.requests import AuthenticatedHttpRequest

SERVICE_ADMIN = "service_admin"


def _project(request: AuthenticatedHttpRequest, code: str) -> Project:
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    if namespace == SERVICE_ADMIN:
        return datadoc_project_for_service_admin(user=request.user, code=code)
    return datadoc_project_for_project_admin(user=request.user, code=code)


@login_required
def project_datadoc(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = _project(request, code)  # NotFound and PermissionDenied: 404 and 403 pages
    if request.method != "POST":
        return _page(request, project)
    uploads = request.FILES.getlist("files")
    if not uploads:
        return _page(
            request, project, error=_("Choose one or more Datadoc JSON files."), status=400
        )
    if len(uploads) > MAX_FILES_PER_IMPORT:
        error = _("At most %(n)s documents at a time.") % {"n": MAX_FILES_PER_IMPORT}
        return _page(request, project, error=error, status=400)
    documents = [(u.name or "", u.read(MAX_DOCUMENT_BYTES + 1)) for u in uploads]
    try:
        stored = datadoc_import(project=project, documents=documents, actor=request.user)
    except DatadocImportInvalid as exc:
        return _page(request, project, invalid=exc.files, status=400)
    messages.success(
        request,
        ngettext(
            "%(n)s Datadoc document is imported: %(names)s.",
            "%(n)s Datadoc documents are imported: %(names)s.",
            len(stored),
        )
        % {"n": len(stored), "names": ", ".join(d.short_name for d in stored)},
    )
    return redirect(request.path)


def _page(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    error: str = "",
    invalid: list[FileProblems] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = get_language() or "en"
    datasets = []
    for dataset in project.datadoc_datasets.prefetch_related("variables"):
        keys = [
            {
                "short_name": v.short_name,
                "name": text_in_language(v.names, language),
                "description": text_in_language(v.descriptions, language),
                "role": v.variable_role,
                "personal": v.is_personal_data,
                "key_names": v.key_names,
            }
            for v in dataset.variables.all()
            if v.is_key
        ]
        datasets.append({"dataset": dataset, "keys": keys, "count": dataset.variables.count()})
    namespace = request.resolver_match.namespace if request.resolver_match else "project_admin"
    return render(
        request,
        "projects/datadoc.html",
        {
            "project": project,
            "datasets": datasets,
            "error": error,
            "invalid": invalid or [],
            "namespace": namespace,
            "service_admin": namespace == SERVICE_ADMIN,
        },
        status=status,
    )
