"""Pages of the portal zone (the researcher's own computer): My overview, Transfers by date,
download and delete. The portal reads only the released store.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from airlock.errors import ActionRefused, NotFound
from airlock.outputs import selectors, services, storage
from airlock.outputs.models import OutputFile
from airlock.portal.breach_reports import project_breach_report_create
from airlock.portal.forms import ProjectBreachReportForm
from airlock.portal.history import transfer_days_for_portal
from airlock.projects.models import Project
from airlock.projects.selectors import project_list_for_user
from airlock.projects.shortcuts import project_for_member_or_404
from airlock.security.requests import AuthenticatedHttpRequest
from airlock.security.responses import attachment_response

logger = logging.getLogger(__name__)


def _portal_file_or_404(project: Project, file_id: int) -> OutputFile:
    try:
        return selectors.output_file_get_in_portal(project=project, file_id=file_id)
    except NotFound as exc:
        raise Http404(_("No such file.")) from exc


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My overview: the Projects tab."""
    projects = project_list_for_user(user=request.user)
    return render(request, "portal/index.html", {"projects": projects, "tab": "projects"})


@login_required
@require_GET
def transfers(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The project's Transfers tab: transfers grouped by day, newest first."""
    project = project_for_member_or_404(request, code)
    days = transfer_days_for_portal(project=project)
    return render(
        request, "portal/transfers.html", {"project": project, "days": days, "tab": "transfers"}
    )


@login_required
@require_GET
def download(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponseBase:
    project = project_for_member_or_404(request, code)
    output_file = _portal_file_or_404(project, file_id)
    try:
        handle = services.output_file_open_for_download(output_file=output_file, user=request.user)
    except ActionRefused as exc:
        raise Http404(exc.reason) from exc
    except storage.IntegrityError:
        logger.error("Released copy of output file %s does not match its sha256", output_file.pk)
        return render(
            request,
            "portal/download_failed.html",
            {"project": project, "output_file": output_file},
            status=409,
        )
    return attachment_response(handle, output_file.name)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the file from the portal."""
    project = project_for_member_or_404(request, code)
    output_file = _portal_file_or_404(project, file_id)
    if request.method == "GET":
        return render(
            request, "portal/delete_confirm.html", {"project": project, "output_file": output_file}
        )
    try:
        services.output_file_delete_from_portal(output_file=output_file, user=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return redirect("portal:transfers", code=project.code)
    messages.success(
        request, _("%(name)s was deleted from the portal.") % {"name": output_file.name}
    )
    return redirect("portal:transfers", code=project.code)


@login_required
@require_http_methods(["GET", "POST"])
def report_project_breach(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The duty to report a suspected breach that is not tied to one file."""
    project = project_for_member_or_404(request, code)
    form = ProjectBreachReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                project_breach_report_create(
                    project=project,
                    user=request.user,
                    description=form.cleaned_data["description"],
                    occurred_at=form.occurred_at(),
                )
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for reporting. Research services have been told and will "
                        "contact you."
                    ),
                )
                return redirect("portal:transfers", code=project.code)
        status = 400
    return render(
        request,
        "portal/report_project_breach.html",
        {"project": project, "form": form, "tab": "report"},
        status=status,
    )
