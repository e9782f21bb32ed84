"""Which country's language a file is written in: the context that tells two schemes apart.

A number valid both as a Danish CPR and as a Swedish personnummer (or an Icelandic kennitala)
is most likely the one of the country whose words surround it. ``CountryTally`` counts, over
what the detectors are fed (text, table names, headers and text cells), words that only one of
the Nordic languages uses, and the scheme-naming words (``cpr``, ``kennitala``...). It reads a
bounded amount (``BUDGET_CHARS`` per file, ``BLOCK_CHARS`` per block): context is settled by
the first pages, and a large file must not pay for it twice.
"""

from __future__ import annotations

import re
from collections import defaultdict

BLOCK_CHARS = 64 * 1024
BUDGET_CHARS = 1024 * 1024

# Frequent words, and the words of register statistics, that one language has and its
# neighbours do not (Danish and Norwegian share much: only the words that differ count).
COUNTRY_WORDS: dict[str, frozenset[str]] = {
    "dk": frozenset(
        {
            "og",
            "cpr",
            "cprnr",
            "antal",
            "indkomst",
            "køn",
            "koen",
            "efter",
            "nogen",
            "mellem",
            "hvad",
            "af",
            "ikke",
            "kommune",
            "kommuner",
            "bopæl",
            "uddannelse",
            "husstand",
            "personer",
            "danmarks",
            "statistik",
            "dst",
            "forskermaskinen",
            "registre",
            "borgere",
            "årsag",
            "lønmodtagere",
            "arbejdsløse",
            "fødselsdato",
            "børn",
            "også",
            "være",
            "gennemsnit",
            "cvr",
            "cvrnr",
            "virksomheder",
            "region",
            "hovedstaden",
            "sjælland",
            "syddanmark",
            "midtjylland",
            "nordjylland",
            "aarhus",
            "odense",
            "aalborg",
            "københavn",
            "i_alt",
        }
    ),
    "se": frozenset(
        {
            "och",
            "inte",
            "av",
            "är",
            "för",
            "som",
            "kön",
            "ålder",
            "inkomst",
            "län",
            "kommun",
            "antal",
            "personnummer",
            "samordningsnummer",
            "folkbokförd",
            "folkbokföring",
            "hushåll",
            "utbildning",
            "sverige",
            "svenska",
            "scb",
            "mona",
            "lopnr",
            "efter",
            "mellan",
            "eller",
            "också",
            "vara",
            "barn",
            "stockholm",
            "göteborg",
            "malmö",
            "uppsala",
            "totalt",
            "summa",
            "medelvärde",
            "orgnr",
            "organisationsnummer",
            "företag",
        }
    ),
    "no": frozenset(
        {
            "og",
            "antall",
            "inntekt",
            "kjønn",
            "alder",
            "fylke",
            "kommune",
            "etter",
            "noen",
            "mellom",
            "ikke",
            "ikkje",
            "også",
            "være",
            "barn",
            "husholdning",
            "utdanning",
            "norge",
            "norsk",
            "ssb",
            "fødselsnummer",
            "fodselsnummer",
            "fnr",
            "dnr",
            "bydel",
            "oslo",
            "bergen",
            "trondheim",
            "stavanger",
            "totalt",
            "organisasjonsnummer",
            "foretak",
            "virksomheter",
        }
    ),
    "fi": frozenset(
        {
            "ja",
            "on",
            "ei",
            "kunta",
            "tulot",
            "sukupuoli",
            "ikä",
            "vuosi",
            "henkilötunnus",
            "hetu",
            "suomi",
            "tilastokeskus",
            "yhteensä",
            "määrä",
            "keskiarvo",
            "helsinki",
            "espoo",
            "tampere",
            "turku",
            "koulutus",
            "kotitalous",
        }
    ),
    "is": frozenset(
        {
            "og",
            "ekki",
            "kennitala",
            "sveitarfélag",
            "fjöldi",
            "tekjur",
            "kyn",
            "aldur",
            "ár",
            "ísland",
            "hagstofa",
            "reykjavík",
            "samtals",
            "einstaklingar",
            "fyrirtæki",
        }
    ),
}
# Words two languages share still say "not the others": half a point to each.
_WORD_COUNTRIES: dict[str, tuple[str, ...]] = {}
for _country, _words in COUNTRY_WORDS.items():
    for _word in _words:
        _WORD_COUNTRIES[_word] = (*_WORD_COUNTRIES.get(_word, ()), _country)

# Letters that only some of the languages write.
_LETTERS = {"æ": ("dk", "no"), "ø": ("dk", "no"), "ä": ("se", "fi"), "ö": ("se", "fi", "is"),
            "ð": ("is",), "þ": ("is",)}  # fmt: skip
_WORD = re.compile(r"[a-zæøåäöüðþáéíóúý_]+")


class CountryTally:
    """Points per country for the language of what has been read so far."""

    def __init__(self) -> None:
        self.points: defaultdict[str, float] = defaultdict(float)
        self._read = 0

    def add(self, text: str) -> None:
        room = min(BUDGET_CHARS - self._read, BLOCK_CHARS)
        if room <= 0 or not text:
            return
        piece = text[:room].lower()
        self._read += len(piece)
        for word in _WORD.findall(piece):
            countries = _WORD_COUNTRIES.get(word)
            if countries:
                share = 1.0 / len(countries)
                for country in countries:
                    self.points[country] += share
        for letter, countries in _LETTERS.items():
            seen = piece.count(letter)
            if seen:
                for country in countries:
                    self.points[country] += 0.25 * min(seen, 40) / len(countries)

    def weight(self, country: str) -> float:
        """This country's points: the more of its words, the likelier its schemes."""
        return self.points.get(country, 0.0)
