"""PowerPoint 97-2003 (.ppt): the text atoms of the PowerPoint Document stream (slides, notes,
masters), one block per atom. Every other stream (pictures, embedded objects) is read by
``embedded.sweep_ole``. Encrypted presentations are unscannable."""

from __future__ import annotations

import struct
from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.model import Extraction, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import sweep_ole

_TEXT_CHARS = 0x0FA0
_TEXT_BYTES = 0x0FA8
_CSTRING = 0x0FBA
_CRYPT_SESSION = 0x2F14
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
    _walk(stream, 0, len(stream), 0, blocks)
    return Extraction(
        file_type="ppt", text=blocks + rest.text, tables=rest.tables, hidden=rest.hidden
    )


def _walk(data: bytes, start: int, end: int, depth: int, blocks: list[TextBlock]) -> None:
    at = start
    while at + 8 <= end:
        version_instance, kind, length = struct.unpack_from("<HHI", data, at)
        body = at + 8
        if body + length > end:
            break
        if kind == _CRYPT_SESSION:
            raise Unscannable("the presentation is encrypted (password-protected)")
        if version_instance & 0x000F == 0x000F and depth < _MAX_DEPTH:
            _walk(data, body, body + length, depth + 1, blocks)
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
