"""Domain exceptions for access, shared by pages and the API.

``NotFound`` for anything a user may not know exists (another project's file: 404);
``PermissionDenied`` carries a user-facing reason (403).
"""


class NotFound(Exception):
    def __init__(self, what: str = "object") -> None:
        super().__init__(what)
        self.what = what


class PermissionDenied(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
