"""Stata logs (.log, and .smcl with its markup stripped): commands, prose and output tables.

``tabulate`` output and ``list`` output become tables (see ``text_tables``); the rest is text,
one block per line, located by line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.text_encoding import numbered_lines
from scanners.readers.text_tables import text_and_tables

_SMCL_DIRECTIVE = re.compile(r"\{([^{}]*)\}")
_SMCL_CHARACTERS = {
    "|": "|",
    "+": "+",
    "-": "-",
    "TT": "+",
    "BT": "+",
    "LT": "+",
    "RT": "+",
    "TLC": "+",
    "TRC": "+",
    "BLC": "+",
    "BRC": "+",
}


def strip_smcl(line: str) -> str:
    """``{txt}  sex {c |} {res}  Freq.`` -> ``  sex |   Freq.``; ``{hline 12}`` -> dashes."""

    def replace(match: re.Match[str]) -> str:
        directive = match.group(1).strip()
        word, _, argument = directive.partition(" ")
        if directive in (".-", "dup 78:-") or word == ".-":
            return "-" * 78  # a full-width rule
        if word == "hline":
            width = int(argument) if argument.strip().isdigit() else 12
            return "-" * width
        if word == "c":
            return _SMCL_CHARACTERS.get(argument.strip(), " ")
        if word in ("space", "col") and argument.strip().isdigit():
            return " " * (int(argument) if word == "space" else 2)
        if word.startswith(("ralign", "lalign", "center")):
            return argument.partition(":")[2] or argument
        if ":" in directive:  # {bf:text}, {it:text}, {help x:text}
            return directive.partition(":")[2]
        return ""

    previous = None
    while previous != line:
        previous = line
        line = _SMCL_DIRECTIVE.sub(replace, line)
    return line


def read_stata_log(path: Path, context: ReadContext) -> Extraction:
    text, tables = _split(path, context)
    return Extraction(file_type=context.file_type, text=text, tables=tables)


_SAS_NOTE = re.compile(r"^(NOTE|WARNING|ERROR|INFO):\s")
_SAS_SOURCE_LINE = re.compile(r"^(\d+)(?:\s+(.*))?$")


def _sas_source_as_text(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A SAS log echoes the program with its own line numbers ("10    proc freq ...;"):
    the numbers are not a column of counts, so only the code is kept."""
    if not any(_SAS_NOTE.match(line) for _, line in lines[:2000]):
        return lines
    kept = []
    for number, line in lines:
        match = _SAS_SOURCE_LINE.match(line)
        kept.append((number, (match.group(2) or "").strip() if match else line))
    return kept


def _split(path: Path, context: ReadContext) -> tuple[list[TextBlock], list[Table]]:
    lines: Iterator[tuple[int, str]] = numbered_lines(path)
    if context.file_type == "smcl":
        lines = ((n, strip_smcl(line)) for n, line in lines if line.strip() != "{smcl}")
    else:
        lines = iter(_sas_source_as_text(list(lines)))
    items = list(text_and_tables(lines, source="log"))
    return (
        [i for i in items if isinstance(i, TextBlock)],
        [i for i in items if isinstance(i, Table)],
    )
