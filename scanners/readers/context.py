"""What a reader is handed besides the file: the policy, a deadline, a way into embedded files."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.limits import Deadline
from scanners.model import Extraction, HiddenPart, Policy, Table, TextBlock

# Embedded files inside embedded files stop here.
MAX_NESTING = 3


@dataclass
class ReadContext:
    policy: Policy
    file_type: str
    deadline: Deadline
    depth: int = 0
    workdir: Path | None = None
    # Reasons an embedded part could not be read; the pipeline turns them into findings.
    unreadable_parts: list[str] = field(default_factory=list)

    def temp_dir(self) -> Path:
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="airlock-scan-"))
        return self.workdir

    def read_embedded(self, data: bytes, *, name: str, location: str) -> Extraction | None:
        """Read a file found inside this one (an embedded workbook, a PDF attachment).

        Returns its content relabelled as hidden and embedded, or None when the type has no
        reader (the caller still reports the embedded object as a hidden part).
        """
        from scanners.filetype import extension_of
        from scanners.readers import reader_for

        file_type = extension_of(name)
        reader = reader_for(file_type)
        if reader is None:
            return None
        if self.depth >= MAX_NESTING:
            self.unreadable_parts.append(f"{location}: embedded too deeply to be read")
            return None
        target = self.temp_dir() / f"embedded-{len(list(self.temp_dir().iterdir()))}.{file_type}"
        target.write_bytes(data)
        inner = dataclasses.replace(self, file_type=file_type, depth=self.depth + 1)
        inner.unreadable_parts = self.unreadable_parts
        try:
            extraction = reader(target, inner)
            # Materialise now: the temporary file may be gone when the caller iterates.
            text = list(_relabel_text(extraction.text, location))
            tables = list(_relabel_tables(extraction.tables, location))
        except (Unscannable, ContentMismatch) as error:
            self.unreadable_parts.append(f"{location}: {error.reason}")
            return None
        hidden = [
            HiddenPart(
                kind=p.kind, location=f"{location} > {p.location}", description=p.description
            )
            for p in extraction.hidden
        ]
        return Extraction(
            file_type=file_type,
            text=text,
            tables=tables,
            hidden=hidden,
            findings=extraction.findings,
        )


def _relabel_text(blocks: Iterable[TextBlock], location: str) -> Iterator[TextBlock]:
    for block in blocks:
        yield TextBlock(
            text=block.text,
            location=f"{location} > {block.location}",
            part="embedded",
            hidden=True,
        )


def _relabel_tables(tables: Iterable[Table], location: str) -> Iterator[Table]:
    escaped = location.replace("{", "{{").replace("}", "}}")
    for table in tables:
        table.cell_location_format = f"{escaped} > {table.cell_location_format}"
        table.hidden = True
        table.part = "embedded"
        yield table
