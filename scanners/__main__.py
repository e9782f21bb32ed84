"""``python -m scanners [--policy FILE] [--json] PATH...``

Prints one report per path (with ``--json``: one JSON array, an object per path). The exit
status is 0 whatever the verdicts, 2 for bad arguments: a missing path or a bad policy file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scanners.model import Policy, ScanReport
from scanners.sandbox import preload
from scanners.scan import scan

BAD_ARGUMENTS = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scanners", description="Scan result files for microdata."
    )
    parser.add_argument("--policy", type=Path, help="a JSON file of policy settings")
    parser.add_argument("--json", action="store_true", help="print one JSON array of reports")
    parser.add_argument(
        "--in-process", action="store_true", help="read in this process (no isolation; debugging)"
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    args = parser.parse_args(argv)

    try:
        policy = _load_policy(args.policy)
    except ValueError as error:
        print(f"python -m scanners: bad policy file: {error}", file=sys.stderr)
        return BAD_ARGUMENTS
    missing = [str(p) for p in args.paths if not p.is_file()]
    if missing:
        print(f"python -m scanners: no such file: {', '.join(missing)}", file=sys.stderr)
        return BAD_ARGUMENTS

    if len(args.paths) > 1 and not args.in_process:
        preload()  # once here, then every file's sandbox child starts warm
    reports = [scan(path, policy=policy, isolate=not args.in_process) for path in args.paths]
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for report in reports:
            print(_describe(report))
    return 0


def _load_policy(path: Path | None) -> Policy:
    if path is None:
        return Policy()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of settings")
    try:
        return Policy.from_dict(data)
    except TypeError as error:
        raise ValueError(f"{path}: {error}") from error


def _describe(report: ScanReport) -> str:
    lines = [f"{report.path}: {report.verdict} ({report.file_type}, {report.size} bytes)"]
    for finding in report.findings:
        where = f" at {finding.location}" if finding.location else ""
        lines.append(f"  {finding.severity}: {finding.code}{where}: {finding.message}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
