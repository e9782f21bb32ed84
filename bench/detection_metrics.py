"""Detection metrics: precision and recall per finding family and per file format.

Two corpora: the real corpus (tests/corpus_real: output made by R, PSPP and LibreOffice, and
written to the layout of Stata, SAS and tau-Argus), and the labelled corpus written alongside
the detectors (tests/unit/scanners/corpus.py). Each file has a label: clean, risk (with the
finding codes that explain the risk) or review (cannot be judged from its content).

- recall of a family: risky files that family should catch, caught by it
- precision of a family: files it flagged with a risk that were risky for that family's reason
- clean passed: clean files that came out clean (no risk finding, not unscannable)
- risky caught: risky files with at least one risk finding (for any reason)

Run from the repository root (the real corpus is generated on first use, then cached):

    .venv/bin/python bench/detection_metrics.py [--corpus real|labelled|both] [--json]
        [--verbose] [--known-failures]

``--known-failures`` prints, for the real corpus, the lines of
tests/corpus_real/known_failures.txt that match what the scanner does now.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "scanners")]

from corpus import CORPUS  # noqa: E402

from scanners import scan  # noqa: E402
from scanners.detectors import FAMILIES  # noqa: E402
from scanners.model import RISK, ScanReport  # noqa: E402
from tests.corpus_real.build import ToolMissing, generators  # noqa: E402
from tests.corpus_real.judging import judge, known_failures  # noqa: E402
from tests.corpus_real.labels import Label  # noqa: E402

# Review and info codes of the labelled corpus (hidden.comment...) are expected, not risks.
_NOT_RISK = {"hidden.comment", "hidden.metadata", "hidden.external_link", "hidden.data_connection"}


@dataclass(frozen=True)
class Case:
    corpus: str  # "real" or "labelled"
    name: str
    tool: str
    format: str
    expect: str  # clean, risk, review
    codes: tuple[str, ...]  # for risk: codes any one of which explains the risk
    verdict: str
    risk_codes: tuple[str, ...]
    disagreement: str | None
    reason: str = ""

    @property
    def expected_families(self) -> set[str]:
        return {code.split(".", 1)[0] for code in self.codes}

    @property
    def flagged_families(self) -> set[str]:
        return {code.split(".", 1)[0] for code in self.risk_codes}

    def caught_by(self, family: str) -> bool:
        return any(
            code.split(".", 1)[0] == family and _explains(code, self.risk_codes)
            for code in self.codes
        )


def _explains(code: str, found: Iterable[str]) -> bool:
    return any(c == code or c.startswith(code + ".") for c in found)


# --- the two corpora --------------------------------------------------------------------------


def real_cases(skipped: list[str], timings: dict[str, float]) -> Iterator[Case]:
    started = time.monotonic()
    folders = []
    for generator in generators():
        try:
            folders.append((generator, generator.folder()))
        except ToolMissing as missing:
            skipped.append(f"{generator.tool}: {missing}")
    timings["generate"] = time.monotonic() - started
    for generator, folder in folders:
        for label in generator.labels:
            began = time.monotonic()
            report = scan(folder / label.name, isolate=False)
            timings[label.name] = time.monotonic() - began
            yield _real_case(generator.tool, label, report)


def _real_case(tool: str, label: Label, report: ScanReport) -> Case:
    judged = judge(label, report)
    return Case(
        corpus="real",
        name=label.name,
        tool=tool,
        format=label.format,
        expect=label.expect,
        codes=label.codes,
        verdict=report.verdict,
        risk_codes=tuple(sorted(judged.risk_codes)),
        disagreement=judged.disagreement,
        reason=label.reason,
    )


def labelled_cases() -> Iterator[Case]:
    with tempfile.TemporaryDirectory() as folder:
        for item in CORPUS:
            path = Path(folder) / item.name
            path.write_bytes(item.build())
            report = scan(path, isolate=False)
            path.unlink()
            risky = tuple(sorted({f.code for f in report.findings if f.severity == RISK}))
            codes = tuple(sorted(c for c in item.codes if c not in _NOT_RISK))
            disagreement = None
            if item.verdict == "risk":
                if not risky:
                    disagreement = "miss"
                elif not any(_explains(code, risky) for code in codes):
                    disagreement = "wrong_reason"
            elif risky:
                disagreement = "false_alarm"
            elif report.verdict != "clean":
                disagreement = "not_judged"
            yield Case(
                corpus="labelled",
                name=item.name,
                tool="written in code",
                format=item.name.rsplit(".", 1)[-1].lower(),
                expect=item.verdict,
                codes=codes if item.verdict == "risk" else (),
                verdict=report.verdict,
                risk_codes=risky,
                disagreement=disagreement,
                reason=item.note,
            )


# --- metrics -----------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def family_metrics(cases: list[Case]) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {}
    for family in FAMILIES:
        expected = [c for c in cases if c.expect == "risk" and family in c.expected_families]
        caught = [c for c in expected if c.caught_by(family)]
        false_alarms = [c for c in cases if c.expect != "risk" and family in c.flagged_families]
        table[family] = {
            "risky": len(expected),
            "caught": len(caught),
            "false_alarms": len(false_alarms),
            "recall": _ratio(len(caught), len(expected)),
            "precision": _ratio(len(caught), len(caught) + len(false_alarms)),
        }
    return table


def group_metrics(cases: list[Case], key: str) -> dict[str, dict[str, object]]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[str(getattr(case, key))].append(case)
    table = {name: _verdict_metrics(group) for name, group in sorted(groups.items())}
    table["all"] = _verdict_metrics(cases)
    return table


def _verdict_metrics(cases: list[Case]) -> dict[str, object]:
    clean = [c for c in cases if c.expect == "clean"]
    risky = [c for c in cases if c.expect == "risk"]
    review = [c for c in cases if c.expect == "review"]
    flagged = [c for c in cases if c.risk_codes]
    flagged_right = [c for c in flagged if c.expect == "risk"]
    return {
        "files": len(cases),
        "clean": len(clean),
        "clean_passed": sum(c.disagreement is None for c in clean),
        "clean_passed_pct": _ratio(sum(c.disagreement is None for c in clean), len(clean)),
        "false_alarms": sum(c.disagreement == "false_alarm" for c in clean + review),
        "risky": len(risky),
        "risky_caught": sum(bool(c.risk_codes) for c in risky),
        "risky_caught_pct": _ratio(sum(bool(c.risk_codes) for c in risky), len(risky)),
        "right_reason": sum(c.disagreement is None for c in risky),
        "review": len(review),
        "review_ok": sum(c.disagreement is None for c in review),
        "precision": _ratio(len(flagged_right), len(flagged)),
    }


def _pct(value: object) -> str:
    return "-" if value is None else f"{value:.1f}%"


def print_tables(name: str, cases: list[Case], seconds: float, verbose: bool) -> None:
    overall = _verdict_metrics(cases)
    print(
        f"== {name} corpus: {overall['files']} files ({overall['clean']} clean, "
        f"{overall['risky']} risky, {overall['review']} review) scanned in {seconds:.1f} s"
    )
    print(
        f"   clean passed {overall['clean_passed']}/{overall['clean']} "
        f"({_pct(overall['clean_passed_pct'])}), risky caught {overall['risky_caught']}/"
        f"{overall['risky']} ({_pct(overall['risky_caught_pct'])}), for the labelled reason "
        f"{overall['right_reason']}/{overall['risky']}, review files sent to review "
        f"{overall['review_ok']}/{overall['review']}"
    )
    print()
    print(f"   {'family':<12}{'recall':>16}{'precision':>12}{'false alarms':>14}")
    for family, row in family_metrics(cases).items():
        if not row["risky"] and not row["false_alarms"]:
            continue
        recall = f"{row['caught']}/{row['risky']} {_pct(row['recall'])}"
        print(f"   {family:<12}{recall:>16}{_pct(row['precision']):>12}{row['false_alarms']:>14}")
    for key in ("format", "tool"):
        groups = group_metrics(cases, key)
        width = max(16, *(len(group) + 2 for group in groups))
        if key == "tool" and len(groups) <= 2:
            continue
        print()
        print(
            f"   {key:<{width}}{'clean passed':>18}{'risky caught':>18}{'review ok':>11}"
            f"{'precision':>11}"
        )
        for group, row in groups.items():
            passed = f"{row['clean_passed']}/{row['clean']} {_pct(row['clean_passed_pct'])}"
            caught = f"{row['risky_caught']}/{row['risky']} {_pct(row['risky_caught_pct'])}"
            review = f"{row['review_ok']}/{row['review']}" if row["review"] else "-"
            print(
                f"   {group:<{width}}{passed:>18}{caught:>18}{review:>11}"
                f"{_pct(row['precision']):>11}"
            )
    print()
    wrong = [c for c in cases if c.disagreement or verbose]
    if wrong:
        print("   disagreements:" if not verbose else "   files:")
        for case in wrong:
            got = ",".join(case.risk_codes) or case.verdict
            print(
                f"   {case.disagreement or 'ok':<16}{case.name:<40} expected {case.expect:<6} "
                f"got {got}"
            )
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("real", "labelled", "both"), default="both")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every file's result")
    parser.add_argument(
        "--known-failures",
        action="store_true",
        help="print known_failures.txt lines for the real corpus as the scanner is now",
    )
    args = parser.parse_args(argv)

    results: dict[str, object] = {}
    skipped: list[str] = []
    corpora = ("real", "labelled") if args.corpus == "both" else (args.corpus,)
    if args.known_failures:
        corpora = ("real",)
    for corpus in corpora:
        timings: dict[str, float] = {}
        started = time.monotonic()
        cases = list(real_cases(skipped, timings) if corpus == "real" else labelled_cases())
        seconds = time.monotonic() - started - timings.pop("generate", 0.0)
        if args.known_failures:
            print_known_failures(cases)
            return 0
        results[corpus] = {
            "seconds": round(seconds, 1),
            "overall": _verdict_metrics(cases),
            "families": family_metrics(cases),
            "formats": group_metrics(cases, "format"),
            "tools": group_metrics(cases, "tool"),
            "files": [asdict(case) for case in cases],
        }
        if timings:
            slowest = sorted(timings.items(), key=lambda item: -item[1])[:5]
            results[corpus]["slowest"] = {name: round(t, 2) for name, t in slowest}  # type: ignore[index]
        if not args.json:
            print_tables(corpus, cases, seconds, args.verbose)
            if timings:
                print("   slowest scans: " + ", ".join(f"{n} {t:.1f} s" for n, t in slowest))
                print()
    if skipped:
        results["skipped"] = skipped
        if not args.json:
            print("skipped (tool missing): " + "; ".join(skipped))
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def print_known_failures(cases: list[Case]) -> None:
    listed = known_failures()
    for case in cases:
        if not case.disagreement:
            continue
        kind, note = listed.get(case.name, (None, ""))
        if kind != case.disagreement or not note:
            got = ", ".join(case.risk_codes) or f"verdict {case.verdict}"
            note = f"expected {case.expect}, got {got}"
        print(f"{case.name:<40} {case.disagreement:<14} {note}")


if __name__ == "__main__":
    raise SystemExit(main())
