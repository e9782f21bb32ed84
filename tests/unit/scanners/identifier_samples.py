"""Made-up national identifiers for tests: check digits computed, no real person."""

from __future__ import annotations

import random

from stdnum import luhn
from stdnum.no import fodselsnummer

_CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)


def cpr(rng: random.Random, *, modulus: bool = True) -> str:
    """DDMMYYSSSS born 1940-1999 (7th digit 0-3), passing modulus 11 unless told otherwise."""
    while True:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(40, 99)
        serial = rng.randint(0, 3999)
        digits = f"{day:02d}{month:02d}{year:02d}{serial:04d}"
        ok = sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 == 0
        if ok == modulus:
            return digits


def cvr(rng: random.Random) -> str:
    while True:
        head = str(rng.randint(1_000_000, 9_999_999))
        rest = sum(int(d) * w for d, w in zip(head, _CVR_WEIGHTS, strict=True)) % 11
        check = (11 - rest) % 11
        if check < 10:
            return head + str(check)


def se_pnr(rng: random.Random) -> str:
    """YYMMDD-NNNC with Luhn."""
    while True:
        date = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body = f"{date}{rng.randint(0, 999):03d}"
        check = luhn.calc_check_digit(body)
        return f"{body[:6]}-{body[6:]}{check}"


def no_fnr(rng: random.Random) -> str:
    while True:
        date = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(40, 99):02d}"
        body = f"{date}{rng.randint(0, 499):03d}"
        first = fodselsnummer.calc_check_digit1(body)
        if len(first) != 1:
            continue
        second = fodselsnummer.calc_check_digit2(body + first)
        number = body + first + second
        if len(number) == 11 and fodselsnummer.is_valid(number):
            return number


def cvr_passing_amounts(rng: random.Random, count: int) -> list[int]:
    """Eight-digit amounts that happen to pass the CVR check (a trap for the detector)."""
    return [int(cvr(rng)) for _ in range(count)]


HETU = "131052-308T"
KENNITALA = "120174-3399"
SE_ORGNR = "5560360793"
NO_ORGNR = "988077917"


def cpr_also_se_pnr(rng: random.Random) -> str:
    """Ten digits valid both as a CPR (DDMMYY, born 1900-1928) and as a Swedish personnummer
    (the same digits read as YYMMDD with Luhn), passing the CPR's modulus 11 as well."""
    while True:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1, 28)
        digits = f"{day:02d}{month:02d}{year:02d}{rng.randint(0, 3999):04d}"
        cpr_ok = sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 == 0
        if cpr_ok and luhn.is_valid(digits):
            return digits


def pnum(rng: random.Random) -> str:
    """A Danish P-number: 1 + 9 digits, modulus 11 with the CPR weights; its 3rd-4th digits
    are over 12, so that it is no CPR date."""
    while True:
        digits = f"1{rng.randint(0, 9)}{rng.randint(13, 99)}{rng.randint(0, 999999):06d}"
        if sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 == 0:
            return digits


def pnum_also_cpr(rng: random.Random) -> str:
    """Ten digits valid both as a P-number and as a CPR date (day 10-19, modulus 11)."""
    while True:
        digits = f"1{rng.randint(0, 9)}{rng.randint(1, 12):02d}{rng.randint(40, 99)}"
        digits += f"{rng.randint(0, 3999):04d}"
        if sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 == 0:
            return digits


def compact_timestamps(rng: random.Random, count: int) -> list[str]:
    """DDMMYYHHMM stamps that pass the CPR date check but, as chance has it, mostly fail its
    modulus 11: what a log's or a system's row ids can look like."""
    stamps: list[str] = []
    while len(stamps) < count:
        digits = (
            f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 23):02d}"
            f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}"
        )
        if sum(int(d) * w for d, w in zip(digits, _CPR_WEIGHTS, strict=True)) % 11 != 0:
            stamps.append(digits)
    return stamps
