"""Danish P-number (production unit): 10 digits starting with 1, modulus 11 with the CPR weights.

The Danish Business Authority says a batch of P-numbers was issued with wrong weights; we do
not know those weights, so such numbers are caught only by column name (``pnummer``, ``arbnr``)
and uniqueness, not by this check. python-stdnum has no P-number module.
"""

from __future__ import annotations

from scanners.identifiers.scheme import IdentifierScheme, weighted_sum

_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


class DanishPNumber(IdentifierScheme):
    name = "dk_pnum"
    title = "Danish P-number (production unit)"
    country = "dk"
    holder = "firm"
    lengths = (10,)
    priority = 90
    chance = 0.01
    header_words = ("pnummer", "p_nummer", "p_nr", "arbnr", "penhed", "produktionsenhed")
    context_words = r"p-nummer|pnummer|p-nr\b|produktionsenhed|\barbnr"

    def check(self, token: str) -> bool:
        return (
            len(token) == 10
            and token[0] == "1"
            and token.isdigit()
            and weighted_sum(token, _WEIGHTS) % 11 == 0
        )


SCHEME = DanishPNumber()
