"""Images (png, jpg, gif, tif, bmp): metadata (EXIF, PNG text chunks, comments) as hidden text,
and the text in the pixels by OCR (tesseract, Danish and English), with tables found in the OCR
lines. Without tesseract, or when OCR finds no text, the image is unscannable: a graph is judged
as the table it was drawn from, and one that cannot be read is never clean."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_tables import text_and_tables

_MAX_FRAMES = 20
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
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
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
    text, hidden = _metadata(image)
    if not tesseract_available():
        raise Unscannable("its text cannot be read: OCR (tesseract) is not installed")
    ocr_text, ocr_tables = _ocr(image, context)
    if not any(block.text.strip() for block in ocr_text) and not ocr_tables:
        raise Unscannable("OCR found no text in the image")
    return Extraction(
        file_type=context.file_type,
        text=text + ocr_text,
        tables=ocr_tables,
        hidden=hidden,
    )


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


def _ocr(image: Any, context: ReadContext) -> tuple[list[TextBlock], list[Table]]:
    import pytesseract
    from PIL import ImageSequence

    available = set(pytesseract.get_languages(config=""))
    languages = "+".join(lang for lang in _OCR_LANGUAGES if lang in available) or "eng"
    text: list[TextBlock] = []
    tables: list[Table] = []
    frames = list(ImageSequence.Iterator(image))[:_MAX_FRAMES]
    for number, frame in enumerate(frames, start=1):
        context.deadline.check()
        prepared = frame.convert("L")
        if max(prepared.size) < 1000:  # small renders OCR better enlarged
            factor = max(1, 2000 // max(prepared.size))
            prepared = prepared.resize((prepared.width * factor, prepared.height * factor))
        try:
            content = pytesseract.image_to_string(
                prepared,
                lang=languages,
                config="--psm 6",
                timeout=max(1.0, context.deadline.remaining),
            )
        except RuntimeError as error:  # pytesseract's timeout
            raise LimitExceeded("OCR took longer than the scan's time limit") from error
        prefix = f"frame {number}, " if len(frames) > 1 else ""
        lines = [(n, line) for n, line in enumerate(content.splitlines(), start=1)]
        for item in text_and_tables(
            lines,
            table_name=f"{prefix}OCR table {{n}}",
            location=f"{prefix}OCR line {{line}}",
            part="ocr",
            source="ocr",
        ):
            if isinstance(item, Table):
                tables.append(item)
            else:
                text.append(item)
    return text, tables
