"""The real corpus's cache (build.py): a generator's files are reused only while nothing they
depend on has changed. A key that missed a change would let the tests judge files an older
generator or tool made, so each input is changed here and the key must change with it."""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.corpus_real import build
from tests.corpus_real.build import Generator, cache_key, generators, source_modules

MACHINE = "python 3.11\ntool Rscript /usr/bin/Rscript\nR version 4.2.2"


def _by_name(name: str) -> Generator:
    return next(generator for generator in generators() if generator.name == name)


def _changed(monkeypatch: pytest.MonkeyPatch, module_name: str) -> None:
    """As if ``module_name``'s source had one more line."""
    source = build._source
    monkeypatch.setattr(
        build,
        "_source",
        lambda module: source(module) + ("\n# changed" if module.__name__ == module_name else ""),
    )


@pytest.mark.parametrize(
    ("generator", "module"),
    [
        ("gen_r", "tests.corpus_real.gen_r"),  # its own source
        ("gen_r", "tests.corpus_real.tools"),  # how the tools are run
        ("gen_r", "tests.corpus_real.labels"),
        ("gen_heldout", "tests.corpus_real.identity_numbers"),
        ("gen_lo_results", "tests.corpus_real.gen_hand"),  # another generator's tables
        ("gen_libreoffice", "tests.corpus_real.gen_stata"),  # imported in a function
        ("gen_hand_exports", "tests.corpus_real.gen_hand_tables"),
    ],
)
def test_the_key_changes_with_each_source_the_files_come_from(
    monkeypatch: pytest.MonkeyPatch, generator: str, module: str
) -> None:
    before = cache_key(_by_name(generator), MACHINE)
    _changed(monkeypatch, module)
    assert cache_key(_by_name(generator), MACHINE) != before


def test_the_key_does_not_change_with_a_module_the_files_do_not_come_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = cache_key(_by_name("gen_sas"), MACHINE)
    _changed(monkeypatch, "tests.corpus_real.gen_r")
    assert cache_key(_by_name("gen_sas"), MACHINE) == before


def test_every_first_party_module_a_generator_imports_is_in_its_key() -> None:
    """Read independently of build.py's reading of the imports: each ``from tests... import``
    and ``import tests...`` in a generator's source (function bodies too) names modules that
    its key covers, as do the generators named in ``DEPENDS``."""
    statement = re.compile(
        r"^\s*(?:from\s+((?:tests|scanners|airlock)[\w.]*)\s+import\s+([\w, ]+)"
        r"|import\s+((?:tests|scanners|airlock)[\w.]*))",
        re.M,
    )
    for generator in generators():
        covered = {module.__name__ for module in source_modules(generator.module)}
        named = [f"tests.corpus_real.{name}" for name in getattr(generator.module, "DEPENDS", ())]
        for package, names, plain in statement.findall(inspect.getsource(generator.module)):
            named += (
                [plain]
                if plain
                else [package, *(f"{package}.{n.strip()}" for n in names.split(","))]
            )
        missing = [name for name in named if _is_module(name) and name not in covered]
        assert not missing, (generator.name, missing)


def _is_module(name: str) -> bool:
    try:
        return isinstance(importlib.import_module(name), ModuleType)
    except ImportError:
        return False


def test_the_key_changes_with_the_machine() -> None:
    generator = _by_name("gen_r")
    assert cache_key(generator, MACHINE) != cache_key(generator, MACHINE + "\nR version 4.3.0")


def _fingerprint(monkeypatch: pytest.MonkeyPatch, **changes: str) -> str:
    """machine_fingerprint of Rscript, with the tools' answers and the package lists given."""
    answers = {"version": "R version 4.2.2\nhaven 2.5.1", "dpkg": "ii  r-base-core 4.2.2"}
    answers.update(changes)
    monkeypatch.setattr(build, "require", lambda executable: sys.executable)
    monkeypatch.setattr(build.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(
        build,
        "_output",
        lambda command: answers["dpkg"] if command[0] == "dpkg-query" else answers["version"],
    )

    class Distribution:
        metadata = {"Name": "pillow"}
        version = changes.get("pillow", "11.0.0")

    monkeypatch.setattr(build.importlib.metadata, "distributions", lambda: [Distribution()])
    return build.machine_fingerprint.__wrapped__(("Rscript",))


@pytest.mark.parametrize(
    "change",
    [
        {"version": "R version 4.3.0\nhaven 2.5.1"},  # the tool
        {"version": "R version 4.2.2\nhaven 2.5.4"},  # one of R's packages
        {"dpkg": "ii  r-base-core 4.2.2-1"},  # a Debian package (a library, a font)
        {"pillow": "11.1.0"},  # a Python package that writes files in-process
    ],
)
def test_the_machine_fingerprint_changes_with_what_makes_the_files(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str]
) -> None:
    assert _fingerprint(monkeypatch) != _fingerprint(monkeypatch, **change)


def test_a_missing_tool_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    with pytest.raises(build.ToolMissing):
        build.machine_fingerprint.__wrapped__(("Rscript",))


GENERATOR = """
from pathlib import Path

from tests.corpus_real.labels import clean

TOOL = "Python"
EXECUTABLES = ()
LABELS = [clean("fake_table.csv", "an aggregate table")]
VALUE = {value}


def write(folder: Path) -> None:
    runs = Path(__file__).with_name("runs")
    runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
    (folder / "fake_table.csv").write_text(f"antal\\n{{VALUE}}\\n")
"""


def test_the_cache_is_reused_and_remade_when_the_key_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made once into an empty cache, reused unchanged, made anew when the generator or the
    machine changes, and made again when a file of a version has gone."""
    code = tmp_path / "code"
    code.mkdir()
    (code / "fake_generator.py").write_text(GENERATOR.format(value=10))
    monkeypatch.syspath_prepend(str(code))
    monkeypatch.setattr(build, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(build, "machine_fingerprint", lambda executables: MACHINE)
    module = importlib.import_module("fake_generator")
    runs = code / "runs"

    first = Generator(module).folder()
    assert (first / "fake_table.csv").read_text() == "antal\n10\n" and runs.read_text() == "x"
    assert Generator(module).folder() == first and runs.read_text() == "x"

    # A new version, of another size and without the first one's byte code (written in the
    # same second, a file of the same size would be taken for the compiled one).
    (code / "fake_generator.py").write_text(GENERATOR.format(value=1100))
    shutil.rmtree(code / "__pycache__", ignore_errors=True)
    module = importlib.reload(module)
    second = Generator(module).folder()
    assert second != first and (second / "fake_table.csv").read_text() == "antal\n1100\n"
    assert runs.read_text() == "xx"

    monkeypatch.setattr(build, "machine_fingerprint", lambda executables: MACHINE + "\nnew")
    assert Generator(module).folder() != second and runs.read_text() == "xxx"

    (second / "fake_table.csv").unlink()
    monkeypatch.setattr(build, "machine_fingerprint", lambda executables: MACHINE)
    assert Generator(module).folder() == second and (second / "fake_table.csv").exists()
    assert runs.read_text() == "xxxx"
    sys.modules.pop("fake_generator", None)
