"""Nordic national identifier schemes: shape, check digits, and how much a match proves.

Each check first does the cheap work (length, digits, day and month ranges) and only then calls
python-stdnum, so that scanning a million cells stays fast. The facts behind each check are in
SCANNING.md ("National identifiers").

A *strong* match proves an identifier on its own (two check digits, a check character, or the
identifier's own punctuation together with a check). A *weak* match (a CPR date, a CVR, an
organisation number, a P-number) is right for about one random number in ten or thirty, so it
needs support from its surroundings before it becomes a finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum import luhn
from stdnum.dk import cpr as dk_cpr_check
from stdnum.dk import cvr as dk_cvr_check
from stdnum.fi import hetu as fi_hetu_check
from stdnum.is_ import kennitala as is_kennitala_check
from stdnum.no import fodselsnummer as no_fnr_check
from stdnum.no import orgnr as no_orgnr_check
from stdnum.se import orgnr as se_orgnr_check
from stdnum.se import personnummer as se_pnr_check

SCHEME_NAMES = {
    "dk_cpr": "Danish CPR number",
    "dk_cvr": "Danish CVR number",
    "dk_pnum": "Danish P-number (production unit)",
    "no_fnr": "Norwegian fødselsnummer/D-number",
    "no_orgnr": "Norwegian organisation number",
    "se_pnr": "Swedish personnummer",
    "se_orgnr": "Swedish organisation number",
    "fi_hetu": "Finnish personal identity code (HETU)",
    "is_kennitala": "Icelandic kennitala",
}

# Which scheme wins when one number passes several checks (the Danish rules come first:
# this is Statistics Denmark's scanner; persons before organisations).
SCHEME_PRIORITY = (
    "dk_cpr", "no_fnr", "se_pnr", "fi_hetu", "is_kennitala", "dk_cvr", "no_orgnr", "se_orgnr",
    "dk_pnum",
)  # fmt: skip

_CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_HETU_SIGNS = frozenset("+-ABCDEFUVWXY")


@dataclass(frozen=True, slots=True)
class Match:
    scheme: str
    strong: bool


def _day_month_ok(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def cpr_date_ok(digits: str) -> bool:
    """DDMMYY-SSSS with a real birth date (century from the 7th digit), not in the future."""
    if len(digits) != 10 or not _day_month_ok(int(digits[0:2]), int(digits[2:4])):
        return False
    return bool(dk_cpr_check.is_valid(digits))


def cpr_modulus_ok(digits: str) -> bool:
    """Modulus 11: true for every CPR issued before October 2007, not for all later ones."""
    return sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 == 0


def cvr_ok(digits: str) -> bool:
    if len(digits) != 8 or digits[0] == "0":
        return False
    if sum(int(d) * w for d, w in zip(digits, _CVR_WEIGHTS, strict=True)) % 11 != 0:
        return False
    return bool(dk_cvr_check.is_valid(digits))


def pnum_ok(digits: str) -> bool:
    """DK P-number: 10 digits, starting with 1, modulus 11 with the CPR weights.

    The Danish Business Authority says a batch of P-numbers was issued with wrong weights; we
    do not know those weights, so such numbers are caught only by column name (``pnummer``,
    ``arbnr``) and uniqueness, not by this check. python-stdnum has no P-number module.
    """
    return len(digits) == 10 and digits[0] == "1" and cpr_modulus_ok(digits)


def _se_date_ok(digits10: str, century_digits: str = "") -> bool:
    year, month, day = int(digits10[0:2]), int(digits10[2:4]), int(digits10[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    if not _day_month_ok(day, month):
        return False
    years = (int(century_digits + digits10[0:2]),) if century_digits else (1900 + year, 2000 + year)
    for full_year in years:
        try:
            born = dt.date(full_year, month, day)
        except ValueError:
            continue
        if born <= dt.date.today():
            return True
    return False


def se_pnr_ok(digits: str) -> bool:
    """YYMMDDNNNC or YYYYMMDDNNNC with Luhn over the last ten; samordningsnummer (day+60) too
    (python-stdnum rejects those, so Luhn is checked directly)."""
    if len(digits) == 12:
        century, digits10 = digits[0:2], digits[2:]
        if century not in ("18", "19", "20"):
            return False
    elif len(digits) == 10:
        century, digits10 = "", digits
    else:
        return False
    if not _se_date_ok(digits10, century):
        return False
    if int(digits10[4:6]) <= 60 and len(digits) == 10:
        return bool(se_pnr_check.is_valid(digits10))
    return bool(luhn.is_valid(digits10))


def se_orgnr_ok(digits: str) -> bool:
    """10 digits, Luhn, 3rd-4th digits at least 20 (so personnummer are not counted twice)."""
    if len(digits) != 10 or int(digits[2:4]) < 20:
        return False
    return bool(se_orgnr_check.is_valid(digits))


def no_fnr_ok(digits: str) -> bool:
    if len(digits) != 11:
        return False
    day, month = int(digits[0:2]), int(digits[2:4])
    if day > 40:  # D-number
        day -= 40
    if month > 40:  # H-number (health services)
        month -= 40
    if not _day_month_ok(day, month):
        return False
    return bool(no_fnr_check.is_valid(digits))


def no_orgnr_ok(digits: str) -> bool:
    if len(digits) != 9 or digits[0] not in "89":
        return False
    return bool(no_orgnr_check.is_valid(digits))


def hetu_ok(text: str) -> bool:
    """DDMMYY, century sign, 3 digits, check character (mod 31)."""
    if len(text) != 11 or text[6].upper() not in _HETU_SIGNS:
        return False
    if not text[:6].isdigit() or not _day_month_ok(int(text[0:2]), int(text[2:4])):
        return False
    return bool(fi_hetu_check.is_valid(text.upper()))


def kennitala_ok(digits: str) -> bool:
    if len(digits) != 10 or digits[9] not in "089":
        return False
    day = int(digits[0:2])
    if day > 40:  # organisations
        day -= 40
    if not _day_month_ok(day, int(digits[2:4])):
        return False
    return bool(is_kennitala_check.is_valid(digits))


def matches_for(text: str, *, dashed: bool, schemes: frozenset[str]) -> list[Match]:
    """Every enabled scheme ``text`` passes. ``text`` holds only digits, except a HETU, which
    comes with its century sign; ``dashed`` says the number was written with its separator."""
    found: list[Match] = []
    n = len(text)
    if n == 11 and not text.isdigit():
        if "fi_hetu" in schemes and hetu_ok(text):
            found.append(Match("fi_hetu", True))
        return found
    if n == 10:
        if "dk_cpr" in schemes and cpr_date_ok(text):
            found.append(Match("dk_cpr", dashed))
        if "se_pnr" in schemes and se_pnr_ok(text):
            found.append(Match("se_pnr", dashed))
        if "is_kennitala" in schemes and kennitala_ok(text):
            found.append(Match("is_kennitala", dashed))
        if not dashed:
            if "se_orgnr" in schemes and se_orgnr_ok(text):
                found.append(Match("se_orgnr", False))
            if "dk_pnum" in schemes and pnum_ok(text):
                found.append(Match("dk_pnum", False))
    elif n == 11:
        if "no_fnr" in schemes and no_fnr_ok(text):
            found.append(Match("no_fnr", True))
    elif n == 12:
        if "se_pnr" in schemes and se_pnr_ok(text):
            found.append(Match("se_pnr", False))
    elif n == 9:
        if "no_orgnr" in schemes and no_orgnr_ok(text):
            found.append(Match("no_orgnr", False))
    elif n == 8:
        if "dk_cvr" in schemes and cvr_ok(text):
            found.append(Match("dk_cvr", False))
    return found


def best_match(matches: list[Match], digits: str) -> Match | None:
    """One scheme for one number. A number that is both a valid CPR date and a valid Swedish
    personnummer or kennitala is taken as the other only if the CPR modulus fails."""
    if not matches:
        return None
    schemes = {m.scheme: m for m in matches}
    if "dk_cpr" in schemes and not cpr_modulus_ok(digits):
        for other in ("se_pnr", "is_kennitala"):
            if other in schemes:
                return schemes[other]
    for scheme in SCHEME_PRIORITY:
        if scheme in schemes:
            return schemes[scheme]
    return matches[0]
