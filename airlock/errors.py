"""Errors a user can cause, in one module below every app. Pages turn them into a message and
a 4xx (``airlock.security.errors`` for NotFound/PermissionDenied), the API into JSON
(``airlock.api.errors``).

``NotFound`` for anything a user may not know exists (another project's file: 404);
``PermissionDenied`` carries a user-facing reason (403).
"""

from django.utils.translation import gettext as _


class UploadRefused(Exception):
    """The file was refused at once and nothing of it was kept (400)."""

    def __init__(self, name: str, reason: str, title: str | None = None) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.title = title or _("Upload refused")


class UploadTooLarge(Exception):
    """The request body is over the hard upload limit (413); stopped while streaming."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Upload over {limit} bytes")
        self.limit = limit


class TransferRefused(Exception):
    """A transfer that cannot go ahead (400): a general reason and/or a reason per file id."""

    def __init__(self, *, reason: str = "", file_reasons: dict[int, str] | None = None) -> None:
        self.reason = reason
        self.file_reasons = file_reasons or {}
        super().__init__(reason or "; ".join(f"{k}: {v}" for k, v in self.file_reasons.items()))


class ActionRefused(Exception):
    """An action that the file's state does not allow now (400), with a user-facing reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotFound(Exception):
    """Not there, or not the user's to know about (404)."""

    def __init__(self, what: str = "object") -> None:
        super().__init__(what)
        self.what = what


class PermissionDenied(Exception):
    """The user may not do this (403), with a user-facing reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
