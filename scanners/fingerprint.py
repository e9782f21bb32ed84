"""The corpus fingerprint: a digest of what the scanner concludes on the labelled corpus.

    python -m scanners.fingerprint            # print this tree's digest and the recorded one
    python -m scanners.fingerprint --update   # record this tree's digest for SCANNER_VERSION
    python -m scanners.fingerprint --list     # print every (file, verdict, codes) it digests

The digest covers, for every file of the labelled corpus (``tests/unit/scanners/corpus.py``,
built in code), the file's name, its verdict and its sorted finding codes. One line per scanner
version in ``scanners/corpus_fingerprint.txt``. ``tests/unit/scanners/test_scanner_version.py``
fails when the digest changes and ``SCANNER_VERSION`` does not: a change in detection
behaviour ships under a new version, with a line in ``scanners/CHANGELOG.md``.

A development tool: it needs the repository's tests folder (the corpus builders).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from scanners.version import SCANNER_VERSION

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT_FILE = Path(__file__).resolve().parent / "corpus_fingerprint.txt"
CORPUS_FOLDER = ROOT / "tests" / "unit" / "scanners"
UPDATE_COMMAND = "python -m scanners.fingerprint --update"
_HEADER = (
    "# Digest of the labelled corpus's (file, verdict, sorted codes), one line per scanner\n"
    f"# version: VERSION SHA256. Regenerate after bumping scanners/version.py: {UPDATE_COMMAND}\n"
)

Outcome = tuple[str, str, tuple[str, ...]]


def corpus_outcomes() -> list[Outcome]:
    """(name, verdict, sorted codes) for every corpus file, scanned in this process."""
    if str(CORPUS_FOLDER) not in sys.path:
        sys.path.insert(0, str(CORPUS_FOLDER))
    try:
        from corpus import CORPUS  # type: ignore[import-not-found]
    except ImportError as error:
        raise SystemExit(f"The labelled corpus is not here ({CORPUS_FOLDER}): {error}") from error
    from scanners.scan import scan

    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="airlock-fingerprint-") as folder:
        for item in CORPUS:
            path = Path(folder) / item.name
            path.write_bytes(item.build())
            report = scan(path, isolate=False)
            outcomes.append(
                (item.name, report.verdict, tuple(sorted({f.code for f in report.findings})))
            )
            path.unlink()
    return sorted(outcomes)


def digest(outcomes: list[Outcome]) -> str:
    canonical = json.dumps([list(o[:2]) + [list(o[2])] for o in outcomes], separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def recorded() -> dict[str, str]:
    """The recorded digests by scanner version."""
    if not FINGERPRINT_FILE.exists():
        return {}
    found: dict[str, str] = {}
    for line in FINGERPRINT_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            version, value = line.split()
            found[version] = value
    return found


def record(version: str, value: str) -> None:
    entries = {**recorded(), version: value}
    lines = [f"{v} {d}" for v, d in sorted(entries.items(), key=lambda e: _version_key(e[0]))]
    FINGERPRINT_FILE.write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scanners.fingerprint", description=__doc__)
    parser.add_argument("--update", action="store_true", help="record the digest")
    parser.add_argument("--list", action="store_true", help="print what is digested")
    options = parser.parse_args(argv)
    outcomes = corpus_outcomes()
    value = digest(outcomes)
    if options.list:
        for name, verdict, codes in outcomes:
            print(f"{name}\t{verdict}\t{' '.join(codes)}")
    if options.update:
        record(SCANNER_VERSION, value)
        print(f"Recorded {SCANNER_VERSION} {value} in {FINGERPRINT_FILE.name}")
        return 0
    print(f"this tree:  {SCANNER_VERSION} {value}")
    print(f"recorded:   {SCANNER_VERSION} {recorded().get(SCANNER_VERSION, '(none)')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
