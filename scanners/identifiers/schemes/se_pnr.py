"""Swedish personnummer: ``YYMMDD-NNNC`` (``+`` from the 100th birthday), or 12 digits
``YYYYMMDDNNNC``; Luhn over the last ten. A samordningsnummer has day + 60 (python-stdnum
rejects those, so Luhn is checked directly). About 0.35% of random 10-digit numbers pass.
"""

from __future__ import annotations

import datetime as dt

from stdnum import luhn
from stdnum.se import personnummer

from scanners.identifiers.scheme import IdentifierScheme, day_month_ok, luhn_ok, real_date

# MMDD of a real month and day, or day + 60 (samordningsnummer): a cheap first test.
_MONTH_DAY = frozenset(
    f"{month:02d}{day + extra:02d}" for month in range(1, 13) for day in range(1, 32)
    for extra in (0, 60)
)  # fmt: skip


def _date_ok(digits10: str, century: str = "") -> bool:
    year, month, day = int(digits10[0:2]), int(digits10[2:4]), int(digits10[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    if not day_month_ok(day, month):
        return False
    years = (int(century + digits10[0:2]),) if century else (1900 + year, 2000 + year)
    today = dt.date.today()  # noqa: DTZ011 - a birth date is a calendar date where the scan runs
    return any(real_date(y, month, day) and dt.date(y, month, day) <= today for y in years)


class SwedishPersonnummer(IdentifierScheme):
    name = "se_pnr"
    title = "Swedish personnummer"
    country = "se"
    holder = "person"
    lengths = (10, 12)
    separators = "-+"
    priority = 30
    chance = 0.0035
    strong_separated = True
    header_words = ("pnr", "personnummer", "personnr", "person_id", "samordningsn")
    context_words = r"personnumm?er|personnr|pnr|samordningsnumm?er"

    def check(self, token: str) -> bool:
        if not token.isdigit():
            return False
        if len(token) == 12:
            century, digits10 = token[0:2], token[2:]
            if century not in ("18", "19", "20"):
                return False
        elif len(token) == 10:
            century, digits10 = "", token
        else:
            return False
        if digits10[2:6] not in _MONTH_DAY or not luhn_ok(digits10):
            return False
        if not _date_ok(digits10, century):
            return False
        if int(digits10[4:6]) <= 60 and len(token) == 10:
            return bool(personnummer.is_valid(digits10))
        return bool(luhn.is_valid(digits10))


SCHEME = SwedishPersonnummer()
