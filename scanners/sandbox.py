"""The warm sandbox: each file is read in a fresh child forked from an already-warm process.

``scan()`` runs in a Celery prefork pool process, which is daemonic and so may not start
``multiprocessing`` children; ``os.fork`` has no such rule. The pool process imports the readers
and detectors once (``preload()``: the Celery worker calls it at start, before its pool forks),
and for every file forks a child that

- leaves the parent's session and process group (``setsid``), so one kill stops the child and
  any helper it started (tesseract, a converter);
- dies with its parent (``PR_SET_PDEATHSIG``) and drops the parent's signal handlers;
- caps its own address space (RLIMIT_AS) and CPU time (RLIMIT_CPU), and gives up by itself
  a little before the wall-clock limit, at which the parent kills its process group;
- reads the file, runs the detectors, writes its findings to a pipe and ends with
  ``os._exit`` (no finaliser of the parent's objects runs in it).

Nothing is carried from one scanned file to the next: every child starts from the same
pre-loaded image of the parent, which never reads an uploaded file itself (at preload it reads
three small samples of its own, to warm the readers), and is gone when its file is done. A child
that crashes, is killed, exceeds a cap or answers nonsense gives ``unscannable``, never
``clean``. (The one child that reads several files is a transfer's fingerprint child,
``fingerprints_isolated_many``: no verdict comes from it.)

Where ``os.fork`` is unavailable or fails, the same work runs in a new interpreter,
``python -m scanners.sandbox`` (request on stdin, reply on stdout), under the same caps: slower,
equally safe.
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import importlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanners.limits import Deadline, limit_process
from scanners.model import Finding, Policy

# The child gives up a little before the parent would kill it, to say why.
_OWN_DEADLINE_SHARE = 0.95
# CPU seconds allowed beyond the wall-clock limit (the parent kills on the wall clock).
_CPU_GRACE_SECONDS = 5
# Thread pools reserve address space per thread; a scan needs none of them.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Libraries the readers import when a file of their kind arrives; loaded once by ``preload``.
_HEAVY_LIBRARIES = (
    "lxml.etree",
    "lxml.html",
    "PIL.Image",
    "olefile",
    "pyreadstat",
    "pypdfium2",
    "python_calamine",
    "xlrd",
    "striprtf.striprtf",
    "pytesseract",
    "magic",
)
_PR_SET_PDEATHSIG = 1
_CHILD_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM")

# Environment variables a reader has no use for (service addresses with passwords, keys).
_SECRET_VARIABLE = re.compile(
    r"SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|_KEY|^DATABASE_URL$|BROKER_URL|^AWS_|_S3_",
    re.IGNORECASE,
)
_MAX_FD = 1 << 20

_preloaded = False
# Linux's madvise advice: back a range with transparent huge pages; and do it now (6.1+).
_MADV_HUGEPAGE = 14
_MADV_COLLAPSE = 25
_HUGE_PAGE = 2 << 20
_huge_pages_in: int | None = None  # the process whose heap is on huge pages


def _load_libc() -> ctypes.CDLL | None:
    """The C library, loaded here in the parent: the child makes no dlopen after the fork."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _load_libc()


@dataclass
class Outcome:
    """What the sandbox gave back: findings, and where the time went (milliseconds)."""

    findings: list[Finding]
    timings: dict[str, int] = field(default_factory=dict)
    mime: str = ""  # what the content is, by the child's type check ("" if it never said)
    # Only for a ``fingerprint`` request: each file's table fingerprints, as dicts, in order.
    fingerprints: list[list[dict[str, Any]]] = field(default_factory=list)


def preload() -> None:
    """Import the readers, the detectors and the libraries they use, once, in this process.

    Called by the Celery worker before it forks its pool, so every pool process and every
    sandbox child shares the imported code. Safe to call again; a library that is missing is
    skipped (its reader then fails closed when a file of its kind arrives).
    """
    global _preloaded
    if _preloaded:
        return
    for variable in _THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    from scanners.file_types import FILE_TYPES

    modules = {entry.reader.split(":")[0] for entry in FILE_TYPES.values() if entry.reader}
    preloaded = ("scanners.content", "scanners.detectors", "scanners.preview")
    for name in (*preloaded, *sorted(modules), *_HEAVY_LIBRARIES):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: S112 - optional: the reader says so when its file arrives
            continue
    from scanners.detectors import all_detectors

    all_detectors(Policy())  # the rules import their modules when first built
    _warm_up()
    _preloaded = True


# Small files of the kinds most uploads are, written by this module (never an upload): checked
# and read once at preload, so what the type check, the readers and the detectors build on
# first use (libmagic's database, compiled patterns, cached tables) is in the image every
# child starts from, not built again in each child.
_WARM_UP_FILES = (
    ("table.csv", "csv", b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"),
    ("people.csv", "csv", b"name,cpr\nA,010190-1234\nB,020285-4321\n"),
    ("model.txt", "txt", b"coef se t\nalder 0.031 0.004 7.75\nindkomst 0.002 0.001 2.0\n"),
)


def _warm_up() -> None:
    """Read the warm-up files in this process (their findings are thrown away). A failure is
    no error: the children then build what they need themselves, as without a warm-up."""
    from scanners.content import inspect_content
    from scanners.filetype import check_type

    with tempfile.TemporaryDirectory(prefix="airlock-warm-up-") as folder:
        for name, file_type, content in _WARM_UP_FILES:
            path = Path(folder) / name
            try:
                path.write_bytes(content)
                # The type check loads libmagic's database (about 6 ms): every scan's child
                # and a released file's fingerprint child check the type, and should not load
                # it again.
                check_type(path, name=name, size=len(content), policy=Policy())
                inspect_content(path, file_type=file_type, policy=Policy())
            except Exception:  # noqa: S112 - only a warm-up
                continue


def inspect_isolated(
    path: Path,
    *,
    name: str,
    size: int,
    policy: Policy,
    grace_seconds: float,
    meanwhile: Callable[[], object] = lambda: None,
) -> Outcome:
    """Judge one file's content type and read it, in a fresh sandbox child; unscannable
    findings for every failure. ``name`` and ``size`` passed the part of the gate that reads
    no byte (``filetype.check_name``); the child judges the rest and gives back the MIME type.

    ``meanwhile`` runs in this process once the child is on its way (the file's digest).
    """
    request = {"path": str(path.resolve()), "name": name, "size": size, "policy": policy}
    return _isolated(request, policy.scan_time_limit_seconds, grace_seconds, meanwhile)


def _fields(policy: Policy) -> dict[str, Any]:
    """The policy as ``Policy.from_dict`` reads it, for the new interpreter (as JSON): each
    field's value as it is, with no deep copy (``to_dict``'s ``asdict`` copies every released
    table's fingerprint). A forked child needs none: it has the parent's Policy object."""
    return {name: getattr(policy, name) for name in policy.__dataclass_fields__}


@dataclass
class ChildResult:
    """How a sandbox child ended: its exit code (None: killed at the wall-clock limit), what
    it wrote to its reply pipe and to its standard error."""

    returncode: int | None
    out: bytes = b""
    err: bytes = b""


def _isolated(
    request: dict[str, Any], limit: float, grace_seconds: float, meanwhile: Callable[[], object]
) -> Outcome:
    result = run_in_sandbox(request, kill_after=limit + grace_seconds, meanwhile=meanwhile)
    if result.returncode is None:
        return Outcome([_unscannable(f"the scan took longer than the limit of {limit:g} seconds")])
    return _outcome(result.returncode, result.out, result.err, limit)


def run_in_sandbox(
    request: dict[str, Any],
    *,
    kill_after: float,
    meanwhile: Callable[[], object] = lambda: None,
) -> ChildResult:
    """Serve ``request`` (a scan, fingerprints, a reviewer's preview) in a child forked from
    this warm process, or in a new interpreter where no fork is possible; its process group is
    killed at ``kill_after`` seconds, and its working folder removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="airlock-sandbox-"))
    try:
        if hasattr(os, "fork"):
            try:
                return _forked(request, workdir, kill_after, meanwhile)
            except OSError:
                pass  # no process could be forked (EAGAIN, ENOMEM): try a new interpreter
        return _cold(request, workdir, kill_after, meanwhile)
    finally:
        _remove(workdir)


def _remove(workdir: Path) -> None:
    """Remove the child's working folder: usually it holds only the child's stderr, which two
    system calls remove; whatever a reader left in it goes with ``shutil.rmtree``."""
    try:
        (workdir / "stderr").unlink(missing_ok=True)
        workdir.rmdir()
    except OSError:
        shutil.rmtree(workdir, ignore_errors=True)


# The most released files one sandbox child reads for their fingerprints (one transfer's).
MAX_FILES_PER_FINGERPRINT_CHILD = 50


def fingerprints_isolated(
    path: Path, *, filename: str, policy: Policy, grace_seconds: float = 5.0
) -> list[dict[str, Any]]:
    """The table fingerprints of a released file (``scanners.released_tables``), read in a
    sandbox child like a scan: the worker never parses uploaded bytes itself. A file that
    cannot be read, or a child that fails, gives no fingerprint."""
    [found] = fingerprints_isolated_many(
        [(path, filename)], policy=policy, grace_seconds=grace_seconds
    )
    return found


def fingerprints_isolated_many(
    files: list[tuple[Path, str]], *, policy: Policy, grace_seconds: float = 5.0
) -> list[list[dict[str, Any]]]:
    """The table fingerprints of several released files of one transfer, in their order,
    read in one sandbox child (at most ``MAX_FILES_PER_FINGERPRINT_CHILD`` a child).

    One child for a transfer's files, not one a file: a fork costs more than reading a small
    table again. A scan never shares its child: a verdict is judged from one file alone. The
    files of one transfer were uploaded and approved by the same researcher, and their
    fingerprints are no verdict, so a file that could subvert a reader would gain nothing from
    its neighbours that it could not do to its own fingerprint. A child that fails (a crash, a
    cap, the time limit) costs its neighbours nothing: each of its files is then read again
    in a child of its own, and a file that fails alone gives no fingerprint.
    """
    found: list[list[dict[str, Any]]] = []
    for start in range(0, len(files), MAX_FILES_PER_FINGERPRINT_CHILD):
        batch = files[start : start + MAX_FILES_PER_FINGERPRINT_CHILD]
        read = _fingerprints_in_one_child(batch, policy, grace_seconds)
        if read is None and len(batch) == 1:
            read = [[]]  # a file that fails alone has no fingerprint
        elif read is None:
            read = [_fingerprints_alone(f, policy, grace_seconds) for f in batch]
        found += read
    return found


def _fingerprints_alone(
    file: tuple[Path, str], policy: Policy, grace_seconds: float
) -> list[dict[str, Any]]:
    read = _fingerprints_in_one_child([file], policy, grace_seconds)
    return read[0] if read is not None else []


def _fingerprints_in_one_child(
    files: list[tuple[Path, str]], policy: Policy, grace_seconds: float
) -> list[list[dict[str, Any]]] | None:
    """The fingerprints of ``files`` from one child; None when the child failed."""
    request = {
        "action": "fingerprint",
        "files": [{"path": str(path.resolve()), "filename": name} for path, name in files],
        "policy": policy,
    }
    outcome = _isolated(request, policy.scan_time_limit_seconds, grace_seconds, lambda: None)
    if outcome.findings or len(outcome.fingerprints) != len(files):
        return None
    return outcome.fingerprints


# --- the forked child ------------------------------------------------------------------------


def _heap_on_huge_pages() -> None:
    """Put this process's anonymous memory (the warm image's heap) on transparent huge pages,
    once per process, where the kernel allows it (THP "madvise" or "always").

    A fork copies one page-table entry per 4 KiB page of it, and a child's exit clears them
    all again: for a pool process of ~90 MB of heap that is most of what an empty child costs.
    On 2 MiB pages it is one entry per 2 MiB. The child still copies, on write, only the 4 KiB
    it changes. Nothing about the sandbox changes; where the advice is refused, nothing does.
    """
    global _huge_pages_in
    if _huge_pages_in == os.getpid():
        return
    _huge_pages_in = os.getpid()
    if _LIBC is None or not hasattr(_LIBC, "madvise") or not sys.platform.startswith("linux"):
        return
    madvise = _LIBC.madvise
    madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    for low, high in _anonymous_ranges():
        start = (low + _HUGE_PAGE - 1) & ~(_HUGE_PAGE - 1)
        end = high & ~(_HUGE_PAGE - 1)
        if end > start and madvise(start, end - start, _MADV_HUGEPAGE) == 0:
            madvise(start, end - start, _MADV_COLLAPSE)


def _anonymous_ranges() -> list[tuple[int, int]]:
    """The private, writable, anonymous mappings of this process (``[heap]`` and unnamed)."""
    try:
        lines = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return []
    ranges = []
    for line in lines:
        fields = line.split()
        if len(fields) < 5 or fields[1] != "rw-p" or (len(fields) > 5 and fields[5] != "[heap]"):
            continue
        low, _, high = fields[0].partition("-")
        ranges.append((int(low, 16), int(high, 16)))
    return ranges


def _forked(
    request: dict[str, Any], workdir: Path, kill_after: float, meanwhile: Callable[[], object]
) -> ChildResult:
    _heap_on_huge_pages()
    forked_at = time.monotonic()
    parent = os.getpid()
    errors = workdir / "stderr"
    read_end, write_end = os.pipe()
    # The child's garbage collector leaves the parent's objects alone (they are frozen), so it
    # does not touch, and copy, every page it shares with the parent.
    pid = -1
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    finally:
        if pid != 0:
            gc.unfreeze()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_end)
            _become_sandbox(parent, workdir, errors, keep=write_end)
            status = _serve(request, os.fdopen(write_end, "w"), forked_at)
        except BaseException:
            try:
                traceback.print_exc(file=sys.stderr)
                sys.stderr.flush()
            except BaseException:  # noqa: S110 - nothing left to report with
                pass
        finally:
            os._exit(status)
    os.close(write_end)
    deadline = forked_at + kill_after
    try:
        meanwhile()
        out, finished = _read_until(read_end, deadline)
    except BaseException:
        _kill_group(pid)
        _reap(pid, time.monotonic() + 5)
        raise
    finally:
        os.close(read_end)
    if not finished:
        _kill_group(pid)
        _reap(pid, time.monotonic() + 5)
        return ChildResult(None)
    returncode = _reap(pid, deadline)
    err = errors.read_bytes() if errors.exists() else b""
    return ChildResult(returncode, out, err)


def _become_sandbox(parent: int, workdir: Path, errors: Path, *, keep: int) -> None:
    """In the child, before anything is read: its own session, default signals, no inherited
    connections (database, broker) or secrets in the environment; the caps come next."""
    os.setsid()
    if faulthandler.is_enabled():
        faulthandler.disable()  # the parent's crash reporter writes to the parent's stderr
    for name in _CHILD_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    if _LIBC is not None and hasattr(_LIBC, "prctl"):
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # (not Linux: the CPU cap and the parent's kill still bound the child)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the death signal was armed
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    sink = os.open(errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(sink, 1)  # native libraries write to fd 1 too: never into the reply
    os.dup2(sink, 2)
    os.close(null)
    os.close(sink)
    os.closerange(3, keep)  # the parent's sockets and pipes: only the reply pipe stays
    os.closerange(keep + 1, _MAX_FD)
    for variable in [v for v in os.environ if _SECRET_VARIABLE.search(v)]:
        del os.environ[variable]
    os.chdir(workdir)
    os.environ["TMPDIR"] = str(workdir)
    tempfile.tempdir = str(workdir)


def _serve(request: dict[str, Any], reply: Any, started: float) -> int:
    """Cap this process, read the file, write the findings and timings as JSON."""
    policy = request["policy"]  # the parent's own object in a forked child
    if not isinstance(policy, Policy):
        policy = Policy.from_dict(policy)  # JSON, in a new interpreter
    action = request.get("action", "scan")
    # A preview has caps of its own (``scanners.preview``); a scan and fingerprints the scan's.
    memory_cap = int(request.get("memory_limit", policy.max_scan_memory_bytes))
    time_cap = float(request.get("time_limit", policy.scan_time_limit_seconds))
    limit_process(memory_bytes=memory_cap, cpu_seconds=int(time_cap) + _CPU_GRACE_SECONDS)
    if 0 < memory_cap <= _address_space_in_use():
        raise MemoryError("the sandbox starts above the address-space cap")
    if action == "preview":
        from scanners.preview import build_preview

        build_preview(
            Path(request["path"]),
            file_type=request["file_type"],
            findings=request["findings"],
            out_dir=Path(request["out_dir"]),
            policy=policy,
        )
        json.dump({"findings": []}, reply)
        reply.flush()
        return 0
    if action == "fingerprint":
        from scanners.released_tables import fingerprints_of_file

        found = [
            fingerprints_of_file(Path(item["path"]), filename=str(item["filename"]), policy=policy)
            for item in request["files"]
        ]
        json.dump(
            {"findings": [], "fingerprints": [[f.to_dict() for f in each] for each in found]},
            reply,
        )
        reply.flush()
        return 0
    from scanners.content import inspect_content, unscannable
    from scanners.filetype import check_content, check_name

    began = time.monotonic()
    path, size = Path(request["path"]), int(request["size"])
    # The content part of the type gate reads the file (libmagic, the sniffers): here too.
    check = check_name(name=str(request["name"]), size=size, policy=policy)
    if not check.rejected:
        check = check_content(path, check, size=size, policy=policy)
    gated = time.monotonic()
    findings = list(check.findings)
    clock = _DetectorClock()
    clock.install()
    if check.unscannable_reason:
        findings.append(unscannable(check.unscannable_reason))
    elif not check.rejected:
        findings += inspect_content(
            path,
            file_type=check.reader_type,
            policy=policy,
            deadline=Deadline(policy.scan_time_limit_seconds * _OWN_DEADLINE_SHARE),
        )
    inspected = time.monotonic() - gated
    timings = {
        "start_ms": int((began - started) * 1000),
        "gate_ms": int((gated - began) * 1000),
        "read_ms": int(max(0.0, inspected - clock.seconds) * 1000),
        "detect_ms": int(clock.seconds * 1000),
    }
    json.dump(
        {"findings": [f.to_dict() for f in findings], "mime": check.mime, "timings": timings},
        reply,
    )
    reply.flush()
    return 0


def _address_space_in_use() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


class _DetectorClock:
    """Counts the time spent inside detectors, so a scan's time splits into read and detect.

    Installed only in a sandbox child (which ends with its file): ``all_detectors`` then
    hands out detectors whose methods are timed. Nothing else about them changes.
    """

    def __init__(self) -> None:
        self.seconds = 0.0

    def install(self) -> None:
        try:
            detectors = importlib.import_module("scanners.detectors")
        except ImportError:
            return
        original = getattr(detectors, "all_detectors", None)
        if original is None:
            return

        def timed_detectors(policy: Policy) -> list[Any]:
            return [_TimedDetector(d, self) for d in original(policy)]

        setattr(detectors, "all_detectors", timed_detectors)  # noqa: B010 - in this child only


class _TimedDetector:
    def __init__(self, detector: Any, clock: _DetectorClock) -> None:
        self._detector = detector
        self._clock = clock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._detector, name)
        if not callable(value):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.monotonic()
            try:
                return value(*args, **kwargs)
            finally:
                self._clock.seconds += time.monotonic() - began

        return timed


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything written to the pipe until its end; False when the deadline came first."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        remaining = max(0.0, deadline - time.monotonic())
        if not poller.poll(remaining * 1000):
            if time.monotonic() >= deadline:
                return b"".join(chunks), False
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _reap(pid: int, deadline: float) -> int:
    """Wait for the child (killing its group once it is a zombie, or at the deadline)."""
    exited = _exit_watch(pid)
    try:
        while True:
            try:
                waited = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return 0  # reaped elsewhere (SIGCHLD ignored): the reply decides
            remaining = deadline - time.monotonic()
            if waited is not None or remaining <= 0:
                break
            if exited is None:
                time.sleep(0.001)
            else:  # woken when the child exits, not every millisecond
                exited.poll(min(remaining, 1.0) * 1000)
    finally:
        if exited is not None:
            exited.close()
    _kill_group(pid)  # no helper (tesseract) outlives the scan; the zombie keeps the group
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status)


class _ExitWatch:
    """A pidfd of the child (Linux 5.3+): readable once the child has exited."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN)

    def poll(self, milliseconds: float) -> None:
        self.poller.poll(milliseconds)

    def close(self) -> None:
        os.close(self.fd)


def _exit_watch(pid: int) -> _ExitWatch | None:
    if not hasattr(os, "pidfd_open"):
        return None
    try:
        return _ExitWatch(os.pidfd_open(pid))
    except OSError:  # an older kernel, or the child is already reaped: poll as before
        return None


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# --- the cold fallback: a new interpreter --------------------------------------------------


def start_interpreter(module: str, workdir: Path) -> subprocess.Popen[bytes]:
    """``python -m module`` in a new session (one kill stops it and its helpers), working in
    ``workdir``, with no secrets in its environment and one thread per numeric library. The
    module caps itself (``limits.limit_process``) before it reads anything."""
    env = {k: v for k, v in os.environ.items() if not _SECRET_VARIABLE.search(k)}
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH", "")]))
    env["TMPDIR"] = str(workdir)
    for variable in _THREAD_VARIABLES:
        env[variable] = "1"
    env["MALLOC_ARENA_MAX"] = "2"
    return subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        env=env,
        start_new_session=True,
    )


def _cold(
    request: dict[str, Any], workdir: Path, kill_after: float, meanwhile: Callable[[], object]
) -> ChildResult:
    process = start_interpreter("scanners.sandbox", workdir)
    try:
        meanwhile()
        sent = {**request, "policy": _fields(request["policy"])}
        out, err = process.communicate(json.dumps(sent).encode(), timeout=kill_after)
    except subprocess.TimeoutExpired:
        return ChildResult(None)
    finally:
        _kill_group(process.pid)
        process.wait()
    return ChildResult(process.returncode, out, err)


def main() -> int:
    """``python -m scanners.sandbox``: one request on stdin, the reply on stdout."""
    reply = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    request = json.loads(sys.stdin.read())
    return _serve(request, reply, time.monotonic())


# --- the reply -----------------------------------------------------------------------------


def _unscannable(reason: str) -> Finding:
    from scanners.content import unscannable

    return unscannable(reason)


def _outcome(returncode: int, out: bytes, err: bytes, limit: float) -> Outcome:
    if returncode == -signal.SIGXCPU:
        return Outcome(
            [_unscannable(f"the scan used more than {limit:g} seconds of processor time")]
        )
    if returncode == 0:
        try:
            reply = json.loads(out.decode())
            findings = [Finding(**item) for item in reply["findings"]]
            timings = {str(k): int(v) for k, v in reply.get("timings", {}).items()}
            fingerprints = [[dict(item) for item in each] for each in reply.get("fingerprints", [])]
            mime = str(reply.get("mime", ""))
            return Outcome(findings, timings, mime=mime, fingerprints=fingerprints)
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    if b"MemoryError" in err:
        return Outcome([_unscannable("reading it needed more memory than the scan may use")])
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return Outcome([_unscannable(f"the scan process stopped on signal {name}")])
    tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return Outcome([_unscannable(f"the scan process failed (exit {returncode}: {tail[0][:200]})")])


if __name__ == "__main__":
    sys.exit(main())
