"""National identifier schemes, as a registry: one file per scheme in ``schemes/``.

``SCHEMES`` lists every scheme, highest priority first; ``scheme(name)`` gives one by the name a
policy uses. ``matches(token, form, names)`` says which of the enabled schemes a token passes,
and ``resolve`` (``scanners.identifiers.resolve``) picks the most likely one when it passes
several. Adding a national identifier is one new file in ``schemes/`` (see ``scheme.py``).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable

from scanners.identifiers import schemes as _package
from scanners.identifiers.scheme import Form, IdentifierScheme, Match

__all__ = ["SCHEMES", "IdentifierScheme", "Match", "Form", "scheme", "matches", "names"]


def _discover() -> tuple[IdentifierScheme, ...]:
    found: list[IdentifierScheme] = []
    for module_info in pkgutil.iter_modules(_package.__path__):
        module = importlib.import_module(f"{_package.__name__}.{module_info.name}")
        entry = getattr(module, "SCHEME", None)
        if not isinstance(entry, IdentifierScheme):
            continue
        if entry.name != module_info.name:
            raise ImportError(f"{module.__name__} defines the scheme {entry.name!r}")
        found.append(entry)
    return tuple(sorted(found, key=lambda s: (s.priority, s.name)))


SCHEMES: tuple[IdentifierScheme, ...] = _discover()
_BY_NAME = {s.name: s for s in SCHEMES}


def names() -> tuple[str, ...]:
    return tuple(_BY_NAME)


def scheme(name: str) -> IdentifierScheme:
    return _BY_NAME[name]


def enabled(policy_names: Iterable[str]) -> tuple[IdentifierScheme, ...]:
    """The registry's schemes that a policy lists, in priority order (unknown names ignored)."""
    wanted = set(policy_names)
    return tuple(s for s in SCHEMES if s.name in wanted)


def matches(written: str, form: Form, enabled_names: frozenset[str]) -> list[Match]:
    """Every enabled scheme that the token ``written`` passes, in priority order."""
    found: list[Match] = []
    for entry in _could_match(form, len(written), enabled_names):
        match = entry.match(written, form)
        if match is not None:
            found.append(match)
    return found


@functools.lru_cache(maxsize=256)
def _could_match(
    form: Form, length: int, enabled_names: frozenset[str]
) -> tuple[IdentifierScheme, ...]:
    """The enabled schemes a token of this form and length can be (most are ruled out)."""
    if form == "bare":
        fits = [s for s in SCHEMES if length in s.lengths]
    elif form == "separated":
        fits = [
            s for s in SCHEMES
            if s.separators and (length == 11 or (length == 13 and 12 in s.lengths))
        ]  # fmt: skip
    else:
        fits = [s for s in SCHEMES if length == 11 and s.holder == "person" and 10 in s.lengths]
    return tuple(s for s in fits if s.name in enabled_names)
