"""Readers turn a file into text blocks, tables and hidden parts. One module per format family.

The file-type registry (``scanners.file_types``) names each extension's reader as
``module:function``; a module is imported when a file of its type arrives (the Celery worker
imports them all once, before it forks: ``scanners.sandbox.preload``).
A reader never decides: it reports where everything is and lets the detectors judge.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from scanners.file_types import FILE_TYPES
from scanners.model import Extraction
from scanners.readers.context import ReadContext

Reader = Callable[[Path, ReadContext], Extraction]


def registered_types() -> frozenset[str]:
    return frozenset(ext for ext, entry in FILE_TYPES.items() if entry.reader)


def reader_for(file_type: str) -> Reader | None:
    """The reader for a file type, or None: an allowed type without a reader is unscannable."""
    entry = FILE_TYPES.get(file_type.lower())
    if entry is None or not entry.reader:
        return None
    module_name, function_name = entry.reader.split(":")
    module = importlib.import_module(module_name)
    reader: Reader = getattr(module, function_name)
    return reader


__all__ = ["ReadContext", "Reader", "reader_for", "registered_types"]
