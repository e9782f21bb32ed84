"""Windows metafiles (emf, wmf): the text records a chart draws (EMR_EXTTEXTOUTW/A in EMF,
META_TEXTOUT/META_EXTTEXTOUT in WMF). A metafile with no text records is unscannable."""

from __future__ import annotations

import struct
from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_tables import text_and_tables

_MAX_BYTES = 256 * 1024 * 1024
_EMR_EXTTEXTOUTA = 83
_EMR_EXTTEXTOUTW = 84
_META_TEXTOUT = 0x0521
_META_EXTTEXTOUT = 0x0A32


def read_metafile(path: Path, context: ReadContext) -> Extraction:
    data = path.read_bytes()[:_MAX_BYTES]
    items = metafile_items(data, context.file_type)
    if not items:
        raise Unscannable("the metafile draws no text that can be read")
    return Extraction(
        file_type=context.file_type,
        text=[i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if isinstance(i, Table)],
    )


def metafile_items(data: bytes, file_type: str) -> list[TextBlock | Table]:
    """The text lines and tables a metafile draws (none for a picture without text)."""
    if len(data) >= 44 and data[40:44] == b" EMF":
        runs = _emf_text(data)
    elif data[:4] == b"\xd7\xcd\xc6\x9a" or data[:2] in (b"\x01\x00", b"\x02\x00"):
        runs = _wmf_text(data)
    else:
        raise ContentMismatch(f"the file is not a Windows metafile (.{file_type})")
    if not any(text.strip() for _, _, text in runs):
        return []
    return list(text_and_tables(_lines(runs), source="metafile", location="text line {line}"))


def _lines(runs: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """Group text runs by y, order by x, join with a wide gap (columns of a chart table)."""
    by_y: dict[int, list[tuple[int, str]]] = {}
    for x, y, text in runs:
        if text.strip():
            key = next((k for k in by_y if abs(k - y) <= 3), y)
            by_y.setdefault(key, []).append((x, text.strip()))
    return [
        (number, "   ".join(t for _, t in sorted(parts)))
        for number, (_, parts) in enumerate(sorted(by_y.items()), start=1)
    ]


def _emf_text(data: bytes) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    at = 0
    while at + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, at)
        if size < 8 or at + size > len(data):
            break
        if kind in (_EMR_EXTTEXTOUTA, _EMR_EXTTEXTOUTW) and size >= 76:
            # EMRTEXT at offset 36: reference (x, y), nChars, offString...
            x, y, chars, offset = struct.unpack_from("<iiII", data, at + 36)
            raw = data[at + offset : at + offset + chars * (2 if kind == _EMR_EXTTEXTOUTW else 1)]
            text = raw.decode(
                "utf-16-le" if kind == _EMR_EXTTEXTOUTW else "cp1252", errors="replace"
            )
            runs.append((x, y, text))
        at += size
    return runs


def _wmf_text(data: bytes) -> list[tuple[int, int, str]]:
    at = 22 if data[:4] == b"\xd7\xcd\xc6\x9a" else 0
    if at + 18 > len(data):
        return []
    header_words = struct.unpack_from("<H", data, at + 2)[0]
    at += header_words * 2
    runs: list[tuple[int, int, str]] = []
    while at + 6 <= len(data):
        size_words, function = struct.unpack_from("<IH", data, at)
        size = size_words * 2
        if size < 6 or at + size > len(data):
            break
        body = data[at + 6 : at + size]
        if function == _META_TEXTOUT and len(body) >= 2:
            (length,) = struct.unpack_from("<H", body, 0)
            text = body[2 : 2 + length].decode("cp1252", errors="replace")
            padded = length + (length % 2)
            if len(body) >= 2 + padded + 4:
                y, x = struct.unpack_from("<hh", body, 2 + padded)
            else:
                x = y = 0
            runs.append((x, y, text))
        elif function == _META_EXTTEXTOUT and len(body) >= 8:
            y, x, length, options = struct.unpack_from("<hhhH", body, 0)
            start = 8 + (8 if options & 0x0006 else 0)
            runs.append((x, y, body[start : start + length].decode("cp1252", errors="replace")))
        if function == 0:
            break
        at += size
    return runs
