"""Why a file could not be judged. Readers raise these; the pipeline turns them into findings."""

from __future__ import annotations


class Unscannable(Exception):
    """The content could not be read: encrypted, corrupt, over a limit, or no text in it.

    The message is the reason, in plain words, shown to the researcher and the reviewer.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LimitExceeded(Unscannable):
    """A hostile-input limit was hit (zip bomb, XML entities, image pixels, pages, time)."""


class ContentMismatch(Exception):
    """The content is not what the extension says (a zip named .csv, a PDF named .docx)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
