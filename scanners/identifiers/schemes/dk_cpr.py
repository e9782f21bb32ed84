"""Danish CPR number: ``DDMMYY-SSSS``, the dash optional; the 7th digit and YY give the century.

Modulus 11 (weights 4,3,2,7,6,5,4,3,2,1) held for every number issued before October 2007;
some later ones fail it and are still real, so the check is the date (python-stdnum's
``dk.cpr``), and modulus 11 is what makes a bare number *plausible* rather than chance.
"""

from __future__ import annotations

from stdnum.dk import cpr

from scanners.identifiers.scheme import DAY_MONTH, Form, IdentifierScheme, weighted_sum

_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def modulus_ok(digits: str) -> bool:
    return weighted_sum(digits, _WEIGHTS) % 11 == 0


class DanishCpr(IdentifierScheme):
    name = "dk_cpr"
    title = "Danish CPR number"
    country = "dk"
    holder = "person"
    lengths = (10,)
    separators = "-"
    priority = 10
    chance = 0.03
    strong_separated = True
    header_words = ("cpr", "pnr", "personnummer", "personnr", "person_id")
    context_words = r"cpr|pnr|personnumm?er|personnr"

    def check(self, token: str) -> bool:
        if len(token) != 10 or token[:4] not in DAY_MONTH or not token.isdigit():
            return False
        return bool(cpr.is_valid(token))

    def plausible(self, digits: str) -> bool:
        return modulus_ok(digits)

    def proves_itself(self, token: str, form: Form) -> bool:
        # Written with a space, the date alone is not enough: modulus 11 must hold too.
        return form == "separated" or (form == "spaced" and modulus_ok(token))


SCHEME = DanishCpr()
