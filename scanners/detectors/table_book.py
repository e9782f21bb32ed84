"""One file's tables as the detectors see them: each table's shape and unit-record tallies.

All detectors of one file share a ``TableBook`` (``all_detectors`` creates it), so a table's
shape is worked out once, and the table rules can ask whether a table is unit records before
they report its small cells (a row of microdata has no "cells" to aggregate: it must not leave
at all, and one microdata finding says so).

Tables may arrive in chunks (``row_offset``, ``is_last_chunk``). The shape comes from the first
chunk, which holds the header; later chunks of the same name continue the same entry. The
pipeline feeds a table to every detector before reading the next (tables may be generators), so
``observe`` recognises a chunk it has already seen by identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanners.detectors.table_shape import TableShape, shape_of
from scanners.detectors.unit_records import Judgement, RecordStats
from scanners.model import Table

CONCLUSIVE_ROWS = 50_000


@dataclass
class TableEntry:
    name: str
    source: str
    hidden: bool
    shape: TableShape
    records: RecordStats
    total_rows: int | None = None
    # Judged unit records on at least ``CONCLUSIVE_ROWS`` rows: the evidence is conclusive for
    # risk, so later chunks are counted but not tallied (never the other way round: a table is
    # judged aggregate only on every one of its rows).
    concluded: bool = False
    _judgement: Judgement | None = field(default=None, repr=False)

    def judgement(self) -> Judgement:
        """Whether the table is unit records; final once every chunk was observed."""
        if self._judgement is None:
            self._judgement = self.records.judge(
                self.shape, source=self.source, total_rows=self.total_rows
            )
        return self._judgement

    @property
    def is_unit_records(self) -> bool:
        return self.judgement().row_level


@dataclass(frozen=True)
class Chunk:
    table: Table
    entry: TableEntry
    body_start: int  # index in table.rows where body rows begin (0 after the first chunk)
    first: bool


class TableBook:
    def __init__(self) -> None:
        self.entries: list[TableEntry] = []
        self._current: dict[str, TableEntry] = {}
        self._last: Chunk | None = None

    def observe(self, table: Table) -> Chunk:
        if self._last is not None and self._last.table is table:
            return self._last
        entry = self._current.get(table.name)
        first = entry is None or table.row_offset == 0
        if first or entry is None:
            shape = shape_of(table.rows, header_rows=table.header_rows, name=table.name)
            entry = TableEntry(
                name=table.name,
                source=table.source,
                hidden=table.hidden,
                shape=shape,
                records=RecordStats(shape),
                total_rows=table.total_rows,
            )
            self.entries.append(entry)
            self._current[table.name] = entry
        body_start = entry.shape.header_rows if first else 0
        if entry.concluded:
            entry.records.rows_seen += len(table.rows) - body_start
        else:
            entry.records.add_rows(table.rows[body_start:])
        if table.total_rows:
            entry.total_rows = table.total_rows
        entry._judgement = None
        if not entry.concluded and entry.records.rows_seen >= CONCLUSIVE_ROWS:
            entry.concluded = entry.judgement().row_level
        chunk = Chunk(table, entry, body_start, first)
        self._last = chunk
        return chunk
