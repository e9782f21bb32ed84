"""The file-type gate: the extension must be allowed, the content must match it.

The last suffix of the name decides the type. libmagic (python-magic) names the content; the
reader then confirms by actually opening it (a reader raises ``ContentMismatch`` when the
container is not what the extension says, e.g. a plain zip named ``.xlsx``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath

from scanners.model import REJECT, REVIEW, Finding, Policy

# Content families by the MIME type libmagic reports.
_TEXT = "text"
_OOXML_SHEET = "ooxml_sheet"
_OOXML_DOC = "ooxml_doc"
_OOXML_SLIDES = "ooxml_slides"
_ZIP = "zip"
_OLE = "ole"
_ODF_SHEET = "odf_sheet"
_ODF_SLIDES = "odf_slides"
_PDF = "pdf"
_RTF = "rtf"
_POSTSCRIPT = "postscript"
_BINARY = "binary"  # libmagic has no name for it (octet-stream): the reader must confirm

# What content each extension may hold. A family not listed for the extension is a mismatch.
EXPECTED_FAMILIES: dict[str, frozenset[str]] = {
    **{
        ext: frozenset({_TEXT})
        for ext in (
            "csv", "tab", "txt", "log", "smcl", "lst", "tex", "sas", "r", "do", "doh", "ado",
            "sps", "html", "htm", "mht", "xml", "svg",
        )
    },
    "xlsx": frozenset({_OOXML_SHEET, _ZIP}),
    "xlsm": frozenset({_OOXML_SHEET, _ZIP}),
    "xlm": frozenset({_OOXML_SHEET, _ZIP, _OLE, _TEXT}),  # macro sheets: BIFF, OOXML or XML
    "xls": frozenset({_OLE, _TEXT}),  # SpreadsheetML 2003 and HTML are often saved as .xls
    "ods": frozenset({_ODF_SHEET, _ZIP}),
    "docx": frozenset({_OOXML_DOC, _ZIP}),
    "doc": frozenset({_OLE}),
    "rtf": frozenset({_RTF, _TEXT}),
    "pdf": frozenset({_PDF}),
    "pptx": frozenset({_OOXML_SLIDES, _ZIP}),
    "pptm": frozenset({_OOXML_SLIDES, _ZIP}),
    "ppt": frozenset({_OLE}),
    "odp": frozenset({_ODF_SLIDES, _ZIP}),
    "spv": frozenset({_ZIP}),
    "dta": frozenset({"stata", _BINARY}),
    "sav": frozenset({"spss", _BINARY}),
    "sas7bdat": frozenset({"sas", _BINARY}),
    "png": frozenset({"image/png"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "gif": frozenset({"image/gif"}),
    "tif": frozenset({"image/tiff"}),
    "tiff": frozenset({"image/tiff"}),
    "bmp": frozenset({"image/bmp"}),
    "emf": frozenset({"image/emf", _BINARY}),
    "wmf": frozenset({"image/wmf", _BINARY}),
    "eps": frozenset({_POSTSCRIPT, _BINARY}),
}  # fmt: skip

_FAMILY_BY_MIME: dict[str, str] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _OOXML_SHEET,
    "application/vnd.ms-excel.sheet.macroenabled.12": _OOXML_SHEET,
    "application/vnd.ms-excel.sheet.macroEnabled.12": _OOXML_SHEET,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _OOXML_DOC,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _OOXML_SLIDES,
    "application/vnd.ms-powerpoint.presentation.macroenabled.12": _OOXML_SLIDES,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.12": _OOXML_SLIDES,
    "application/zip": _ZIP,
    "application/x-zip-compressed": _ZIP,
    "application/vnd.oasis.opendocument.spreadsheet": _ODF_SHEET,
    "application/vnd.oasis.opendocument.presentation": _ODF_SLIDES,
    "application/x-ole-storage": _OLE,
    "application/cdfv2": _OLE,
    "application/vnd.ms-excel": _OLE,
    "application/msword": _OLE,
    "application/vnd.ms-powerpoint": _OLE,
    "application/vnd.ms-office": _OLE,
    "application/encrypted": _OLE,
    "application/pdf": _PDF,
    "text/rtf": _RTF,
    "application/rtf": _RTF,
    "application/postscript": _POSTSCRIPT,
    "image/x-eps": _POSTSCRIPT,
    "application/x-stata-dta": "stata",
    "application/x-spss-sav": "spss",
    "application/x-spss-por": "spss",
    "application/x-sas-data": "sas",
    "application/octet-stream": _BINARY,
    "application/csv": _TEXT,
    "application/json": _TEXT,
    "application/xml": _TEXT,
    "application/xhtml+xml": _TEXT,
    "image/svg+xml": _TEXT,
    "message/rfc822": _TEXT,
    "multipart/related": _TEXT,
    "application/x-empty": _TEXT,
    "inode/x-empty": _TEXT,
    "image/x-ms-bmp": "image/bmp",
    "image/x-bmp": "image/bmp",
    "image/x-emf": "image/emf",
    "image/x-wmf": "image/wmf",
    "application/x-msmetafile": "image/wmf",
    "image/wmf": "image/wmf",
    "image/emf": "image/emf",
}

# Signatures for when libmagic is missing, and for telling encrypted OOXML apart.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"%PDF", "application/pdf"),
    (b"{\\rtf", "text/rtf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"\xd7\xcd\xc6\x9a", "image/wmf"),
    (b"%!PS", "application/postscript"),
    (b"\xc5\xd0\xd3\xc6", "application/postscript"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-dosexec"),
    (b"\x1f\x8b", "application/gzip"),
)


def extension_of(name: str) -> str:
    """The last suffix, lower-cased, without the dot: ``Tabel 1.XLSX`` -> ``xlsx``."""
    return PurePath(name).suffix.lower().lstrip(".")


def content_mime(path: Path) -> str:
    """The MIME type of the content, by libmagic; by a small signature table without it."""
    try:
        import magic

        mime = str(magic.from_file(str(path), mime=True))
    except (ImportError, OSError, Exception):  # libmagic missing or failing: sniff ourselves
        mime = ""
    if not mime or mime == "application/octet-stream":
        sniffed = _sniff(path)
        mime = sniffed or mime or "application/octet-stream"
    return mime


def _sniff(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        return "application/x-empty"
    for signature, mime in _SIGNATURES:
        if head.startswith(signature):
            return mime
    if len(head) >= 44 and head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return "image/emf"
    if head[:8] in (b"$FL2@(#)", b"$FL3@(#)"):
        return "application/x-spss-sav"
    if head.startswith(b"<stata_dta>") or head[:1] in (b"\x71", b"\x72", b"\x73"):
        return "application/x-stata-dta"
    if b"\x00" not in head:
        return "text/plain"
    return ""


def family_of(mime: str) -> str:
    mime = mime.lower()
    if mime in _FAMILY_BY_MIME:
        return _FAMILY_BY_MIME[mime]
    if mime.startswith("text/"):
        return _TEXT
    if mime.startswith("image/"):
        return mime
    return mime  # an executable, an archive...: never an expected family


def is_encrypted_office(path: Path) -> bool:
    """An encrypted xlsx/docx/pptx is an OLE compound file holding an EncryptedPackage."""
    try:
        import olefile

        if not olefile.isOleFile(str(path)):
            return False
        with olefile.OleFileIO(str(path)) as ole:
            return bool(ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"))
    except Exception:
        return False


@dataclass
class TypeCheck:
    """The gate's result: the file type, what libmagic says, and any findings."""

    file_type: str
    mime: str = ""
    findings: list[Finding] = field(default_factory=list)
    # Set when the content cannot be read at all (an encrypted Office file): no reader runs.
    unscannable_reason: str = ""

    @property
    def rejected(self) -> bool:
        return any(f.severity == REJECT for f in self.findings)


def check_type(path: Path, *, name: str, size: int, policy: Policy) -> TypeCheck:
    """Judge the name, size and content type before any reader opens the file."""
    file_type = extension_of(name)
    check = TypeCheck(file_type=file_type)
    allowed = {ext.lower().lstrip(".") for ext in policy.allowed_extensions}
    if file_type not in allowed:
        shown = f".{file_type}" if file_type else "a file without an extension"
        check.findings.append(
            Finding(
                code="type.extension_not_allowed",
                severity=REJECT,
                location="",
                message=f"File type not allowed: {shown} is not on the project's list of "
                "allowed file types. Export the result in an allowed format.",
            )
        )
    if size > policy.max_upload_bytes:
        check.findings.append(
            Finding(
                code="type.too_large",
                severity=REJECT,
                location="",
                message=f"The file is {size} bytes, over the upload limit of "
                f"{policy.max_upload_bytes} bytes. Split or reduce the output.",
            )
        )
    if check.rejected:
        return check
    check.mime = content_mime(path)
    family = family_of(check.mime)
    expected = EXPECTED_FAMILIES.get(file_type)
    if expected is None:
        pass  # a type the project allowed that the scanner does not know: no reader, unscannable
    elif (
        family == _OLE
        and file_type not in ("doc", "xls", "ppt", "xlm")
        and is_encrypted_office(path)
    ):
        check.unscannable_reason = "the file is encrypted (password-protected)"
    elif family not in expected:
        check.findings.append(
            Finding(
                code="type.content_mismatch",
                severity=REJECT,
                location="",
                message=f"The content ({check.mime}) does not match the extension .{file_type}. "
                "Save the file in the format its name says.",
            )
        )
    if size > policy.review_size_bytes and not check.rejected:
        check.findings.append(
            Finding(
                code="size.review",
                severity=REVIEW,
                location="",
                message=f"The file is {size} bytes, over the review size of "
                f"{policy.review_size_bytes} bytes: research services will check it.",
            )
        )
    return check
