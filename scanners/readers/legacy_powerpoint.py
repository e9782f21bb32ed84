"""PowerPoint 97-2003 (.ppt): the text atoms of the PowerPoint Document stream (slides, notes,
masters), one block per atom, and the OLE storages kept inside that stream (ExOleObjStg, zlib
compressed or not: an embedded workbook or document, the VBA macro project), each read by
``embedded.read_loose_bytes``. Every other stream (pictures) is read by ``embedded.sweep_ole``.
Encrypted presentations are unscannable."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from scanners.errors import ContentMismatch, LimitExceeded, Unscannable
from scanners.model import Extraction, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_loose_bytes, sweep_ole

_TEXT_CHARS = 0x0FA0
_TEXT_BYTES = 0x0FA8
_CSTRING = 0x0FBA
_CRYPT_SESSION = 0x2F14
_OLE_STORAGE = 0x1011  # ExOleObjStg: an embedded object's or the VBA project's storage
_MAX_DEPTH = 32


def read_ppt(path: Path, context: ReadContext) -> Extraction:
    import olefile

    if not olefile.isOleFile(str(path)):
        raise ContentMismatch("the file is not a PowerPoint 97-2003 presentation")
    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("PowerPoint Document"):
            raise ContentMismatch("the file is an OLE container without a presentation")
        if ole.exists("EncryptedSummary"):
            raise Unscannable("the presentation is encrypted (password-protected)")
        stream = ole.openstream("PowerPoint Document").read()
        rest = sweep_ole(ole, already_read={"PowerPoint Document"}, context=context)
    blocks: list[TextBlock] = []
    storages: list[bytes] = []
    _walk(stream, 0, len(stream), 0, blocks, storages)
    objects = Embedded()
    for number, storage in enumerate(storages, start=1):
        context.deadline.check()
        location = f"object storage {number}"
        try:
            data = _storage_bytes(storage, context)
        except Unscannable as error:
            context.unreadable_parts.append(f"{location}: {error.reason}")
            continue
        read_loose_bytes(data, name="object.bin", location=location, context=context, into=objects)
    return Extraction(
        file_type="ppt",
        text=blocks + objects.text + rest.text,
        tables=objects.tables + rest.tables,
        hidden=objects.hidden + rest.hidden,
    )


def _storage_bytes(record: bytes, context: ReadContext) -> bytes:
    """An ExOleObjStg record's OLE compound file: an embedded object or the VBA project.
    Instance 1 is zlib-compressed after its decompressed size."""
    instance, body = record[0], record[1:]
    if instance != 1:
        return body
    if len(body) < 4:
        raise Unscannable("a compressed object storage is cut off")
    (size,) = struct.unpack_from("<I", body, 0)
    limit = context.policy.max_zip_uncompressed_bytes
    if size > limit:
        raise LimitExceeded(f"an object storage declares {size} bytes, more than {limit}")
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(body[4:], size + 1)
    except zlib.error as error:
        raise Unscannable(f"a compressed object storage is corrupt ({error})") from None
    if len(data) != size:
        raise Unscannable("a compressed object storage does not hold the size it declares")
    return data


def _walk(
    data: bytes,
    start: int,
    end: int,
    depth: int,
    blocks: list[TextBlock],
    storages: list[bytes],
) -> None:
    at = start
    while at + 8 <= end:
        version_instance, kind, length = struct.unpack_from("<HHI", data, at)
        body = at + 8
        if body + length > end:
            break
        if kind == _CRYPT_SESSION:
            raise Unscannable("the presentation is encrypted (password-protected)")
        if version_instance & 0x000F == 0x000F and depth < _MAX_DEPTH:
            _walk(data, body, body + length, depth + 1, blocks, storages)
        elif kind == _OLE_STORAGE:
            instance = (version_instance >> 4) & 0x0FFF
            storages.append(bytes([instance == 1]) + data[body : body + length])
        elif kind in (_TEXT_CHARS, _CSTRING):
            text = data[body : body + length].decode("utf-16-le", errors="replace")
            _add(text, blocks)
        elif kind == _TEXT_BYTES:
            _add(data[body : body + length].decode("latin-1"), blocks)
        at = body + length


def _add(text: str, blocks: list[TextBlock]) -> None:
    text = " ".join(text.replace("\r", " ").replace("\x0b", " ").split())
    if text:
        blocks.append(TextBlock(text=text, location=f"text {len(blocks) + 1}"))
