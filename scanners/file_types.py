"""The file-type registry: one entry per extension, read by everything that needs to know.

Each entry says what content the extension may hold (the content families the type gate
accepts from libmagic or its own sniffing), which reader reads it (``module:function``), how a
reviewer sees it, and whether a project allows it when it has not chosen its own list.

- the type gate (``scanners.filetype``) checks content against ``families``;
- the readers (``scanners.readers.reader_for``) import ``reader``;
- the policy default (``scanners.model.DEFAULT_ALLOWED_EXTENSIONS``) is ``default_allowed()``;
- the review page (``airlock.review.file_display``) shows a file by ``shown_as``.

A new format is one entry here and one reader module. No Django, no imports of readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

# Content families: what a MIME type from libmagic (or the gate's own sniffing) comes to.
TEXT: Final = "text"
OOXML_SHEET: Final = "ooxml_sheet"
OOXML_DOC: Final = "ooxml_doc"
OOXML_SLIDES: Final = "ooxml_slides"
ZIP: Final = "zip"
OLE: Final = "ole"
ODF_SHEET: Final = "odf_sheet"
ODF_SLIDES: Final = "odf_slides"
PDF: Final = "pdf"
RTF: Final = "rtf"
POSTSCRIPT: Final = "postscript"
STATA: Final = "stata"
SPSS: Final = "spss"
SAS: Final = "sas"
BINARY: Final = "binary"  # libmagic has no name for it (octet-stream): the reader must confirm

# How the review page shows a file: a table of cells, sheets, numbered lines, rendered pages,
# the picture itself, or only a download.
ShownAs = Literal["table", "sheet", "text", "pages", "image", "none"]

# Markup a text-type file may really hold, and the entry whose reader reads it (SVG or HTML
# saved as .xml, .csv or .xls is read as what it is, never passed unread).
MARKUP_READ_AS: Final[dict[str, str]] = {"html": "html", "svg": "svg"}


@dataclass(frozen=True)
class FileType:
    extension: str
    families: frozenset[str]
    reader: str  # "module:function"; "" = no reader (the file is unscannable)
    shown_as: ShownAs
    allowed_by_default: bool = True
    # The markup this type's own reader reads ("html", "svg"): such a file is never re-routed.
    markup: str = ""

    @property
    def may_be_text(self) -> bool:
        return TEXT in self.families


def _entry(
    extensions: str,
    families: set[str],
    reader: str,
    shown_as: ShownAs,
    *,
    markup: str = "",
) -> list[FileType]:
    return [
        FileType(ext, frozenset(families), reader, shown_as, markup=markup)
        for ext in extensions.split()
    ]


_DELIMITED = "scanners.readers.delimited:read_delimited"
_CODE = "scanners.readers.code:read_code"
_HTML = "scanners.readers.html:read_html"
_IMAGE = "scanners.readers.image:read_image"
_METAFILE = "scanners.readers.metafile:read_metafile"
_PPTX = "scanners.readers.pptx:read_pptx"
_DATA_FILE = "scanners.readers.data_file:read_data_file"

# In the order of Statistics Denmark's table of file types allowed for transfer (plus "pdf",
# "xml" and "jpeg"/"tiff"): the order of the default list, which the policy digest includes.
_ENTRIES: list[FileType] = [
    *_entry("xls", {OLE, TEXT}, "scanners.readers.legacy_excel:read_xls", "sheet"),
    *_entry("xlsx xlsm", {OOXML_SHEET, ZIP}, "scanners.readers.xlsx:read_xlsx", "sheet"),
    # Excel 4 macro sheets: BIFF, OOXML or XML.
    *_entry("xlm", {OOXML_SHEET, ZIP, OLE, TEXT}, "scanners.readers.legacy_excel:read_xlm", "none"),
    *_entry("xml", {TEXT}, "scanners.readers.xml:read_xml", "text"),
    *_entry("csv", {TEXT}, _DELIMITED, "table"),
    *_entry("ods", {ODF_SHEET, ZIP}, "scanners.readers.opendocument:read_ods", "sheet"),
    *_entry("tab", {TEXT}, _DELIMITED, "table"),
    *_entry("txt", {TEXT}, _DELIMITED, "text"),
    *_entry("htm html", {TEXT}, _HTML, "text", markup="html"),
    *_entry("mht", {TEXT}, "scanners.readers.html:read_mht", "text", markup="html"),
    *_entry("log", {TEXT}, "scanners.readers.stata_log:read_stata_log", "text"),
    *_entry("tex", {TEXT}, "scanners.readers.tex:read_tex", "text"),
    *_entry("pdf", {PDF}, "scanners.readers.pdf:read_pdf", "pages"),
    *_entry("doc", {OLE}, "scanners.readers.legacy_word:read_doc", "none"),
    *_entry("docx", {OOXML_DOC, ZIP}, "scanners.readers.docx:read_docx", "none"),
    *_entry("rtf", {RTF, TEXT}, "scanners.readers.rtf:read_rtf", "text"),
    *_entry("sas r do doh ado", {TEXT}, _CODE, "text"),
    *_entry("lst", {TEXT}, "scanners.readers.sas_listing:read_sas_listing", "text"),
    *_entry("sas7bdat", {SAS, BINARY}, _DATA_FILE, "none"),
    *_entry("sps", {TEXT}, _CODE, "text"),
    *_entry("sav", {SPSS, BINARY}, _DATA_FILE, "none"),
    *_entry("spv", {ZIP}, "scanners.readers.spv:read_spv", "none"),
    *_entry("dta", {STATA, BINARY}, _DATA_FILE, "none"),
    *_entry("smcl", {TEXT}, "scanners.readers.stata_log:read_stata_log", "text"),
    *_entry("eps", {POSTSCRIPT, BINARY}, "scanners.readers.postscript:read_eps", "text"),
    *_entry("png", {"image/png"}, _IMAGE, "image"),
    *_entry("wmf", {"image/wmf", BINARY}, _METAFILE, "none"),
    *_entry("tif", {"image/tiff"}, _IMAGE, "image"),
    *_entry("jpg", {"image/jpeg"}, _IMAGE, "image"),
    *_entry("gif", {"image/gif"}, _IMAGE, "image"),
    *_entry("emf", {"image/emf", BINARY}, _METAFILE, "none"),
    *_entry("jpeg", {"image/jpeg"}, _IMAGE, "image"),
    *_entry("svg", {TEXT}, "scanners.readers.xml:read_svg", "text", markup="svg"),
    *_entry("bmp", {"image/bmp"}, _IMAGE, "image"),
    *_entry("tiff", {"image/tiff"}, _IMAGE, "image"),
    *_entry("ppt", {OLE}, "scanners.readers.legacy_powerpoint:read_ppt", "none"),
    *_entry("pptx pptm", {OOXML_SLIDES, ZIP}, _PPTX, "none"),
    *_entry("odp", {ODF_SLIDES, ZIP}, "scanners.readers.opendocument:read_odp", "none"),
]

FILE_TYPES: Final[dict[str, FileType]] = {entry.extension: entry for entry in _ENTRIES}
assert len(FILE_TYPES) == len(_ENTRIES), "an extension is registered twice"


def file_type(extension: str) -> FileType | None:
    """The entry for an extension (``csv``, no dot, any case), or None."""
    return FILE_TYPES.get(extension.lower().lstrip("."))


def default_allowed() -> tuple[str, ...]:
    """The extensions a project allows when it has not chosen its own list."""
    return tuple(entry.extension for entry in _ENTRIES if entry.allowed_by_default)


def shown_as(kind: ShownAs) -> frozenset[str]:
    """The extensions the review page shows in one way (``"table"``, ``"text"``...)."""
    return frozenset(entry.extension for entry in _ENTRIES if entry.shown_as == kind)
