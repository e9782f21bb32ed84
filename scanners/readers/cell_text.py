"""Turning the text of a cell into the value a detector can count with.

Numbers become int or float (with the file's decimal mark: Danish files write ``1.234,5``);
anything with a leading zero stays text, so ``0101801234`` keeps the zero an identifier needs.
"""

from __future__ import annotations

import re
from typing import Any

_INTEGER = re.compile(r"[-+]?(?:0|[1-9]\d{0,17})")
_DOT_DECIMAL = re.compile(
    r"[-+]?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)?\.\d+|[-+]?[1-9]\d{0,2}(?:,\d{3})+"
)
_COMMA_DECIMAL = re.compile(
    r"[-+]?(?:0|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d*)?,\d+|[-+]?[1-9]\d{0,2}(?:\.\d{3})+"
)


def parse_cell(text: str, *, decimal: str = ".") -> Any:
    """``""`` -> None, ``"12"`` -> 12, ``"12,5"`` -> 12.5 (decimal ","), else the stripped text."""
    value = text.strip()
    if not value:
        return None
    if len(value) > 24 or not (value[0].isdigit() or value[0] in "+-.,"):
        return value
    if value.isdigit() and value.isascii():
        return int(value) if value[0] != "0" or len(value) == 1 else value
    if _INTEGER.fullmatch(value):
        return int(value)
    if decimal == ",":
        if _COMMA_DECIMAL.fullmatch(value):
            return _number(value.replace(".", "").replace(",", "."))
    elif _DOT_DECIMAL.fullmatch(value):
        return _number(value.replace(",", ""))
    return value


def _number(text: str) -> int | float:
    number = float(text)
    if "." not in text and number.is_integer():
        return int(number)
    return number


def is_number_text(text: str) -> bool:
    return not isinstance(parse_cell(text), str) and bool(text.strip())


def guess_decimal(cells: list[str]) -> str:
    """ "," when values like ``12,5`` occur and ``12.5`` do not (a Danish export)."""
    comma = sum(1 for c in cells if re.fullmatch(r"-?\d+,\d+", c.strip()))
    dot = sum(1 for c in cells if re.fullmatch(r"-?\d+\.\d+", c.strip()))
    return "," if comma > dot else "."
