"""LaTeX: ``tabular``-like environments as tables (rows at ``\\\\``, cells at ``&``), the rest as
text by line; ``%`` comments are hidden text (they never reach the PDF).

Plain TeX ``\\halign{...}`` tables (PSPP's TeX output) are tables too: rows end at ``\\cr``,
cells at ``&``, the preamble (up to the first ``\\cr``) and ``\\noalign`` rules are left out."""

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


_LETTERS = {
    r"\ae": "æ", r"\AE": "Æ", r"\o": "ø", r"\O": "Ø", r"\aa": "å", r"\AA": "Å",
    r"\ss": "ß", r'\"a': "ä", r'\"o': "ö", r'\"u': "ü", r'\"A': "Ä", r'\"O': "Ö",
}  # fmt: skip
_LETTER = re.compile(r"\{?(\\(?:ae|AE|aa|AA|ss|o|O)(?![A-Za-z])|\\\"[aouAO])\}?\s?")


def plain(cell: str) -> str:
    """Strip LaTeX from a cell: ``\\multicolumn{2}{c}{\\textbf{12}}`` -> ``12``."""
    cell = _LETTER.sub(lambda m: _LETTERS[m.group(1)], cell)
    cell = _WRAPPER.sub(lambda m: m.group(2), cell)
    cell = _COMMAND.sub(" ", cell)
    cell = cell.replace("{", "").replace("}", "").replace("$", "").replace("~", " ")
    return " ".join(cell.replace("\\", "").split())


_HALIGN = re.compile(r"\\halign\s*\{")
_MULTISPAN = re.compile(
    r"\\multispan\{\d+\}(?:\\span)?(?:\\hsize=[\d.]+\\hsize\\advance\\hsize[\d.]+"
    r"\\psppcolumnspace)?"
)
_NOALIGN = re.compile(r"\\noalign\{[^{}]*\}")


def _halign_tables(lines: list[tuple[int, str]]) -> tuple[list[Table], set[int]]:
    """``\\halign`` tables and the line numbers they cover."""
    source = "".join(line + "\n" for _, line in lines)
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)
    tables: list[Table] = []
    covered: set[int] = set()
    for match in _HALIGN.finditer(source):
        close = _closing_brace(source, match.end() - 1)
        if close < 0:
            continue
        first = next(k for k in range(len(starts)) if starts[k + 1] > match.start())
        last = next(k for k in range(len(starts)) if starts[k + 1] > close)
        covered.update(lines[k][0] for k in range(first, last + 1))
        body = re.sub(r"%[ \t]*\n", "", source[match.end() : close])
        body = _NOALIGN.sub("", _MULTISPAN.sub(_span_marker, body))
        _, _, rows_text = body.partition("\\cr")  # the preamble ends at the first \cr
        rows: list[list[Any]] = []
        for row in rows_text.split("\\cr"):
            cells: list[Any] = []
            for piece in row.split("&"):
                span = _SPAN_MARK.search(piece)
                cells.append(parse_cell(plain(_SPAN_MARK.sub("", piece).replace("\n", " "))))
                cells.extend([None] * (int(span.group(1)) - 1 if span else 0))
            if any(c is not None for c in cells):
                rows.append(cells)
        if rows:
            tables.append(
                Table(
                    name=f"table {len(tables) + 1} (line {lines[first][0]})",
                    rows=rows,
                    cell_location_format="{name}, row {row_number}, column {col_number}",
                    source="tex",
                )
            )
    return tables, covered


_SPAN_MARK = re.compile("\x00(\\d+)\x00")


def _span_marker(match: re.Match[str]) -> str:
    """``\\multispan{3}`` -> a mark that the cell covers three columns."""
    columns = int(re.search(r"\d+", match.group()).group())  # type: ignore[union-attr]
    columns += "\\span" in match.group()  # PSPP writes \multispan{n}\span for n + 1 columns
    return f"\x00{columns}\x00"


def _closing_brace(source: str, open_at: int) -> int:
    depth = 0
    index = open_at
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def read_tex(path: Path, context: ReadContext) -> Extraction:
    text: list[TextBlock] = []
    hidden: list[HiddenPart] = []
    environment: list[tuple[int, str]] | None = None
    all_lines = list(numbered_lines(path))
    tables, in_halign = _halign_tables(all_lines)
    for number, raw in all_lines:
        if number in in_halign:
            continue
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
