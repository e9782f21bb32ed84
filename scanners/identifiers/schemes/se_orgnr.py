"""Swedish organisationsnummer: 10 digits, the 3rd-4th at least 20 (so that a personnummer is
never also one), Luhn. About 10% of random numbers of that shape pass.
"""

from __future__ import annotations

from stdnum.se import orgnr

from scanners.identifiers.scheme import IdentifierScheme, luhn_ok


class SwedishOrgnr(IdentifierScheme):
    name = "se_orgnr"
    title = "Swedish organisation number"
    country = "se"
    holder = "firm"
    lengths = (10,)
    priority = 80
    chance = 0.1
    header_words = ("orgnr", "org_nr", "organisationsn", "peorgnr")
    context_words = r"orgnr|org\.\s?nr|organisationsnumm?er"

    def check(self, token: str) -> bool:
        if len(token) != 10 or token[2] < "2" or not token.isdigit():
            return False
        return luhn_ok(token) and bool(orgnr.is_valid(token))


SCHEME = SwedishOrgnr()
