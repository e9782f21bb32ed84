"""LaTeX: ``tabular``-like environments as tables (rows at ``\\\\``, cells at ``&``), the rest as
text by line; ``%`` comments are hidden text (they never reach the PDF)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scanners.model import Extraction, HiddenPart, Table, TextBlock
from scanners.readers.cell_text import parse_cell
from scanners.readers.context import ReadContext
from scanners.readers.text_encoding import numbered_lines

_BEGIN = re.compile(r"\\begin\{(tabular\*?|tabularx|longtable|array|tabu|supertabular)\}")
_END = re.compile(r"\\end\{(tabular\*?|tabularx|longtable|array|tabu|supertabular)\}")
_COMMENT = re.compile(r"(?<!\\)%(.*)$")
_RULES = re.compile(
    r"\\(hline|toprule|midrule|bottomrule|cline\{[^}]*\}|cmidrule(\([^)]*\))?\{[^}]*\}|addlinespace|endhead|endfirsthead|endfoot|endlastfoot)"
)
_WRAPPER = re.compile(r"\\(multicolumn|multirow)\{[^}]*\}\{[^}]*\}\{((?:[^{}]|\{[^{}]*\})*)\}")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?(\[[^\]]*\])?")


def plain(cell: str) -> str:
    """Strip LaTeX from a cell: ``\\multicolumn{2}{c}{\\textbf{12}}`` -> ``12``."""
    cell = _WRAPPER.sub(lambda m: m.group(2), cell)
    cell = _COMMAND.sub(" ", cell)
    cell = cell.replace("{", "").replace("}", "").replace("$", "").replace("~", " ")
    return " ".join(cell.replace("\\", "").split())


def read_tex(path: Path, context: ReadContext) -> Extraction:
    text: list[TextBlock] = []
    tables: list[Table] = []
    hidden: list[HiddenPart] = []
    environment: list[tuple[int, str]] | None = None
    for number, raw in numbered_lines(path):
        comment = _COMMENT.search(raw)
        line = raw[: comment.start()] if comment else raw
        if comment and comment.group(1).strip():
            location = f"line {number}"
            text.append(
                TextBlock(
                    text=comment.group(1).strip(), location=location, part="comment", hidden=True
                )
            )
            hidden.append(
                HiddenPart(kind="comment", location=location, description="a LaTeX comment")
            )
        if environment is None and _BEGIN.search(line):
            environment = [(number, line[_BEGIN.search(line).end() :])]  # type: ignore[union-attr]
            if _END.search(line):
                tables.append(_table(environment, len(tables) + 1))
                environment = None
            continue
        if environment is not None:
            if _END.search(line):
                environment.append((number, line[: _END.search(line).start()]))  # type: ignore[union-attr]
                tables.append(_table(environment, len(tables) + 1))
                environment = None
            else:
                environment.append((number, line))
            continue
        content = plain(line)
        if content:
            text.append(TextBlock(text=content, location=f"line {number}"))
    if environment:
        tables.append(_table(environment, len(tables) + 1))
    return Extraction(file_type="tex", text=text, tables=tables, hidden=hidden)


def _table(lines: list[tuple[int, str]], count: int) -> Table:
    body = "\n".join(_RULES.sub(" ", line) for _, line in lines)
    body = re.sub(r"^\s*\{[^}]*\}", "", body, count=1)  # the column spec {lrr}
    rows: list[list[Any]] = []
    for row in re.split(r"\\\\(?:\[[^\]]*\])?", body):
        if not row.strip():
            continue
        cells = [parse_cell(plain(c)) for c in row.split("&")]
        if any(c is not None for c in cells):
            rows.append(cells)
    return Table(
        name=f"table {count} (line {lines[0][0]})",
        rows=rows,
        cell_location_format="{name}, row {row_number}, column {col_number}",
        source="tex",
    )
