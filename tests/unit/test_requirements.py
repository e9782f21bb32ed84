"""The requirements files match the code (docs/adr/0003-dependencies.md).

- Every third-party package that runtime code (airlock/, scanners/, airlock_client/) imports is
  declared in requirements/base.txt; what only tests/, bench/ and scripts/ import is declared in
  requirements/dev.txt, not base.txt.
- Every package base.txt declares is used by runtime code: imported, or named in a setting or
  the deployment (the few in LOADED_BY_NAME, each with the place that loads it).
- The lock (requirements/constraints.txt) pins every declared package at the version declared,
  and its runtime section is exactly what base.txt pulls in (what deploy/Dockerfile installs).

No network: the installed packages' metadata (importlib.metadata) say which distribution
provides a module and what each distribution requires.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements"
RUNTIME_CODE = ("airlock", "scanners", "airlock_client")
DEV_CODE = ("tests", "bench", "scripts")
FIRST_PARTY = {*RUNTIME_CODE, *DEV_CODE, "manage"}

# Declared runtime packages loaded by name from a setting, a connection URL or the deployment
# (whether or not a module also imports them).
LOADED_BY_NAME = {
    "django-htmx": "INSTALLED_APPS and MIDDLEWARE (airlock/settings.py)",
    "whitenoise": "MIDDLEWARE and STORAGES (airlock/settings.py)",
    "django-storages": "the S3 stores' backend (airlock/settings.py, STORAGES)",
    "gunicorn": "the web process (deploy/Dockerfile CMD, scripts/run_service.py)",
    "psycopg": "Django's PostgreSQL backend, when DATABASE_URL names PostgreSQL",
    "kombu": "Celery's transports: filesystem:// (embedded) and redis://",
    "redis": "kombu's redis:// transport, when CELERY_BROKER_URL names Redis",
    "pandas": "pyreadstat's chunks are pandas frames (scanners/readers/data_file.py)",
}
# Modules that are not packages to install: found on a path the importing module sets itself.
LOCAL_MODULES = {
    # scanners/fingerprint.py (a development tool) and the benches load the labelled corpus
    # from tests/unit/scanners/, as the scanner tests do with their neighbours.
    "corpus",
    "detector_feed",
    "extra_schemes",
    "identifier_samples",
    "misnamed_schemes",
    "vba_project",
}
# Engines bench/identifier_search.py compares when they happen to be installed (its docstring).
OPTIONAL_BENCH_ENGINES = {"re2", "hyperscan"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(path: Path) -> dict[str, Requirement]:
    """{canonical name: requirement} of a requirements file, without the files it includes."""
    found = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonical(requirement.name)] = requirement
    return found


BASE = declared(REQUIREMENTS / "base.txt")
DEV = declared(REQUIREMENTS / "dev.txt")


def requires(requirement: Requirement) -> set[str]:
    """The distributions a requirement pulls in (itself, its extras' and its dependencies'),
    as installed here."""
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [(requirement.name, frozenset(requirement.extras))]
    while pending:
        name, extras = pending.pop()
        key = canonical(name)
        if (key, extras) in seen:
            continue
        seen.add((key, extras))
        for text in metadata.requires(name) or []:
            child = Requirement(text)
            environments = [{**default_environment(), "extra": e} for e in (extras or {""})]
            if child.marker is None or any(child.marker.evaluate(env) for env in environments):
                pending.append((child.name, frozenset(child.extras)))
    return {key for key, _extras in seen}


@cache
def provided_by(declared_set: frozenset[str]) -> set[str]:
    """Every distribution the declared requirements bring, directly or not."""
    everything = {**BASE, **DEV}
    closure: set[str] = set()
    for name in declared_set:
        closure |= requires(everything[name])
    return closure


@cache
def imported(folders: tuple[str, ...]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    for top in LOCAL_MODULES:
        found.pop(top, None)
    return {module: frozenset(files) for module, files in found.items()}


def imports(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """{top-level module: files} of every absolute import in the folders' Python files,
    including the ones inside functions (the scanner imports its libraries lazily)."""
    return {module: set(files) for module, files in imported(folders).items()}


@cache
def distributions_of() -> dict[str, list[str]]:
    return {k: [canonical(d) for d in v] for k, v in metadata.packages_distributions().items()}


def undeclared(found: dict[str, set[str]], allowed: set[str]) -> list[str]:
    problems = []
    for module, files in sorted(found.items()):
        dists = distributions_of().get(module)
        where = ", ".join(sorted(files)[:3])
        if not dists:
            problems.append(f"{module} (imported by {where}) is not installed")
        elif not set(dists) & allowed:
            problems.append(f"{module} (imported by {where}) comes from {dists}, not declared")
    return problems


def test_every_package_runtime_code_imports_is_declared_in_base_txt():
    # Declared directly, not only brought in by another package: an upgrade of that other
    # package must not remove it from the image.
    assert undeclared(imports(RUNTIME_CODE), set(BASE)) == []


def test_every_package_the_tests_and_benches_import_is_declared():
    found = imports(DEV_CODE)
    for engine in OPTIONAL_BENCH_ENGINES:
        assert found.pop(engine, set()) <= {"bench/identifier_search.py"}
    # Declared in base.txt or dev.txt, or brought by a declared extra (moto[server] is Flask).
    allowed = (
        set(BASE)
        | set(DEV)
        | {
            name
            for key, requirement in DEV.items()
            if requirement.extras
            for name in requires(requirement) - requires(Requirement(requirement.name))
        }
    )
    assert undeclared(found, allowed) == []


def test_every_package_base_txt_declares_is_used_by_runtime_code():
    used = {
        canonical(dist)
        for module in imports(RUNTIME_CODE)
        for dist in distributions_of().get(module, [])
    }
    unused = sorted(set(BASE) - used - set(LOADED_BY_NAME))
    assert unused == [], f"declared in base.txt, used by no runtime module: {unused}"
    assert set(LOADED_BY_NAME) <= set(BASE)


def test_test_only_packages_are_not_in_the_runtime_set():
    runtime_imports = imports(RUNTIME_CODE)
    test_only = {"openpyxl", "python-docx", "python-pptx", "fpdf2", "pytest"}
    assert sorted(test_only & set(BASE)) == []
    for dist in test_only:
        modules = [m for m, ds in distributions_of().items() if dist in ds]
        assert not set(modules) & set(runtime_imports), f"runtime code imports {dist}"


def test_dev_txt_builds_on_base_txt_and_declares_nothing_twice():
    assert "-r base.txt" in (REQUIREMENTS / "dev.txt").read_text().splitlines()
    assert sorted(set(BASE) & set(DEV)) == []


@cache
def lock() -> tuple[dict[str, str], dict[str, str]]:
    """(runtime, development only) pins of requirements/constraints.txt."""
    sections: list[dict[str, str]] = [{}, {}]
    current = None
    for raw in (REQUIREMENTS / "constraints.txt").read_text().splitlines():
        if raw.startswith("# Runtime"):
            current = sections[0]
        elif raw.startswith("# Development only"):
            current = sections[1]
        elif "==" in raw and not raw.startswith("#"):
            assert current is not None, f"a pin above the sections: {raw}"
            name, version = raw.split("#")[0].strip().split("==")
            current[canonical(name)] = version
    return sections[0], sections[1]


@pytest.mark.parametrize("name", sorted({**BASE, **DEV}))
def test_every_declared_package_is_pinned_and_locked_at_that_version(name):
    requirement = {**BASE, **DEV}[name]
    specifiers = list(requirement.specifier)
    assert [s.operator for s in specifiers] == ["=="], f"{requirement} is not pinned exactly"
    runtime, dev_only = lock()
    assert {**runtime, **dev_only}.get(name) == specifiers[0].version
    assert (name in runtime) == (name in BASE or name in provided_by(frozenset(BASE)))


def test_the_locks_runtime_section_is_what_base_txt_pulls_in():
    runtime, dev_only = lock()
    assert sorted(runtime) == sorted(provided_by(frozenset(BASE)))
    assert not set(runtime) & set(dev_only)
    # and the whole lock is what both files pull in: nothing stale, nothing missing.
    assert sorted({**runtime, **dev_only}) == sorted(provided_by(frozenset({*BASE, *DEV})))


def test_the_installed_versions_are_the_locked_ones():
    runtime, dev_only = lock()
    wrong = {
        name: (version, metadata.version(name))
        for name, version in {**runtime, **dev_only}.items()
        if metadata.version(name) != version
    }
    assert wrong == {}, "run `make setup` (or `make lock` after editing requirements/*.txt)"
