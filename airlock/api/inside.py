"""The inside zone's API. Every call goes through the same services as the pages."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from airlock.api.schemas import (
    CommentIn,
    ErrorOut,
    FileIdInQuery,
    FileOut,
    TransferIn,
    TransferOut,
)
from airlock.api.serializers import file_json, transfer_json
from airlock.errors import UploadRefused
from airlock.outputs import selectors, services
from airlock.outputs.models import OutputFile
from airlock.projects.policy import policy_for_project
from airlock.projects.selectors import project_get_for_member
from airlock.review import services as review_services
from airlock.security.requests import AuthenticatedHttpRequest
from scanners.version import SCANNER_VERSION

router = Router(tags=["inside"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 413: ErrorOut}


@router.post("/projects/{code}/files", response={201: list[FileOut], **ERRORS})
def upload_files(
    request: AuthenticatedHttpRequest, code: str, file: File[list[UploadedFile]] | None = None
):
    """Upload one or more files (repeat the multipart field `file`). All are kept, or none."""
    project = project_get_for_member(user=request.user, code=code)
    uploads = request.FILES.getlist("file")
    if not uploads:
        raise UploadRefused(
            "",
            _("No file was sent: send one or more files in the multipart field 'file'."),
            title=_("No file was sent"),
        )
    created = services.output_file_upload_many(
        project=project,
        user=request.user,
        uploads=[services.Upload(stream=upload, name=upload.name or "") for upload in uploads],
    )
    return Status(201, [file_json(f) for f in created])


MAX_FILES_ASKED = 200  # ``id`` values in one list request


@router.get("/projects/{code}/files", response={200: list[FileOut], **ERRORS})
def list_files(
    request: AuthenticatedHttpRequest,
    code: str,
    ids: Annotated[
        list[FileIdInQuery] | None, Query(alias="id", max_length=MAX_FILES_ASKED)
    ] = None,
):
    """The project's files inside. With `id` (repeatable, at most 200), only those files:
    one request for the status of several files; an id that is not inside is left out."""
    if ids:
        found = selectors.output_file_list_inside_for_member(
            user=request.user, code=code, file_ids=ids
        )
        if not found:
            project_get_for_member(user=request.user, code=code)  # 404 for a non-member
        return [file_json(f) for f in found]
    project = project_get_for_member(user=request.user, code=code)
    return [file_json(f) for f in selectors.output_file_list_inside(project=project)]


def _file_inside(request: AuthenticatedHttpRequest, code: str, file_id: int) -> OutputFile:
    """The member's file, in one query; when there is none, step by step, so the 404 says
    whether the project or the file is not found."""
    output_file = selectors.output_file_get_inside_for_member(
        user=request.user, code=code, file_id=file_id
    )
    if output_file is None:
        project = project_get_for_member(user=request.user, code=code)
        output_file = selectors.output_file_get_inside(project=project, file_id=file_id)
    return output_file


@router.get("/projects/{code}/files/{file_id}", response={200: FileOut, **ERRORS})
def get_file(request: AuthenticatedHttpRequest, code: str, file_id: int):
    return file_json(_file_inside(request, code, file_id))


@router.post("/projects/{code}/files/{file_id}/comment", response={200: FileOut, **ERRORS})
def comment_file(request: AuthenticatedHttpRequest, code: str, file_id: int, payload: CommentIn):
    output_file = _file_inside(request, code, file_id)
    services.output_file_comment(
        output_file=output_file, user=request.user, comment=payload.comment
    )
    return file_json(output_file)


@router.delete("/projects/{code}/files/{file_id}", response={204: None, **ERRORS})
def withdraw_file(request: AuthenticatedHttpRequest, code: str, file_id: int):
    project = project_get_for_member(user=request.user, code=code)
    output_file = selectors.output_file_get_inside(project=project, file_id=file_id)
    services.output_file_withdraw(output_file=output_file, user=request.user)
    return Status(204, None)


@router.post("/projects/{code}/transfers", response={201: TransferOut, **ERRORS})
def create_transfer(request: AuthenticatedHttpRequest, code: str, payload: TransferIn):
    """Approve the declaration and transfer the files. A refusal is a 400 whose
    `detail.files` gives a reason per file id; an id that is not a file of this project
    (another project's, or none) is "No such file in this project.", never a 404, so the
    other reasons still arrive, and nothing says whether the id exists elsewhere."""
    project = project_get_for_member(user=request.user, code=code)
    transfer = review_services.transfer_create(
        project=project, user=request.user, file_ids=payload.files, approve=payload.approve
    )
    files = list(transfer.files.order_by("id"))
    for output_file in files:
        # all are this project's: one instance, so its Datadoc key variables are read once
        output_file.project = project
    return Status(201, transfer_json(transfer, files))


class PolicyOut(Schema):
    project: str
    policy: dict  # scanners.model.Policy.to_dict(): the settings the scanner reads
    digest: str  # sha256 of the policy's canonical JSON: the policy_digest of a scan
    scanner_version: str


@router.get("/projects/{code}/policy", response={200: PolicyOut, **ERRORS})
def get_policy(request: AuthenticatedHttpRequest, code: str):
    """The project's scanner policy, as the worker uses it: `airlock check` scans with it, so
    its verdicts are the server's. `digest` is the `policy_digest` every scan report records."""
    project = project_get_for_member(user=request.user, code=code)
    policy = policy_for_project(project)
    return {
        "project": project.code,
        "policy": policy.to_dict(),
        "digest": policy.digest,
        "scanner_version": SCANNER_VERSION,
    }
