"""The portal's "report a suspected breach" of one file (the duty to report, seed 001); the
report of a breach not tied to a file is breach_reports.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from airlock.errors import ActionRefused, NotFound, PermissionDenied
from airlock.portal.forms import BreachReportForm
from airlock.projects.selectors import project_get_for_member
from airlock.review import selectors, services
from airlock.security.requests import AuthenticatedHttpRequest


def _portal_home(code: str) -> str:
    try:
        return reverse("portal:transfers", args=[code])
    except NoReverseMatch:
        return reverse("home")


@login_required
def report_breach(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponse:
    try:
        project = project_get_for_member(user=request.user, code=code)
        output_file = selectors.output_file_get_reportable(project=project, file_id=file_id)
    except NotFound as exc:
        raise Http404(exc.what) from exc
    form = BreachReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.breach_report_create(
                    output_file=output_file,
                    user=request.user,
                    description=form.cleaned_data["description"],
                )
            except (ActionRefused, PermissionDenied) as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for reporting. %(name)s has been taken out of the portal and "
                        "research services will look at it. Delete any copies you have."
                    )
                    % {"name": output_file.name},
                )
                return redirect(_portal_home(project.code))
        status = 400
    return render(
        request,
        "portal/report_file_breach.html",
        {
            "form": form,
            "project": project,
            "output_file": output_file,
            "back": _portal_home(project.code),
        },
        status=status,
    )
