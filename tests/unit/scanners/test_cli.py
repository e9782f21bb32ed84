"""``python -m scanners``: one JSON array, exit 0 whatever the verdicts, 2 for bad arguments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.unit.scanners.file_makers import make_xlsx

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scanners", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_json_reports_one_object_per_path(tmp_path: Path) -> None:
    table = tmp_path / "tabel.csv"
    table.write_text("kommune;antal\nOdder;120\nAarhus;300\n")
    program = tmp_path / "virus.exe"
    program.write_bytes(b"MZ" + b"\x00" * 100)
    workbook = make_xlsx(tmp_path / "tabel.xlsx")
    result = _run("--json", str(table), str(program), str(workbook))
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [r["verdict"] for r in reports] == ["clean", "rejected", "risk"]
    assert set(reports[0]) == {
        "path", "name", "size", "sha256", "file_type", "mime", "verdict", "findings",
        "scanner_version", "policy_digest", "duration_ms",
    }  # fmt: skip
    assert reports[2]["findings"][0].keys() == {
        "code",
        "severity",
        "location",
        "message",
        "evidence",
    }


def test_missing_path_is_a_bad_argument(tmp_path: Path) -> None:
    result = _run("--json", str(tmp_path / "nowhere.csv"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_bad_policy_file_is_a_bad_argument(tmp_path: Path) -> None:
    table = tmp_path / "tabel.csv"
    table.write_text("a;b\n1;2\n")
    broken = tmp_path / "policy.json"
    broken.write_text("{not json")
    assert _run("--policy", str(broken), str(table)).returncode == 2
    unknown = tmp_path / "unknown.json"
    unknown.write_text('{"min_cell_count": 5, "colour": "red"}')
    result = _run("--policy", str(unknown), str(table))
    assert result.returncode == 2 and "colour" in result.stderr
    assert _run().returncode == 2


def test_policy_file_changes_the_rules(tmp_path: Path) -> None:
    table = tmp_path / "tabel.csv"
    table.write_text("kommune;antal\nOdder;4\nAarhus;300\n")
    policy = tmp_path / "policy.json"
    policy.write_text('{"min_cell_count": 5}')
    strict = json.loads(_run("--json", "--policy", str(policy), str(table)).stdout)[0]
    default = json.loads(_run("--json", str(table)).stdout)[0]
    assert strict["policy_digest"] != default["policy_digest"]
    assert any(f["code"] == "table.small_cell" for f in strict["findings"])
