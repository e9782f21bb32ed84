"""The pipeline's report: fields as docs/design.md has them, digests, and failing closed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scanners import SCANNER_VERSION, Policy, ScanReport, scan
from scanners import content as content_module
from scanners.errors import Unscannable


def test_report_fields(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    data = b"kommune;antal\nOdder;120\nAarhus;300\n"
    path.write_bytes(data)
    report = scan(path, isolate=False)
    assert isinstance(report, ScanReport)
    assert report.name == "tabel.csv" and report.size == len(data)
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.file_type == "csv" and report.mime.startswith("text/")
    assert report.verdict == "clean" and report.findings == []
    assert report.scanner_version == SCANNER_VERSION
    assert report.policy_digest == Policy().digest
    assert report.duration_ms >= 0


def test_a_reader_bug_makes_the_file_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, context: object) -> object:
        raise KeyError("surprise")

    monkeypatch.setattr(content_module, "reader_for", lambda file_type: broken)
    path = tmp_path / "tabel.csv"
    path.write_text("a;b\n1;2\n")
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable"
    assert "KeyError" in report.findings[0].message


def test_a_failure_while_streaming_is_unscannable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scanners.model import Extraction

    def rows() -> object:
        yield from ()
        raise Unscannable("the stream broke")

    monkeypatch.setattr(
        content_module,
        "reader_for",
        lambda t: lambda p, c: Extraction(file_type="csv", tables=rows()),
    )
    path = tmp_path / "tabel.csv"
    path.write_text("a;b\n1;2\n")
    report = scan(path, isolate=False)
    assert report.verdict == "unscannable" and "the stream broke" in report.findings[0].message


def test_isolated_and_in_process_agree(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text("kommune;antal\nOdder;2\nAarhus;300\n")
    isolated = scan(path)
    in_process = scan(path, isolate=False)
    assert isolated.findings == in_process.findings
    assert isolated.verdict == "risk"


def _scan_in_child(path: str, results: object) -> None:
    results.put(scan(path).verdict)  # type: ignore[attr-defined]


def test_isolated_scan_works_inside_a_daemonic_worker(tmp_path: Path) -> None:
    """Celery's prefork children are daemonic: they may not start multiprocessing children."""
    import multiprocessing

    path = tmp_path / "tabel.csv"
    path.write_text("kommune;antal\nOdder;2\nAarhus;300\n")
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_scan_in_child, args=(str(path), results), daemon=True)
    child.start()
    child.join(60)
    assert results.get(timeout=5) == "risk"
