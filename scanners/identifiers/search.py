"""Identifier-shaped tokens in text: a C-speed pre-filter, then one pattern on what it finds.

The shapes (every scheme's written forms): a run of 8 to 12 digits, ``DDMMYY-SSSS`` and
``DDMMYY+SSSS``, ``DDMMYY SSSS``, and a HETU (``DDMMYY``, a century letter, three digits and a
check character). A token must stand alone: not inside a word, a longer number, a decimal
(``12345678.5``), a path or a date written with dashes or slashes. An underscore is no part of
a word here: it joins the words of file and variable names (``pers_060297-0299.dta``).

1. ``shape_spans``: ``bytes.translate`` maps every digit to ``0`` and every separator to ``-``,
   and ``bytes.find`` looks for the literal shapes ``00000000`` and ``000000-000``. That runs
   at about the speed of ``grep`` on ordinary output, where almost no line holds a candidate.
2. ``find_candidates``: the precise pattern (Python ``re``, boundaries as lookbehind and
   lookahead) runs only on the lines around those places. On its own it would try every
   position of the text (about 10 MB/s); on the pre-filter's lines it costs nothing where
   there is nothing to find.

docs/adr/0002-identifier-search.md has the measurements that chose this over Python ``re``
alone, google-re2 and Hyperscan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CANDIDATE_SOURCE = (
    r"(?<![^\W_]|[.,/+-])"
    r"(?:[0-9]{6}(?P<sep>[-+A-FU-Ya-fu-y])[0-9]{3}[0-9A-Za-z]|[0-9]{6}(?P<space> )[0-9]{4}"
    r"|[0-9]{8}(?P<sep12>[-+])[0-9]{4}"
    r"|[0-9]{8,12})"
    r"(?![^\W_]|[.,/-][0-9])"
)
_CANDIDATE = re.compile(CANDIDATE_SOURCE)
# Below this, the pre-filter costs more than it saves.
PREFILTER_MIN_CHARS = 4096
# Candidates closer than this share one span (one pass of the pattern instead of many).
_MERGE_GAP = 2048

_DIGITS = b"0123456789"
_SEPARATORS = b"-+ ABCDEFUVWXYabcdefuvwxy"


def _shape_table() -> bytes:
    table = bytearray(b"x" * 256)
    for byte in _DIGITS:
        table[byte] = ord("0")
    for byte in _SEPARATORS:
        table[byte] = ord("-")
    table[ord("\n")] = ord("\n")
    return bytes(table)


_SHAPES = _shape_table()
_WRITTEN = b"000000-000"


# What a table cell's raw text must hold for the identifier rule to act on the cell, as patterns
# over the bytes of a CSV line (``Table.raw.search_columns``: RE2, matched from a cell's first
# byte; ``{d}`` is the delimiter and ``{m}`` the decimal mark, each for a character class;
# repetition braces are doubled). ASCII
# digits only: the rule asks ``holds_other_digits`` as well. The rule's column loop acts on a
# cell only when ``_digits_of`` takes its value or, for text over 12 characters, when
# ``find_identifiers(strong_only=True)`` finds a candidate in it; which rows the loop visits
# then does not matter. So a chunk in which no cell of a column still judged matches is skipped
# with the same result as reading it. ``_LEAD`` is what ``str.strip`` removes and a sign.
_LEAD = r"[^0-9A-Za-z{d}\n]*"
_END = r"[^0-9A-Za-z{d}\n]*(?:{d}|$)"
# One character: an ASCII byte, or a byte above it with up to three continuation bytes (UTF-8;
# in a one-byte code page a letter is one byte above ASCII).
_CHAR = r"(?:[^{d}\n\x80-\xff]|[\x80-\xff][\x80-\xbf]{{0,3}})"
_NOT_MARK = r"(?:[^{d}{m}\n\x80-\xff]|[\x80-\xff][\x80-\xbf]{{0,3}})"
_NOT_DIGIT = r"(?:[^{d}0-9\n\x80-\xff]|[\x80-\xff][\x80-\xbf]{{0,3}})"
# DDMMYY?SSS? (any character in two places), all the cell holds; not a decimal number in the
# file's decimal mark (``{m}``: 123456.7890 is read as a number, and a number is not text).
_ELEVEN = (
    _LEAD
    + r"(?:0[0-9]{{5}}"
    + _CHAR
    + r"[0-9]{{3}}"
    + _CHAR
    + r"|[1-9][0-9]{{5}}(?:"
    + _NOT_MARK
    + r"[0-9]{{3}}"
    + _CHAR
    + r"|[{m}][0-9]{{3}}"
    + _NOT_DIGIT
    + r"))"
    + _END
)
# 1.01E+09 (Excel's display of a number): a mantissa of digits, marks and group spaces.
_EXPONENT = _LEAD + r"[0-9.,][0-9., \xa0\xc2\xe2\x80\xaf]*[eE]"
# A candidate a text cell may hold, after a character that is no part of a word or number.
_IN_TEXT = (
    r"(?:[^{d}\n]*[^0-9A-Za-z.,/+\-{d}\n])?"
    r"(?:[0-9]{{11}}|[0-9]{{6}}[-+ A-Fa-fU-Yu-y][0-9]{{3}}|[0-9]{{8}}[-+][0-9])"
)
# Any column: a number of 8+ digits however it is written (``12345678,0``, ``12.345.678``),
# digits with a leading zero, YYYYMMDD-NNNN, the eleven-character forms, exponent notation.
CELL_SHAPES = "|".join(
    [
        _LEAD + r"[0-9]{{8}}",
        _LEAD + r"[0-9]{{1,3}}[.,][0-9]{{3}}[.,][0-9]{{3}}",
        _ELEVEN,
        _EXPONENT,
        _IN_TEXT,
    ]
)
# A column of amounts with no identifier header, where only values that prove themselves
# count: 11 digits, the eleven-character forms, exponent notation (and YYYYMMDD-NNNN, which
# ``_IN_TEXT`` finds). A value the loop visits only because its neighbours hold a shape still
# counts (``_rows_with_shapes`` visits the lines between shapes), so every form stays.
STRONG_CELL_SHAPES = "|".join(
    [
        _LEAD + r"[0-9]{{11}}",
        _LEAD + r"[0-9]{{2}}[.,][0-9]{{3}}[.,][0-9]{{3}}[.,][0-9]{{3}}",
        _ELEVEN,
        _EXPONENT,
        _IN_TEXT,
    ]
)


def shape_spans(text: str, *, bare_min: int = 8) -> Iterator[tuple[int, int]]:
    """(start, end) spans of whole lines of ``text`` that may hold a candidate, in order.

    Every identifier-shaped token lies inside one of them (with ``bare_min=11``: every token
    that can prove itself, a written form or an 11-digit number). Non-Latin-1 characters become
    one ``?`` byte each, so byte offsets are character offsets.
    """
    raw = text.encode("ascii") if text.isascii() else text.encode("latin-1", "replace")
    shapes = raw.translate(_SHAPES)
    positions = _positions(shapes, b"0" * bare_min, bare_min)
    written = _positions(shapes, _WRITTEN, 7)
    if written:
        positions = sorted(positions + written)
    span_start = span_end = -1
    for pos in positions:
        if pos < span_end + _MERGE_GAP and span_end >= 0:
            if pos >= span_end:
                span_end = _line_end(shapes, pos)
            continue
        if span_end >= 0:
            yield span_start, span_end
        span_start = shapes.rfind(b"\n", 0, pos) + 1
        span_end = _line_end(shapes, pos)
    if span_end >= 0:
        yield span_start, span_end


def _positions(shapes: bytes, literal: bytes, step: int) -> list[int]:
    found: list[int] = []
    at = shapes.find(literal)
    while at >= 0:
        found.append(at)
        at = shapes.find(literal, at + step)
    return found


def _line_end(shapes: bytes, pos: int) -> int:
    end = shapes.find(b"\n", pos)
    return len(shapes) if end < 0 else end


def find_candidates(text: str) -> list[re.Match[str]]:
    """The identifier-shaped tokens of ``text`` that stand alone, in order."""
    if len(text) < PREFILTER_MIN_CHARS:
        return _candidates_between(text, 0, len(text))
    found: list[re.Match[str]] = []
    for start, end in shape_spans(text):
        found.extend(_candidates_between(text, start, end))
    return found


def _candidates_between(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_CANDIDATE.finditer(text, start, end))
