"""Readers turn a file into text blocks, tables and hidden parts. One module per format family.

The registry maps an extension to ``module:function``; modules are imported only when a file
of their type arrives, so a CSV scan does not pay for importing pandas or pdfium.
A reader never decides: it reports where everything is and lets the detectors judge.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from scanners.model import Extraction
from scanners.readers.context import ReadContext

Reader = Callable[[Path, ReadContext], Extraction]

_REGISTRY: dict[str, str] = {
    **{ext: "scanners.readers.delimited:read_delimited" for ext in ("csv", "tab", "txt")},
    **{ext: "scanners.readers.stata_log:read_stata_log" for ext in ("log", "smcl")},
    "lst": "scanners.readers.sas_listing:read_sas_listing",
    **{ext: "scanners.readers.code:read_code" for ext in ("sas", "r", "do", "doh", "ado", "sps")},
    **{ext: "scanners.readers.html:read_html" for ext in ("html", "htm")},
    "mht": "scanners.readers.html:read_mht",
    "xml": "scanners.readers.xml:read_xml",
    "svg": "scanners.readers.xml:read_svg",
    "tex": "scanners.readers.tex:read_tex",
    "eps": "scanners.readers.postscript:read_eps",
    **{ext: "scanners.readers.xlsx:read_xlsx" for ext in ("xlsx", "xlsm")},
    "xlm": "scanners.readers.legacy_excel:read_xlm",
    "xls": "scanners.readers.legacy_excel:read_xls",
    "ods": "scanners.readers.opendocument:read_ods",
    "odp": "scanners.readers.opendocument:read_odp",
    "docx": "scanners.readers.docx:read_docx",
    "doc": "scanners.readers.legacy_word:read_doc",
    "rtf": "scanners.readers.rtf:read_rtf",
    "pdf": "scanners.readers.pdf:read_pdf",
    **{ext: "scanners.readers.pptx:read_pptx" for ext in ("pptx", "pptm")},
    "ppt": "scanners.readers.legacy_powerpoint:read_ppt",
    **{ext: "scanners.readers.data_file:read_data_file" for ext in ("dta", "sav", "sas7bdat")},
    "spv": "scanners.readers.spv:read_spv",
    **{
        ext: "scanners.readers.image:read_image"
        for ext in ("png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp")
    },
    **{ext: "scanners.readers.metafile:read_metafile" for ext in ("emf", "wmf")},
}


def registered_types() -> frozenset[str]:
    return frozenset(_REGISTRY)


def reader_for(file_type: str) -> Reader | None:
    """The reader for a file type, or None: an allowed type without a reader is unscannable."""
    target = _REGISTRY.get(file_type.lower())
    if target is None:
        return None
    module_name, function_name = target.split(":")
    module = importlib.import_module(module_name)
    reader: Reader = getattr(module, function_name)
    return reader


__all__ = ["ReadContext", "Reader", "reader_for", "registered_types"]
