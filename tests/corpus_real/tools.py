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


_STATA_RULE = "-" * 91
_STATA_LOG_LINES = (
    "      name:  <unnamed>",
    "       log:  E:\\workdata\\707070\\logs\\{log}",
    "  log type:  text",
)
_STATA_LOG = "".join(line + "\n" for line in _STATA_LOG_LINES)


def stata_log_opened(log: str, *, at: str) -> str:
    """The banner Stata writes at the top of a text log (``log using``), opened ``at``."""
    return f"{_STATA_RULE}\n" + _STATA_LOG.format(log=log) + f" opened on:  {at}\n"


def stata_log_closed(log: str, *, at: str) -> str:
    """What ``log close`` writes at the end of that log."""
    return "\n. log close\n" + _STATA_LOG.format(log=log) + f" closed on:  {at}\n{_STATA_RULE}\n"


def run_pspp(pspp: str, folder: Path, runs: Sequence[tuple[str, str, str]]) -> None:
    """One ``pspp`` batch run per output file in ``folder``: (output name, data file, syntax);
    each run reads its data with ``GET FILE`` first."""
    syntax = folder / "_run.sps"
    for name, data, command in runs:
        syntax.write_text(f"GET FILE='{data}'.\n{command}\n", encoding="utf-8")
        run([pspp, "-o", name, str(syntax)], cwd=folder)
        syntax.unlink()


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
