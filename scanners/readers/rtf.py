"""Rich Text Format: the text (striprtf), by line; table rows (cells end in ``\\cell``) come
out as ``|``-separated lines and are found as tables.

What striprtf drops is read as well: an embedded object's ``\\objdata`` (hex of an OLE 1.0
object: a packaged file, or an OLE compound file such as a workbook) is decoded and read by
``embedded``, and pictures (``\\pict`` with ``\\pngblip`` or ``\\jpegblip``) are OCR'd.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from scanners.errors import ContentMismatch
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_loose_bytes
from scanners.readers.text_tables import text_and_tables

_MAX_BYTES = 256 * 1024 * 1024
_OBJECT_DATA = re.compile(rb"\\objdata\b")
_PICTURE = re.compile(rb"{\\pict\b")
_PICTURE_KIND = re.compile(rb"\\(pngblip|jpegblip)\b")
_CONTROL_WORD = re.compile(rb"\\[a-zA-Z]+-?\d* ?|\\[^a-zA-Z]")
_HEX = re.compile(rb"[0-9a-fA-F]")
_NOT_HEX = re.compile(rb"[^0-9a-fA-F]")
_PACKAGE_CLASS = b"Package"


def read_rtf(path: Path, context: ReadContext) -> Extraction:
    from striprtf.striprtf import rtf_to_text

    raw = path.read_bytes()[:_MAX_BYTES]
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise ContentMismatch("the file does not start as RTF")
    content = rtf_to_text(raw.decode("latin-1"), errors="replace")
    lines = [(n, line) for n, line in enumerate(content.splitlines(), start=1)]
    items = list(text_and_tables(lines, source="rtf", location="paragraph {line}"))
    inside = Embedded()
    _objects(raw, context, inside)
    _pictures(raw, context, inside)
    return Extraction(
        file_type="rtf",
        text=[i for i in items if isinstance(i, TextBlock)] + inside.text,
        tables=[i for i in items if isinstance(i, Table)] + inside.tables,
        hidden=inside.hidden,
    )


def _objects(raw: bytes, context: ReadContext, into: Embedded) -> None:
    for number, match in enumerate(_OBJECT_DATA.finditer(raw), start=1):
        context.deadline.check()
        data = _hex_payload(raw, match.end())
        name, payload = _ole1_native(data, f"object {number}.bin")
        read_loose_bytes(
            payload, name=name, location=f"object {number}", context=context, into=into
        )


def _pictures(raw: bytes, context: ReadContext, into: Embedded) -> None:
    for number, match in enumerate(_PICTURE.finditer(raw), start=1):
        context.deadline.check()
        head = raw[match.end() : match.end() + 4096]
        if not _PICTURE_KIND.search(head):
            continue  # metafiles and device bitmaps: no encoded picture to open
        data = _hex_payload(raw, match.end())
        if data:
            read_loose_bytes(
                data, name=f"picture {number}.png", location=f"picture {number}",
                context=context, into=into,
            )  # fmt: skip


def _hex_payload(raw: bytes, at: int) -> bytes:
    """The hex data of a group: skip its control words and nested groups, decode the rest."""
    depth = 0
    start = at
    while at < len(raw):
        byte = raw[at : at + 1]
        if byte == b"{":
            depth += 1
            at += 1
        elif byte == b"}":
            if depth == 0:
                break
            depth -= 1
            at += 1
        elif depth:
            at += 1
        elif byte == b"\\":
            word = _CONTROL_WORD.match(raw, at)
            at = word.end() if word else at + 1
            start = at
        elif _HEX.match(byte) or byte in b" \r\n\t":
            at += 1
        else:
            at += 1
            start = at
    digits = _NOT_HEX.sub(b"", raw[start:at])
    return bytes.fromhex(digits[: len(digits) // 2 * 2].decode("ascii"))


def _ole1_native(data: bytes, name: str) -> tuple[str, bytes]:
    """An OLE 1.0 object: version, format, class, topic, item, then the native data. A
    ``Package`` holds a file with its name; other classes hold an OLE compound file."""
    try:
        at = 8
        (length,) = struct.unpack_from("<I", data, at)
        class_name = data[at + 4 : at + 4 + length].rstrip(b"\x00")
        at += 4 + length
        for _ in range(2):  # topic and item names
            (length,) = struct.unpack_from("<I", data, at)
            at += 4 + length
        (size,) = struct.unpack_from("<I", data, at)
        native = data[at + 4 : at + 4 + size]
    except struct.error:
        return name, data
    if not native:
        return name, data
    if class_name.startswith(_PACKAGE_CLASS):
        from scanners.readers.embedded import unwrap_package

        return unwrap_package(native, name)
    return name, native
