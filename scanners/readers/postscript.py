"""Encapsulated PostScript: the strings the page shows (``(text) show``) and DSC comments.

A DOS EPS binary header is skipped to the PostScript section. An EPS whose text was turned into
outlines has no strings to read: it is unscannable, never clean.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from scanners.errors import Unscannable
from scanners.model import Extraction, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_tables import text_and_tables

_STRING = re.compile(rb"\(((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)")
_DSC = re.compile(rb"^%%(Title|Creator|For|Subject|Keywords):\s*(.+)$", re.MULTILINE)
_MAX_BYTES = 256 * 1024 * 1024
_ESCAPES = {b"n": "\n", b"r": "\r", b"t": "\t", b"(": "(", b")": ")", b"\\": "\\"}


def read_eps(path: Path, context: ReadContext) -> Extraction:
    data = path.read_bytes()[:_MAX_BYTES]
    if data[:4] == b"\xc5\xd0\xd3\xc6":
        start, length = struct.unpack_from("<II", data, 4)
        data = data[start : start + length]
    if not data.startswith(b"%!"):
        raise Unscannable("the EPS file holds no PostScript")
    text: list[TextBlock] = [
        TextBlock(
            text=m.group(2).decode("latin-1").strip(),
            location=f"{m.group(1).decode()} comment",
            part="metadata",
            hidden=True,
        )
        for m in _DSC.finditer(data)
    ]
    lines: list[tuple[int, str]] = []
    # Line numbers are counted on from the previous string, so the pass stays linear in size.
    line, counted_to = 1, 0
    for match in _STRING.finditer(data):
        line += data.count(b"\n", counted_to, match.start())
        counted_to = match.start()
        lines.append((line, _unescape(match.group(1))))
    if not any(content.strip() for _, content in lines):
        raise Unscannable("the EPS file shows no text (text drawn as outlines cannot be read)")
    items = list(text_and_tables(_join_by_line(lines), source="eps"))
    return Extraction(
        file_type="eps",
        text=text + [i for i in items if isinstance(i, TextBlock)],
        tables=[i for i in items if not isinstance(i, TextBlock)],
    )


def _join_by_line(strings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    joined: dict[int, list[str]] = {}
    for line, content in strings:
        joined.setdefault(line, []).append(content.strip())
    return [(line, "   ".join(p for p in parts if p)) for line, parts in joined.items()]


def _unescape(raw: bytes) -> str:
    if b"\\" not in raw:
        return raw.decode("latin-1")
    out: list[str] = []
    index = 0
    while index < len(raw):
        byte = raw[index : index + 1]
        if byte == b"\\" and index + 1 < len(raw):
            following = raw[index + 1 : index + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[index + 1 : index + 4])
            if octal:
                out.append(chr(int(octal.group(), 8)))
                index += 1 + len(octal.group())
                continue
            out.append(_ESCAPES.get(following, following.decode("latin-1")))
            index += 2
            continue
        out.append(byte.decode("latin-1"))
        index += 1
    return "".join(out)
