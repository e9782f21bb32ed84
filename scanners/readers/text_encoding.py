"""Telling the encoding of a text file and opening it as a stream of lines in bounded memory.

Besides UTF-8, UTF-16 and UTF-32 (with a BOM or by where their NUL bytes fall) and the Windows
code pages, text in EBCDIC (a mainframe export: cp500/cp037/cp1047 agree on letters, digits and
the common signs) and in the DOS Nordic code page (cp865) is told by its byte statistics and
decoded, so that it is not read as noise (a context word such as "fødselsnummer" is then seen).
"""

from __future__ import annotations

import codecs
import encodings.cp500
import io
from collections.abc import Iterator
from pathlib import Path

from scanners.errors import ContentMismatch

# æ ø å Æ Ø Å é ü in cp865 (DOS Nordic), and æ ø å Æ Ø Å in cp1252/latin-1.
_DOS_NORDIC_LETTERS = frozenset(b"\x91\x9b\x86\x92\x9d\x8f\x82\x81")
_WINDOWS_NORDIC_LETTERS = frozenset(b"\xe6\xf8\xe5\xc6\xd8\xc5")
# EBCDIC as mainframes write text files: cp500, with NL (0x15) read as a line end.
EBCDIC = "airlock_ebcdic"
_EBCDIC_TABLE = encodings.cp500.decoding_table[:0x15] + "\n" + encodings.cp500.decoding_table[0x16:]
_EBCDIC_ENCODING = codecs.charmap_build(_EBCDIC_TABLE)
# Bytes of EBCDIC text: space, letters, digits, common signs, line ends.
_EBCDIC_TEXT = frozenset(
    [0x05, 0x0D, 0x15, 0x25, 0x40, *range(0x4A, 0x51), *range(0x5A, 0x62), *range(0x6A, 0x70)]
    + [*range(0x79, 0x80), *range(0x81, 0x8A), *range(0x91, 0x9A), *range(0xA1, 0xAA)]
    + [*range(0xC0, 0xCA), *range(0xD0, 0xDA), 0xE0, *range(0xE2, 0xEA), *range(0xF0, 0xFA)]
)


class _EbcdicCodec(codecs.Codec):
    def encode(self, text: str, errors: str = "strict") -> tuple[bytes, int]:
        return codecs.charmap_encode(text, errors, _EBCDIC_ENCODING)

    def decode(self, data: bytes, errors: str = "strict") -> tuple[str, int]:  # type: ignore[override]
        return codecs.charmap_decode(data, errors, _EBCDIC_TABLE)


class _EbcdicIncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, data: bytes, final: bool = False) -> str:  # type: ignore[override]
        return codecs.charmap_decode(data, self.errors, _EBCDIC_TABLE)[0]


class _EbcdicIncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return codecs.charmap_encode(text, self.errors, _EBCDIC_ENCODING)[0]


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name != EBCDIC:
        return None
    codec = _EbcdicCodec()
    return codecs.CodecInfo(
        name=EBCDIC,
        encode=codec.encode,
        decode=codec.decode,  # type: ignore[arg-type]
        incrementalencoder=_EbcdicIncrementalEncoder,
        incrementaldecoder=_EbcdicIncrementalDecoder,
    )


codecs.register(_find_codec)

_SAMPLE_BYTES = 256 * 1024
# Bytes that cp1252 leaves undefined; a file with them is read as latin-1.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def detect_encoding(head: bytes) -> str:
    """utf-8 (with or without BOM), utf-16/32 by BOM or NUL pattern, EBCDIC by its byte
    statistics, else cp1252 or latin-1."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    utf32 = _utf32_without_bom(sample)
    if utf32:
        return utf32
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
    if looks_like_ebcdic(sample):
        return EBCDIC
    if looks_like_dos_nordic(head):
        return "cp865"
    if _CP1252_HOLES.intersection(head):
        return "latin-1"
    return "cp1252"


def looks_like_dos_nordic(head: bytes) -> bool:
    """A DOS export in the Nordic code page (cp865): its high bytes are the DOS places of
    æ ø å Æ Ø Å (and é ü), and none is where Windows puts those letters."""
    high = [byte for byte in head if byte >= 0x80]
    if not high:
        return False
    dos = sum(1 for byte in high if byte in _DOS_NORDIC_LETTERS)
    return dos >= len(high) * 0.8 and not _WINDOWS_NORDIC_LETTERS.intersection(high)


def looks_like_ebcdic(sample: bytes) -> bool:
    """EBCDIC text: nearly every byte is an EBCDIC letter, digit, sign or space (0x40), the
    letters and digits lie above 0x80, and spaces or EBCDIC line ends are frequent."""
    if len(sample) < 16:
        return False
    text_bytes = sum(1 for byte in sample if byte in _EBCDIC_TEXT)
    high = sum(1 for byte in sample if byte >= 0x80)
    breaks = sample.count(0x40) + sample.count(0x15) + sample.count(0x25)
    return (
        text_bytes >= len(sample) * 0.95
        and high >= len(sample) * 0.3
        and breaks >= len(sample) * 0.02
    )


def _utf32_without_bom(sample: bytes) -> str | None:
    """UTF-32 text of Latin script: three NUL bytes in every four, in fixed places."""
    usable = len(sample) - len(sample) % 4
    if usable < 16 or sample.count(0) < usable * 0.6:
        return None
    for encoding, nul_places in (("utf-32-le", (1, 2, 3)), ("utf-32-be", (0, 1, 2))):
        if all(sample[place:usable:4].count(0) >= usable // 4 * 0.95 for place in nul_places):
            return encoding
    return None


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
