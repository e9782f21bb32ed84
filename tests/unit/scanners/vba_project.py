"""VBA macro projects built in code for the tests: an OLE compound file (MS-CFB, version 3)
written by hand, a ``VBA/dir`` stream and modules compressed with MS-OVBA's compression.

olefile reads compound files but cannot write new ones, so ``compound_file`` lays one out:
header, FAT, directory (each storage's children chained as right siblings, in the order
MS-CFB sorts them), mini FAT and mini stream for streams under 4096 bytes, and plain sectors
for the rest. ``compress`` is MS-OVBA 2.4.1.3's algorithm with a greedy longest-match search,
so the scanner's decompressor is tested on copy tokens, not only on literals.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREE, _END, _FAT_SECTOR, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compress(data: bytes) -> bytes:
    """A CompressedContainer (MS-OVBA 2.4.1.1.1) of ``data``."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk = data[start : start + 4096]
        body = bytearray()
        at = 0
        while at < len(chunk):
            flag_at = len(body)
            body.append(0)
            for bit in range(8):
                if at >= len(chunk):
                    break
                offset, length = _longest_match(chunk, at)
                if length >= 3:
                    bit_count = max((at - 1).bit_length(), 4)
                    token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                    body += struct.pack("<H", token)
                    body[flag_at] |= 1 << bit
                    at += length
                else:
                    body.append(chunk[at])
                    at += 1
        if len(body) > 4096:  # does not compress: stored raw, which must be 4096 bytes
            assert len(chunk) == 4096, "a short last chunk that does not compress"
            out += struct.pack("<H", 0x3000 | 4095) + chunk
        else:
            out += struct.pack("<H", 0x8000 | 0x3000 | (len(body) + 2 - 3)) + body
    return bytes(out)


def _longest_match(chunk: bytes, at: int) -> tuple[int, int]:
    if at == 0:
        return 0, 0
    bit_count = max((at - 1).bit_length(), 4)
    most = min((0xFFFF >> bit_count) + 3, len(chunk) - at)
    best = (0, 0)
    for offset in range(1, min(at, 1 << bit_count) + 1):
        length = 0
        while length < most and chunk[at - offset + length] == chunk[at + length]:
            length += 1
        if length > best[1]:
            best = (offset, length)
    return best


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HI", kind, len(data)) + data


def dir_stream(modules: list[tuple[str, int]], *, codepage: int = 1252) -> bytes:
    """The decompressed dir stream (MS-OVBA 2.3.4.2) of modules given as (name, text offset),
    with a reference to stdole as Excel writes one."""
    u16, u32 = (lambda v: struct.pack("<H", v)), (lambda v: struct.pack("<I", v))
    libid = b"*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\\stdole2.tlb#OLE Automation"
    out = (
        _record(0x0001, u32(1))
        + _record(0x004A, u32(0x6B))
        + _record(0x0002, u32(0x0406))
        + _record(0x0014, u32(0x0406))
        + _record(0x0003, u16(codepage))
        + _record(0x0004, b"VBAProject")
        + _record(0x0005, b"")
        + _record(0x0040, b"")
        + _record(0x0006, b"")
        + _record(0x003D, b"")
        + _record(0x0007, u32(0))
        + _record(0x0008, u32(0))
        + struct.pack("<HIIH", 0x0009, 4, 0x5F2E3A1B, 0x0012)  # PROJECTVERSION: 6 bytes
        + _record(0x000C, b"")
        + _record(0x003C, b"")
        + _record(0x0016, b"stdole")
        + _record(0x003E, "stdole".encode("utf-16-le"))
        + _record(0x000D, u32(len(libid)) + libid + u32(0) + u16(0))
        + _record(0x000F, u16(len(modules)))
        + _record(0x0013, u16(0xFFFF))
    )
    for name, offset in modules:
        out += (
            _record(0x0019, name.encode("cp1252"))
            + _record(0x0047, name.encode("utf-16-le"))
            + _record(0x001A, name.encode("cp1252"))
            + _record(0x0032, name.encode("utf-16-le"))
            + _record(0x001C, b"")
            + _record(0x0048, b"")
            + _record(0x0031, u32(offset))
            + _record(0x001E, u32(0))
            + _record(0x002C, u16(0xFFFF))
            + _record(0x0021, b"")
            + _record(0x002B, b"")
        )
    return out + struct.pack("<HI", 0x0010, 0)


def module_stream(source: str, compiled: bytes = b"") -> bytes:
    """A module stream: compiled code (p-code), then the source compressed."""
    return compiled + compress(source.replace("\n", "\r\n").encode("cp1252"))


def vba_streams(
    modules: dict[str, str],
    *,
    storage: str = "",
    compiled: bytes = b"\x01\x16\x03\x00\x00\xf0\x00\x00\x00",
) -> dict[str, bytes]:
    """The streams of a VBA project (``PROJECT``, ``VBA/dir``, ``VBA/_VBA_PROJECT``, a stream
    per module) under ``storage`` ("" for a vbaProject.bin, "Macros" for a .doc)."""
    prefix = f"{storage}/" if storage else ""
    project = 'ID="{00000000-0000-0000-0000-000000000000}"\r\n' + "".join(
        f"Module={name}\r\n" for name in modules
    )
    streams = {
        f"{prefix}PROJECT": project.encode("cp1252"),
        f"{prefix}VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
        f"{prefix}VBA/dir": compress(dir_stream([(name, len(compiled)) for name in modules])),
    }
    for name, source in modules.items():
        streams[f"{prefix}VBA/{name}"] = module_stream(source, compiled)
    return streams


def vba_project(modules: dict[str, str]) -> bytes:
    """A vbaProject.bin holding ``modules`` (name -> source)."""
    return compound_file(vba_streams(modules))


def attributes(name: str) -> str:
    return f'Attribute VB_Name = "{name}"\n'


_MACRO_ENABLED = (
    (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ),
    (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    ),
    (
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ),
)


def macro_file(path: Path, part: str, project: bytes) -> Path:
    """An xlsm, docm or pptm: the package at ``path`` with ``part`` (xl/vbaProject.bin) added,
    its content type and relationship as Office writes them."""
    folder = part.split("/")[0]
    main = {"xl": "xl/workbook.xml", "word": "word/document.xml", "ppt": "ppt/presentation.xml"}
    rels_name = f"{folder}/_rels/{main[folder].split('/')[1]}.rels"
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    types = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    for plain, macro_enabled in _MACRO_ENABLED:
        types = types.replace(plain, macro_enabled)
    members["[Content_Types].xml"] = types
    members[rels_name] = members[rels_name].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
        b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    members[part] = project
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    return path


# --- MS-CFB -------------------------------------------------------------------------------


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data
        self.children: list[_Entry] = []
        self.id = 0
        self.start = _END
        self.right = _NONE
        self.child = _NONE


def _order(entry: _Entry) -> tuple[int, str]:
    return len(entry.name), entry.name.upper()


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding ``streams`` ("Macros/VBA/dir" -> bytes)."""
    root = _Entry("Root Entry", 5)
    for path, data in streams.items():
        node = root
        *folders, leaf = path.split("/")
        for folder in folders:
            found = next((c for c in node.children if c.name == folder and c.kind == 1), None)
            if found is None:
                found = _Entry(folder, 1)
                node.children.append(found)
            node = found
        node.children.append(_Entry(leaf, 2, data))
    entries: list[_Entry] = []
    pending = [root]
    while pending:  # ids in breadth-first order, root first
        entry = pending.pop(0)
        entry.id = len(entries)
        entries.append(entry)
        entry.children.sort(key=_order)
        pending.extend(entry.children)
    for entry in entries:
        if entry.children:
            entry.child = entry.children[0].id
            for left, right in zip(entry.children, entry.children[1:], strict=False):
                left.right = right.id
    # Small streams in the mini stream, the rest in sectors of their own.
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        if len(entry.data) >= _CUTOFF:
            big.append(entry)
            continue
        count = -(-len(entry.data) // _MINI)
        if count:
            entry.start = len(mini_fat)
            mini_fat.extend(range(entry.start + 1, entry.start + count))
            mini_fat.append(_END)
            mini += entry.data.ljust(count * _MINI, b"\x00")
    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    blobs: list[tuple[str, bytes]] = [
        ("directory", b"".join(_direntry(e, len(mini)) for e in entries)),
        ("minifat", mini_fat_bytes),
        ("ministream", bytes(mini)),
        *((str(e.id), e.data) for e in big),
    ]
    sectors_of = {name: -(-len(data) // _SECTOR) for name, data in blobs}
    data_sectors = sum(sectors_of.values())
    fat_count = 1
    while fat_count * (_SECTOR // 4) < fat_count + data_sectors:
        fat_count += 1
    fat = [_FAT_SECTOR] * fat_count
    starts: dict[str, int] = {}
    body = bytearray()
    for name, data in blobs:
        count = sectors_of[name]
        if not count:
            starts[name] = _END
            continue
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(_END)
        body += data.ljust(count * _SECTOR, b"\x00")
    fat.extend([_FREE] * (fat_count * (_SECTOR // 4) - len(fat)))
    root.start = starts["ministream"]
    for entry in big:
        entry.start = starts[str(entry.id)]
    directory = b"".join(_direntry(e, len(mini)) for e in entries)  # with the starts now
    directory = directory.ljust(sectors_of["directory"] * _SECTOR, b"\x00")
    at = (starts["directory"] - fat_count) * _SECTOR
    body[at : at + len(directory)] = directory
    difat = list(range(fat_count)) + [_FREE] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_count,
            starts["directory"],
            0,
            _CUTOFF,
            starts["minifat"],
            sectors_of["minifat"],
            _END,
            0,
        )  # fmt: skip
        + b"".join(struct.pack("<I", v) for v in difat)
    )
    assert len(header) == _SECTOR
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return header + fat_bytes + bytes(body)


def _direntry(entry: _Entry, mini_size: int) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    size = mini_size if entry.kind == 5 else len(entry.data)
    start = entry.start if (entry.kind == 5 and mini_size) or entry.data else _END
    if entry.kind == 1:
        start, size = 0, 0
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBB", len(name), entry.kind, 1)
        + struct.pack("<III", _NONE, entry.right, entry.child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )
