"""Uploaded file names are shown to people, never used as storage paths."""

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

MAX_NAME_LENGTH = 200
MAX_FOLDER_LENGTH = 1000


def _clean(part: str) -> str:
    part = unicodedata.normalize("NFC", part)
    part = "".join(ch for ch in part if unicodedata.category(ch)[0] != "C")
    return part.strip().strip(".").strip()


def sanitise_filename(raw: str) -> str:
    """The last path component, without control characters, at most 200 characters.

    A too-long name keeps its extension, so the file type it claims does not change.
    """
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = _clean(name) or "unnamed"
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def sanitise_folder(raw: str) -> str:
    """A folder path from a folder upload, for display: no '..', no absolute paths."""
    parts = [_clean(p) for p in (raw or "").replace("\\", "/").split("/")]
    parts = [p for p in parts if p and p not in {".", ".."}]
    return "/".join(parts)[:MAX_FOLDER_LENGTH]


def extension_of(name: str) -> str:
    """The last suffix, lower case, without the dot: the one that decides the file type."""
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""
