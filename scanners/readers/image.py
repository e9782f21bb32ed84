"""Images (png, jpg, gif, tif, bmp): metadata (EXIF, PNG text chunks, comments) as hidden text,
and the text in the pixels by OCR (tesseract, Danish and English), with tables found in the OCR
lines. Without tesseract, or when OCR finds no text, the image is unscannable: a graph is judged
as the table it was drawn from, and one that cannot be read is never clean.

Bytes after the picture's end (after PNG ``IEND``, JPEG ``EOI``, the GIF trailer, a TIFF's last
IFD, value or strip: ``tiff.py``) are no part of the picture: they are read as text, or as the
zip archive they are, and reported; so are larger holes inside a TIFF.
``read_picture`` is the same for a picture inside a document (``word/media``, a PDF page).
"""

from __future__ import annotations

import io
import mmap
import re
import shutil
import struct
from pathlib import Path
from typing import IO, Any

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import (
    Embedded,
    bytes_as_text,
    read_trailing_bytes,
    relabel_hidden,
    relabel_tables,
    relabel_text,
)
from scanners.readers.ocr_tables import grey_on_white, ocr_lines
from scanners.readers.text_tables import text_and_tables
from scanners.readers.tiff import read_tiff_holes, tiff_end

Buffer = bytes | mmap.mmap | memoryview
_MAX_FRAMES = 20
# Pictures in a document smaller than this (bullets, rules, icons) hold no text OCR could read.
MIN_OCR_PIXELS = 2_000
_OCR_LANGUAGES = ("dan", "eng")
# Metadata that says nothing anyone wrote.
_ROUTINE_KEYS = {
    "dpi",
    "gamma",
    "srgb",
    "chromaticity",
    "transparency",
    "aspect",
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "progression",
    "progressive",
    "compression",
    "icc_profile",
    "exif",
    "duration",
    "loop",
    "background",
    "version",
    "extension",
    "adobe",
    "adobe_transform",
    "interlace",
    "resolution",
    "XResolution",
    "YResolution",
    "ResolutionUnit",
    "Orientation",
    "YCbCrPositioning",
    "ExifOffset",
    "ColorSpace",
    "ExifImageWidth",
    "ExifImageHeight",
    "photoshop",
    "mp",
    "dqt",
    "bits",
}


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def read_image(path: Path, context: ReadContext) -> Extraction:
    image = open_picture(path, context)
    text, hidden = _metadata(image)
    if not tesseract_available():
        raise Unscannable("its text cannot be read: OCR (tesseract) is not installed")
    ocr_text, ocr_tables = ocr_image(image, context)
    trailer = Embedded()
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        read_trailing_bytes(
            data, picture_end(data), what="the image", context=context, into=trailer
        )
        read_tiff_holes(data, context=context, into=trailer)
        text.extend(_segment_text(data))
    if not any(block.text.strip() for block in ocr_text) and not ocr_tables:
        if not trailer.text and not trailer.tables:
            raise Unscannable("OCR found no text in the image")
        context.unreadable_parts.append("OCR found no text in the image")
    return Extraction(
        file_type=context.file_type,
        text=text + ocr_text + trailer.text,
        tables=ocr_tables + trailer.tables,
        hidden=hidden + trailer.hidden,
    )


def read_picture(data: bytes, *, location: str, context: ReadContext, into: Embedded) -> None:
    """A picture inside another file (``word/media/image1.png``, an image on a PDF page).

    Its metadata, the text OCR finds in it and any bytes after its end are added to ``into``,
    located by ``location``. A picture with no text in it adds nothing; one that cannot be
    opened, or OCR that is not installed, makes the file unscannable (raised).
    """
    image = open_picture(io.BytesIO(data), context)
    text, hidden = _metadata(image)
    ocr_text: list[TextBlock] = []
    ocr_tables: list[Table] = []
    if image.width * image.height >= MIN_OCR_PIXELS and min(image.size) >= 8:
        if not tesseract_available():
            raise Unscannable(
                f"{location}: its text cannot be read: OCR (tesseract) is not installed"
            )
        ocr_text, ocr_tables = ocr_image(image, context)
    found = Embedded(text=text + _segment_text(data) + ocr_text, tables=ocr_tables, hidden=hidden)
    read_trailing_bytes(data, picture_end(data), what="the picture", context=context, into=found)
    read_tiff_holes(data, context=context, into=found)
    into.text.extend(relabel_text(found.text, location))
    into.tables.extend(relabel_tables(found.tables, location))
    into.hidden.extend(relabel_hidden(found.hidden, location))


def _segment_text(data: Buffer) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for label, content in unread_segments(data):
        blocks.extend(bytes_as_text(content, f"image {label}"))
    return blocks


def open_picture(source: Path | IO[bytes], context: ReadContext) -> Any:
    """The image, loaded, within the policy's pixel limit (Unscannable when it cannot be)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(source)
        width, height = image.size
        if width * height > context.policy.max_image_pixels:
            raise LimitExceeded(
                f"the image has {width * height} pixels, more than the limit of "
                f"{context.policy.max_image_pixels}"
            )
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise LimitExceeded(f"the image is too large to open safely ({error})") from error
    except UnidentifiedImageError as error:
        raise Unscannable("the image cannot be opened") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise Unscannable(f"the image is corrupt or truncated ({error})") from error
    return image


def picture_end(data: Buffer) -> int | None:
    """Where a PNG, JPEG, GIF, TIFF or BMP ends (bytes after it are not part of the picture), or
    None when the format is another or its structure cannot be followed."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            return _png_end(data)
        if data[:2] == b"\xff\xd8":
            return _jpeg_end(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _gif_end(data)
        if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
            return tiff_end(data)
        if data[:2] == b"BM" and len(data) >= 6:
            (size,) = struct.unpack_from("<I", data, 2)
            return size if 26 <= size <= len(data) else None
    except (IndexError, struct.error):
        return None
    return None


# PNG chunks whose content Pillow reads or that carry no text; any other chunk is read as text.
_PNG_KNOWN = frozenset(
    b"IHDR PLTE IDAT IEND tRNS cHRM gAMA iCCP sBIT sRGB cICP mDCv cLLi tEXt zTXt iTXt bKGD hIST "
    b"pHYs sPLT eXIf tIME acTL fcTL fdAT".split()
)
# JPEG application segments Pillow reads (EXIF and XMP in APP1, ICC in APP2, Adobe in APP14)
# or that only hold pixels' parameters; a comment (COM) Pillow reads as well.
_JPEG_KNOWN_APP = (b"Exif\x00", b"http://ns.adobe.com/xap/", b"ICC_PROFILE", b"Adobe", b"JFIF")


def unread_segments(data: Buffer) -> list[tuple[str, bytes]]:
    """(label, bytes) of the PNG chunks and JPEG application segments that neither Pillow's
    metadata nor the pixels account for: a private chunk can carry any text."""
    found: list[tuple[str, bytes]] = []
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            at = 8
            while at + 12 <= len(data):
                (length,) = struct.unpack_from(">I", data, at)
                kind = bytes(data[at + 4 : at + 8])
                if kind not in _PNG_KNOWN:
                    label = kind.decode("latin-1")
                    found.append((f"PNG chunk {label}", bytes(data[at + 8 : at + 8 + length])))
                at += 12 + length
                if kind == b"IEND":
                    break
        elif data[:2] == b"\xff\xd8":
            at = 2
            while at + 4 <= len(data) and data[at] == 0xFF:
                marker = data[at + 1]
                if marker in (0xD9, 0xDA):
                    break
                (length,) = struct.unpack_from(">H", data, at + 2)
                body = bytes(data[at + 4 : at + 2 + length])
                if 0xE0 <= marker <= 0xEF and not body.startswith(_JPEG_KNOWN_APP):
                    found.append((f"JPEG segment APP{marker - 0xE0}", body))
                at += 2 + length
    except (IndexError, struct.error):
        return found
    return found


def _png_end(data: Buffer) -> int | None:
    at = 8
    while at + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        kind = bytes(data[at + 4 : at + 8])
        at += 12 + length
        if kind == b"IEND":
            return at if at <= len(data) else None
    return None


_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_end(data: Buffer) -> int | None:
    at = 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return at + 2
        if 0xD0 <= marker <= 0xD7 or marker in (0x01, 0xD8):
            at += 2
            continue
        (length,) = struct.unpack_from(">H", data, at + 2)
        at += 2 + length
        if marker == 0xDA:  # entropy-coded data runs to the next real marker
            following = _JPEG_MARKER.search(data, at)  # type: ignore[call-overload]
            if following is None:
                return None
            at = following.start()
    return None


def _gif_end(data: Buffer) -> int | None:
    packed = data[10]
    at = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    while at < len(data):
        block = data[at]
        if block == 0x3B:
            return at + 1
        if block == 0x21:
            at = _skip_sub_blocks(data, at + 2)
        elif block == 0x2C:
            local = data[at + 9]
            at += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            at = _skip_sub_blocks(data, at + 1)
        else:
            return None
    return None


def _skip_sub_blocks(data: Buffer, at: int) -> int:
    while (size := data[at]) != 0:
        at += size + 1
    return at + 1


def _metadata(image: Any) -> tuple[list[TextBlock], list[HiddenPart]]:
    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    values: dict[str, str] = {}
    for key, value in (image.info or {}).items():
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        if isinstance(value, str) and str(key) not in _ROUTINE_KEYS:
            values[str(key)] = value
    try:
        from PIL import ExifTags

        exif = image.getexif()
        items = list(exif.items())
        items.extend(exif.get_ifd(0x8769).items())
        for tag, value in items:
            name = ExifTags.TAGS.get(tag, str(tag))
            if isinstance(value, bytes):
                value = value.decode(
                    "utf-16-le" if name.startswith("XP") else "utf-8", errors="replace"
                ).strip("\x00")
            if isinstance(value, str) and name not in _ROUTINE_KEYS and value.strip():
                values[name] = value
    except Exception as error:
        raise Unscannable(f"the image's metadata cannot be read ({error})") from error
    for key, value in values.items():
        if not value.strip():
            continue
        location = f"image metadata: {key}"
        text.append(TextBlock(text=value.strip(), location=location, part="metadata", hidden=True))
        if key not in ("Software", "software", "Make", "Model", "DateTime", "DateTimeOriginal"):
            hidden.append(
                HiddenPart(
                    kind="metadata",
                    location=location,
                    description=f"image metadata {key!r} holds text",
                )
            )
    return text, hidden


def ocr_image(image: Any, context: ReadContext) -> tuple[list[TextBlock], list[Table]]:
    """The OCR entry point: the text lines tesseract reads in every frame, and the tables
    found among them (``OCR line N``, ``OCR table N``)."""
    import pytesseract
    from PIL import ImageSequence

    available = set(pytesseract.get_languages(config=""))
    languages = "+".join(lang for lang in _OCR_LANGUAGES if lang in available) or "eng"
    text: list[TextBlock] = []
    tables: list[Table] = []
    frames = list(ImageSequence.Iterator(image))[:_MAX_FRAMES]
    for number, frame in enumerate(frames, start=1):
        context.deadline.check()
        prepared = grey_on_white(frame)
        if max(prepared.size) < 1000:  # small renders OCR better enlarged
            factor = max(1, 2000 // max(prepared.size))
            prepared = prepared.resize((prepared.width * factor, prepared.height * factor))
        try:  # words at their columns, so that a table in a screenshot keeps its columns
            lines, decimal = ocr_lines(
                prepared, lang=languages, timeout=max(1.0, context.deadline.remaining)
            )
        except RuntimeError as error:  # pytesseract's timeout
            raise LimitExceeded("OCR took longer than the scan's time limit") from error
        prefix = f"frame {number}, " if len(frames) > 1 else ""
        for item in text_and_tables(
            lines,
            table_name=f"{prefix}OCR table {{n}}",
            location=f"{prefix}OCR line {{line}}",
            part="ocr",
            source="ocr",
            decimal=decimal,
        ):
            if isinstance(item, Table):
                tables.append(item)
            else:
                text.append(item)
    return text, tables
