"""The warm image the sandbox children are forked from: its heap on huge pages (advised once
per process, on whole 2 MiB pages only), the warm-up that can never fail a preload, and the
parent's Policy object reaching a forked child as it is."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from scanners import Policy, scan
from scanners import content as content_module
from scanners import sandbox as sandbox_module

MIB = 1 << 20


class _FakeLibc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int, int]] = []

        def madvise(start: int, length: int, advice: int) -> int:
            self.calls.append((start, length, advice))
            return 0

        self.madvise: Any = madvise


def test_the_heap_is_advised_once_per_process_on_whole_huge_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("transparent huge pages are Linux's")
    libc = _FakeLibc()
    monkeypatch.setattr(sandbox_module, "_LIBC", libc)
    monkeypatch.setattr(sandbox_module, "_huge_pages_in", None)
    monkeypatch.setattr(
        sandbox_module,
        "_anonymous_ranges",
        lambda: [(2 * MIB + 4096, 9 * MIB), (20 * MIB, 21 * MIB)],  # the second: no whole page
    )

    sandbox_module._heap_on_huge_pages()
    sandbox_module._heap_on_huge_pages()

    assert libc.calls == [
        (4 * MIB, 4 * MIB, sandbox_module._MADV_HUGEPAGE),
        (4 * MIB, 4 * MIB, sandbox_module._MADV_COLLAPSE),
    ]


def test_the_anonymous_ranges_are_this_processes_writable_private_memory() -> None:
    if not Path("/proc/self/maps").exists():
        pytest.skip("no /proc")
    ranges = sandbox_module._anonymous_ranges()

    assert ranges
    assert all(low < high for low, high in ranges)


def test_a_failing_warm_up_does_not_fail_the_preload(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise RuntimeError("a reader bug")

    monkeypatch.setattr(content_module, "inspect_content", broken)

    sandbox_module._warm_up()  # no exception


def test_a_forked_child_reads_with_the_parents_policy(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text("kommune;antal\nOdder;2\nAarhus;300\n")

    default = scan(path, policy=Policy())
    lenient = scan(path, policy=Policy(min_cell_count=1))

    assert "table.small_cell" in {f.code for f in default.findings}
    assert "table.small_cell" not in {f.code for f in lenient.findings}
