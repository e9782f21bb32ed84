"""What one table cell holds: a number (Danish or English notation), a suppression mark, a date.

Readers hand over cells as read (str, int, float, None, datetime); CSV cells are usually
strings, spreadsheet and data-file cells usually numbers. Everything here is cheap and
allocation-light because it runs once per sampled cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

_NUMBER = re.compile(
    r"^[-+\u2212]?(?:\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+|(?=[.,]\d))(?:[.,]\d+)?"
    r"(?:[eE][-+]?\d+)?\s*%?$"
)  # SPSS and Stata drop the leading zero: ".55", "-.054", ".0%"
_MARKER_LESS_THAN = re.compile(r"^<\s*\d{1,2}$")
SUPPRESSION_MARKS = frozenset({
    ".", "..", "...", "x", "xx", "*", "**", "***", "-", "--", "\u2013", "\u2014", ":", "(x)",
    "(s)", "[s]", "s", "§", "#", "n.a.", "na", "<na>",
})  # fmt: skip
_FULL_DATE = re.compile(
    r"^(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))"
    # a time of day as survey tools write it: 08:01, 08:01:49.123, 8:01:49 AM, T08:01:49Z
    r"(?:,?[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d{1,6})?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|CET|CEST)?)?$"
)
_MONTH_NAMES = "jan|feb|mar|apr|maj|mai|may|jun|jul|aug|sep|okt|oct|nov|dec|des"
# Stata and SAS: 05mar1987, 05MAR1987; SPSS and PSPP (DATE11): 05-MAR-1987; 5 Mar 1987.
_MONTH_NAME_DATE = re.compile(
    rf"^\d{{1,2}}(?:[a-z]{{3}}|([-. ])(?:{_MONTH_NAMES})\.?\1)\d{{4}}$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    is_integer: bool
    is_percent: bool = False


def parse_number(value: Any) -> Number | None:
    """The number a cell shows, or None. ``"1.234"`` and ``"1 234"`` are thousands (Danish
    notation), ``"12,5"`` is a decimal; ``"1.01E+09"`` is parsed as Excel shows it."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Number(float(value), True)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return Number(value, value.is_integer())
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 40 or not _NUMBER.match(text):
        return None
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    text = text.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    mantissa, exponent = text, ""
    for mark in ("e", "E"):
        if mark in text:
            mantissa, _, rest = text.partition(mark)
            exponent = "e" + rest
    normal = _normalise_separators(mantissa)
    try:
        number = float(normal + exponent)
    except ValueError:
        return None
    if math.isinf(number):
        return None
    return Number(number, number.is_integer() and ("." not in normal or exponent != ""), percent)


def _normalise_separators(text: str) -> str:
    """Turn Danish/English thousands and decimal marks into a Python float literal."""
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return text.replace(thousands, "").replace(decimal, ".")
    mark = "." if has_dot else "," if has_comma else ""
    if not mark:
        return text
    head, *groups = text.split(mark)
    digits_head = head.lstrip("+-")
    if len(groups) > 1:  # 1.234.567
        return text.replace(mark, "")
    if len(groups[0]) == 3 and digits_head not in ("", "0"):
        return text.replace(mark, "")  # 1.234 = 1234 in Danish notation
    return head + "." + groups[0]


def is_suppression_mark(value: Any) -> bool:
    """A cell deliberately not shown: ".", "..", "x", "*", "<3", "-" and the like."""
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text in SUPPRESSION_MARKS or bool(_MARKER_LESS_THAN.match(text))


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def is_full_date(value: Any) -> bool:
    """A day-precise date (a birth date is a quasi-identifier); a year alone is not."""
    if isinstance(value, dt.datetime):
        return not (value.hour == 0 and value.minute == 0 and value.month == 1 and value.day == 1)
    if isinstance(value, dt.date):
        return not (value.month == 1 and value.day == 1)
    if not isinstance(value, str) or not 7 <= len(value) <= 32:
        return False
    text = value.strip()
    match = _FULL_DATE.match(text)
    if match:
        y1, m1, d1, d2, m2, y2 = match.groups()
        year, month, day = (y1, m1, d1) if y1 else (y2, m2, d2)
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return False
        return True
    return bool(_MONTH_NAME_DATE.match(text))


def full_date(value: Any) -> dt.date | None:
    """The day a cell holds ("2022-01-03", "03-01-2022", a date or datetime), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not 7 <= len(value) <= 32:
        return None
    match = _FULL_DATE.match(value.strip())
    if not match:
        return None
    y1, m1, d1, d2, m2, y2 = match.groups()
    year, month, day = (y1, m1, d1) if y1 else (y2, m2, d2)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def cell_text(value: Any) -> str:
    """A cell as a label: integral floats without ".0", empty for None/NaN."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
