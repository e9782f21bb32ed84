"""The portal zone's API: reads only the released store."""

from ninja import Router, Status

from airlock.api.review import BreachReportOut, breach_report_json
from airlock.api.schemas import BreachReportIn, ErrorOut, ProjectOut, TransferOut
from airlock.api.serializers import transfer_json
from airlock.outputs import selectors, services
from airlock.projects.selectors import project_get_for_member, project_list_for_user
from airlock.review import selectors as review_selectors
from airlock.review import services as review_services
from airlock.security.requests import AuthenticatedHttpRequest
from airlock.security.responses import attachment_response

router = Router(tags=["portal"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


@router.get("/projects", response={200: list[ProjectOut], **ERRORS})
def list_projects(request: AuthenticatedHttpRequest):
    return [{"code": p.code, "name": p.name} for p in project_list_for_user(user=request.user)]


@router.get("/projects/{code}/transfers", response={200: list[TransferOut], **ERRORS})
def list_transfers(request: AuthenticatedHttpRequest, code: str):
    project = project_get_for_member(user=request.user, code=code)
    return [
        transfer_json(t, t.visible_files)  # type: ignore[attr-defined]
        for t in selectors.transfer_list_for_portal(project=project)
    ]


@router.get(
    "/projects/{code}/files/{file_id}/download",
    response={200: None, **ERRORS},
    openapi_extra={"responses": {200: {"description": "The file's exact bytes, as an attachment"}}},
)
def download_file(request: AuthenticatedHttpRequest, code: str, file_id: int):
    project = project_get_for_member(user=request.user, code=code)
    output_file = selectors.output_file_get_in_portal(project=project, file_id=file_id)
    handle = services.output_file_open_for_download(output_file=output_file, user=request.user)
    return attachment_response(handle, output_file.name)


@router.delete("/projects/{code}/files/{file_id}", response={204: None, **ERRORS})
def delete_file(request: AuthenticatedHttpRequest, code: str, file_id: int):
    project = project_get_for_member(user=request.user, code=code)
    output_file = selectors.output_file_get_in_portal(project=project, file_id=file_id)
    services.output_file_delete_from_portal(output_file=output_file, user=request.user)
    return Status(204, None)


@router.post(
    "/projects/{code}/files/{file_id}/report-breach",
    response={201: BreachReportOut, 403: ErrorOut, **ERRORS},
)
def report_breach(
    request: AuthenticatedHttpRequest, code: str, file_id: int, payload: BreachReportIn
):
    """The duty to report: the file leaves the portal at once and goes to the top of control."""
    project = project_get_for_member(user=request.user, code=code)
    output_file = review_selectors.output_file_get_reportable(project=project, file_id=file_id)
    report = review_services.breach_report_create(
        output_file=output_file, user=request.user, description=payload.description
    )
    return Status(201, breach_report_json(report))
