"""Running the real tools: found on PATH or reported missing, with a timeout and clear errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

TOOL_TIMEOUT_SECONDS = 180


class ToolMissing(RuntimeError):
    """A tool the generator needs is not installed (``make setup`` installs them)."""


class ToolFailed(RuntimeError):
    pass


def require(executable: str) -> str:
    found = shutil.which(executable)
    if not found:
        raise ToolMissing(
            f"{executable} is not installed; scripts/setup.sh installs it (make setup)"
        )
    return found


def run(command: Sequence[str], *, cwd: Path, timeout: float = TOOL_TIMEOUT_SECONDS) -> str:
    """Run a tool in ``cwd`` with a fixed locale and time zone; its stdout, or ToolFailed."""
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC", HOME=str(cwd))
    try:
        done = subprocess.run(
            list(command),
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ToolFailed(f"{command[0]} took longer than {timeout:g} s") from error
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace")[-2000:]
        raise ToolFailed(f"{' '.join(command[:3])} exited {done.returncode}: {tail}")
    return done.stdout.decode(errors="replace")


def soffice_convert(
    inputs: Sequence[Path], target: str, outdir: Path, *, infilter: str | None = None
) -> None:
    """Convert files with LibreOffice headless, in one process, on a private profile."""
    soffice = require("soffice")
    filters = [f"--infilter={infilter}"] if infilter else []
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                *filters,
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *[str(path) for path in inputs],
            ],
            cwd=Path(profile),
        )


def r_preamble(*, libraries: Sequence[str], options: str, seed: int) -> str:
    """The start of a generator's R script: the output folder from the command line, the
    libraries, options and seed, ``path(name)``, and ``console(name, code)``, which writes
    the code's echoed console output (``> `` and ``+ `` prompts) to a file, as R shows it."""
    loaded = "; ".join(f"library({name})" for name in libraries)
    return f"""
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
suppressPackageStartupMessages({{ {loaded} }})
options({options})
set.seed({seed})
path <- function(name) file.path(out, name)
console <- function(name, code) {{
  lines <- capture.output(
    source(exprs = parse(text = code), echo = TRUE, max.deparse.length = Inf,
           spaced = FALSE, prompt.echo = "> ", continue.echo = "+ "))
  writeLines(lines, path(name))
}}
"""
