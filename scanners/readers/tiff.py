"""Where a TIFF's structure ends, and the bytes it does not account for.

A TIFF has no end marker: the header points to a chain of IFDs, each IFD's entries point to
their values (when longer than four bytes) and to the pixels (StripOffsets and StripByteCounts,
TileOffsets and TileByteCounts, an old-style JPEG stream), and the EXIF, GPS and interoperability
IFDs and SubIFDs hang below. ``tiff_extents`` follows all of it (classic TIFF and BigTIFF,
either byte order) and gives the byte ranges the structure covers; what lies past the last one
is the trailer (``image.picture_end``), and a larger hole between them is read as loose bytes
(``read_tiff_holes``: text, a zip archive, a file) and reported. A structure that cannot be
followed (an offset past the file's end, a loop) gives None: Pillow then judges the file, and
one it cannot load is unscannable.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from scanners.model import HiddenPart
from scanners.readers.context import ReadContext
from scanners.readers.embedded import Embedded, read_loose_bytes

_TYPE_SIZES = {
    1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4,
    16: 8, 17: 8, 18: 8,
}  # fmt: skip
_SUB_IFDS = (330, 34665, 34853, 40965)  # SubIFDs, EXIF, GPS, interoperability
# (offsets tag, byte counts tag): strips, tiles, an old-style JPEG stream
_DATA_TAGS = ((273, 279), (324, 325), (513, 514))
_MAX_IFDS = 10_000
# Holes between parts smaller than this are alignment and padding, not data.
MIN_HOLE = 64
_FILLER = b"\x00\xff"


class _Broken(Exception):
    pass


@dataclass(frozen=True)
class _Layout:
    """Classic TIFF (32-bit offsets) or BigTIFF (64-bit): byte order and field sizes."""

    order: str
    count: str  # an IFD's entry count
    offset: str  # an offset, and an entry's value field
    entry: int  # bytes per entry

    @property
    def field(self) -> int:
        return struct.calcsize(self.offset)


_MAGIC = {
    b"II*\x00": _Layout("<", "H", "I", 12),
    b"MM\x00*": _Layout(">", "H", "I", 12),
    b"II+\x00": _Layout("<", "Q", "Q", 20),
    b"MM\x00+": _Layout(">", "Q", "Q", 20),
}


def tiff_extents(data: Any) -> list[tuple[int, int]] | None:
    """The sorted, merged (start, end) byte ranges a TIFF's (or BigTIFF's) structure covers,
    or None when it is no TIFF or its structure cannot be followed."""
    layout = _MAGIC.get(bytes(data[:4])) if len(data) >= 16 else None
    if layout is None:
        return None
    header = 8 if layout.field == 4 else 16
    ranges: list[tuple[int, int]] = [(0, header)]
    try:
        (first,) = struct.unpack_from(f"{layout.order}{layout.offset}", data, header - layout.field)
        pending = [first]
        seen: set[int] = set()
        while pending:
            offset = pending.pop()
            while offset:
                if offset in seen or len(seen) >= _MAX_IFDS:
                    raise _Broken
                seen.add(offset)
                offset = _ifd(data, layout, offset, ranges, pending)
    except (_Broken, struct.error):
        return None
    return _merged(ranges)


def _ifd(
    data: Any, layout: _Layout, offset: int, ranges: list[tuple[int, int]], pending: list[int]
) -> int:
    """One IFD: its own bytes, its values and pixel data added to ``ranges``, the IFDs below
    it to ``pending``; returns the next IFD's offset (0 at the end of the chain)."""
    order, field = layout.order, layout.field
    (count,) = struct.unpack_from(f"{order}{layout.count}", data, offset)
    first = offset + struct.calcsize(layout.count)
    end = first + layout.entry * count + field
    _cover(ranges, offset, end, len(data))
    values: dict[int, list[int]] = {}
    for index in range(count):
        at = first + layout.entry * index
        tag, kind, number = struct.unpack_from(f"{order}HH{layout.offset}", data, at)
        size = _TYPE_SIZES.get(kind)
        if size is None:
            continue  # a type this reader does not know: its value is not followed
        where = at + 4 + field
        if size * number > field:
            (where,) = struct.unpack_from(f"{order}{layout.offset}", data, where)
            _cover(ranges, where, where + size * number, len(data))
        if tag in _SUB_IFDS or any(tag in pair for pair in _DATA_TAGS):
            code = {1: "B", 3: "H", 4: "I", 13: "I", 16: "Q", 18: "Q"}.get(kind)
            if code is None or number > 1_000_000:
                raise _Broken
            values[tag] = list(struct.unpack_from(f"{order}{number}{code}", data, where))
    for tag in _SUB_IFDS:
        pending.extend(values.get(tag, []))
    for offsets_tag, counts_tag in _DATA_TAGS:
        starts, sizes = values.get(offsets_tag, []), values.get(counts_tag, [])
        if len(starts) != len(sizes):
            raise _Broken
        for start, size in zip(starts, sizes, strict=True):
            _cover(ranges, start, start + size, len(data))
    (following,) = struct.unpack_from(f"{order}{layout.offset}", data, end - field)
    return int(following)


def _cover(ranges: list[tuple[int, int]], start: int, end: int, length: int) -> None:
    if end > length:
        raise _Broken
    if end > start:
        ranges.append((start, end))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def tiff_end(data: Any) -> int | None:
    """Where a TIFF's structure ends (what follows is a trailer), or None."""
    extents = tiff_extents(data)
    return extents[-1][1] if extents else None


def read_tiff_holes(data: Any, *, context: ReadContext, into: Embedded) -> None:
    """Holes of ``MIN_HOLE`` bytes or more between a TIFF's parts that hold anything but
    padding, each read by ``read_loose_bytes`` and reported as a hidden part."""
    extents = tiff_extents(data)
    if not extents:
        return
    for (_, before), (after, _) in zip(extents, extents[1:], strict=False):
        hole = bytes(data[before:after])
        if len(hole) < MIN_HOLE or not hole.strip(_FILLER):
            continue
        location = f"bytes outside the TIFF's structure at byte {before}"
        read_loose_bytes(hole, name="hole.bin", location=location, context=context, into=into)
        into.hidden.append(
            HiddenPart(
                kind="trailing_data",
                location=location,
                description=f"{len(hole)} bytes inside the image that are no part of it",
            )
        )
