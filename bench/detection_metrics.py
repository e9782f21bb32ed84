"""Detection metrics on the labelled corpus (tests/unit/scanners/corpus.py).

For each detector family (identifier, table, microdata, hidden): how many of the risky corpus
files that family should catch it did catch, and how many clean files it wrongly flagged with a
risk. Run from the repository root:

    python bench/detection_metrics.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "scanners")]

from corpus import CORPUS, CorpusItem  # noqa: E402

from scanners import scan  # noqa: E402
from scanners.detectors import FAMILIES  # noqa: E402
from scanners.model import RISK  # noqa: E402


def family_of(code: str) -> str:
    return code.split(".", 1)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every file's result")
    args = parser.parse_args(argv)

    expected = Counter[str]()
    caught = Counter[str]()
    clean_flagged = Counter[str]()
    code_expected = Counter[str]()
    code_caught = Counter[str]()
    verdicts_right = 0
    clean_files = sum(1 for item in CORPUS if item.verdict == "clean")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        for item in CORPUS:
            risky = _risk_codes(item, Path(folder))
            verdict = "risk" if risky else "clean"
            verdicts_right += verdict == item.verdict
            for family in {family_of(code) for code in item.codes if code in _risk_code_set(item)}:
                expected[family] += 1
                caught[family] += any(family_of(code) == family for code in risky)
            for code in item.codes & _risk_code_set(item):
                code_expected[code] += 1
                code_caught[code] += code in risky
            if item.verdict == "clean":
                for family in {family_of(code) for code in risky}:
                    clean_flagged[family] += 1
            if args.verbose:
                print(f"{item.name:34} expected {item.verdict:5} got {verdict:5} {sorted(risky)}")

    seconds = time.monotonic() - started
    print(f"Corpus: {len(CORPUS)} files ({clean_files} clean, {len(CORPUS) - clean_files} risky)")
    print(f"Verdict right: {verdicts_right}/{len(CORPUS)}  ({seconds:.1f} s)")
    print()
    print(f"{'family':<12}{'risky caught':>16}{'clean wrongly flagged':>26}")
    for family in FAMILIES:
        found = f"{caught[family]:>9} / {expected[family]:<4}"
        print(f"{family:<12}{found}{clean_flagged[family]:>17} / {clean_files}")
    print()
    print(f"{'code':<28}{'caught':>12}")
    for code in sorted(code_expected):
        print(f"{code:<28}{code_caught[code]:>7} / {code_expected[code]}")
    return 0


# Review and info codes (hidden.comment, hidden.metadata) are expected but are not risks.
_NOT_RISK = {"hidden.comment", "hidden.metadata", "hidden.external_link", "hidden.data_connection"}


def _risk_code_set(item: CorpusItem) -> frozenset[str]:
    return frozenset(code for code in item.codes if code not in _NOT_RISK)


def _risk_codes(item: CorpusItem, folder: Path) -> set[str]:
    path = folder / item.name
    path.write_bytes(item.build())
    report = scan(path, isolate=False)
    path.unlink()
    return {f.code for f in report.findings if f.severity == RISK}


if __name__ == "__main__":
    raise SystemExit(main())
