"""What a research-services officer would conclude about each file of the real corpus.

Every generated file carries a ``Label``: ``clean`` (may leave as it is), ``risk`` (must be
stopped: the finding codes that explain why are listed, any one of them is enough) or
``review`` (the file cannot be judged from its content, e.g. a chart drawn from a table that is
not in the file: it must go to a person, never pass as clean). ``reason`` says why, in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

CLEAN: Final = "clean"
RISK: Final = "risk"
REVIEW: Final = "review"
Expectation = Literal["clean", "risk", "review"]

SMALL_CELL: Final = "table.small_cell"
MICRODATA: Final = "microdata"
IDENTIFIER: Final = "identifier"


@dataclass(frozen=True)
class Label:
    name: str  # file name in the generator's folder; unique over the whole corpus (the file id)
    expect: Expectation
    reason: str
    # For ``risk``: finding-code prefixes, any one of which explains the risk.
    codes: tuple[str, ...] = ()
    # Risk codes that would misexplain the file (a Danish CPR reported as a Swedish number).
    not_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.expect == RISK) != bool(self.codes):
            raise ValueError(f"{self.name}: a risk label needs codes, other labels none")

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower()

    @property
    def families(self) -> frozenset[str]:
        return frozenset(code.split(".", 1)[0] for code in self.codes)


def clean(name: str, reason: str) -> Label:
    return Label(name, CLEAN, reason)


def risk(name: str, reason: str, *codes: str, not_codes: tuple[str, ...] = ()) -> Label:
    return Label(name, RISK, reason, codes, not_codes)


def review(name: str, reason: str) -> Label:
    return Label(name, REVIEW, reason)
