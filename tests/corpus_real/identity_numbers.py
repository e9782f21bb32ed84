"""Made-up national identity numbers with valid check digits (they belong to no one)."""

from __future__ import annotations

import random
from collections.abc import Callable

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _birth(rng: random.Random, first: int = 1940, last: int = 1999) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), rng.randint(first, last)


def cpr_mod11(digits: str) -> bool:
    """Whether ten digits pass the CPR modulus-11 check (weights 4,3,2,7,6,5,4,3,2,1)."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def first_number(start: int, test: Callable[[str], bool], step: int = 1) -> int:
    """The first number from ``start`` on (by ``step``) whose digits pass ``test``: to place a
    look-alike (a file size, a journal number) that passes or fails a check on purpose."""
    number = start
    while not test(str(number)):
        number += step
    return number


def dk_cpr(rng: random.Random, *, dash: bool = True) -> str:
    """DDMMYY-SSSS, passing ``cpr_mod11`` (born 1940-1999)."""
    while True:
        day, month, year = _birth(rng)
        stem = f"{day:02d}{month:02d}{year % 100:02d}{rng.randint(0, 3)}{rng.randint(0, 99):02d}"
        for last in range(10):
            number = stem + str(last)
            if cpr_mod11(number):
                return f"{number[:6]}-{number[6:]}" if dash else number


def _luhn_digit(digits: str) -> int:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def se_pnr(rng: random.Random, *, long: bool = True) -> str:
    """YYYYMMDD-NNNC (or YYMMDD-NNNC), Luhn over the ten short digits."""
    day, month, year = _birth(rng)
    short = f"{year % 100:02d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    check = _luhn_digit(short)
    text = f"{short[:6]}-{short[6:]}{check}"
    return f"{year // 100}{text}" if long else text


def no_fnr(rng: random.Random) -> str:
    """DDMMYY + 3 individual digits + 2 mod-11 check digits."""
    k1_weights = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    k2_weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        day, month, year = _birth(rng)
        stem = f"{day:02d}{month:02d}{year % 100:02d}{rng.randint(0, 499):03d}"
        k1 = 11 - sum(int(d) * w for d, w in zip(stem, k1_weights, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        k2 = 11 - sum(int(d) * w for d, w in zip(stem + str(k1), k2_weights, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return f"{stem}{k1}{k2}"


def fi_hetu(rng: random.Random) -> str:
    """DDMMYY-NNNC, the check character from the nine digits mod 31."""
    day, month, year = _birth(rng)
    individual = rng.randint(2, 899)
    digits = f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}"
    return f"{digits[:6]}-{individual:03d}{_HETU_CHECK[int(digits) % 31]}"
