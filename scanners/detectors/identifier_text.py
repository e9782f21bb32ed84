"""National identifiers in running text (documents, logs, code, cell text).

Candidates come from ``scanners.identifiers.search`` (a C-speed pre-filter, then one pattern).
Strong forms count on their own: a CPR written ``DDMMYY-SSSS`` with a real date, a Norwegian
fødselsnummer with both check digits, a HETU with its check character, a kennitala or Swedish
personnummer written with its dash and passing its check. A bare number that only passes a weak
check counts when the text supports it:

- a word for an identifier of its kind shortly before it (cpr, pnr, personnummer, cvr,
  orgnr...: every scheme's ``context_words``), or
- a list: at least ``LIST_MIN`` different numbers in the block pass the same person check, they
  are most of the numbers of that length (random 10-digit numbers pass the CPR date check ~3%
  of the time, so a list of them is no accident), and most of them pass the scheme's second
  test (a CPR's modulus 11: a list of dates with four more digits, such as ``DDMMYYHHMM``
  timestamps, passes the date check but not that).

Firm numbers (CVR, organisation numbers, P-numbers) are ~9% likely by chance and look like
phone numbers, amounts and YYYYMMDD dates, so in text they always need a firm word nearby (or,
for a list, somewhere in the block); numbers after tlf/telefon/phone never count.

A hit keeps every scheme it passes (``candidates``) and the schemes named next to it; the
detector picks one (``scanners.identifiers.resolve``) once the whole file's language is known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from scanners.identifiers import SCHEMES, Form, Match, matches
from scanners.identifiers.resolve import plausible_for, resolve
from scanners.identifiers.search import find_candidates

# Words that name an identifier without saying which scheme.
_GENERIC_PERSON = (
    r"person[\s_-]?id|social security|\bssn\b|personal (?:id|identity|number)|"
    r"civil registration|\blopnr"
)
_GENERIC_FIRM = r"company (?:id|number)|\borg\.?\s?nr"


def _holder_words(holder: str, generic: str) -> re.Pattern[str]:
    words = [s.context_words for s in SCHEMES if s.holder == holder and s.context_words]
    return re.compile("|".join([*words, generic]), re.IGNORECASE)


PERSON_WORDS = _holder_words("person", _GENERIC_PERSON)
FIRM_WORDS = _holder_words("firm", _GENERIC_FIRM)
_NAMING = tuple((s.name, p) for s in SCHEMES if (p := s.context_pattern()) is not None)
_PHONE_WORDS = re.compile(r"tlf|telefon|phone|mobil|fax|\btel\b", re.IGNORECASE)
CONTEXT_CHARS = 120
PHONE_CHARS = 25
LIST_MIN = 3
LIST_SHARE = 0.6
LIST_PLAUSIBLE_SHARE = 0.5

PERSON_SCHEMES = frozenset(s.name for s in SCHEMES if s.holder == "person")
FIRM_SCHEMES = frozenset(s.name for s in SCHEMES if s.holder == "firm")


@dataclass(frozen=True, slots=True)
class TextHit:
    start: int
    text: str  # as written (mask before showing)
    digits: str  # what the checks were given
    candidates: tuple[Match, ...]  # every scheme it passes that its support allows
    named: frozenset[str]  # schemes named shortly before it
    strong: bool
    why: str  # "format", "context", "list"

    @property
    def scheme(self) -> str:
        """The most likely scheme from the hit's own surroundings (no file context)."""
        best = resolve(self.candidates, named=self.named, plausible=plausible_for(self.digits))
        assert best is not None
        return best.scheme


def is_calendar_date(digits: str) -> bool:
    """YYYYMMDD or DDMMYYYY with a real date between 1900 and 2100 (an 8-digit trap for CVR)."""
    if len(digits) != 8:
        return False
    for year, month, day in (
        (digits[:4], digits[4:6], digits[6:]),
        (digits[4:], digits[2:4], digits[:2]),
    ):
        if 1900 <= int(year) <= 2100:
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                continue
            return True
    return False


def _last_word_before(pattern: re.Pattern[str], text: str, start: int, width: int) -> int:
    """Where the nearest match of ``pattern`` before ``start`` (within ``width``) ends, or -1."""
    last = -1
    for m in pattern.finditer(text, max(0, start - width), start):
        last = m.end()
    return last


def _has_letters(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a cased letter? (Cheap: no word pattern can match
    without one, and a column of numbers has none.)"""
    window = text[max(0, start) : end]
    return window.lower() != window.upper()


def named_before(text: str, start: int) -> frozenset[str]:
    """The schemes whose own words stand shortly before ``start``."""
    window = text[max(0, start - CONTEXT_CHARS) : start]
    if window.lower() == window.upper():
        return frozenset()
    return frozenset(name for name, pattern in _NAMING if pattern.search(window))


@dataclass(slots=True)
class _Weak:
    start: int
    shown: str
    digits: str
    found: list[Match]


def find_identifiers(
    text: str, schemes: frozenset[str], *, strong_only: bool = False
) -> list[TextHit]:
    """Every identifier in ``text`` that its form or its context proves, in order."""
    hits: list[TextHit] = []
    weak: list[_Weak] = []
    lengths: dict[int, int] = defaultdict(int)
    for m in find_candidates(text):
        written = m.group(0)
        form: Form
        if m.group("sep"):
            form, digits = "separated", written[:6] + written[7:]
        elif m.group("sep12"):  # YYYYMMDD-NNNC, a Swedish personnummer with its century
            form, digits = "separated", written[:8] + written[9:]
        elif m.group("space"):
            form, digits = "spaced", written.replace(" ", "")
        else:
            form, digits = "bare", written
        if form != "separated":
            lengths[len(digits)] += 1
        if strong_only and form == "bare" and len(digits) != 11:
            continue
        found = matches(written, form, schemes)
        if not found:
            continue
        strong = tuple(f for f in found if f.strong)
        if strong:
            named = named_before(text, m.start())
            hits.append(TextHit(m.start(), written, digits, strong, named, True, "format"))
            continue
        if strong_only:
            continue
        found = [f for f in found if not (f.scheme == "dk_cvr" and is_calendar_date(digits))]
        if found:
            weak.append(_Weak(m.start(), written, digits, found))
    if weak:
        hits.extend(_supported(text, weak, lengths))
        hits.sort(key=lambda h: h.start)
    return hits


def _supported(text: str, weak: list[_Weak], lengths: dict[int, int]) -> list[TextHit]:
    """The weak matches that a nearby word or a list of their kind supports."""
    per_scheme: dict[str, set[str]] = defaultdict(set)
    plausible: dict[str, int] = defaultdict(int)
    for hit in weak:
        for match in hit.found:
            if hit.digits not in per_scheme[match.scheme]:
                per_scheme[match.scheme].add(hit.digits)
                plausible[match.scheme] += plausible_for(hit.digits)(match.scheme)
    listed = {
        scheme
        for scheme, numbers in per_scheme.items()
        if len(numbers) >= LIST_MIN
        and len(numbers) >= LIST_SHARE * lengths[len(next(iter(numbers)))]
        and plausible[scheme] >= LIST_PLAUSIBLE_SHARE * len(numbers)
    }
    if listed & FIRM_SCHEMES and not FIRM_WORDS.search(text):
        listed -= FIRM_SCHEMES  # a list of firm numbers needs a firm word in the block
    supported: list[TextHit] = []
    for hit in weak:
        worded = _has_letters(text, hit.start - CONTEXT_CHARS, hit.start)
        if not worded and not any(m.scheme in listed for m in hit.found):
            continue  # no word before it (a column of numbers), and no list of its kind
        phone_at = _last_word_before(_PHONE_WORDS, text, hit.start, PHONE_CHARS) if worded else -1
        allowed: list[Match] = []
        why = ""
        for match in hit.found:
            words = PERSON_WORDS if match.scheme in PERSON_SCHEMES else FIRM_WORDS
            named_at = _last_word_before(words, text, hit.start, CONTEXT_CHARS) if worded else -1
            if phone_at > named_at:
                continue  # "tlf. 33 92 33 00": the nearest word says it is a phone number
            if named_at >= 0:
                allowed.append(match)
                why = "context"
            elif match.scheme in listed:
                allowed.append(match)
                why = why or "list"
        if allowed:
            named = named_before(text, hit.start)
            supported.append(
                TextHit(hit.start, hit.shown, hit.digits, tuple(allowed), named, False, why)
            )
    return supported
