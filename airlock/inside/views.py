"""Pages of the inside zone (the secure desktop): choose a project, upload, check, transfer.

Views are thin: they read the request, call ``outputs.services`` / ``outputs.selectors`` and
render. Upload works as a plain multipart form; ``upload.js`` sends each file with
XMLHttpRequest instead (answered with JSON) so a progress bar can show per file. The check
page polls each file still queued or scanning with htmx, and works without it (Refresh).
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from airlock.errors import ActionRefused, NotFound, TransferRefused, UploadRefused
from airlock.inside.check_page import CheckSummary, FileRow, check_rows, check_summary
from airlock.inside.check_page import file_row as build_file_row
from airlock.inside.forms import CommentForm, TransferForm
from airlock.outputs import selectors, services, storage
from airlock.outputs.models import OutputFile, Status
from airlock.projects.models import Project
from airlock.projects.selectors import project_list_for_user
from airlock.projects.shortcuts import project_for_member_or_404
from airlock.review import services as review_services
from airlock.security.requests import AuthenticatedHttpRequest

logger = logging.getLogger(__name__)


def _inside_file_or_404(project: Project, file_id: int) -> OutputFile:
    try:
        return selectors.output_file_get_inside(project=project, file_id=file_id)
    except NotFound as exc:
        raise Http404(_("No such file.")) from exc


# --- Choose a project --------------------------------------------------------------------


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    projects = project_list_for_user(user=request.user)
    return render(request, "inside/index.html", {"projects": projects})


# --- Upload ------------------------------------------------------------------------------


def _wants_json(request: AuthenticatedHttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    if request.method == "GET":
        return _render_upload(request, project)

    uploads = request.FILES.getlist("file")
    # upload.js sends one file per request with the folder it came from; a plain form
    # sends no folders (browsers keep only the file name).
    folders = request.POST.getlist("relative_path")
    created: list[OutputFile] = []
    refused: list[UploadRefused] = []
    if not uploads:
        refused.append(
            UploadRefused("", _("Choose at least one file to upload."), title=_("No file chosen"))
        )
    batch = [
        services.Upload(
            stream=uploaded,
            name=uploaded.name or "",
            relative_path=folders[index] if len(folders) == len(uploads) else "",
        )
        for index, uploaded in enumerate(uploads)
    ]
    if batch:
        # All or none, as through the API: every refused file is named, and then none is kept.
        refused = services.output_file_upload_refusals(project=project, uploads=batch)
    if batch and not refused:
        try:
            created = services.output_file_upload_many(
                project=project, user=request.user, uploads=batch
            )
        except UploadRefused as exc:
            refused.append(exc)

    status = 400 if refused else 201
    if _wants_json(request):
        return JsonResponse(
            {
                "files": [
                    {"id": f.pk, "name": f.name, "folder": f.relative_path, "size": f.size}
                    for f in created
                ],
                "refused": [
                    {"name": r.name, "title": str(r.title), "reason": str(r.reason)}
                    for r in refused
                ],
            },
            status=status,
        )
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)d file uploaded: %(names)s",
                "%(count)d files uploaded: %(names)s",
                len(created),
            )
            % {"count": len(created), "names": ", ".join(f.name for f in created)},
        )
    if refused:
        return _render_upload(request, project, refused=refused, status=400)
    return redirect("inside:upload", code=project.code)


def _render_upload(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    refused: list[UploadRefused] | None = None,
    status: int = 200,
) -> HttpResponse:
    files = list(selectors.output_file_list_inside(project=project))
    context = {
        "project": project,
        "files": files,
        "refused": refused or [],
        "allowed_extensions": sorted(project.effective_allowed_extensions),
        "max_upload_bytes": min(project.max_upload_bytes, settings.AIRLOCK_MAX_UPLOAD_BYTES),
        "step": "upload",
    }
    return render(request, "inside/upload.html", context, status=status)


# --- Check -------------------------------------------------------------------------------


def _render_check(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    refusal: TransferRefused | None = None,
    rows_override: dict[int, FileRow] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    file_reasons = refusal.file_reasons if refusal else {}
    rows = []
    for row in check_rows(project):
        pk = row.output_file.pk
        if rows_override and pk in rows_override:
            row = rows_override[pk]
        elif pk in file_reasons:
            row.refusal = file_reasons[pk]
        if refusal and not (rows_override and pk in rows_override):
            # What was typed stays on the page when the transfer is refused.
            typed = request.POST.get(f"f{pk}-comment")
            if typed is not None:
                row.comment_form = CommentForm({f"f{pk}-comment": typed}, prefix=f"f{pk}")
        rows.append(row)
    shown = {row.output_file.pk for row in rows}
    unknown = [reason for file_id, reason in file_reasons.items() if file_id not in shown]
    context = {
        "project": project,
        "rows": rows,
        "summary": CheckSummary(rows=rows),
        "pending": sum(1 for r in rows if r.pending),
        "transfer_form": TransferForm(request.POST if refusal else None),
        "declaration": services.declaration_text(),
        "refusal": refusal.reason if refusal else "",
        "unknown_refusals": unknown,
        "error": error,
        "step": "check",
    }
    return render(request, "inside/check.html", context, status=status)


def _render_row(
    request: AuthenticatedHttpRequest, project: Project, row: FileRow | None, *, status: int = 200
) -> HttpResponse:
    """A row (or nothing, for a removed file) and, out of band, the summary brought up to date."""
    context = {"row": row, "project": project, "summary": check_summary(project), "oob": True}
    return render(request, "inside/_row_update.html", context, status=status)


@login_required
@require_GET
def check(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    return _render_check(request, project)


@login_required
@require_GET
def file_row(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponse:
    """One file's row on the check page: what htmx polls while the file is being scanned."""
    project = project_for_member_or_404(request, code)
    if not request.htmx:
        return redirect(reverse("inside:check", args=[project.code]) + f"#file-{file_id}")
    try:
        output_file = selectors.output_file_get_inside(project=project, file_id=file_id)
    except NotFound:
        # Removed or transferred in another window: the row goes, and polling with it.
        return _render_row(request, project, None)
    return _render_row(request, project, build_file_row(output_file))


@login_required
@require_POST
def comment(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    output_file = _inside_file_or_404(project, file_id)
    form = CommentForm(request.POST, prefix=f"f{output_file.pk}")
    error = ""
    if form.is_valid():
        try:
            services.output_file_comment(
                output_file=output_file, user=request.user, comment=form.cleaned_data["comment"]
            )
        except ActionRefused as exc:
            error = exc.reason
    else:
        error = " ".join(map(str, form.errors.get("comment", []))) or _(
            "The comment could not be saved."
        )
    status = 400 if error else 200
    if error:
        row = build_file_row(output_file, error=error, comment_form=form)
    else:
        row = build_file_row(output_file, saved=True)
    if request.htmx:
        return _render_row(request, project, row, status=status)
    if error:
        return _render_check(request, project, rows_override={output_file.pk: row}, status=400)
    messages.success(request, _("Comment saved for %(name)s.") % {"name": output_file.name})
    return redirect(reverse("inside:check", args=[project.code]) + f"#file-{output_file.pk}")


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, code: str, file_id: int) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    output_file = _inside_file_or_404(project, file_id)
    try:
        services.output_file_withdraw(output_file=output_file, user=request.user)
    except ActionRefused as exc:
        row = build_file_row(output_file, error=exc.reason)
        if request.htmx:
            return _render_row(request, project, row, status=400)
        return _render_check(request, project, rows_override={output_file.pk: row}, status=400)
    if request.htmx:
        return _render_row(request, project, None)  # the row disappears; the summary updates
    messages.success(request, _("%(name)s was removed.") % {"name": output_file.name})
    return redirect("inside:check", code=project.code)


# --- Transfer ----------------------------------------------------------------------------


@login_required
@require_POST
def transfer(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    form = TransferForm(request.POST)
    form.is_valid()  # a checkbox: always valid; absent means not approved
    try:
        file_ids = services.ids_from(request.POST.getlist("files"))
        comment_error = _save_typed_comments(request, project, file_ids)
        if comment_error is not None:
            return comment_error
        created = review_services.transfer_create(
            project=project,
            user=request.user,
            file_ids=file_ids,
            approve=bool(form.cleaned_data.get("approve")),
        )
    except TransferRefused as exc:
        return _render_check(request, project, refusal=exc, status=400)
    except storage.IntegrityError:
        logger.error("Stored bytes differ from the upload in project %s", project.code)
        return _render_check(
            request,
            project,
            error=_(
                "A file's stored copy does not match what was uploaded, so nothing was "
                "transferred. Remove the file, upload it again, or contact research services."
            ),
            status=409,
        )
    return redirect("inside:transferred", code=project.code, transfer_id=created.pk)


def _save_typed_comments(
    request: AuthenticatedHttpRequest, project: Project, file_ids: list[int]
) -> HttpResponse | None:
    """Save every comment typed on the check page that differs from the one stored, so that
    pressing Transfer without "Save comment" first loses nothing. A refused comment stops the
    transfer with the reason at its file."""
    for output_file in selectors.output_file_list_inside(project=project).filter(pk__in=file_ids):
        form = CommentForm(request.POST, prefix=f"f{output_file.pk}")
        if f"{form.prefix}-comment" not in request.POST:
            continue
        if not form.is_valid():
            error = " ".join(map(str, form.errors.get("comment", [])))
        elif form.cleaned_data["comment"].strip() == output_file.comment:
            continue
        else:
            try:
                services.output_file_comment(
                    output_file=output_file,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                )
                continue
            except ActionRefused as exc:
                error = exc.reason
        row = build_file_row(output_file, error=error, comment_form=form)
        return _render_check(request, project, rows_override={output_file.pk: row}, status=400)
    return None


@login_required
@require_GET
def transferred(request: AuthenticatedHttpRequest, code: str, transfer_id: int) -> HttpResponse:
    project = project_for_member_or_404(request, code)
    try:
        sent = selectors.transfer_get_for_project(project=project, transfer_id=transfer_id)
    except NotFound as exc:
        raise Http404(_("No such transfer.")) from exc
    files = list(sent.files.order_by("name", "id"))
    context = {
        "project": project,
        "transfer": sent,
        "files": files,
        "held": [f for f in files if f.status == Status.HELD],
        "portal_here": "portal" in settings.AIRLOCK_ZONES,
        "step": "transfer",
    }
    return render(request, "inside/transferred.html", context)
