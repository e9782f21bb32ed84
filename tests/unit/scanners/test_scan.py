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


def test_the_content_type_is_judged_in_the_sandbox_child_not_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libmagic and the sniffers parse the upload: only the sandbox child may run them."""
    import os

    import scanners.filetype as filetype

    callers = tmp_path / "mime-pids"
    original = filetype.content_mime

    def recording(path: Path) -> str:
        with callers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return original(path)

    monkeypatch.setattr(filetype, "content_mime", recording)
    table = tmp_path / "tabel.csv"
    table.write_text("kommune;antal\nOdder;120\nAarhus;300\n")
    report = scan(table)
    assert report.verdict == "clean" and report.mime.startswith("text/")
    disguised = tmp_path / "tabel2.csv"
    disguised.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    rejected = scan(disguised)
    assert rejected.verdict == "rejected"
    assert [f.code for f in rejected.findings] == ["type.content_mismatch"]
    assert rejected.mime == "application/pdf"
    pids = callers.read_text().split()
    assert len(pids) == 2 and str(os.getpid()) not in pids  # never in this process


def test_a_name_or_size_refused_by_the_gate_starts_no_sandbox_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    scan_module = importlib.import_module("scanners.scan")  # (``scanners.scan`` is the function)

    def no_child(*args: object, **kwargs: object) -> object:
        raise AssertionError("a sandbox child was started for a refused name")

    monkeypatch.setattr(scan_module, "inspect_isolated", no_child)
    path = tmp_path / "program.exe"
    path.write_bytes(b"MZ\x90\x00")
    report = scan(path)
    assert report.verdict == "rejected"
    assert [f.code for f in report.findings] == ["type.extension_not_allowed"]
    assert report.sha256 == hashlib.sha256(b"MZ\x90\x00").hexdigest()
