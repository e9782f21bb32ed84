"""Limits that make hostile input fail closed: zip bombs, XML bombs, image bombs, slow files.

Every reader opens containers through ``GuardedZip`` and parses XML through ``parse_xml``;
``Deadline`` lets long loops give up in time when the scan runs in-process. Process-wide
limits (address space, CPU seconds) are set on the isolated scan worker by ``scan.py``.
"""

from __future__ import annotations

import re
import resource
import time
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from scanners.errors import LimitExceeded, Unscannable
from scanners.model import Policy

# Bytes read from one zip entry at a time while counting what was actually inflated.
_READ_CHUNK = 1024 * 1024


class Deadline:
    """A wall-clock budget. ``check()`` raises once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends_at:
            raise LimitExceeded(f"The scan took longer than the limit of {self.seconds:g} seconds")

    @property
    def remaining(self) -> float:
        return max(0.0, self.ends_at - time.monotonic())


class GuardedZip:
    """A zip archive checked against the policy's limits before any entry is inflated.

    The entry count, the declared total size and each entry's compression ratio are checked on
    opening; ``read`` also counts the bytes actually inflated, so a lying header cannot get
    more out than it declared (Python's zipfile already stops at the declared size).
    """

    def __init__(self, path: Path | IO[bytes], policy: Policy) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise Unscannable(f"The file is not a readable zip container ({error})") from error
        self.policy = policy
        infos = self.zip.infolist()
        if len(infos) > policy.max_zip_entries:
            raise LimitExceeded(
                f"The container holds {len(infos)} parts, more than the limit of "
                f"{policy.max_zip_entries}"
            )
        declared = sum(info.file_size for info in infos)
        if declared > policy.max_zip_uncompressed_bytes:
            raise LimitExceeded(
                f"The container unpacks to {declared} bytes, more than the limit of "
                f"{policy.max_zip_uncompressed_bytes}"
            )
        for info in infos:
            if info.flag_bits & 0x1:
                raise Unscannable("The file is encrypted (password-protected parts)")
            # Tiny entries compress absurdly well; judge the ratio only where it matters.
            if info.file_size > 1024 * 1024 and info.file_size > policy.max_zip_ratio * max(
                info.compress_size, 1
            ):
                raise LimitExceeded(
                    f"Part {info.filename} expands {info.file_size // max(info.compress_size, 1)}"
                    f" times, more than the limit of {policy.max_zip_ratio:g} (a zip bomb?)"
                )
        self.names = [info.filename for info in infos]
        self._infos = {info.filename: info for info in infos}

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name in self._infos

    def matching(self, pattern: str) -> list[str]:
        """Entry names matching a regular expression, in natural order (sheet2 before sheet10)."""
        rx = re.compile(pattern)
        found = [n for n in self.names if rx.fullmatch(n)]
        return sorted(found, key=_natural_key)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        """Inflate one entry, counting the bytes actually produced."""
        limit = self.policy.max_zip_uncompressed_bytes if max_bytes is None else max_bytes
        parts: list[bytes] = []
        total = 0
        for chunk in self.stream(name):
            total += len(chunk)
            if total > limit:
                raise LimitExceeded(f"Part {name} inflates beyond the limit of {limit} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def stream(self, name: str) -> Iterator[bytes]:
        """Inflate one entry in chunks (for parts too big to hold, such as a large sheet)."""
        info = self._infos[name]
        produced = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(_READ_CHUNK):
                    produced += len(chunk)
                    if (
                        produced > info.file_size
                        or produced
                        > self.policy.max_zip_ratio * max(info.compress_size, 1) + 1024 * 1024
                    ):
                        raise LimitExceeded(f"Part {name} inflates beyond what it declared")
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as error:
            raise Unscannable(f"Part {name} is corrupt or truncated ({error})") from error

    def xml(self, name: str) -> Any:
        """Parse an XML entry safely (see ``parse_xml``)."""
        return parse_xml(self.read(name), where=name)


def _natural_key(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


_SAFE_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": False,
}
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def parse_xml(data: bytes, *, where: str = "XML") -> Any:
    """Parse XML with entity expansion, DTD loading and network access off.

    A document that declares entities is refused outright (billion laughs, external entities):
    no honest office file or result file needs them.
    """
    head = data[:65536]
    if b"<!DOCTYPE" in head.upper() and _ENTITY_DECLARATION.search(data):
        raise LimitExceeded(f"{where} declares XML entities, which are not allowed")
    parser = etree.XMLParser(**_SAFE_PARSER_OPTIONS)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise Unscannable(f"{where} is not well-formed XML ({error})") from error


def iterparse_xml(stream: IO[bytes], *, tag: str | tuple[str, ...] | None = None) -> Any:
    """Incremental safe parse of a large XML part (a big sheet or pivot cache)."""
    return etree.iterparse(
        stream,
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def guard_images(policy: Policy) -> None:
    """Make Pillow refuse decompression bombs: over the pixel limit is an error, not a warning."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = policy.max_image_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)


def limit_process(*, memory_bytes: int, cpu_seconds: int) -> None:
    """Cap the calling process's address space and CPU time (run in the scan worker child)."""
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    # No core dumps of files that may hold microdata.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
