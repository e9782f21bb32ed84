"""Danish CVR number: 8 digits, no leading 0, modulus 11 (weights 2,7,6,5,4,3,2,1).

About 9% of random 8-digit numbers pass; phone numbers and YYYYMMDD dates look alike.
"""

from __future__ import annotations

from stdnum.dk import cvr

from scanners.identifiers.scheme import IdentifierScheme, weighted_sum

_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


class DanishCvr(IdentifierScheme):
    name = "dk_cvr"
    title = "Danish CVR number"
    country = "dk"
    holder = "firm"
    lengths = (8,)
    priority = 60
    chance = 0.09
    header_words = ("cvr",)
    context_words = r"cvr|\bse-?nr|virksomhedsnummer|arbgnr|arbgivnr"

    def check(self, token: str) -> bool:
        if len(token) != 8 or token[0] == "0" or not token.isdigit():
            return False
        if weighted_sum(token, _WEIGHTS) % 11 != 0:
            return False
        return bool(cvr.is_valid(token))


SCHEME = DanishCvr()
