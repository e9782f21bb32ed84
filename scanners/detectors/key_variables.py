"""Names of key variables (pseudonymised person, family, firm and address keys).

From docs/transfer-rules.md ("Key variables that must not appear as column headers"), matched
case-insensitively, with optional register prefixes (``C_FAMILIE_ID``, ``P1105_LopNr``,
``w19_0634_lnr``) and role words around them (``mor_pnr``, ``pnr_2019``).

A name that *counts* keys is not a key: ``antal_pnr``, ``pnr_count``, ``n_pnr`` hold numbers of
persons, which the table rules judge like any other count. We chose this because a column of
counts cannot be joined back to a person, while flagging it would make every "number of
persons" column a risk and teach researchers to ignore the warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

KEY_VARIABLES = frozenset({
    # Denmark
    "pnr", "cpr", "cprnr", "cpr_nr", "cpr_nummer", "cprnummer", "person_id", "personid",
    "cvr", "cvrnr", "cvr_nr", "cvr_nummer", "cvrnummer", "arbgnr", "arbgivnr", "arbnr",
    "lbnr", "senr", "se_nr", "familie_id", "familieid", "aegte_id", "mor_id", "far_id",
    "barn_id", "e_faelle_id", "bopikom", "opgikom", "adresse_id", "adresseid", "pnummer",
    "p_nummer", "p_nr", "personnummer", "personnr",
    # Sweden (MONA)
    "lopnr", "lopnr_personnr", "lopnr_famid", "lopnr_peorgnr", "lopnr_cfarnr",
    "lopnr_arbstid", "peorgnr", "cfarnr", "arbstid", "famid",
    # Norway (SSB)
    "lnr", "mor_lnr", "far_lnr", "fnr", "fodselsnr", "fodselsnummer", "fødselsnummer",
    "fødselsnr", "dnr", "orgnr", "org_nr", "organisasjonsnummer", "organisationsnummer",
    # Finland, Iceland
    "hetu", "henkilotunnus", "henkilötunnus", "kennitala",
})  # fmt: skip

_PREFIX = re.compile(r"^(?:[a-z]{1,2}_|p\d{3,5}_|w\d{2}_\d{3,5}_|w\d{2}_)+")
_SPLIT = re.compile(r"[^0-9a-zæøåäöü]+")
# A name with one of these counts or summarises keys rather than holding them.
_AGGREGATE_TOKENS = frozenset({
    "antal", "count", "cnt", "n", "nunique", "distinct", "ndistinct", "unique", "uniq", "sum",
    "mean", "andel", "pct", "share", "number", "no", "nobs", "freq", "total", "antall",
    "missing", "miss", "valid", "har", "has", "flag",
})  # fmt: skip


def key_variable_in(label: str, extra: Iterable[str] = ()) -> str | None:
    """The key variable a column header names, in lower case, or None."""
    low = label.strip().strip("\"'").lower()
    if not low or len(low) > 64:
        return None
    keys = KEY_VARIABLES | {name.lower() for name in extra}
    if low in keys:
        return low
    normal = "_".join(t for t in _SPLIT.split(low) if t)
    if normal in keys:
        return normal
    if any(part in _AGGREGATE_TOKENS for part in normal.split("_")):
        return None  # n_pnr, antal_pnr, pnr_count: a number of persons, not a key
    stripped = _PREFIX.sub("", normal)
    if stripped in keys:
        return stripped
    parts = [t for t in stripped.split("_") if t]
    for start in range(len(parts)):
        for end in range(min(len(parts), start + 3), start, -1):
            candidate = "_".join(parts[start:end])
            if candidate in keys:
                return candidate
    return None
