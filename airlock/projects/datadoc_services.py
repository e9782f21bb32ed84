"""Importing Datadoc documents, and reading a project's key variables from them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.projects.datadoc import DatadocDataset, DatadocVariable
from airlock.projects.datadoc_document import (
    Document,
    DocumentInvalid,
    Problem,
    document_read,
)
from airlock.projects.models import Project

MAX_FILES_PER_IMPORT = 50


@dataclass(frozen=True)
class FileProblems:
    file_name: str
    problems: list[Problem]


class DatadocImportInvalid(Exception):
    """At least one document is malformed: nothing of the import is stored."""

    def __init__(self, files: list[FileProblems]) -> None:
        super().__init__("; ".join(f"{f.file_name}: {p}" for f in files for p in f.problems))
        self.files = files


def datadoc_import(
    *, project: Project, documents: list[tuple[str, bytes]], actor: User | None
) -> list[DatadocDataset]:
    """Read every document first; store them all, or (one malformed) none of them.

    A data set imported again under the same short name replaces the earlier import.
    """
    read: list[tuple[str, Document]] = []
    invalid: list[FileProblems] = []
    for file_name, raw in documents:
        try:
            read.append((file_name, document_read(raw, file_name=file_name)))
        except DocumentInvalid as exc:
            invalid.append(FileProblems(file_name, exc.problems))
    if invalid:
        raise DatadocImportInvalid(invalid)
    stored: list[DatadocDataset] = []
    with transaction.atomic():
        for file_name, document in read:
            DatadocDataset.objects.filter(project=project, short_name=document.short_name).delete()
            dataset = DatadocDataset.objects.create(
                project=project,
                short_name=document.short_name,
                names=[list(pair) for pair in document.names],
                file_name=file_name[:255],
                imported_at=timezone.now(),
                imported_by=actor if actor is not None and actor.is_authenticated else None,
            )
            DatadocVariable.objects.bulk_create(
                DatadocVariable(
                    dataset=dataset,
                    short_name=v.short_name,
                    names=[list(pair) for pair in v.names],
                    descriptions=[list(pair) for pair in v.descriptions],
                    variable_role=v.variable_role,
                    is_personal_data=v.is_personal_data,
                    is_key=v.is_key,
                    key_names=list(v.key_names) if v.is_key else [],
                )
                for v in document.variables
            )
            keys = [v.short_name for v in document.variables if v.is_key]
            audit_record(
                action=AuditAction.DATADOC_IMPORTED,
                actor=actor if actor is not None and actor.is_authenticated else None,
                project_code=project.code,
                object_type="datadoc_dataset",
                object_id=dataset.pk,
                data={
                    "dataset": dataset.short_name,
                    "file": file_name,
                    "variables": len(document.variables),
                    "key_variables": keys,
                },
            )
            stored.append(dataset)
    return stored


def datadoc_key_variables(*, project: Project) -> dict[str, DatadocVariable]:
    """Each key-variable name the project's Datadoc documents give, to its variable."""
    found: dict[str, DatadocVariable] = {}
    variables = DatadocVariable.objects.filter(dataset__project=project, is_key=True).order_by(
        "dataset__short_name", "id"
    )
    for variable in variables.select_related("dataset"):
        for name in variable.key_names:
            found.setdefault(name, variable)
    return found


def datadoc_key_names(*, project: Project) -> tuple[str, ...]:
    """The key-variable names of ``datadoc_key_variables``, sorted; read as names only (the
    scanner's policy asks for them at every scan)."""
    lists = DatadocVariable.objects.filter(dataset__project=project, is_key=True).values_list(
        "key_names", flat=True
    )
    return tuple(sorted({name for names in lists for name in names}))
