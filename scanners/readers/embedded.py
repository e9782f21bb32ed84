"""Embedded objects (an Excel table pasted into Word, a PDF attached to a workbook).

Each is reported as a hidden part and, where its type has a reader, read in turn: its text and
tables come back marked hidden and embedded. OLE-wrapped objects are unwrapped: a ``Package``
stream holds an Office Open XML file, ``\\x01Ole10Native`` a packaged file with its name, and a
``Workbook`` or ``WordDocument`` stream makes the object itself an .xls or .doc.
"""

from __future__ import annotations

import io
import posixpath
import struct
from dataclasses import dataclass, field

from scanners.limits import GuardedZip
from scanners.model import HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Embedded:
    text: list[TextBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    hidden: list[HiddenPart] = field(default_factory=list)


def read_embedded_parts(archive: GuardedZip, folder: str, context: ReadContext) -> Embedded:
    """Every file under ``folder`` (``xl/embeddings/``) of an Office Open XML package."""
    found = Embedded()
    for name in archive.names:
        if not name.startswith(folder) or name.endswith("/"):
            continue
        context.deadline.check()
        data = archive.read(name)
        read_embedded_bytes(
            data, name=posixpath.basename(name), location=name, context=context, into=found
        )
    return found


def read_embedded_bytes(
    data: bytes, *, name: str, location: str, context: ReadContext, into: Embedded
) -> None:
    inner_name, inner = unwrap(data, name)
    extraction = context.read_embedded(inner, name=inner_name, location=location)
    if extraction is None:
        description = f"embedded object {inner_name} (its content could not be read)"
    else:
        description = f"embedded {extraction.file_type} file {inner_name}"
        into.text.extend(extraction.text)
        into.tables.extend(extraction.tables)
        into.hidden.extend(extraction.hidden)
    into.hidden.append(
        HiddenPart(kind="embedded_object", location=location, description=description)
    )


def unwrap(data: bytes, name: str) -> tuple[str, bytes]:
    """The file inside an OLE wrapper, with a name whose extension says its type."""
    if not data.startswith(_OLE_MAGIC):
        if data.startswith(b"PK") and name.lower().endswith(".bin"):
            return _ooxml_name(data, name), data
        return name, data
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("Package"):
                package = ole.openstream("Package").read()
                return _ooxml_name(package, name), package
            if ole.exists("\x01Ole10Native"):
                return _ole10_native(ole.openstream("\x01Ole10Native").read(), name)
            if ole.exists("Workbook") or ole.exists("Book"):
                return f"{posixpath.splitext(name)[0]}.xls", data
            if ole.exists("WordDocument"):
                return f"{posixpath.splitext(name)[0]}.doc", data
            if ole.exists("PowerPoint Document"):
                return f"{posixpath.splitext(name)[0]}.ppt", data
            if ole.exists("CONTENTS"):
                return f"{posixpath.splitext(name)[0]}.bin", ole.openstream("CONTENTS").read()
    except Exception:  # an OLE wrapper olefile cannot open: report it as it is
        return name, data
    return name, data


def _ooxml_name(data: bytes, name: str) -> str:
    stem = posixpath.splitext(name)[0]
    head = data[:65536]
    for marker, extension in ((b"xl/", "xlsx"), (b"word/", "docx"), (b"ppt/", "pptx")):
        if marker in head:
            return f"{stem}.{extension}"
    return name


def _ole10_native(stream: bytes, name: str) -> tuple[str, bytes]:
    """``\\x01Ole10Native``: size, 2, label\\0, path\\0, 4+4, temp path\\0, size, data."""
    try:
        at = 6
        label_end = stream.index(b"\x00", at)
        label = stream[at:label_end].decode("latin-1")
        at = stream.index(b"\x00", label_end + 1) + 1  # original path
        at += 4
        (temp_length,) = struct.unpack_from("<I", stream, at)
        at += 4 + temp_length
        (size,) = struct.unpack_from("<I", stream, at)
        at += 4
        return label or name, stream[at : at + size]
    except (ValueError, struct.error):
        return name, stream
