"""What a finding may show of the content: masked identifiers, and a cap on how many we list.

Evidence ends up in the database and on the reviewer's screen, outside the secure zone's
microdata, so it must never hold a whole identifier (docs/design.md): ``231285-1234`` is shown as
``2312**-****``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scanners.model import Finding

SHOWN_PREFIX = 4
# Enough locations for the researcher to find the problem; the rest are counted.
LOCATIONS_PER_CODE_AND_TABLE = 5


def mask_identifier(text: str) -> str:
    """Keep the first four characters, replace every later letter or digit by ``*``."""
    kept = text[:SHOWN_PREFIX]
    rest = "".join("*" if ch.isalnum() else ch for ch in text[SHOWN_PREFIX:])
    return kept + rest


def short_evidence(value: object, limit: int = 40) -> str:
    text = str(value).strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class FindingCap:
    """Keeps the first few findings per (code, place) and counts the rest.

    ``summary()`` yields one extra finding per capped group saying how many more there were,
    so a table with 3,000 small cells gives six findings, not 3,000.
    """

    def __init__(self, limit: int = LOCATIONS_PER_CODE_AND_TABLE) -> None:
        self.limit = limit
        self._kept: list[Finding] = []
        self._seen: Counter[tuple[str, str]] = Counter()
        self._first: dict[tuple[str, str], Finding] = {}

    def add(self, place: str, finding: Finding) -> None:
        key = (finding.code, place)
        self._seen[key] += 1
        if self._seen[key] <= self.limit:
            self._kept.append(finding)
            self._first.setdefault(key, finding)

    def findings(self) -> Iterator[Finding]:
        yield from self._kept
        for (code, place), count in self._seen.items():
            extra = count - self.limit
            if extra > 0:
                first = self._first[(code, place)]
                yield Finding(
                    code=code,
                    severity=first.severity,
                    location=place,
                    message=(
                        f"{extra} more like this in {place} ({count} in all; the first "
                        f"{self.limit} are listed). {_what_to_do(first.message)}"
                    ),
                    evidence="",
                )


def _what_to_do(message: str) -> str:
    """The advice sentence(s) of a message: everything after its first sentence."""
    _, _, advice = message.partition(". ")
    return advice
