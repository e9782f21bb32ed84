"""Datadoc import over the API: project administrators in the portal zone, service
administrators in the review zone (docs/datadoc.md)."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.files import UploadedFile

from airlock.api.schemas import ErrorOut
from airlock.errors import UploadRefused
from airlock.projects.datadoc import DatadocDataset
from airlock.projects.datadoc_access import (
    datadoc_project_for_project_admin,
    datadoc_project_for_service_admin,
)
from airlock.projects.datadoc_document import MAX_DOCUMENT_BYTES
from airlock.projects.datadoc_services import (
    MAX_FILES_PER_IMPORT,
    DatadocImportInvalid,
    datadoc_import,
)
from airlock.projects.models import Project
from airlock.security.requests import AuthenticatedHttpRequest

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut}


def dataset_json(dataset: DatadocDataset) -> dict[str, Any]:
    return {
        "short_name": dataset.short_name,
        "file_name": dataset.file_name,
        "imported_at": dataset.imported_at.isoformat(),
        "variables": [
            {
                "short_name": v.short_name,
                "variable_role": v.variable_role,
                "is_personal_data": v.is_personal_data,
                "key_variable": v.is_key,
                "key_names": v.key_names,
            }
            for v in dataset.variables.all()
        ],
    }


def build_router(project_for: Callable[..., Project]) -> Router:
    router = Router(tags=["datadoc"])

    @router.get("/projects/{code}/datadoc", response={200: list[dict], **ERRORS})
    def list_datadoc(request: AuthenticatedHttpRequest, code: str):
        """The project's imported Datadoc data sets, with each variable's key-variable names."""
        project = project_for(user=request.user, code=code)
        datasets = project.datadoc_datasets.prefetch_related("variables")
        return [dataset_json(d) for d in datasets]

    @router.post("/projects/{code}/datadoc", response={201: list[dict], **ERRORS})
    def import_datadoc(
        request: AuthenticatedHttpRequest, code: str, file: File[list[UploadedFile]] | None = None
    ):
        """Import Datadoc JSON documents (repeat the multipart field `file`). All are imported,
        or (one malformed) none; a 400 lists each problem as a JSON path and what is wrong."""
        project = project_for(user=request.user, code=code)
        uploads = request.FILES.getlist("file")
        if not uploads:
            raise UploadRefused(
                "",
                _("No file was sent: send one or more Datadoc JSON files in the field 'file'."),
                title=_("No file was sent"),
            )
        if len(uploads) > MAX_FILES_PER_IMPORT:
            raise UploadRefused(
                "",
                _("At most %(n)s documents at a time.") % {"n": MAX_FILES_PER_IMPORT},
                title=_("Too many documents"),
            )
        documents = [(u.name or "", u.read(MAX_DOCUMENT_BYTES + 1)) for u in uploads]
        try:
            stored = datadoc_import(project=project, documents=documents, actor=request.user)
        except DatadocImportInvalid as exc:
            detail = [
                {"file": f.file_name, "path": p.path, "msg": p.message}
                for f in exc.files
                for p in f.problems
            ]
            return Status(
                400,
                {
                    "error": _("The Datadoc documents are not valid: nothing was imported."),
                    "detail": detail,
                },
            )
        return Status(201, [dataset_json(d) for d in stored])

    return router


portal_router = build_router(datadoc_project_for_project_admin)
review_router = build_router(datadoc_project_for_service_admin)
