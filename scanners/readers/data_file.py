"""Statistical data files (Stata .dta, SPSS .sav, SAS .sas7bdat) are data: read the rows.

pyreadstat reads them in chunks of ``CHUNK_ROWS`` rows and every row of every chunk goes to the
detectors (memory stays bounded; the deadline is checked between chunks, so a file too large to
finish in time becomes ``unscannable``). A chunk is turned into rows column by column (numpy
to Python values in bulk), not cell by cell. Variable and value labels are text in the file too.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanners.errors import ContentMismatch, Unscannable
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext

CHUNK_ROWS = 50_000
_LOCATION = "row {row_index}, column {col_number}"


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
    """The header row, then every row, chunk by chunk; one chunk is held back so that the last
    one can say it is the last."""
    import pyreadstat

    names = list(meta.column_names)
    total = getattr(meta, "number_rows", None)
    pending = Table(
        name="data",
        rows=[list(names)],
        cell_location_format=_LOCATION,
        source="data_file",
        header_rows=1,
        is_last_chunk=False,
    )
    offset = 1  # the header is row 0 of the table; data row n is "row n"
    try:
        chunks = pyreadstat.read_file_in_chunks(read, str(path), chunksize=CHUNK_ROWS)
        for frame, _ in chunks:
            context.deadline.check()
            rows = _frame_rows(frame)
            if not rows:
                continue
            if pending.row_offset == 0 and len(pending.rows) == 1:
                pending.rows.extend(rows)  # the first chunk carries the header
            else:
                yield pending
                pending = Table(
                    name="data",
                    rows=rows,
                    cell_location_format=_LOCATION,
                    source="data_file",
                    row_offset=offset,
                    is_last_chunk=False,
                )
            offset += len(rows)
    except Unscannable:
        raise
    except Exception as error:
        raise Unscannable(f"the data file cannot be read ({error})") from error
    pending.is_last_chunk = True
    pending.total_rows = offset
    if isinstance(total, int) and total >= 0 and total + 1 > offset:
        raise Unscannable(f"the data file declares {total} rows but {offset - 1} could be read")
    yield pending


def _frame_rows(frame: Any) -> list[list[Any]]:
    """A pandas chunk as rows of plain Python values, converted a column at a time."""
    columns = [_column_values(frame.iloc[:, index]) for index in range(frame.shape[1])]
    return [list(row) for row in zip(*columns, strict=True)]


def _column_values(series: Any) -> list[Any]:
    values = series.tolist()  # numpy scalars become Python ones in bulk
    kind = series.dtype.kind
    if kind in "iub":
        return values
    if kind == "f":
        return _float_values(series.to_numpy(), values)
    return [_value(v) for v in values]


def _float_values(array: Any, values: list[Any]) -> list[Any]:
    """A float column as ``_value`` gives it: NaN is None, whole numbers are ints. A column of
    whole numbers (the usual codes and counts) is converted by numpy in one go."""
    import numpy

    missing = numpy.isnan(array)
    present = array[~missing]
    if present.size == 0:
        return [None] * len(values)
    if bool(numpy.all(present == numpy.floor(present))) and float(numpy.abs(present).max()) < 1e15:
        whole: list[Any] = numpy.where(missing, 0, array).astype(numpy.int64).tolist()
        for index in numpy.flatnonzero(missing).tolist():
            whole[index] = None
        return whole
    return [None if v != v else (int(v) if v.is_integer() and abs(v) < 1e15 else v) for v in values]


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
