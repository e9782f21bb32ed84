"""National identifiers in running text (documents, logs, code, cell text).

Strong forms count on their own: a CPR written ``DDMMYY-SSSS`` with a real date, a Norwegian
fødselsnummer with both check digits, a HETU with its check character, a kennitala or Swedish
personnummer written with its dash and passing its check. A bare number that only passes a weak
check counts when the text supports it:

- a word for the identifier shortly before it (cpr, pnr, personnummer, cvr, orgnr...), or
- a list: at least ``LIST_MIN`` different numbers in the block pass the same person check, and
  they are most of the numbers of that length (random 10-digit numbers pass the CPR date check
  ~3% of the time, so a list of them is no accident).

Firm numbers (CVR, organisation numbers, P-numbers) are ~9% likely by chance and look like
phone numbers, amounts and YYYYMMDD dates, so in text they always need a firm word nearby (or,
for a list, somewhere in the block); numbers after tlf/telefon/phone never count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from scanners.detectors.national_ids import Match, best_match, cpr_modulus_ok, matches_for

_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])"
    r"(?:(?P<d6>\d{6})(?P<sep>[-+])(?P<d4>\d{4})"
    r"|(?P<hetu>\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y])"
    r"|(?P<spaced>\d{6} \d{4})"
    r"|(?P<bare>\d{8,12}))"
    r"(?![\w]|[.,/-]\d)"
)
PERSON_WORDS = re.compile(
    r"cpr|pnr|personnumm?er|personnr|person[\s_-]?id|f[øo]dselsn(?:umme)?r|\bfnr\b|d-nummer|"
    r"kennitala|\bhetu\b|henkil[öo]tunnus|social security|\bssn\b|personal (?:id|identity|number)|"
    r"civil registration|\blopnr",
    re.IGNORECASE,
)
FIRM_WORDS = re.compile(
    r"cvr|\bse-?nr|orgnr|org\.\s?nr|organi[sz]a\w{0,6}n(?:umme)?r|p-nummer|pnummer|"
    r"produktionsenhed|arbgnr|arbgivnr|\barbnr|virksomhedsnummer|company (?:id|number)",
    re.IGNORECASE,
)
_PHONE_WORDS = re.compile(r"tlf|telefon|phone|mobil|fax|\btel\b", re.IGNORECASE)
CONTEXT_CHARS = 120
PHONE_CHARS = 25
LIST_MIN = 3
LIST_SHARE = 0.6

PERSON_SCHEMES = frozenset({"dk_cpr", "se_pnr", "no_fnr", "fi_hetu", "is_kennitala"})
FIRM_SCHEMES = frozenset({"dk_cvr", "no_orgnr", "se_orgnr", "dk_pnum"})


@dataclass(frozen=True, slots=True)
class TextHit:
    scheme: str
    start: int
    text: str  # as written (mask before showing)
    strong: bool
    why: str  # "format", "context", "list"


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


def find_identifiers(
    text: str, schemes: frozenset[str], *, strong_only: bool = False
) -> list[TextHit]:
    """Every identifier in ``text`` that its form or its context proves."""
    hits: list[TextHit] = []
    weak: list[tuple[int, str, Match, str]] = []  # start, text, match, digits
    lengths: dict[int, int] = defaultdict(int)
    for m in _CANDIDATE.finditer(text):
        if m.group("d6"):
            digits = m.group("d6") + m.group("d4")
            enabled = schemes & {"se_pnr"} if m.group("sep") == "+" else schemes
            found = matches_for(digits, dashed=True, schemes=enabled)
            if not found and "fi_hetu" in schemes:
                found = matches_for(m.group(0), dashed=True, schemes=frozenset({"fi_hetu"}))
            match = best_match(found, digits)
            if match is not None:
                hits.append(TextHit(match.scheme, m.start(), m.group(0), True, "format"))
            continue
        if m.group("hetu"):
            found = matches_for(m.group("hetu"), dashed=True, schemes=schemes)
            if found:
                hits.append(TextHit(found[0].scheme, m.start(), m.group(0), True, "format"))
            continue
        if m.group("spaced"):
            # "DDMMYY SSSS": a CPR written with a space. Proven by its date and modulus 11;
            # otherwise (post-2007 numbers) it needs a nearby word or a list, like a bare one.
            digits = m.group("spaced").replace(" ", "")
            lengths[len(digits)] += 1
            person = schemes & PERSON_SCHEMES
            found = matches_for(digits, dashed=False, schemes=person)
            match = best_match(found, digits)
            if match is not None and match.scheme == "dk_cpr" and cpr_modulus_ok(digits):
                hits.append(TextHit("dk_cpr", m.start(), m.group(0), True, "format"))
            elif match is not None and not strong_only:
                weak.append((m.start(), m.group(0), match, digits))
            continue
        digits = m.group("bare")
        lengths[len(digits)] += 1
        if strong_only and len(digits) != 11:
            continue
        found = matches_for(digits, dashed=False, schemes=schemes)
        strong = [f for f in found if f.strong]
        if strong:
            hits.append(TextHit(strong[0].scheme, m.start(), digits, True, "format"))
            continue
        for match in found:
            if match.scheme == "dk_cvr" and is_calendar_date(digits):
                continue
            weak.append((m.start(), digits, match, digits))
    if not strong_only:
        hits.extend(_supported(text, weak, lengths))
    return hits


def _supported(
    text: str, weak: list[tuple[int, str, Match, str]], lengths: dict[int, int]
) -> list[TextHit]:
    """The weak matches that a nearby word or a list of their kind supports."""
    firm_in_block = bool(FIRM_WORDS.search(text))
    per_scheme: dict[str, set[str]] = defaultdict(set)
    for _, digits, match, _ in weak:
        per_scheme[match.scheme].add(digits)
    listed = {
        scheme
        for scheme, numbers in per_scheme.items()
        if len(numbers) >= LIST_MIN
        and len(numbers) >= LIST_SHARE * lengths[len(next(iter(numbers)))]
        and (scheme in PERSON_SCHEMES or firm_in_block)
    }
    chosen: dict[int, TextHit] = {}
    for start, shown, match, digits in weak:
        words = PERSON_WORDS if match.scheme in PERSON_SCHEMES else FIRM_WORDS
        named_at = _last_word_before(words, text, start, CONTEXT_CHARS)
        if _last_word_before(_PHONE_WORDS, text, start, PHONE_CHARS) > named_at:
            continue  # "tlf. 33 92 33 00": the nearest word says it is a phone number
        if named_at >= 0:
            why = "context"
        elif match.scheme in listed:
            why = "list"
        else:
            continue
        previous = chosen.get(start)
        if previous is None or _better(match.scheme, previous.scheme, digits):
            chosen[start] = TextHit(match.scheme, start, shown, False, why)
    return list(chosen.values())


def _better(scheme: str, than: str, digits: str) -> bool:
    winner = best_match([Match(than, False), Match(scheme, False)], digits)
    return winner is not None and winner.scheme == scheme
