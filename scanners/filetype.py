"""The file-type gate: the extension must be allowed, the content must match it.

The last suffix of the name decides the type; the file-type registry (``scanners.file_types``)
says what content each type may hold. libmagic (python-magic) names the content; the reader
then confirms by actually opening it (a reader raises ``ContentMismatch`` when the container is
not what the extension says, e.g. a plain zip named ``.xlsx``).

Two rules keep the sniffer from deciding more than it knows:

- plain text is always acceptable for a type that holds text: a Stata .do file that libmagic
  takes for JavaScript, or a log it takes for C, is text and is read as such;
- a text type that really holds HTML or SVG (saved as .xml, .csv or .xls) is read by the
  HTML or SVG reader (``TypeCheck.read_as``), never by a reader that would pass it unread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath

from scanners.file_types import (
    BINARY,
    FILE_TYPES,
    MARKUP_READ_AS,
    ODF_SHEET,
    ODF_SLIDES,
    OLE,
    OOXML_DOC,
    OOXML_SHEET,
    OOXML_SLIDES,
    PDF,
    POSTSCRIPT,
    RTF,
    SAS,
    SPSS,
    STATA,
    TEXT,
    ZIP,
)
from scanners.model import REJECT, REVIEW, Finding, Policy

# What content each extension may hold (a family not listed is a mismatch): the registry's.
EXPECTED_FAMILIES: dict[str, frozenset[str]] = {
    ext: entry.families for ext, entry in FILE_TYPES.items()
}

_FAMILY_BY_MIME: dict[str, str] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": OOXML_SHEET,
    "application/vnd.ms-excel.sheet.macroenabled.12": OOXML_SHEET,
    "application/vnd.ms-excel.sheet.macroEnabled.12": OOXML_SHEET,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": OOXML_DOC,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": OOXML_SLIDES,
    "application/vnd.ms-powerpoint.presentation.macroenabled.12": OOXML_SLIDES,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.12": OOXML_SLIDES,
    "application/zip": ZIP,
    "application/x-zip-compressed": ZIP,
    "application/vnd.oasis.opendocument.spreadsheet": ODF_SHEET,
    "application/vnd.oasis.opendocument.presentation": ODF_SLIDES,
    "application/x-ole-storage": OLE,
    "application/cdfv2": OLE,
    "application/vnd.ms-excel": OLE,
    "application/msword": OLE,
    "application/vnd.ms-powerpoint": OLE,
    "application/vnd.ms-office": OLE,
    "application/encrypted": OLE,
    "application/pdf": PDF,
    "text/rtf": RTF,
    "application/rtf": RTF,
    "application/postscript": POSTSCRIPT,
    "image/x-eps": POSTSCRIPT,
    "application/x-stata-dta": STATA,
    "application/x-spss-sav": SPSS,
    "application/x-spss-por": SPSS,
    "application/x-sas-data": SAS,
    "application/octet-stream": BINARY,
    "application/csv": TEXT,
    "application/json": TEXT,
    "application/xml": TEXT,
    "application/xhtml+xml": TEXT,
    "image/svg+xml": TEXT,
    "message/rfc822": TEXT,
    "multipart/related": TEXT,
    "application/x-empty": TEXT,
    "inode/x-empty": TEXT,
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


# How much of the start of a file the text and markup sniffers look at.
_SNIFF_BYTES = 64 * 1024
# Control characters (other than tab, newlines, form feed, escape) tolerated in plain text.
_MAX_CONTROL_SHARE = 0.01
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MARKUP_STARTS: tuple[tuple[str, str], ...] = (
    ("<!doctype html", "html"),
    ("<html", "html"),
    ("<head", "html"),
    ("<body", "html"),
    ("<table", "html"),
    ("<!doctype svg", "svg"),
    ("<svg", "svg"),
)


def is_plain_text(path: Path) -> bool:
    """True when the start of the file is text: no NUL bytes, no binary format's signature,
    hardly any control characters. Code and statistical output are text, whatever libmagic
    guesses about their language."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head:
        return True
    if head.startswith(_TEXT_BOMS):
        return True  # UTF-8/16 text with a byte-order mark
    if b"\x00" in head:
        return _is_wide_text(head)  # UTF-16 or UTF-32 without a byte-order mark
    if any(head.startswith(sig) for sig, _ in _SIGNATURES if len(sig) >= 4):
        return False
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls <= _MAX_CONTROL_SHARE * len(head)


def _is_wide_text(head: bytes) -> bool:
    from scanners.errors import ContentMismatch
    from scanners.readers.text_encoding import detect_encoding

    try:
        encoding = detect_encoding(head)
    except ContentMismatch:
        return False
    if not encoding.startswith(("utf-16", "utf-32")):
        return False
    width = 4 if encoding.startswith("utf-32") else 2
    text = head[: len(head) - len(head) % width].decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r\f\v\x1b")
    return bool(text) and "\x00" not in text and controls <= _MAX_CONTROL_SHARE * len(text)


def markup_of(path: Path, mime: str = "") -> str:
    """``"html"`` or ``"svg"`` when the file is really that markup, else ``""``."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    text = text.lstrip("\ufeff \t\r\n").lower()
    while text.startswith(("<?", "<!--")):  # the XML declaration, comments
        end = text.find("?>") + 2 if text.startswith("<?") else text.find("-->") + 3
        if end < 3:
            break
        text = text[end:].lstrip()
    for start, markup in _MARKUP_STARTS:
        if text.startswith(start):
            return markup
    if mime.lower() == "image/svg+xml":
        return "svg"
    return ""


def family_of(mime: str) -> str:
    mime = mime.lower()
    if mime in _FAMILY_BY_MIME:
        return _FAMILY_BY_MIME[mime]
    if mime.startswith("text/"):
        return TEXT
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
    # The registry entry whose reader reads the content, when it is not the extension's own
    # (HTML or SVG saved under a text type). "" = the extension's reader.
    read_as: str = ""

    @property
    def reader_type(self) -> str:
        return self.read_as or self.file_type

    @property
    def rejected(self) -> bool:
        return any(f.severity == REJECT for f in self.findings)


def check_type(path: Path, *, name: str, size: int, policy: Policy) -> TypeCheck:
    """Judge the name, size and content type before any reader opens the file."""
    check = check_name(name=name, size=size, policy=policy)
    if check.rejected:
        return check
    return check_content(path, check, size=size, policy=policy)


def check_name(*, name: str, size: int, policy: Policy) -> TypeCheck:
    """The part of the gate that reads no byte of the file: its extension and its size. The
    scan's worker process judges these; the content (``check_content``) is judged in the
    sandbox child, like everything else that reads the file."""
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
    return check


def check_content(path: Path, check: TypeCheck, *, size: int, policy: Policy) -> TypeCheck:
    """The rest of the gate, on ``check_name``'s result: what the content is (libmagic, the
    text sniffers, an encrypted Office container) against what the name says. It reads the
    file: in the sandbox child."""
    file_type = check.file_type
    check.mime = content_mime(path)
    family = family_of(check.mime)
    expected = EXPECTED_FAMILIES.get(file_type)
    if expected and family not in expected and TEXT in expected and is_plain_text(path):
        family = TEXT  # code or output libmagic takes for JavaScript, C...: text is text
    if expected is None:
        pass  # a type the project allowed that the scanner does not know: no reader, unscannable
    elif (
        family == OLE
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
    entry = FILE_TYPES.get(file_type)
    if (
        entry is not None
        and family == TEXT
        and not entry.markup
        and not check.rejected
        and not check.unscannable_reason
    ):
        markup = markup_of(path, check.mime)
        if markup:
            check.read_as = MARKUP_READ_AS[markup]
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
