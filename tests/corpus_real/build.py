"""Generate the real corpus into a cache folder, once per version of each generator.

Each generator module (``gen_*.py``) has ``TOOL`` (what made the files), ``EXECUTABLES`` (the
programs it runs), ``LABELS`` (one ``Label`` per file it writes) and ``write(folder)``. Its
output goes to ``<cache>/<module>-<key>/``, where the key (``cache_key``) covers everything the
files depend on: the source of the module and of every first-party module it imports (found
by reading its imports, and ``DEPENDS``), and the machine it ran on (``machine_fingerprint``:
the tools' paths and versions, R's packages, every Debian package, the Python packages, the
fonts). A rerun with nothing changed reuses the files; any change makes new ones. Generation
is seeded, so the same generator makes the same content.

The cache is outside the clone (``$XDG_CACHE_HOME/airlock/real-corpus``, or
``AIRLOCK_REAL_CORPUS_CACHE``), so that a fresh clone, as CI makes, reuses what an earlier run
on the machine made instead of running R, PSPP and LibreOffice again; an empty cache is filled.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.corpus_real.labels import Label
from tests.corpus_real.tools import ToolMissing, require


def _default_cache() -> Path:
    if os.environ.get("AIRLOCK_REAL_CORPUS_CACHE"):
        return Path(os.environ["AIRLOCK_REAL_CORPUS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "airlock" / "real-corpus"


CACHE = _default_cache()
# A version of a generator's files that no run has used for this long is removed.
UNUSED_DAYS = 14

GENERATOR_MODULES = (
    "gen_r",
    "gen_pspp",
    "gen_libreoffice",
    "gen_stata",
    "gen_sas",
    "gen_argus",
    "gen_surveys",
    "gen_registers",
    "gen_official",
    "gen_images",
    "gen_r_results",
    "gen_hand",
    "gen_pspp_results",
    "gen_lo_results",
    "gen_hand_logs",
    "gen_hand_tables",
    "gen_r_sheets",
    "gen_hand_code",
    "gen_hand_exports",
    "gen_heldout",
    "gen_heldout_docs",
    "gen_heldout_more",
    "gen_heldout_blind",
    "gen_heldout_round5",
)


@dataclass(frozen=True)
class Generator:
    module: ModuleType

    @property
    def name(self) -> str:
        return self.module.__name__.rsplit(".", 1)[-1]

    @property
    def tool(self) -> str:
        return str(self.module.TOOL)

    @property
    def labels(self) -> tuple[Label, ...]:
        return tuple(self.module.LABELS)

    @property
    def executables(self) -> tuple[str, ...]:
        return tuple(self.module.EXECUTABLES)

    def folder(self) -> Path:
        """The generated files, made now unless the cache holds this generator's version."""
        key = cache_key(self, machine_fingerprint(self.executables))
        folder = CACHE / f"{self.name}-{key}"
        CACHE.mkdir(parents=True, exist_ok=True)
        # One process makes a version; another that asks meanwhile (an xdist worker, the other
        # step of make test, another clone's run) waits for it instead of making the same files.
        with (CACHE / f".{self.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._made(folder)

    def _made(self, folder: Path) -> Path:
        if (folder / ".complete").exists():
            if all((folder / label.name).is_file() for label in self.labels):
                (folder / ".complete").touch()  # used now: kept by _prune
                return folder
            # made by a process that had loaded an older version of the module
            shutil.rmtree(folder, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{self.name}-", dir=CACHE))
        try:
            self.module.write(work)
            missing = [label.name for label in self.labels if not (work / label.name).is_file()]
            if missing:
                raise RuntimeError(f"{self.name} did not write {', '.join(missing)}")
            (work / ".complete").write_text("\n".join(label.name for label in self.labels))
            try:
                work.rename(folder)
            except OSError:  # another process finished the same version first
                if not (folder / ".complete").exists():
                    raise
            _prune(self.name, keep=folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return folder


def _prune(name: str, *, keep: Path) -> None:
    """Remove this generator's versions that no run has used for UNUSED_DAYS (other clones on
    the machine, at other commits, may still use the recent ones)."""
    for older in CACHE.glob(f"{name}-*"):
        marker = older / ".complete"
        unused = time.time() - marker.stat().st_mtime if marker.exists() else 0.0
        if older != keep and unused > UNUSED_DAYS * 86400:
            shutil.rmtree(older, ignore_errors=True)


def source_modules(module: ModuleType) -> list[ModuleType]:
    """The module and every first-party module (tests, scanners, airlock) it imports, directly
    or through another, read from the import statements; and those named in ``DEPENDS``."""
    found: dict[str, ModuleType] = {}
    todo = [module]
    while todo:
        current = todo.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        depends = [f"{__package__}.{helper}" for helper in getattr(current, "DEPENDS", ())]
        names = [*_imported_names(current), *depends]
        for name in names:
            if name.split(".", 1)[0] in FIRST_PARTY and _importable(name):
                todo.append(importlib.import_module(name))
    return sorted(found.values(), key=lambda m: m.__name__)


FIRST_PARTY = ("tests", "scanners", "airlock", "airlock_client")


def _imported_names(module: ModuleType) -> Iterable[str]:
    """Module names an import statement names: ``import a.b``, ``from a import b`` (a.b when
    b is a module, else a), anywhere in the module (function bodies too)."""
    for node in ast.walk(ast.parse(_source(module))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _source(module: ModuleType) -> str:
    return inspect.getsource(module)


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def cache_key(generator: Generator, machine: str) -> str:
    """What the generator's files depend on: its sources and the machine (machine_fingerprint)."""
    digest = hashlib.sha256()
    for module in source_modules(generator.module):
        digest.update(f"\0{module.__name__}\0".encode() + _source(module).encode())
    digest.update(b"\0machine\0" + machine.encode())
    return digest.hexdigest()[:16]


# How each tool says which version it is (and, for R, which packages in which versions).
VERSION_COMMANDS = {
    "Rscript": [
        "-e",
        'ip <- installed.packages()[, c("Package", "LibPath", "Version")]; '
        'cat(R.version.string, paste(ip[, 1], ip[, 2], ip[, 3]), sep = "\\n")',
    ],
    "pspp": ["--version"],
    "soffice": ["--version"],
}
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


@functools.cache
def machine_fingerprint(executables: tuple[str, ...]) -> str:
    """What else goes into the files: each tool (its real path, size, time and what it says its
    version is), every Debian package and version (the tools' libraries, R's packages, the
    fonts), the Python interpreter and packages (Pillow, openpyxl, numpy write files in-process)
    and the font files. ToolMissing when a tool is not installed."""
    lines = [f"python {sys.version}"]
    for executable in executables:
        path = os.path.realpath(require(executable))
        stat = os.stat(path)
        version = _output([path, *VERSION_COMMANDS.get(executable, ["--version"])])
        lines.append(f"tool {executable} {path} {stat.st_size} {stat.st_mtime_ns}\n{version}")
    if shutil.which("dpkg-query"):
        lines.append(
            _output(["dpkg-query", "-W", "-f", "${db:Status-Abbrev} ${Package} ${Version}\\n"])
        )
    lines += sorted(
        f"python-package {dist.metadata['Name']} {dist.version}"
        for dist in importlib.metadata.distributions()
    )
    for folder in FONT_FOLDERS:
        for parent, _, files in sorted(os.walk(os.path.expanduser(folder))):
            for file in sorted(files):
                path = os.path.join(parent, file)
                lines.append(f"font {path} {os.path.getsize(path)}")
    return "\n".join(lines)


def _output(command: list[str]) -> str:
    """A command's output, or how it failed (a tool that cannot say its version: a key still)."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return f"{command[0]}: {error}"
    return done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")


def generators() -> list[Generator]:
    return [Generator(importlib.import_module(f"{__package__}.{m}")) for m in GENERATOR_MODULES]


def all_labels() -> list[tuple[Generator, Label]]:
    return [(generator, label) for generator in generators() for label in generator.labels]


__all__ = [
    "CACHE",
    "Generator",
    "ToolMissing",
    "all_labels",
    "cache_key",
    "generators",
    "machine_fingerprint",
]
