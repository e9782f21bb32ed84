"""Progress on long work, to stderr and only when stderr is a terminal (never in a log)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, *, unit: str = "", stream: TextIO | None = None):
        self.label = label
        self.total = max(total, 0)
        self.unit = unit
        self.done = 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self._last = ""

    def advance(self, amount: int = 1, note: str = "") -> None:
        self.done += amount
        self._draw(note)

    def _draw(self, note: str) -> None:
        if not self.shown:
            return
        share = self.done / self.total if self.total else 1.0
        width = 24
        bar = "#" * int(share * width)
        if self.unit == "bytes":
            count = f"{_size(self.done)} of {_size(self.total)}"
        else:
            count = f"{self.done}/{self.total}"
        line = f"{self.label} [{bar:<{width}}] {share:4.0%} {count} {note}"[:120]
        if line != self._last:
            self.stream.write("\r\x1b[2K" + line)
            self.stream.flush()
            self._last = line

    def close(self) -> None:
        if self.shown and self._last:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
