"""Telling the encoding of a text file and opening it as a stream of lines in bounded memory."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from scanners.errors import ContentMismatch

_SAMPLE_BYTES = 256 * 1024
# Bytes that cp1252 leaves undefined; a file with them is read as latin-1.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def detect_encoding(head: bytes) -> str:
    """utf-8 (with or without BOM), utf-16/32 by BOM or NUL pattern, else cp1252 or latin-1."""
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = head[:4096]
    if sample and sample.count(0) > len(sample) // 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > even_nuls * 4:
            return "utf-16-le"
        if even_nuls > odd_nuls * 4:
            return "utf-16-be"
        raise ContentMismatch("the file holds binary data, not text")
    if b"\x00" in sample:
        raise ContentMismatch("the file holds binary data, not text")
    try:
        # A multi-byte character may be cut at the end of the sample.
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and len(head) >= _SAMPLE_BYTES - 3:
            return "utf-8"
    if _CP1252_HOLES.intersection(head):
        return "latin-1"
    return "cp1252"


def read_head(path: Path, size: int = _SAMPLE_BYTES) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def open_text(path: Path) -> tuple[io.TextIOWrapper, str]:
    """The file as a text stream (universal newlines off, for the csv module) and its encoding."""
    encoding = detect_encoding(read_head(path))
    stream = io.TextIOWrapper(
        io.BufferedReader(io.FileIO(str(path), "r"), buffer_size=1024 * 1024),
        encoding=encoding,
        errors="replace",
        newline="",
    )
    return stream, encoding


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its end) for every line, streamed."""
    stream, _ = open_text(path)
    with stream:
        for number, line in enumerate(stream, start=1):
            yield number, line.rstrip("\r\n")


def is_ascii_compatible(encoding: str) -> bool:
    """Digits are single ASCII bytes in these encodings, so raw bytes can be searched."""
    return encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1", "ascii")
