"""The scan pipeline: gate the file type, read the content in a sandbox, give a verdict.

``scan()`` is called from a Celery prefork pool process. It judges the name and the size
itself; what the content is (the rest of the type gate) and what it holds are judged in a fresh
child forked for the file from that already-warm process, under address-space and CPU caps and
a wall-clock kill (``scanners.sandbox``): no byte of an upload is parsed outside it. The digest
is worked out here while the child reads (hashing parses nothing).
``isolate=False`` reads in-process, for tests and the benchmark.

Each scan logs one ``scanners.timing`` line (INFO): where its time went, keyed by the first 16
hex digits of the file's sha256 (``bench/latency_bench.py`` reads them).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scanners.content import inspect_content, unscannable
from scanners.filetype import check_content, check_name
from scanners.model import Finding, Policy, ScanReport, verdict_for
from scanners.sandbox import inspect_isolated
from scanners.version import SCANNER_VERSION

# Seconds the sandbox gets beyond the policy's limit to start up and report.
_STARTUP_GRACE_SECONDS = 5.0
_HASH_CHUNK = 1024 * 1024

timing_log = logging.getLogger("scanners.timing")


def scan(
    path: str | os.PathLike[str],
    *,
    filename: str | None = None,
    policy: Policy | None = None,
    isolate: bool = True,
) -> ScanReport:
    """Scan one file. ``filename`` (the uploaded name) decides the type when given."""
    started = time.monotonic()
    policy = policy or Policy()
    file_path = Path(path)
    name = filename or file_path.name
    size = file_path.stat().st_size
    # Here only what reads no byte of the file: the content is judged where it is read.
    check = check_name(name=name, size=size, policy=policy)
    gated = time.monotonic()
    findings: list[Finding] = list(check.findings)
    timings: dict[str, int] = {"gate_ms": int((gated - started) * 1000)}
    mime = ""
    if check.rejected:
        size, sha256 = _size_and_digest(file_path)
    elif isolate:
        # Read here once for the policy, not in each child: the child starts with them.
        from scanners.released_tables import released_tables_of

        released_tables_of(policy)
        hashed: list[tuple[int, str]] = []
        read_started = time.monotonic()
        outcome = inspect_isolated(
            file_path,
            name=name,
            size=size,
            policy=policy,
            grace_seconds=_STARTUP_GRACE_SECONDS,
            # The digest is worked out here while the sandbox child reads.
            meanwhile=lambda: hashed.append(_size_and_digest(file_path)),
        )
        size, sha256 = hashed[0] if hashed else _size_and_digest(file_path)
        findings.extend(outcome.findings)
        mime = outcome.mime
        timings.update(outcome.timings)
        inside = sum(timings.get(k, 0) for k in ("gate_ms", "read_ms", "detect_ms"))
        timings["sandbox_ms"] = max(0, int((time.monotonic() - read_started) * 1000) - inside)
    else:
        check = check_content(file_path, check, size=size, policy=policy)
        findings, mime = list(check.findings), check.mime
        if check.unscannable_reason:
            findings.append(unscannable(check.unscannable_reason))
            size, sha256 = _size_and_digest(file_path)
        elif check.rejected:
            size, sha256 = _size_and_digest(file_path)
        else:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="airlock-digest") as pool:
                digest = pool.submit(_size_and_digest, file_path)
                findings.extend(
                    inspect_content(file_path, file_type=check.reader_type, policy=policy)
                )
                size, sha256 = digest.result()
    duration_ms = int((time.monotonic() - started) * 1000)
    _log_timings(sha256, total_ms=duration_ms, **timings)
    return ScanReport(
        path=str(file_path),
        name=name,
        size=size,
        sha256=sha256,
        file_type=check.file_type,
        mime=mime,
        verdict=verdict_for(findings),
        findings=findings,
        scanner_version=SCANNER_VERSION,
        policy_digest=policy.digest,
        duration_ms=duration_ms,
    )


def _log_timings(sha256: str, **timings: int) -> None:
    shown = " ".join(
        f"{key}={value}"
        for key, value in timings.items()
        if key in ("gate_ms", "sandbox_ms", "read_ms", "detect_ms", "total_ms")
    )
    timing_log.info("scan timings sha256=%s %s", sha256[:16], shown)


def _size_and_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()
