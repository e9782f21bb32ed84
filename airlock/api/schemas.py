from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt


class DatadocVariableOut(Schema):
    short_name: str
    name: str
    description: str
    dataset: str


class FindingOut(Schema):
    code: str
    severity: str
    location: str
    message: str
    evidence: str = ""
    # identifier.column on a column named by an imported Datadoc key variable (docs/datadoc.md)
    variable: DatadocVariableOut | None = None


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
    # Why research services will control the file after its transfer (risk, unscannable,
    # size, review), known before it; a random draw may add "random" at transfer.
    control_reasons: list[str] = []
    created_at: datetime


class CommentIn(Schema):
    comment: str


# An id the database can hold: a larger number is a 400, not an overflow in the query (500).
# Strict: `true` is not file 1, and "7" is not 7.
FileId = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
# The same in a query string, where every value is text: "7" is 7 there.
FileIdInQuery = Annotated[int, Field(ge=1, le=2**63 - 1)]
# Days a queue item has waited: a number a date can be worked out from (not 3,000,000).
MAX_AGE_DAYS = 36500


class TransferIn(Schema):
    files: list[FileId]
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
