"""Generate the real corpus into a cache folder, once per version of each generator.

Each generator module (``gen_*.py``) has ``TOOL`` (what made the files), ``EXECUTABLES`` (the
programs it runs), ``LABELS`` (one ``Label`` per file it writes) and ``write(folder)``. Its
output goes to ``var/corpus_real/<module>-<hash>/``, where the hash covers the module's source
and the tools' paths: a rerun with nothing changed reuses the files, a changed generator makes
new ones. Generation is seeded, so the same generator makes the same content.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import inspect
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.corpus_real.labels import Label
from tests.corpus_real.tools import ToolMissing, require

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("AIRLOCK_REAL_CORPUS_CACHE", ROOT / "var" / "corpus_real"))

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
        paths = [require(executable) for executable in self.executables]
        digest = hashlib.sha256(inspect.getsource(self.module).encode())
        helpers = ("tools", "labels", "identity_numbers", *getattr(self.module, "DEPENDS", ()))
        for helper in helpers:
            module = importlib.import_module(f"{__package__}.{helper}")
            digest.update(inspect.getsource(module).encode())
        digest.update("\n".join(paths).encode())
        folder = CACHE / f"{self.name}-{digest.hexdigest()[:16]}"
        CACHE.mkdir(parents=True, exist_ok=True)
        # One process makes a version; another that asks meanwhile (an xdist worker, the other
        # step of make test) waits for it instead of making the same files again.
        with (CACHE / f".{self.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._made(folder)

    def _made(self, folder: Path) -> Path:
        if (folder / ".complete").exists():
            if all((folder / label.name).is_file() for label in self.labels):
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
    """Remove this generator's earlier versions, unless made recently (a run may use them)."""
    for older in CACHE.glob(f"{name}-*"):
        marker = older / ".complete"
        if older != keep and marker.exists() and time.time() - marker.stat().st_mtime > 600:
            shutil.rmtree(older, ignore_errors=True)


def generators() -> list[Generator]:
    return [Generator(importlib.import_module(f"{__package__}.{m}")) for m in GENERATOR_MODULES]


def all_labels() -> list[tuple[Generator, Label]]:
    return [(generator, label) for generator in generators() for label in generator.labels]


__all__ = ["CACHE", "Generator", "ToolMissing", "all_labels", "generators"]
