"""Word 97-2003 (.doc): text from the WordDocument stream through the piece table (best effort:
body, notes, headers and comments come out as one text, by paragraph). The macro project
(``Macros``) is read by ``vba.read_macros``; every other stream (embedded objects in the
ObjectPool, pictures in the Data stream, the table stream's strings) by ``embedded.sweep_ole``.
Encrypted documents and files whose piece table cannot be followed are unscannable."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from scanners.errors import ContentMismatch, Unscannable
from scanners.model import Extraction, Table, TextBlock
from scanners.readers.context import ReadContext
from scanners.readers.embedded import sweep_ole
from scanners.readers.text_tables import text_and_tables
from scanners.readers.vba import read_macros

_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14?")


def read_doc(path: Path, context: ReadContext) -> Extraction:
    import olefile

    if not olefile.isOleFile(str(path)):
        raise ContentMismatch("the file is not a Word 97-2003 document")
    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("WordDocument"):
            raise ContentMismatch("the file is an OLE container without a Word document")
        document = ole.openstream("WordDocument").read()
        if len(document) < 0x01AA or struct.unpack_from("<H", document, 0)[0] != 0xA5EC:
            raise Unscannable("the Word document's header cannot be read")
        flags = struct.unpack_from("<H", document, 0x0A)[0]
        if flags & 0x0100:
            raise Unscannable("the Word document is encrypted (password-protected)")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise Unscannable("the Word document's table stream is missing")
        table = ole.openstream(table_name).read()
        macros, macro_streams = read_macros(ole, context)
        rest = sweep_ole(ole, already_read={"WordDocument", *macro_streams}, context=context)
    content = _piece_text(document, table)
    content = _FIELD_CODE.sub("", content).replace("\x15", "")
    # A table cell ends with \x07 and a table row with one more: each row becomes a line of
    # cells, which the text-table reader reads as a table. (An empty last cell reads as a row
    # end too; its row is then split in two lines, and every cell is still read.)
    content = content.replace("\x07\x07", "\r").replace("\x07", " | ")
    content = content.replace("\x0b", "\r").replace("\x0c", "\r")
    lines = [(n, line) for n, line in enumerate(content.split("\r"), start=1)]
    items = list(text_and_tables(lines, source="doc", location="paragraph {line}"))
    return Extraction(
        file_type="doc",
        text=[i for i in items if isinstance(i, TextBlock)] + macros.text + rest.text,
        tables=[i for i in items if isinstance(i, Table)] + macros.tables + rest.tables,
        hidden=macros.hidden + rest.hidden,
    )


def _piece_text(document: bytes, table: bytes) -> str:
    fc_clx, lcb_clx = struct.unpack_from("<II", document, 0x01A2)
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        (size,) = struct.unpack_from("<H", clx, at + 1)
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        raise Unscannable("the Word document's piece table cannot be read")
    (length,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + length]
    pieces = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    parts: list[str] = []
    for index in range(pieces):
        (fc_value,) = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * index + 2)
        count = cps[index + 1] - cps[index]
        if count <= 0 or count > 50_000_000:
            continue
        if fc_value & 0x40000000:
            start = (fc_value & 0x3FFFFFFF) // 2
            parts.append(document[start : start + count].decode("cp1252", errors="replace"))
        else:
            start = fc_value & 0x3FFFFFFF
            parts.append(document[start : start + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(parts)
