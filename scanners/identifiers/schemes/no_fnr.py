"""Norwegian fødselsnummer and D-number: 11 digits, ``DDMMYY`` (day + 40 for a D-number, month
+ 40 for an H-number) + 3 digits + two modulus-11 check digits. Rare by chance (~0.1%).
"""

from __future__ import annotations

from stdnum.no import fodselsnummer

from scanners.identifiers.scheme import IdentifierScheme, day_month_ok


class NorwegianFodselsnummer(IdentifierScheme):
    name = "no_fnr"
    title = "Norwegian fødselsnummer/D-number"
    country = "no"
    holder = "person"
    lengths = (11,)
    priority = 20
    chance = 0.001
    strong_bare = True
    header_words = ("fnr", "fodsels", "fødsels", "dnr")
    context_words = r"f[øo]dselsn(?:umme)?r|\bfnr\b|d-nummer"

    def check(self, token: str) -> bool:
        if len(token) != 11 or not token.isdigit():
            return False
        day, month = int(token[0:2]), int(token[2:4])
        if day > 40:  # D-number
            day -= 40
        if month > 40:  # H-number (health services)
            month -= 40
        if not day_month_ok(day, month):
            return False
        return bool(fodselsnummer.is_valid(token))


SCHEME = NorwegianFodselsnummer()
