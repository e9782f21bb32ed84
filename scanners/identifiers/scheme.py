"""What one national identifier scheme is: its written forms, its check, and what names it.

Each scheme is one file in ``scanners/identifiers/schemes/`` holding a subclass of
``IdentifierScheme`` and ``SCHEME = TheClass()``; the registry (``scanners.identifiers``) finds
it there. A scheme knows nothing of files or findings: the detectors ask it whether a token
passes (``match``), how much that proves (``Match.strong``) and which words name it.

Strength: a *strong* match proves an identifier on its own (two check digits, a check
character, or the identifier's own punctuation together with its check). A *weak* match (a
CPR date, a CVR, an organisation number, a P-number) is right for about one random number in
ten or thirty (``chance``), so it needs support from its surroundings before it is reported.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar, Literal

Holder = Literal["person", "firm"]
# How the token was written: "bare" digits, "separated" by the scheme's own sign between the
# date and the serial (``DDMMYY-SSSS``), or "spaced" (``DDMMYY SSSS``).
Form = Literal["bare", "separated", "spaced"]


@dataclass(frozen=True, slots=True)
class Match:
    scheme: str
    strong: bool


class IdentifierScheme:
    name: ClassVar[str]  # the policy's name and the finding code: identifier.<name>
    title: ClassVar[str]  # in findings: "Danish CPR number"
    country: ClassVar[str]  # dk, se, no, fi, is
    holder: ClassVar[Holder]
    lengths: ClassVar[tuple[int, ...]]  # digits when written bare
    # Characters that may stand between the six date digits and the four-character serial.
    separators: ClassVar[str] = ""
    # Which scheme wins when nothing else tells two apart: lower first.
    priority: ClassVar[int]
    # Share of random numbers of its length that pass the check: how little a bare match proves.
    chance: ClassVar[float]
    strong_bare: ClassVar[bool] = False  # check digits strong enough to prove it bare
    strong_separated: ClassVar[bool] = False  # written with its separator, it proves itself
    # Stems in a column header that name the scheme (lower case; "_" stands for any space/dash).
    header_words: ClassVar[tuple[str, ...]] = ()
    # Words in running text that name the scheme (a regular expression, case-insensitive).
    context_words: ClassVar[str] = ""

    def check(self, token: str) -> bool:
        """Does ``token`` (digits only, or a HETU with its sign) pass the scheme's check?"""
        raise NotImplementedError

    def plausible(self, digits: str) -> bool:
        """A second test that real numbers nearly always pass and chance seldom does."""
        return True

    def match(self, written: str, form: Form) -> Match | None:
        """Does the token, as written, pass this scheme, and does it prove itself?"""
        if form == "bare":
            if len(written) not in self.lengths:
                return None
            token = written
        elif form == "separated":
            if len(written) == 13 and 12 in self.lengths and written[8] in self.separators:
                token = written[:8] + written[9:]  # YYYYMMDD-NNNC: the century written out
            elif len(written) != 11 or written[6] not in self.separators:
                return None
            else:
                token = self.separated_token(written)
        else:  # "DDMMYY SSSS": a person number written with a space
            if self.holder != "person" or 10 not in self.lengths:
                return None
            token = written.replace(" ", "")
        if not self.check(token):
            return None
        return Match(self.name, self.proves_itself(token, form))

    def separated_token(self, written: str) -> str:
        """What ``check`` is given for ``DDMMYY-SSSS``: the digits without the separator."""
        return written[:6] + written[7:]

    def proves_itself(self, token: str, form: Form) -> bool:
        return self.strong_bare or (form == "separated" and self.strong_separated)

    def named_in_header(self, label: str) -> bool:
        low = label.lower().replace("-", "_").replace(" ", "_")
        return any(stem in low for stem in self.header_words)

    def context_pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.context_words, re.IGNORECASE) if self.context_words else None


def day_month_ok(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(map(operator.mul, map(int, digits), weights))


_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")
# Two digits at a time for an even-length number (the first of each pair is doubled).
_LUHN_PAIRS = {f"{a}{b}": (2 * a if a < 5 else 2 * a - 9) + b for a in range(10) for b in range(10)}


def ascii_digits(digits: str) -> str:
    """Digits of any script (full-width, Arabic-Indic) as ASCII digits: ``int`` reads them all,
    but the lookup tables below are keyed by ASCII."""
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in digits)


def luhn_ok(digits: str) -> bool:
    """The Luhn check, cheaply: a pre-check before python-stdnum's own (most numbers fail)."""
    digits = ascii_digits(digits)
    if len(digits) == 10:
        pairs = _LUHN_PAIRS
        total = (
            pairs[digits[0:2]] + pairs[digits[2:4]] + pairs[digits[4:6]] + pairs[digits[6:8]]
            + pairs[digits[8:10]]
        )  # fmt: skip
        return total % 10 == 0
    doubled = digits[-2::-2].translate(_LUHN_DOUBLED)
    return (sum(map(int, doubled)) + sum(map(int, digits[::-2]))) % 10 == 0


def _day_months(day_offsets: tuple[int, ...], month_offsets: tuple[int, ...]) -> frozenset[str]:
    return frozenset(
        f"{day + d:02d}{month + m:02d}"
        for day in range(1, 32)
        for month in range(1, 13)
        for d in day_offsets
        for m in month_offsets
    )


# DDMM of a real day and month (a cheap first test; the full date is checked after it).
DAY_MONTH = _day_months((0,), (0,))
