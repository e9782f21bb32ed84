"""Read a file's content and run the detectors over it. Any failure fails closed.

This is what runs inside the sandbox child (``scanners.sandbox``), or in-process with
``scan(..., isolate=False)``. A reader that raises, a limit that is hit, an embedded part that
cannot be read, or a file with nothing readable in it gives ``scan.unscannable``, never clean.
"""

from __future__ import annotations

import shutil
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.limits import Deadline, guard_images
from scanners.model import (
    REJECT,
    REVIEW,
    UNSCANNABLE_CODE,
    Detector,
    Finding,
    HiddenPart,
    Policy,
    Table,
    TextBlock,
)
from scanners.readers import ReadContext, reader_for

# How often (in fed items) the feeding loop looks at the clock.
_CLOCK_EVERY = 256


def unscannable(reason: str, location: str = "") -> Finding:
    return Finding(
        code=UNSCANNABLE_CODE,
        severity=REVIEW,
        location=location,
        message=f"The file could not be scanned: {reason}. Research services will check it by "
        "hand; export it in another allowed format if you can.",
    )


def content_mismatch(reason: str) -> Finding:
    return Finding(
        code="type.content_mismatch",
        severity=REJECT,
        location="",
        message=f"The content does not match the extension: {reason}.",
    )


def inspect_content(
    path: Path, *, file_type: str, policy: Policy, deadline: Deadline | None = None
) -> list[Finding]:
    """Findings for the content of one file whose type has passed the gate."""
    deadline = deadline or Deadline(policy.scan_time_limit_seconds)
    reader = reader_for(file_type)
    if reader is None:
        return [unscannable(f"there is no reader for .{file_type} files")]
    guard_images(policy)
    context = ReadContext(policy=policy, file_type=file_type, deadline=deadline)
    try:
        detectors = _detectors(policy)
        extraction = reader(path, context)
        fed = _feed(detectors, extraction.hidden, extraction.text, extraction.tables, deadline)
        findings = list(extraction.findings)
        for detector in detectors:
            findings.extend(detector.findings())
    except ContentMismatch as error:
        return [content_mismatch(error.reason)]
    except Unscannable as error:
        return [unscannable(error.reason)]
    except MemoryError:
        return [unscannable("reading it needed more memory than the scan may use")]
    except RecursionError:
        return [unscannable("its structure is nested too deeply")]
    except Exception as error:  # a reader or detector bug must not pass a file as clean
        traceback.print_exc(file=sys.stderr)
        return [unscannable(f"reading it failed ({type(error).__name__}: {error})")]
    finally:
        if context.workdir is not None:
            shutil.rmtree(context.workdir, ignore_errors=True)
    findings.extend(unscannable(reason) for reason in context.unreadable_parts)
    if fed == 0 and not any(f.code == UNSCANNABLE_CODE for f in findings):
        findings.append(unscannable("no text or numbers could be read from it"))
    return findings


def _detectors(policy: Policy) -> list[Detector]:
    try:
        from scanners.detectors import all_detectors
    except ImportError as error:
        raise Unscannable(f"the scanner's detectors are not installed ({error})") from error
    return list(all_detectors(policy))


def _feed(
    detectors: list[Detector],
    hidden: Iterable[HiddenPart],
    text: Iterable[TextBlock],
    tables: Iterable[Table],
    deadline: Deadline,
) -> int:
    """Hand everything a reader found to every detector; count what carried content."""
    fed = 0
    for part in hidden:
        for detector in detectors:
            detector.feed_hidden(part)
    for count, block in enumerate(text):
        if count % _CLOCK_EVERY == 0:
            deadline.check()
        if block.text.strip():
            fed += 1
        for detector in detectors:
            detector.feed_text(block)
    for table in tables:
        deadline.check()
        if table.rows:
            fed += 1
        for detector in detectors:
            detector.feed_table(table)
    return fed
