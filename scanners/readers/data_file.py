"""Statistical data files (Stata .dta, SPSS .sav, SAS .sas7bdat) are data: read the rows.

pyreadstat reads them in chunks. The first ``SAMPLE_ROWS`` rows go to the detectors as they
are; later chunks contribute only the rows with an identifier-shaped value, so a large file is
judged in bounded time and memory. Variable and value labels are text in the file too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch, Unscannable
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext

SAMPLE_ROWS = 20_000
CHUNK_ROWS = 50_000
MAX_CANDIDATE_ROWS = 20_000
_LOCATION = "row {row_index}, column {col_number}"
_IDENTIFIER_SHAPE = re.compile(r"\d{6}[-+A-FU-Y]?\d{3}[\dA-Z]|\d{8,12}")


def _reader(file_type: str) -> Any:
    import pyreadstat

    return {
        "dta": pyreadstat.read_dta,
        "sav": pyreadstat.read_sav,
        "sas7bdat": pyreadstat.read_sas7bdat,
    }[file_type]


def read_data_file(path: Path, context: ReadContext) -> Extraction:
    import pyreadstat

    read = _reader(context.file_type)
    try:
        _, meta = read(str(path), metadataonly=True)
    except pyreadstat.ReadstatError as error:
        message = str(error)
        if "format" in message.lower() or "magic" in message.lower():
            raise ContentMismatch(
                f"it is not a .{context.file_type} data file ({message})"
            ) from error
        raise Unscannable(f"the data file cannot be read ({message})") from error
    except Exception as error:
        raise Unscannable(f"the data file cannot be read ({error})") from error
    labels = _label_text(meta)
    return Extraction(
        file_type=context.file_type,
        text=labels,
        tables=_tables(path, read, meta, context),
    )


def _label_text(meta: Any) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    if getattr(meta, "file_label", None):
        blocks.append(TextBlock(text=str(meta.file_label), location="file label", part="metadata"))
    for name, label in (getattr(meta, "column_names_to_labels", None) or {}).items():
        if label:
            blocks.append(
                TextBlock(text=str(label), location=f"variable {name} label", part="metadata")
            )
    for name, values in (getattr(meta, "variable_value_labels", None) or {}).items():
        text = "; ".join(f"{k}={v}" for k, v in values.items())
        if text:
            blocks.append(
                TextBlock(text=text, location=f"variable {name} value labels", part="metadata")
            )
    return blocks


def _tables(path: Path, read: Any, meta: Any, context: ReadContext) -> Iterator[Table]:
    import pyreadstat

    names = list(meta.column_names)
    total = getattr(meta, "number_rows", None)
    header: list[Any] = list(names)
    sample: list[list[Any]] = []
    candidates: list[list[Any]] = []
    numbers: list[int] = []
    seen = 0
    try:
        chunks = pyreadstat.read_file_in_chunks(read, str(path), chunksize=CHUNK_ROWS)
        for frame, _ in chunks:
            context.deadline.check()
            rows = [[_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
            if seen < SAMPLE_ROWS:
                take = SAMPLE_ROWS - seen
                sample.extend(rows[:take])
                rest = rows[take:]
                rest_start = seen + take
            else:
                rest, rest_start = rows, seen
            for offset, row in enumerate(rest):
                if len(candidates) >= MAX_CANDIDATE_ROWS:
                    break
                if any(_IDENTIFIER_SHAPE.search(str(v)) for v in row if v is not None):
                    candidates.append(row)
                    numbers.append(rest_start + offset + 2)  # 1-based, after the header
            seen += len(rows)
    except Unscannable:
        raise
    except Exception as error:
        raise Unscannable(f"the data file cannot be read ({error})") from error
    total_rows = (total if isinstance(total, int) and total >= 0 else seen) + 1
    yield Table(
        name="data",
        rows=[header, *sample],
        cell_location_format=_LOCATION,
        source="data_file",
        header_rows=1,
        total_rows=total_rows,
        is_last_chunk=not candidates,
    )
    if candidates:
        yield Table(
            name="data",
            rows=candidates,
            cell_location_format=_LOCATION,
            source="data_file",
            row_offset=numbers[0] - 1,
            total_rows=total_rows,
            row_numbers=numbers,
        )


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _value(value.item())
    if isinstance(value, str):
        return value if value.strip() else None
    return value
