"""The scanner's vocabulary: policy, findings, the report, and what readers hand to detectors.

Readers (``scanners/readers/``) turn a file into ``TextBlock``s, ``Table``s and ``HiddenPart``s.
Detectors (``scanners/detectors/``) turn those into ``Finding``s. Neither imports Django.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal, Protocol

from scanners.file_types import default_allowed

# Severities, strongest first. The verdict follows from them (see ``verdict_for``).
REJECT: Final = "reject"
RISK: Final = "risk"
REVIEW: Final = "review"
INFO: Final = "info"
Severity = Literal["reject", "risk", "review", "info"]

# Verdicts
CLEAN: Final = "clean"
RISK_VERDICT: Final = "risk"
UNSCANNABLE: Final = "unscannable"
REJECTED: Final = "rejected"
Verdict = Literal["clean", "risk", "unscannable", "rejected"]

UNSCANNABLE_CODE = "scan.unscannable"

# Seed 001's table of file types allowed for transfer (plus "pdf", "xml" and "jpeg"/"tiff"):
# the entries of the file-type registry allowed by default (``scanners.file_types``).
DEFAULT_ALLOWED_EXTENSIONS: tuple[str, ...] = default_allowed()

DEFAULT_IDENTIFIER_SCHEMES: tuple[str, ...] = (
    "dk_cpr", "dk_cvr", "dk_pnum", "no_fnr", "no_orgnr", "se_pnr", "se_orgnr", "fi_hetu",
    "is_kennitala",
)  # fmt: skip


@dataclass(frozen=True)
class Policy:
    """Every threshold and list the scanner uses. Defaults are Statistics Denmark's rules."""

    allowed_extensions: tuple[str, ...] = DEFAULT_ALLOWED_EXTENSIONS
    max_upload_bytes: int = 1024 * 1024 * 1024  # hard limit: type.too_large
    review_size_bytes: int = 1024 * 1024  # over this: size.review
    min_cell_count: int = 3
    dominance_n: int = 2
    dominance_k_percent: float = 85.0
    sampling_rate: float = 0.10
    release_mode: str = "immediate"
    identifier_schemes: tuple[str, ...] = DEFAULT_IDENTIFIER_SCHEMES
    extra_key_variables: tuple[str, ...] = ()
    # The project's released tables ({"file_name", "transferred_on", "fingerprint"}, see
    # ``scanners.released_tables``): a new table that gives a count back with one is a risk.
    # Not part of the digest: a release is no change of policy.
    released_tables: tuple[dict[str, Any], ...] = ()
    # Limits for hostile input
    scan_time_limit_seconds: float = 120.0
    max_pdf_pages: int = 2000
    max_zip_entries: int = 10_000
    max_zip_uncompressed_bytes: int = 2 * 1024 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_image_pixels: int = 100_000_000
    # Address-space cap of the isolated scan process (RLIMIT_AS); 0 turns the cap off.
    max_scan_memory_bytes: int = 4 * 1024 * 1024 * 1024

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Unknown policy settings: {', '.join(unknown)}")
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items()
        }
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON form: a report records which policy judged it."""
        # Each field as it is (no ``asdict``: it would deep-copy every released table's
        # fingerprint only to leave them out); the JSON is the same.
        rules = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "released_tables"}
        canonical = json.dumps(rules, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    code: str  # stable, e.g. "table.small_cell"; families in docs/design.md
    severity: Severity
    location: str  # "Tabel 1!C9", "page 3, table 1, row 4", "line 12"; "" for the whole file
    message: str  # plain words, with what to do about it
    evidence: str = ""  # never a whole identifier: masked

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class ScanReport:
    path: str
    name: str
    size: int
    sha256: str
    file_type: str
    mime: str
    verdict: Verdict
    findings: list[Finding] = field(default_factory=list)
    scanner_version: str = ""
    policy_digest: str = ""
    duration_ms: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


SEVERITY_ORDER = {REJECT: 0, RISK: 1, REVIEW: 2, INFO: 3}


def verdict_for(findings: Iterable[Finding]) -> Verdict:
    """rejected if any finding rejects, else unscannable, else risk, else clean (docs/design.md)."""
    findings = list(findings)
    if any(f.severity == REJECT for f in findings):
        return REJECTED
    if any(f.code == UNSCANNABLE_CODE for f in findings):
        return UNSCANNABLE
    if any(f.severity == RISK for f in findings):
        return RISK_VERDICT
    return CLEAN


# --- What readers produce ------------------------------------------------------------------

Part = Literal[
    "body", "header", "footer", "footnote", "comment", "tracked_change", "hidden_text",
    "text_box", "metadata", "annotation", "attachment", "embedded", "ocr", "code", "data",
    "notes",
]  # fmt: skip


@dataclass(frozen=True)
class TextBlock:
    """A run of text and where it stands. ``line`` is 1-based when the text has lines."""

    text: str
    location: str  # "line 12", "page 3", "Sheet1!A1 comment", "footnote 2"
    part: Part = "body"
    hidden: bool = False  # a reader of the file would not see it


class RawCells(Protocol):
    """Bulk questions a rule may ask of a chunk's raw lines before any cell is converted.

    Each answer errs towards yes: a rule that skips a chunk on a no must get the same result
    as if it had read every cell (docs/adr/0001-scan-engine.md).
    """

    def search_columns(self, patterns: Sequence[str | None], rest: str | None) -> bool:
        """Does a cell of column ``c`` of some line match ``patterns[c]`` from its first byte
        (RE2 over the bytes; ``{d}`` is the delimiter in a character class, repetition braces
        doubled; None: nothing looked for there), or a cell past them match ``rest``?"""
        ...

    def holds_other_digits(self) -> bool:
        """Does the chunk hold a character Python takes for a digit, other than 0-9?"""
        ...


@dataclass
class Table:
    """A grid of cells as the reader found it (header rows included; detectors find them).

    ``rows`` holds cell values as read: str, int, float, None, or datetime. ``cell_location``
    gives the location string of a cell by 0-based (row, column) within this table, e.g.
    "Tabel 1!C9" for a sheet, "line 14, column 3" for CSV, "page 2, table 1, row 3, column 4".
    Large tables may arrive in chunks: ``row_offset`` is the index of rows[0] in the whole
    table and ``is_last_chunk`` tells whether more rows follow.
    """

    name: str
    rows: list[list[Any]]
    cell_location_format: str = "{name}!{col_letter}{row_number}"
    hidden: bool = False
    part: Part = "body"
    row_offset: int = 0
    is_last_chunk: bool = True
    source: str = ""  # "sheet", "csv", "pdf", "html", "data_file", "log", "docx", "pivot_cache"...
    # A reader that knows which rows are headers can say so; detectors otherwise infer.
    header_rows: int | None = None
    total_rows: int | None = None  # when known (data files, CSV after a full pass)
    # When rows are not consecutive in the source (separator lines skipped, or only the lines
    # of a large file that hold identifier-shaped values): the 1-based source row or line
    # number of each row. ``cell_location`` then uses it for ``row_number``/``row_index``.
    row_numbers: list[int] | None = None
    # The chunk's undecoded lines, when the reader kept them (a delimited file's chunks after
    # the first, ``scanners/readers/csv_chunks.py``): ``rows`` is then converted on first use,
    # and a rule may first ask the bytes whether it has anything to do in this chunk.
    raw: RawCells | None = None

    def cell_location(self, row: int, col: int) -> str:
        absolute = row + self.row_offset
        if self.row_numbers is not None and 0 <= row < len(self.row_numbers):
            absolute = self.row_numbers[row] - 1
        return self.cell_location_format.format(
            name=self.name,
            col_letter=column_letter(col),
            col_number=col + 1,
            row_number=absolute + 1,
            row_index=absolute,
        )


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


HiddenKind = Literal[
    "sheet", "pivot_cache", "comment", "tracked_changes", "embedded_object", "metadata",
    "rows_columns", "external_link", "data_connection", "attachment", "hidden_text",
    "trailing_data", "active_content", "macro_project",
]  # fmt: skip


@dataclass(frozen=True)
class HiddenPart:
    """Content a reader of the file would not see; its text and tables are scanned as well."""

    kind: HiddenKind
    location: str
    description: str


@dataclass
class Extraction:
    """What a reader found. Iterables may be generators (streamed, consumed once)."""

    file_type: str
    text: Iterable[TextBlock] = ()
    tables: Iterable[Table] = ()
    hidden: Sequence[HiddenPart] = ()
    # Findings the reader itself can state (e.g. scan.unscannable for an encrypted part).
    findings: list[Finding] = field(default_factory=list)


class Detector(Protocol):
    """A rule. Fed every text block and table of a file, then asked for what it found."""

    def feed_text(self, block: TextBlock) -> None: ...

    def feed_table(self, table: Table) -> None: ...

    def feed_hidden(self, part: HiddenPart) -> None: ...

    def findings(self) -> Iterator[Finding]: ...
