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


# Plain decimals with the file's decimal mark ("12.5" or "12,5"): converted in bulk.
_PLAIN_DECIMAL = {
    ".": re.compile(r"[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+|"),
    ",": re.compile(r"[-+]?(?:0|[1-9][0-9]*)?,[0-9]+|"),
}
# The same for a whole column joined by line breaks (one match instead of one per cell).
_PLAIN_DECIMALS = {
    mark: re.compile(f"(?:{pattern.pattern})(?:\n(?:{pattern.pattern}))*")
    for mark, pattern in _PLAIN_DECIMAL.items()
}
_LONGEST_NUMBER = 24  # ``parse_cell`` keeps longer text as text
_LONGEST_INTEGER = 18


def parse_column(cells: list[str], *, decimal: str = ".") -> list[Any]:
    """``[parse_cell(c, decimal=decimal) for c in cells]``, fast for the usual columns.

    A column of plain non-negative integers, or of plain decimals with the file's decimal mark
    (empty cells allowed), is converted in bulk, also below a header cell; any other column
    cell by cell, each distinct text once.
    """
    values = _in_bulk(cells, decimal)
    if values is not None:
        return values
    if len(cells) > 1:  # a header cell above a column of numbers
        below = _in_bulk(cells[1:], decimal)
        if below is not None:
            return [parse_cell(cells[0], decimal=decimal), *below]
    cache: dict[str, Any] = {}
    values = []
    for cell in cells:
        if cell in cache:
            values.append(cache[cell])
        else:
            values.append(cache.setdefault(cell, parse_cell(cell, decimal=decimal)))
    return values


def _in_bulk(cells: list[str], decimal: str) -> list[Any] | None:
    """The column's values when it is plain integers or plain decimals, else None."""
    longest = max(map(len, cells), default=0)
    if not 0 < longest <= _LONGEST_NUMBER:
        return None
    digits = "".join(cells)
    if digits.isdigit() and digits.isascii() and longest <= _LONGEST_INTEGER:
        if "\n0" not in "\n" + "\n".join(cells) or not any(
            len(c) > 1 and c[0] == "0" for c in cells
        ):  # a leading zero keeps a code (or an identifier) as text
            if "" in cells:
                return [int(c) if c else None for c in cells]
            return list(map(int, cells))
    pattern = _PLAIN_DECIMAL.get(decimal)
    if pattern is None or decimal not in digits:
        return None
    joined = "\n".join(cells)
    if joined.count("\n") == len(cells) - 1:  # no line break in a cell: one match for all
        if not _PLAIN_DECIMALS[decimal].fullmatch(joined):
            return None
    elif not all(map(pattern.fullmatch, cells)):
        return None
    if "" in cells:
        if decimal == ",":
            return [float(c.replace(",", ".")) if c else None for c in cells]
        return [float(c) if c else None for c in cells]
    if decimal == ",":
        return list(map(float, joined.replace(",", ".").split("\n")))
    return list(map(float, cells))


def _number(text: str) -> int | float:
    number = float(text)
    if "." not in text and number.is_integer():
        return int(number)
    return number


def is_number_text(text: str) -> bool:
    return not isinstance(parse_cell(text), str) and bool(text.strip())


def guess_decimal(cells: list[str]) -> str:
    """ "," when values like ``12,5`` occur and ``12.5`` do not (a Danish export)."""
    texts = [c.strip().removesuffix("%").rstrip() for c in cells]
    # "305.536,5" and "38,4 %" are Danish too; "24.512" alone may be either (not counted).
    comma = sum(1 for c in texts if re.fullmatch(r"-?(?:\d+|\d{1,3}(?:\.\d{3})+),\d+", c))
    dot = sum(
        1
        for c in texts
        if re.fullmatch(r"-?(?:\d+|\d{1,3}(?:,\d{3})+)\.\d+", c)
        and not re.fullmatch(r"-?\d{1,3}\.\d{3}", c)
    )
    return "," if comma > dot else "."
