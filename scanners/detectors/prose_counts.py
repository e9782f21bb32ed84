"""table.small_cell in running text: a count of persons below the minimum written in a sentence.

A report or a paper's results section can give a small count away without any table: "On
Læsø there were 2 patients with the diagnosis". The rule looks for a whole number below the
minimum (in digits) followed by a word that counts people or events that happen to people
(patients, persons, deaths, women; patienter, personer, dødsfald, kvinder; the Swedish and
Norwegian forms), or a base stated as "(n = 2)". It stays silent where the number is not a
count of units:

- a reference ("Table 2 patients' characteristics", "model 2", "figur 1");
- a category or a threshold ("households with 2 children", "mindst 2 børn", "under 2
  personer"), a rate or a ratio ("2 patients per nurse", "2 personer pr. husstand");
- ages, durations and sizes ("2-year-old children", "2 years", "2 rooms": not person words);
- statistical output lines ("(2 observations deleted)": observations are rows, not persons),
  and anything that is not a sentence: aligned columns (a value-label listing "2 Kvinde"), a
  line of fewer than six words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanners.detectors.evidence import FindingCap
from scanners.model import RISK, Finding, HiddenPart, Policy, Table, TextBlock

# Words that count persons (or events that each belong to one person), singular and plural.
_UNITS = (
    # English
    "patients?|persons?|people|individuals?|respondents?|participants?|subjects?|cases?|deaths?|"
    "births?|women|woman|men|man|boys?|girls?|children|child|citizens?|residents?|employees?|"
    "students?|pupils?|users?|clients?|mothers?|fathers?|infants?|newborns?|"
    # Danish
    "patienter|personer|individer|respondenter|deltagere|deltager|tilfælde|dødsfald|fødsler|"
    "fødsel|kvinder|kvinde|mænd|mand|drenge|dreng|piger|pige|børn|barn|borgere|borger|"
    "indbyggere|beboere|ansatte|elever|elev|studerende|brugere|klienter|mødre|fædre|"
    # Swedish
    "kvinnor|kvinna|män|flickor|flicka|pojkar|pojke|dödsfall|fall|invånare|anställda|elever|"
    # Norwegian
    "pasienter|pasient|kvinner|menn|jenter|jente|gutter|gutt|tilfeller|innbyggere|ansatte"
)
_COUNT = re.compile(
    rf"(?<![\w.,/-])(?P<number>\d{{1,2}})[ \u00a0](?:(?:\w+)[ \u00a0])?(?P<unit>{_UNITS})\b"
    r"(?!\s*(?:per|pr\.?|/))",
    re.IGNORECASE,
)
# A base stated in a sentence, "(n = 2)", "n=1": the number of units a figure is computed on.
# Not a threshold ("n < 5") and not the start of a larger number ("n = 1 204", "n = 12.345").
_STATED_N = re.compile(
    r"(?<![\w.])[nN]\s?=\s?(?P<number>\d{1,2})(?![\d%]|[.,]\d|[ \u00a0\u202f.,]\d{3}\b)"
    # ... unless the word after says what else n counts ("n = 2 clusters", "n = 3 grupper")
    r"(?!\s+(?:clusters?|groups?|classes|components?|factors?|levels?|models?|lags?|folds?|"
    r"grupper|klynger|kluster|klasser|komponenter|faktorer|niveauer|modeller)\b)",
    re.IGNORECASE,
)
# A share written out, "1 af 2", "2 of 40", "2 ud af 3": its part (or what is left of its whole)
# is a count. Only in a sentence that names persons (a unit word, or its definite form:
# "patienterne", "kvinnorna", "pasientene").
_K_OF_N = re.compile(
    r"(?<![\w.,/-])(?P<part>\d{1,3})[ \u00a0](?:ud[ \u00a0]af|out[ \u00a0]of|af|of|av|utav)"
    r"[ \u00a0](?P<whole>\d{1,3}(?:[.,\u00a0 ]\d{3})*)(?![\d%]|[.,]\d)",
    re.IGNORECASE,
)
# ... unless the word after the whole says it counts things, not persons ("2 af 5 folds").
_THINGS_AFTER = re.compile(
    r"[ \u00a0](?:clusters?|groups?|classes|components?|factors?|levels?|models?|lags?|folds?|"
    r"runs?|iterations?|imputations?|datasets?|samples?|years?|months?|weeks?|days?|hours?|"
    r"grupper|klynger|kluster|klasser|komponenter|faktorer|niveauer|modeller|kørsler|"
    r"iterationer|imputationer|datasæt|år|måneder|uger|dage|timer|dagar|veckor|månader|dager|"
    r"uker|items?|questions?|spørgsmål|frågor|kommuner|regioner|fylker|län|municipalities|"
    r"regions|counties|countries|lande|länder|hospitals?|hospitaler|sygehuse|sjukhus)\b",
    re.IGNORECASE,
)
_UNIT_WORD = re.compile(rf"\b(?:{_UNITS})(?:erne|ene|arna|orna|ne|na|en|et)?\b", re.IGNORECASE)
# Words before a share that make it a place in a sequence: "side 1 af 2", "step 2 of 3".
_NOT_A_SHARE_BEFORE = re.compile(
    r"\b(?:side|sida|page|p|figur|figure|fig|tabel|table|tabell|trin|step|steg|bilag|appendix|"
    r"kapitel|chapter|kapittel|del|part|spørgsmål|question|fråga|item|model|modell|runde|round|"
    r"omgang|iteration|fold|nr|no)\.?\s*$",
    re.IGNORECASE,
)
# Words just before the number that make it a reference, a category or a threshold.
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:table|tabel|tabell|figure|figur|fig|model|modell|appendix|bilag|chapter|kapitel|"
    r"kapittel|section|afsnit|avsnitt|step|trin|steg|nr|no|number|nummer|with|med|without|uden|"
    r"utan|uten|least|mindst|minst|most|højst|högst|høyst|than|end|än|enn|over|under|above|"
    r"below|op til|up to|upp till|opp til|aged?|alder|ålder|age)\.?\s*|[<>≤≥=±])$",
    re.IGNORECASE,
)
# Output lines of statistical software, where counts of rows are the program's own report.
_PROGRAM_LINE = re.compile(r"^\s*[(.]|observations?|obs\b|missing values?|changes? made", re.I)
# Adjectives allowed between the number and the unit ("2 new patients", "2 danske kvinder").
_BETWEEN = re.compile(r"^[^\W\d_]{2,20}$")
# A sentence: enough words of letters (an aligned listing of codes and labels is not prose).
_WORD = re.compile(r"[^\W\d_]{2,}")
_PROSE_WORDS = 6


class ProseCountDetector:
    def __init__(self, policy: Policy) -> None:
        self.minimum = policy.min_cell_count
        self.cap = FindingCap()

    def feed_table(self, table: Table) -> None:
        return None

    def feed_hidden(self, part: HiddenPart) -> None:
        return None

    def feed_text(self, block: TextBlock) -> None:
        text = block.text
        if not any(c.isdigit() for c in text) or _PROGRAM_LINE.search(text):
            return
        if len(_WORD.findall(text)) < _PROSE_WORDS or "  " in text.strip():
            return  # not a sentence: a table row, a label list, aligned output
        for match in _COUNT.finditer(text):
            value = int(match["number"])
            if not 0 < value < self.minimum:
                continue
            between = text[match.end("number") : match.start("unit")].strip()
            if between and not _BETWEEN.match(between):
                continue
            if _NOT_A_COUNT_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
                continue
            words = text[match.start() : match.end()]
            self.cap.add(block.location, self._finding(block, value, words))
        for match in _K_OF_N.finditer(text):
            self._share(block, text, match)
        for match in _STATED_N.finditer(text):
            value = int(match["number"])
            if 0 < value < self.minimum:
                words = text[match.start() : match.end()]
                self.cap.add(block.location, self._finding(block, value, words))

    def _share(self, block: TextBlock, text: str, match: re.Match[str]) -> None:
        """``1 af 2``: the part, or the rest of the whole, below the minimum is a small count."""
        part = int(match["part"])
        whole = int(re.sub(r"\D", "", match["whole"]))
        if not 0 < part <= whole:
            return
        rest = whole - part
        small = part if part < self.minimum else rest if 0 < rest < self.minimum else None
        if small is None or not _UNIT_WORD.search(text) or _THINGS_AFTER.match(text, match.end()):
            return
        if _NOT_A_SHARE_BEFORE.search(text[max(0, match.start() - 14) : match.start()]):
            return
        self.cap.add(block.location, self._finding(block, small, match.group()))

    def _finding(self, block: TextBlock, value: int, words: str) -> Finding:
        return Finding(
            code="table.small_cell",
            severity=RISK,
            location=block.location,
            message=(
                f"Count {value} (in the text: '{words}') is below the minimum of "
                f"{self.minimum} observations per cell: a sentence that counts fewer than "
                f"{self.minimum} persons gives them away as a table cell would. Write it as "
                f"fewer than {self.minimum}, or leave the count out."
            ),
            evidence=words,
        )

    def findings(self) -> Iterator[Finding]:
        yield from self.cap.findings()
