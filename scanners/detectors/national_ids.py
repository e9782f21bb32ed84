"""Nordic national identifier schemes, as the detectors used to see them (kept for callers).

The schemes now live in the registry ``scanners.identifiers`` (one file per scheme in
``scanners/identifiers/schemes/``); this module gives the same facts under the old names.
"""

from __future__ import annotations

from scanners.identifiers import SCHEMES, Match, matches, scheme
from scanners.identifiers.resolve import plausible_for, resolve
from scanners.identifiers.schemes.dk_cpr import modulus_ok as cpr_modulus_ok

__all__ = [
    "SCHEME_NAMES", "SCHEME_PRIORITY", "Match", "matches_for", "best_match", "cpr_modulus_ok",
]  # fmt: skip

SCHEME_NAMES = {s.name: s.title for s in SCHEMES}
# Which scheme wins when nothing else tells two apart (the registry's priority).
SCHEME_PRIORITY = tuple(s.name for s in SCHEMES)


def matches_for(text: str, *, dashed: bool, schemes: frozenset[str]) -> list[Match]:
    """Every enabled scheme ``text`` passes. ``text`` holds only digits, except a HETU, which
    comes with its century sign; ``dashed`` says the number was written with its separator."""
    if dashed and len(text) == 10 and text.isdigit():
        return matches(f"{text[:6]}-{text[6:]}", "separated", schemes)
    if len(text) == 11 and not text.isdigit():
        return matches(text, "separated", schemes)
    return matches(text, "bare", schemes)


def best_match(found: list[Match], digits: str) -> Match | None:
    """One scheme for one number, from the number alone (no context)."""
    return resolve(found, plausible=plausible_for(digits))


def title(name: str) -> str:
    return scheme(name).title
