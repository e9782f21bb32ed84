"""Norwegian organisasjonsnummer: 9 digits starting with 8 or 9, modulus 11 (3,2,7,6,5,4,3,2)."""

from __future__ import annotations

from stdnum.no import orgnr

from scanners.identifiers.scheme import IdentifierScheme


class NorwegianOrgnr(IdentifierScheme):
    name = "no_orgnr"
    title = "Norwegian organisation number"
    country = "no"
    holder = "firm"
    lengths = (9,)
    priority = 70
    chance = 0.09
    header_words = ("orgnr", "org_nr", "organisasjonsn", "organisa")
    context_words = r"orgnr|org\.\s?nr|organisasjonsnumm?er|organi[sz]a\w{0,6}n(?:umme)?r"

    def check(self, token: str) -> bool:
        if len(token) != 9 or token[0] not in "89" or not token.isdigit():
            return False
        return bool(orgnr.is_valid(token))


SCHEME = NorwegianOrgnr()
