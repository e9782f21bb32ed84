"""The scan pipeline: gate the file type, read the content in a limited process, give a verdict.

``scan()`` is called from a Celery prefork worker child, which is daemonic and so may not start
``multiprocessing`` children. The content is therefore read by ``python -m scanners.worker`` in
a subprocess with an address-space and CPU cap, killed (its whole process group) when the wall
clock limit passes. The worker caps itself before it imports a reader (no ``preexec_fn``: the
digest thread runs while the worker is started). ``isolate=False`` reads in-process, for tests
and the benchmark.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scanners.content import inspect_content, unscannable
from scanners.filetype import check_type
from scanners.model import Finding, Policy, ScanReport, verdict_for
from scanners.version import SCANNER_VERSION

# Seconds the worker process gets beyond the policy's limit to start up and report.
_STARTUP_GRACE_SECONDS = 5.0
_HASH_CHUNK = 1024 * 1024


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
    # The digest is worked out beside the scan: hashlib lets go of the GIL, so on a large file
    # the hash costs no extra wall-clock time.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="airlock-digest") as pool:
        digest = pool.submit(_size_and_digest, file_path)
        size = file_path.stat().st_size
        check = check_type(file_path, name=name, size=size, policy=policy)
        findings: list[Finding] = list(check.findings)
        if check.unscannable_reason:
            findings.append(unscannable(check.unscannable_reason))
        elif not check.rejected:
            if isolate:
                findings.extend(
                    _inspect_isolated(file_path, file_type=check.file_type, policy=policy)
                )
            else:
                findings.extend(
                    inspect_content(file_path, file_type=check.file_type, policy=policy)
                )
        size, sha256 = digest.result()
    return ScanReport(
        path=str(file_path),
        name=name,
        size=size,
        sha256=sha256,
        file_type=check.file_type,
        mime=check.mime,
        verdict=verdict_for(findings),
        findings=findings,
        scanner_version=SCANNER_VERSION,
        policy_digest=policy.digest,
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def _size_and_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def _inspect_isolated(path: Path, *, file_type: str, policy: Policy) -> list[Finding]:
    """Run ``inspect_content`` in ``python -m scanners.worker`` under memory and time caps."""
    workdir = Path(tempfile.mkdtemp(prefix="airlock-worker-"))
    request = json.dumps(
        {"path": str(path.resolve()), "file_type": file_type, "policy": policy.to_dict()}
    )
    limit = policy.scan_time_limit_seconds
    env = _worker_environment(workdir)

    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "scanners.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=workdir,
            env=env,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(request.encode(), timeout=limit + _STARTUP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return [unscannable(f"the scan took longer than the limit of {limit:g} seconds")]
        finally:
            _kill_group(process)  # no reader's helper (tesseract) outlives the scan
        return _worker_findings(process.returncode, out, err, limit)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _worker_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH", "")]))
    env["TMPDIR"] = str(workdir)
    # Thread pools reserve address space per thread; the scan needs none of them.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[variable] = "1"
    env["MALLOC_ARENA_MAX"] = "2"
    return env


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _worker_findings(returncode: int, out: bytes, err: bytes, limit: float) -> list[Finding]:
    if returncode == -signal.SIGXCPU:
        return [unscannable(f"the scan used more than {limit:g} seconds of processor time")]
    if returncode == 0:
        try:
            result = json.loads(out.decode())
            return [Finding(**item) for item in result["findings"]]
        except (ValueError, KeyError, TypeError):
            pass
    tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    if b"MemoryError" in err:
        return [unscannable("reading it needed more memory than the scan may use")]
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return [unscannable(f"the scan process stopped on signal {name}")]
    return [unscannable(f"the scan process failed (exit {returncode}: {tail[0][:200]})")]
