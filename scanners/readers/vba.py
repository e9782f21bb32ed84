"""VBA macro projects: ``vbaProject.bin`` in an xlsm, docm or pptm, and the
``_VBA_PROJECT_CUR`` and ``Macros`` storages of an .xls or .doc. A researcher can type CPR
numbers or a table into a module as string literals or comments; every module's source is read.

A project is an OLE storage holding ``VBA/dir``, a stream compressed with MS-OVBA's
compression (MS-OVBA 2.4.1) that lists each module's name, its stream and where in the stream
its source starts (MODULEOFFSET); the bytes before that offset are compiled code (p-code). The
source is decompressed and read line by line (``VBA module Module1, line 12``, numbered as the
VBA editor numbers them) with the aligned-text table finder, so every text rule sees every line;
data typed in as ``Array(120, 2, 45)`` is read as a table, as R's ``c(...)`` is.
The compiled code's printable runs that the source does not hold are read too: a module whose
source was replaced (VBA stomping) still gives its string literals. The project's other streams
(``PROJECT``, ``_VBA_PROJECT``, forms) are read for their printable text
(``embedded.sweep_ole``). A module that lists no source although it holds compiled code, and a
project whose ``dir`` stream or any module cannot be decompressed, make the file unscannable
(``Unscannable``): never clean.

olefile opens the container; the decompressor is the spec's algorithm (docs/adr/0003).
"""

from __future__ import annotations

import codecs
import io
import re
import struct
from dataclasses import dataclass, field
from typing import Any

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.embedded import (
    Embedded,
    relabel_hidden,
    relabel_tables,
    relabel_text,
    sweep_ole,
)
from scanners.readers.text_tables import text_and_tables

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 4096
# Decompressed bytes one project may give: far beyond any real project (a module holds at most
# 64K lines), small enough that a crafted stream (up to 680 times its size) cannot exhaust memory.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
# Lines the VBA editor does not show: the module's attributes, before its first line.
_ATTRIBUTE = re.compile(r"^\s*Attribute\s+VB_", re.IGNORECASE)
_BYTE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff\t]{6,}")
_ARRAY = re.compile(r"(?:\b([A-Za-z_]\w*)\s*=\s*)?\bArray\s*\(([^()]*)\)", re.IGNORECASE)
_LITERAL_ITEM = re.compile(r'\s*("(?:[^"]|"")*"|[^,"]+)\s*,')
_MIN_ARRAY = 3
# dir stream record ids (MS-OVBA 2.3.4.2)
_CODEPAGE, _VERSION, _MODULE_NAME, _MODULE_NAME_UNICODE = 0x0003, 0x0009, 0x0019, 0x0047
_STREAM_NAME, _STREAM_NAME_UNICODE, _OFFSET, _MODULE_END = 0x001A, 0x0032, 0x0031, 0x002B
_DIR_END = 0x0010


class Corrupt(Exception):
    """The compressed container or the dir stream does not follow MS-OVBA."""


def decompress(data: bytes, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """A CompressedContainer (MS-OVBA 2.4.1.3.1) decompressed; ``Corrupt`` when it is not one,
    ``LimitExceeded`` past ``limit`` bytes."""
    if not data or data[0] != 0x01:
        raise Corrupt("the compressed container does not start with its signature byte")
    out = bytearray()
    at = 1
    end = len(data)
    while at < end:
        if at + 2 > end:
            raise Corrupt(f"a chunk header is cut off at byte {at}")
        (header,) = struct.unpack_from("<H", data, at)
        if (header >> 12) & 0b111 != 0b011:
            raise Corrupt(f"a chunk's signature is wrong at byte {at}")
        chunk_end = min(at + (header & 0x0FFF) + 3, end)
        at += 2
        chunk_start = len(out)
        if not header & 0x8000:  # stored raw: 4096 bytes as they are
            if at + _CHUNK > end:
                raise Corrupt("an uncompressed chunk is cut off")
            out += data[at : at + _CHUNK]
            at += _CHUNK
        else:
            while at < chunk_end:
                flags = data[at]
                at += 1
                for bit in range(8):
                    if at >= chunk_end:
                        break
                    if not flags >> bit & 1:
                        out.append(data[at])
                        at += 1
                        continue
                    if at + 2 > chunk_end:
                        raise Corrupt("a copy token is cut off")
                    (token,) = struct.unpack_from("<H", data, at)
                    at += 2
                    difference = len(out) - chunk_start
                    bit_count = max((difference - 1).bit_length(), 4)
                    offset = (token >> (16 - bit_count)) + 1
                    length = (token & (0xFFFF >> bit_count)) + 3
                    if offset > difference:
                        raise Corrupt("a copy token points before its chunk")
                    source = len(out) - offset
                    if offset >= length:
                        out += out[source : source + length]
                    else:  # the copy overlaps what it writes: its last `offset` bytes repeat
                        out += (out[source:] * (length // offset + 1))[:length]
                if len(out) - chunk_start > _CHUNK:
                    raise Corrupt("a chunk decompresses to more than 4096 bytes")
        if len(out) > limit:
            raise LimitExceeded(f"the VBA project decompresses beyond {limit} bytes")
    return bytes(out)


@dataclass
class Module:
    name: str
    stream: str
    offset: int


@dataclass
class Project:
    codepage: str = "cp1252"
    modules: list[Module] = field(default_factory=list)


def parse_dir(data: bytes) -> Project:
    """The decompressed ``dir`` stream: the code page and each module's name, stream and
    source offset. Every record is (id, size, data) except PROJECTVERSION (6 bytes after a
    size field that says 4)."""
    project = Project()
    at = 0
    raw: dict[int, bytes] = {}
    while at + 6 <= len(data):
        kind, size = struct.unpack_from("<HI", data, at)
        at += 6
        if kind == _VERSION:
            size = 6
        if at + size > len(data):
            raise Corrupt(f"record 0x{kind:04x} of the dir stream runs past its end")
        value = data[at : at + size]
        at += size
        if kind == _DIR_END:
            break
        if kind == _CODEPAGE and size == 2:
            project.codepage = _codec(struct.unpack("<H", value)[0])
        elif kind == _MODULE_NAME:
            raw = {kind: value}
        elif kind in (_MODULE_NAME_UNICODE, _STREAM_NAME, _STREAM_NAME_UNICODE, _OFFSET):
            raw[kind] = value
        elif kind == _MODULE_END and raw:
            project.modules.append(_module(raw, project.codepage))
            raw = {}
    else:
        raise Corrupt("the dir stream has no terminator")
    return project


def _module(raw: dict[int, bytes], codepage: str) -> Module:
    def name(unicode: int, mbcs: int) -> str:
        if raw.get(unicode):
            return raw[unicode].decode("utf-16-le", errors="replace")
        return raw.get(mbcs, b"").decode(codepage, errors="replace")

    offset = raw.get(_OFFSET, b"")
    if len(offset) != 4:
        raise Corrupt("a module has no source offset")
    stream = name(_STREAM_NAME_UNICODE, _STREAM_NAME) or name(_MODULE_NAME_UNICODE, _MODULE_NAME)
    return Module(
        name=name(_MODULE_NAME_UNICODE, _MODULE_NAME) or stream,
        stream=stream,
        offset=struct.unpack("<I", offset)[0],
    )


def _codec(codepage: int) -> str:
    name = {65001: "utf-8", 10000: "mac_roman", 1200: "utf-16-le"}.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def project_storages(ole: Any) -> list[list[str]]:
    """The storages of an OLE file that hold a VBA project (``VBA/dir`` below them)."""
    found: list[list[str]] = []
    for entry in ole.listdir(streams=True, storages=False):
        if len(entry) >= 2 and [e.lower() for e in entry[-2:]] == ["vba", "dir"]:
            found.append(entry[:-2])
    return found


def read_vba_storage(
    ole: Any, storage: list[str], *, location: str, context: ReadContext, into: Embedded
) -> set[str]:
    """One VBA project inside an open OLE file: its modules' source and compiled code's text
    added to ``into``, with its hidden part. Returns the streams read (as "a/b/c" paths, for
    ``sweep_ole``'s ``already_read``); raises ``Unscannable`` when the project cannot be read."""
    prefix = f"{location}: the VBA macro project"
    vba = [*storage, "VBA"]
    try:
        project = parse_dir(decompress(ole.openstream([*vba, "dir"]).read()))
    except Corrupt as error:
        raise Unscannable(f"{prefix} cannot be read: its dir stream is corrupt ({error})") from None
    entries = {"/".join(e).lower(): "/".join(e) for e in ole.listdir(streams=True, storages=False)}

    def named(path: list[str]) -> str:  # the stream's name as stored (dir's may differ in case)
        return entries.get("/".join(path).lower(), "/".join(path))

    read = {named([*vba, "dir"])}
    total = 0
    names: list[str] = []
    for module in project.modules:
        context.deadline.check()
        path = [*vba, module.stream]
        if not ole.exists(path):
            raise Unscannable(f"{prefix} lists module {module.name!r}, whose stream is missing")
        stream = ole.openstream(path).read()
        read.add(named(path))
        if module.offset > len(stream):
            raise Unscannable(
                f"{prefix} cannot be read: module {module.name!r} starts past its stream's end"
            )
        compiled, compressed = stream[: module.offset], stream[module.offset :]
        try:
            source = decompress(compressed, MAX_SOURCE_BYTES - total) if compressed else b""
        except Corrupt as error:
            raise Unscannable(
                f"{prefix} cannot be read: module {module.name!r} is corrupt ({error})"
            ) from None
        if not source.strip() and compiled.strip(b"\x00\xff"):
            raise Unscannable(
                f"{prefix}: module {module.name!r} holds compiled code (p-code) without its "
                "source, so its code cannot be read (VBA stomping?)"
            )
        total += len(source)
        text = source.decode(project.codepage, errors="replace")
        names.append(module.name)
        _read_source(text, f"{location} > VBA module {module.name}", into)
        into.text.extend(_compiled_text(compiled, text, f"{location} > VBA module {module.name}"))
    shown = ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")
    into.hidden.append(
        HiddenPart(
            kind="macro_project",
            location=location,
            description=f"a VBA macro project of {len(names)} modules"
            + (f" ({shown})" if names else "")
            + "; its source has been scanned",
        )
    )
    return read


def read_vba_storages(
    ole: Any, *, location: str | None, context: ReadContext, into: Embedded
) -> set[str]:
    """Every VBA project in an open OLE file (``Macros`` of a .doc, ``_VBA_PROJECT_CUR`` of an
    .xls), with the project's other streams (``PROJECT``, ``_VBA_PROJECT``, forms) read for
    their printable text. Located by ``location`` (the part holding the file), or else by the
    storage's name. Returns every stream read, for the caller's ``sweep_ole``."""
    read: set[str] = set()
    for storage in project_storages(ole):
        where = location or "/".join(storage)
        read |= read_vba_storage(ole, storage, location=where, context=context, into=into)
        rest = sweep_ole(ole, already_read=read, context=context, under=storage)
        if location:
            into.text.extend(relabel_text(rest.text, location))
            into.tables.extend(relabel_tables(rest.tables, location))
            into.hidden.extend(relabel_hidden(rest.hidden, location))
        else:
            into.text.extend(rest.text)
            into.tables.extend(rest.tables)
            into.hidden.extend(rest.hidden)
        read |= {
            "/".join(entry)
            for entry in ole.listdir(streams=True, storages=False)
            if entry[: len(storage)] == storage
        }
    return read


def read_vba_project(data: bytes, *, location: str, context: ReadContext, into: Embedded) -> None:
    """A ``vbaProject.bin`` part: an OLE file with the project at its root (or below)."""
    import olefile

    if not data.startswith(_OLE_MAGIC):
        raise Unscannable(f"{location}: the VBA macro project is not an OLE compound file")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            storages = project_storages(ole)
            if not storages:
                raise Unscannable(f"{location}: the VBA macro project has no VBA/dir stream")
            read_vba_storages(ole, location=location, context=context, into=into)
    except (Unscannable, LimitExceeded):
        raise
    except Exception as error:  # olefile's own errors (a broken FAT, a loop in the tree)
        raise Unscannable(
            f"{location}: the VBA macro project cannot be opened ({type(error).__name__}: {error})"
        ) from None


def _read_source(text: str, location: str, into: Embedded) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    while start < len(lines) and _ATTRIBUTE.match(lines[start]):
        start += 1
    attributes = " ; ".join(line.strip() for line in lines[:start])
    if attributes:
        into.text.append(
            TextBlock(
                text=attributes, location=f"{location} (attributes)", part="code", hidden=True
            )
        )
    numbered = [(n, line) for n, line in enumerate(lines[start:], start=1)]
    data_lines = _array_tables(numbered, location, into)
    numbered = [(n, line) for n, line in numbered if n not in data_lines]
    for item in text_and_tables(
        numbered,
        table_name=f"{location}, table {{n}}",
        location=f"{location}, line {{line}}",
        part="code",
        source="code",
        hidden=True,
    ):
        if isinstance(item, Table):
            into.tables.append(item)
        else:
            into.text.append(item)


def _array_tables(numbered: list[tuple[int, str]], location: str, into: Embedded) -> set[int]:
    """Data typed into the code as ``Array(...)`` of three or more literals (``antal =
    Array(120, 2, 45)``): a column table, as R's ``c(...)`` is read (``code.py``). Returns the
    line numbers they stand on, which are then given only as tables (nothing twice)."""
    found: set[int] = set()
    for number, line in numbered:
        for match in _ARRAY.finditer(_code_part(line)):
            values = _literals(match.group(2))
            if values is None or len(values) < _MIN_ARRAY:
                continue
            name = match.group(1) or "Array()"
            into.tables.append(
                Table(
                    name=f"{location}, {name} at line {number}",
                    rows=[[name], *([value] for value in values)],
                    cell_location_format="{name}, row {row_index}, column {col_number}",
                    hidden=True,
                    part="data",
                    source="code",
                    header_rows=1,
                )
            )
            found.add(number)
    return found


def _code_part(line: str) -> str:
    """The line without its comment (``'`` outside a string literal)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "'" and not quoted:
            return line[:index]
    return line


def _literals(body: str) -> list[Any] | None:
    """The values of a list of VBA literals ("text" with "" for a quote, numbers), or None
    when some item is no literal (a variable, a call)."""
    values: list[Any] = []
    for item in _LITERAL_ITEM.findall(body + ","):
        item = item.strip()
        if len(item) >= 2 and item[0] == item[-1] == '"':
            values.append(item[1:-1].replace('""', '"'))
            continue
        value = parse_cell(item)
        if isinstance(value, str) or value is None:
            return None
        values.append(value)
    rest = _LITERAL_ITEM.sub("", body + ",").strip()
    return None if rest else values


def _compiled_text(compiled: bytes, source: str, location: str) -> list[TextBlock]:
    """Printable runs of the compiled code that the source does not hold (string literals of
    a module whose source was replaced)."""
    blocks: list[TextBlock] = []
    for match in _BYTE_RUN.finditer(compiled):
        text = match.group().decode("cp1252", errors="replace").strip()
        if text and text not in source:
            blocks.append(
                TextBlock(
                    text=text,
                    location=f"{location}, compiled code, byte {match.start()}",
                    part="code",
                    hidden=True,
                )
            )
    return blocks


def read_macros(ole: Any, context: ReadContext) -> tuple[Embedded, set[str]]:
    """The VBA projects of a legacy document's OLE file (.doc, .xls) and the streams read.
    One that cannot be read is recorded in ``context.unreadable_parts`` (the file is then
    unscannable) and its streams are left to ``sweep_ole``, for their printable text."""
    found = Embedded()
    try:
        read = read_vba_storages(ole, location=None, context=context, into=found)
    except LimitExceeded:
        raise
    except Unscannable as error:
        context.unreadable_parts.append(error.reason)
        return Embedded(), set()
    except Exception as error:  # olefile's own errors (a broken FAT, a loop in the tree)
        context.unreadable_parts.append(
            f"the VBA macro project cannot be opened ({type(error).__name__}: {error})"
        )
        return Embedded(), set()
    return found, read
