"""One scheme for one value: the most likely of the enabled schemes it passes.

A ten-digit number can pass the Danish CPR date check, the Swedish personnummer's Luhn, the
Icelandic kennitala's modulus 11 and the Danish P-number's all at once. It is reported once,
as the scheme that, in order:

1. is named next to it (the column header, or a word shortly before it in the text);
2. it proves in a strong form (``DDMMYY-SSSS`` with its check, two check digits);
3. explains most of its column (for a column: the share of values passing, in tenths);
4. is of the country whose language the file is written in (``countries.CountryTally``);
5. it passes a test real numbers nearly always pass (a CPR's modulus 11);
6. comes first in the registry's priority (Danish schemes first: persons before firms).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from scanners.identifiers import scheme as scheme_of
from scanners.identifiers.countries import CountryTally
from scanners.identifiers.scheme import Match


def resolve(
    candidates: Collection[Match],
    *,
    named: Collection[str] = (),
    countries: CountryTally | None = None,
    plausible: Callable[[str], bool] | None = None,
    explained: Mapping[str, float] | None = None,
) -> Match | None:
    """The most likely of ``candidates`` (every one a scheme the value passes), or None."""
    if not candidates:
        return None

    def rank(match: Match) -> tuple[bool, bool, int, float, bool, int]:
        entry = scheme_of(match.scheme)
        return (
            match.scheme in named,
            match.strong,
            round(10 * explained.get(match.scheme, 0.0)) if explained else 0,
            countries.weight(entry.country) if countries is not None else 0.0,
            plausible(match.scheme) if plausible is not None else True,
            -entry.priority,
        )

    return max(candidates, key=rank)


def plausible_for(digits: str) -> Callable[[str], bool]:
    """``plausible(scheme)`` for one value: does it pass that scheme's second test?"""
    return lambda name: scheme_of(name).plausible(digits)
