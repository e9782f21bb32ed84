from datetime import datetime

from ninja import Schema
from pydantic import StrictBool


class FindingOut(Schema):
    code: str
    severity: str
    location: str
    message: str
    evidence: str = ""


class FileOut(Schema):
    id: int
    name: str
    folder: str
    size: int
    sha256: str
    status: str
    verdict: str | None
    findings: list[FindingOut]
    comment: str
    needs_comment: bool
    created_at: datetime


class CommentIn(Schema):
    comment: str


class TransferIn(Schema):
    files: list[int]
    # The declaration is approved only by a JSON true, never by "yes" or 1.
    approve: StrictBool = False


class TransferOut(Schema):
    id: int
    created_at: datetime
    approved_by: str
    files: list[FileOut]


class ProjectOut(Schema):
    code: str
    name: str


class BreachReportIn(Schema):
    description: str


class ErrorOut(Schema):
    error: str
    detail: dict | list | str | None = None
