"""Icelandic kennitala: ``DDMMYY-RRCM``: a date (day + 40 for organisations), two digits, a
modulus-11 check digit and the century (9, 0 or 8).
"""

from __future__ import annotations

from stdnum.is_ import kennitala

from scanners.identifiers.scheme import IdentifierScheme, day_month_ok, weighted_sum

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)


class IcelandicKennitala(IdentifierScheme):
    name = "is_kennitala"
    title = "Icelandic kennitala"
    country = "is"
    holder = "person"
    lengths = (10,)
    separators = "-"
    priority = 50
    chance = 0.003
    strong_separated = True
    header_words = ("kennitala",)
    context_words = r"kennitala"

    def check(self, token: str) -> bool:
        if len(token) != 10 or token[9] not in "089" or not token.isdigit():
            return False
        day = int(token[0:2])
        if day > 40:  # organisations
            day -= 40
        if not day_month_ok(day, int(token[2:4])):
            return False
        if weighted_sum(token[:9], _WEIGHTS) % 11 != 0:
            return False
        return bool(kennitala.is_valid(token))


SCHEME = IcelandicKennitala()
