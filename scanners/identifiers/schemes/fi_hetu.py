"""Finnish personal identity code (HETU): ``DDMMYY``, a century sign (``+ - A..F U..Y``), three
digits and a check character (modulus 31). It is always written with its sign, which is part of
the token; it proves itself. Individual numbers 900-999 are temporary codes (given in health
care to a person who has no permanent one yet): python-stdnum rejects them unless asked, but
they name a person all the same.
"""

from __future__ import annotations

from stdnum.fi import hetu

from scanners.identifiers.scheme import Form, IdentifierScheme, day_month_ok

SIGNS = "+-ABCDEFUVWXYabcdefuvwxy"


class FinnishHetu(IdentifierScheme):
    name = "fi_hetu"
    title = "Finnish personal identity code (HETU)"
    country = "fi"
    holder = "person"
    lengths = ()  # never bare digits
    separators = SIGNS
    priority = 40
    chance = 0.0001
    strong_separated = True
    header_words = ("hetu", "henkil")
    context_words = r"\bhetu\b|henkil[öo]tunnus"

    def check(self, token: str) -> bool:
        if len(token) != 11 or token[6] not in SIGNS or not token[:6].isdigit():
            return False
        if not day_month_ok(int(token[0:2]), int(token[2:4])):
            return False
        return bool(hetu.is_valid(token.upper(), allow_temporary=True))

    def separated_token(self, written: str) -> str:
        return written  # the sign is part of the number

    def proves_itself(self, token: str, form: Form) -> bool:
        return True


SCHEME = FinnishHetu()
