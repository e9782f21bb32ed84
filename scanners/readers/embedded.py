"""Embedded objects (an Excel table pasted into Word, a PDF attached to a workbook), and every
other part of a container that its format's reader does not read.

Each embedded object is reported as a hidden part and, where its type has a reader, read in
turn: its text and tables come back marked hidden and embedded. OLE-wrapped objects are
unwrapped: a ``Package`` stream holds an Office Open XML file, ``\\x01Ole10Native`` a packaged
file with its name, and a ``Workbook`` or ``WordDocument`` stream makes the object itself an
.xls or .doc.

``sweep_members`` places every zip member the format's reader left alone (``customXml/``, a
CSV at the root, ``word/glossary/``, media): a picture is OCR'd, a file of a type with a reader
is read as an embedded file, a VBA macro project (``vbaProject.bin``) by ``vba.py``, XML gives
its text nodes and attribute values, anything else is decoded as text (or its printable runs,
when it is binary). ``read_trailing_bytes`` does the
same for bytes after a format's end (after PNG ``IEND``, PDF ``%%EOF``), a zip included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import posixpath
import re
import struct
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from scanners.errors import ContentMismatch, LimitExceeded, Unscannable
from scanners.limits import GuardedZip, parse_xml
from scanners.model import HiddenPart, Part, Table, TextBlock
from scanners.readers.context import MAX_NESTING, ReadContext

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PICTURE_MAGIC = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*",
    b"II+\x00", b"MM\x00+",
)  # fmt: skip
_METAFILE_TYPES = ("emf", "wmf")
# Printable runs in binary data: cp1252/latin-1 text, and UTF-16-LE text.
_BYTE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff\t]{6,}")
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e\xa0-\xff]\x00){6,}")
_FILLER = b"\x00\t\r\n\x0c \x1a"
_SHORT_NUMBER = re.compile(r"-?\d{1,9}(?:\.\d+)?")
_TEXT_SAMPLE = 256 * 1024
_MAX_PICTURES_IN_STREAM = 200
_BLOCK_CHARS = 2000
_TEXT_NODE = re.compile(r">([^<]*[^<\s][^<]*)<")
# Parts that only lay a document out (style, font and theme names in their attributes): their
# text nodes are read, their attributes not.
_LAYOUT_PART = re.compile(
    r"(?:styles|stylesWithEffects|fontTable|settings|webSettings|numbering|theme\d*|presProps|"
    r"viewProps|tableStyles|colors\d*|style\d*)\.xml"
)


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


def sweep_members(
    archive: GuardedZip, *, already_read: Callable[[str], bool], context: ReadContext
) -> Embedded:
    """Every member of the zip that ``already_read`` does not claim, placed and read."""
    found = Embedded()
    seen: set[bytes] = set()
    for name in archive.names:
        if name.endswith("/") or already_read(name):
            continue
        context.deadline.check()
        data = archive.read(name)
        if data.startswith(_PICTURE_MAGIC):  # the same logo in every layout is read once
            digest = hashlib.sha256(data).digest()
            if digest in seen:
                continue
            seen.add(digest)
        read_loose_bytes(
            data, name=posixpath.basename(name), location=name, context=context, into=found
        )
    return found


def read_loose_bytes(
    data: bytes, *, name: str, location: str, context: ReadContext, into: Embedded
) -> None:
    """Bytes whose place in the file no reader knows: read by what they turn out to be."""
    from scanners.readers import registered_types

    if not data.strip(_FILLER):
        return
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    if data.startswith(_PICTURE_MAGIC) and not (data.startswith(b"BM") and extension != "bmp"):
        from scanners.readers.image import read_picture

        try:
            read_picture(data, location=location, context=context, into=into)
        except LimitExceeded:
            raise
        except Unscannable as error:
            context.unreadable_parts.append(f"{location}: {error.reason}")
        return
    if extension in _METAFILE_TYPES:
        from scanners.readers.metafile import metafile_items

        try:
            items = metafile_items(data, extension)
        except ContentMismatch:
            items = []
        into.text.extend(relabel_text((i for i in items if isinstance(i, TextBlock)), location))
        into.tables.extend(relabel_tables((i for i in items if isinstance(i, Table)), location))
        return
    head = data[:512].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(b"<") and extension not in ("htm", "html", "svg"):
        attributes = _LAYOUT_PART.fullmatch(name) is None
        into.text.extend(xml_text(data, location, attributes=attributes))
        return
    if name.lower() == "vbaproject.bin" or _holds_vba_project(data):
        from scanners.readers.vba import read_vba_project

        try:
            read_vba_project(data, location=location, context=context, into=into)
        except LimitExceeded:
            raise
        except Unscannable as error:
            context.unreadable_parts.append(error.reason)
            into.hidden.append(
                HiddenPart(
                    kind="active_content",
                    location=location,
                    description="a VBA macro project that cannot be read",
                )
            )
        return
    if data.startswith(_ZIP_MAGIC) and extension not in registered_types():
        if read_zip_bytes(data, location=location, context=context, into=into):
            return
    is_file = data.startswith((_OLE_MAGIC, _ZIP_MAGIC, b"%PDF", b"{\\rtf"))
    if is_file or (extension in registered_types() and extension != "xml"):
        read_embedded_bytes(data, name=name, location=location, context=context, into=into)
        return
    into.text.extend(bytes_as_text(data, location))


_DOCUMENT_STREAMS = (
    "Package", "\x01Ole10Native", "Workbook", "Book", "WordDocument", "PowerPoint Document",
    "CONTENTS",
)  # fmt: skip


def _holds_vba_project(data: bytes) -> bool:
    """An OLE file that is a VBA project and no document (a document's own macros are read
    by its reader): a ``VBA/dir`` stream, and none of ``unwrap``'s streams."""
    if not (
        data.startswith(_OLE_MAGIC)
        and "VBA\x00".encode("utf-16-le") in data
        and "dir\x00".encode("utf-16-le") in data
    ):
        return False
    try:
        import olefile

        from scanners.readers.vba import project_storages

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if any(ole.exists(stream) for stream in _DOCUMENT_STREAMS):
                return False
            return bool(project_storages(ole))
    except Exception:  # not an OLE file olefile can open: read as whatever else it is
        return False


def sweep_ole(
    ole: Any, *, already_read: Collection[str], context: ReadContext, under: Sequence[str] = ()
) -> Embedded:
    """Every stream of an OLE compound file (.doc, .ppt) that its reader does not read (of
    the storage ``under``, when given): a packaged file (``\\x01Ole10Native``, ``Package``) is
    read as a file, any other stream for its printable text and the PNG and JPEG pictures in it
    (OCR'd)."""
    found = Embedded()
    for entry in ole.listdir(streams=True, storages=False):
        name = "/".join(entry)
        if name in already_read or entry[: len(under)] != list(under):
            continue
        context.deadline.check()
        location = "stream " + "/".join("".join(c for c in e if c.isprintable()) for e in entry)
        data = ole.openstream(entry).read()
        if entry[-1] == "\x01Ole10Native":
            label, inner = _ole10_native(data, "package.bin")
            read_loose_bytes(inner, name=label, location=location, context=context, into=found)
        elif entry[-1] == "Package":
            package = _ooxml_name(data, "package.bin")
            read_loose_bytes(data, name=package, location=location, context=context, into=found)
        else:
            found.text.extend(bytes_as_text(data, location))
            pictures_in(data, location, context, found)
    return found


def pictures_in(data: bytes, location: str, context: ReadContext, into: Embedded) -> None:
    """PNG and JPEG pictures stored inside a binary stream, each read by ``read_picture``."""
    from scanners.readers.image import picture_end, read_picture

    starts = sorted(
        at
        for magic in (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
        for at in (m.start() for m in re.finditer(re.escape(magic), data))
    )
    for count, at in enumerate(starts):
        if count >= _MAX_PICTURES_IN_STREAM:
            context.unreadable_parts.append(
                f"{location}: more than {_MAX_PICTURES_IN_STREAM} pictures in one stream"
            )
            return
        end = picture_end(memoryview(data)[at:])
        if end is None:
            continue  # the bytes only look like a picture's start
        where = f"{location}, picture at byte {at}"
        try:
            read_picture(data[at : at + end], location=where, context=context, into=into)
        except LimitExceeded:
            raise
        except Unscannable as error:
            context.unreadable_parts.append(f"{where}: {error.reason}")


def read_trailing_bytes(
    data: Any, end: int | None, *, what: str, context: ReadContext, into: Embedded
) -> None:
    """Bytes after a format's end (``end``): a zip archive is opened, anything else read as
    text; either way the trailer is reported as a hidden part."""
    if end is None or end >= len(data):
        return
    tail = bytes(data[end:])
    if not tail.strip(_FILLER):
        return
    location = f"bytes after the end of {what}"
    zip_at = tail.find(_ZIP_MAGIC)
    if zip_at < 0 or not read_zip_bytes(
        tail[zip_at:], location=f"{location} (zip archive)", context=context, into=into
    ):
        zip_at = len(tail)
    into.text.extend(bytes_as_text(tail[:zip_at], location))
    into.hidden.append(
        HiddenPart(
            kind="trailing_data",
            location=location,
            description=f"{len(tail)} bytes after the end of {what}"
            + (", holding a zip archive" if zip_at < len(tail) else ""),
        )
    )


def read_zip_bytes(data: bytes, *, location: str, context: ReadContext, into: Embedded) -> bool:
    """A zip archive found in loose bytes: an office file is read as one, any other zip member
    by member. False when the bytes are no readable zip after all."""
    try:
        archive = GuardedZip(io.BytesIO(data), context.policy)
    except LimitExceeded:
        raise
    except Unscannable:
        return False
    if context.depth >= MAX_NESTING:
        archive.zip.close()
        context.unreadable_parts.append(f"{location}: zip archives nested too deeply to be read")
        return True
    inner = dataclasses.replace(context, depth=context.depth + 1)
    inner.unreadable_parts = context.unreadable_parts
    with archive:
        if archive.has("[Content_Types].xml") or archive.has("mimetype"):
            mimetype = archive.read("mimetype", 256) if archive.has("mimetype") else b""
            name = _ooxml_name(data, "archive.zip")
            if b"opendocument.spreadsheet" in mimetype:
                name = "archive.ods"
            elif b"opendocument.presentation" in mimetype:
                name = "archive.odp"
            if not name.endswith(".zip"):
                read_embedded_bytes(data, name=name, location=location, context=context, into=into)
                return True
        members = sweep_members(archive, already_read=lambda _: False, context=inner)
    into.text.extend(relabel_text(members.text, location))
    into.tables.extend(relabel_tables(members.tables, location))
    into.hidden.extend(relabel_hidden(members.hidden, location))
    into.hidden.append(
        HiddenPart(
            kind="embedded_object",
            location=location,
            description=f"a zip archive of {len(archive.names)} files",
        )
    )
    return True


def xml_text(data: bytes, location: str, *, attributes: bool = True) -> list[TextBlock]:
    """Text nodes and (unless ``attributes`` is off) attribute values of an XML part, in
    blocks of about ``_BLOCK_CHARS`` characters, each placed at the line it starts on.

    Short plain numbers in attributes (sizes, positions, ids) are left out: they are layout,
    and joined up they would read like identifiers. Not well-formed XML is read as text.
    """
    if not attributes:  # text nodes only: found without building the tree (no entities)
        text = data.decode("utf-8", errors="replace")
        pieces: list[tuple[int | None, str]] = [
            (None, " ".join(html.unescape(m.group(1)).split())) for m in _TEXT_NODE.finditer(text)
        ]
        return _blocks(pieces, location)
    try:
        root = parse_xml(data, where=location)
    except LimitExceeded:
        raise
    except Unscannable:
        return bytes_as_text(data, location)
    found: list[tuple[int | None, str]] = []
    for element in root.iter():
        values = [element.text or ""]
        values.extend(child.tail or "" for child in element)
        if isinstance(element.tag, str):
            values.extend(
                value
                for value in element.attrib.values()
                if not _SHORT_NUMBER.fullmatch(value.strip())
            )
        content = " ; ".join(" ".join(v.split()) for v in values if v.strip())
        if content:
            found.append((element.sourceline, content))
    return _blocks(found, location)


def _blocks(pieces: list[tuple[int | None, str]], location: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    line: int | None = None
    gathered: list[str] = []
    size = 0
    for number, content in [*pieces, (None, "")]:
        if gathered and (size + len(content) > _BLOCK_CHARS or not content):
            where = f"{location}, line {line}" if line else location
            blocks.append(
                TextBlock(text=" ; ".join(gathered), location=where, part="embedded", hidden=True)
            )
            gathered, size = [], 0
        if content:
            if not gathered:
                line = number
            gathered.append(content)
            size += len(content) + 3
    return blocks


def bytes_as_text(data: bytes, location: str) -> list[TextBlock]:
    """Decoded text by line; for binary data, its printable runs by byte offset."""
    from scanners.readers.text_encoding import detect_encoding

    try:
        encoding = detect_encoding(data[:_TEXT_SAMPLE])
    except ContentMismatch:
        encoding = ""
    decoded = data.decode(encoding, errors="replace") if encoding else ""
    if encoding and _reads_as_text(decoded):
        lines = decoded.splitlines()
        return [
            TextBlock(
                text=line.strip(), location=f"{location}, line {n}", part="embedded", hidden=True
            )
            for n, line in enumerate(lines, start=1)
            if line.strip()
        ]
    runs: list[tuple[int, str]] = [
        (m.start(), m.group().decode("cp1252", errors="replace")) for m in _BYTE_RUN.finditer(data)
    ]
    runs.extend(
        (m.start(), m.group().decode("utf-16-le", errors="replace"))
        for m in _UTF16_RUN.finditer(data)
    )
    return [
        TextBlock(
            text=text.strip(), location=f"{location}, byte {at}", part="embedded", hidden=True
        )
        for at, text in sorted(runs)
        if text.strip()
    ]


def _reads_as_text(decoded: str) -> bool:
    """Whether decoding gave text rather than noise (controls, unassigned characters)."""
    sample = decoded[:65536]
    if not sample:
        return False
    noise = sum(1 for c in sample if (not c.isprintable() and c not in "\r\n\t") or c == "\ufffd")
    return noise <= len(sample) * 0.05


def relabel_text(
    blocks: Iterable[TextBlock], location: str, *, part: Part | None = None
) -> Iterator[TextBlock]:
    for block in blocks:
        yield TextBlock(
            text=block.text,
            location=f"{location} > {block.location}",
            part=part or block.part,
            hidden=block.hidden,
        )


def relabel_tables(tables: Iterable[Table], location: str) -> Iterator[Table]:
    escaped = location.replace("{", "{{").replace("}", "}}")
    for table in tables:
        table.cell_location_format = f"{escaped} > {table.cell_location_format}"
        yield table


def relabel_hidden(parts: Iterable[HiddenPart], location: str) -> Iterator[HiddenPart]:
    for part in parts:
        yield HiddenPart(
            kind=part.kind, location=f"{location} > {part.location}", description=part.description
        )


def read_embedded_bytes(
    data: bytes, *, name: str, location: str, context: ReadContext, into: Embedded
) -> None:
    inner_name, inner = unwrap(data, name)
    extraction = context.read_embedded(inner, name=inner_name, location=location)
    if extraction is None:  # no reader for its type: what text it holds is still scanned
        description = f"embedded object {inner_name} (its content could not be read)"
        into.text.extend(bytes_as_text(inner, location))
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


def unwrap_package(native: bytes, name: str) -> tuple[str, bytes]:
    """A packaged file (OLE 1.0 ``Package`` native data): its label and its bytes."""
    return _ole10_native(struct.pack("<I", len(native)) + native, name)


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
