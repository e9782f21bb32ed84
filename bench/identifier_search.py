"""Which engine finds identifier-shaped tokens in large text: ``python -m bench.identifier_search``.

Writes, in a temporary folder (never in git), a CSV of aggregate rows (``--mb``, default 200)
and a second one with a 10-digit id on every line (``--dense-mb``, default 50: every line then
holds a candidate), each with a CPR number on its last line, and
times, on each, every engine finding the same tokens (8-12 digit runs, ``DDMMYY-SSSS``,
``DDMMYY SSSS``, HETU) with the same boundaries, beside ``grep -E -c`` with a CPR pattern:

- ``re lookaround``: Python ``re``, boundaries as lookbehind/lookahead (the old text pattern);
- ``re prefix``: Python ``re``, the pattern starts with ``\\d`` (so ``re`` skips to digits at C
  speed) and the boundaries are checked in Python on the few matches;
- ``re2``: google-re2 (no lookaround: the leading boundary is consumed, the rest checked after);
- ``hyperscan``: one database of the shapes, block mode over 16 MB chunks;
- ``translate+find``: ``bytes.translate`` then ``bytes.find`` of literal shapes (the reader's
  pre-filter, ``scanners/readers/identifier_shapes``).

Each engine reports how many tokens it found; they must agree (the run fails otherwise).
google-re2 and hyperscan are not dependencies of the project (see the ADR); install them to
compare, e.g. ``.venv/bin/pip install google-re2==1.1.20251105 hyperscan==0.9.1``; an engine
whose module is missing is skipped.
Figures are MB/s of wall time on one core, best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.scanner_bench import CPR_PATTERN
from scanners.identifiers.search import CANDIDATE_SOURCE, find_candidates

_MB = 1024 * 1024
CHUNK = 16 * _MB
_BEFORE = rb"(?<![0-9A-Za-z_.,/+-])"
_AFTER = rb"(?![0-9A-Za-z_]|[.,/-][0-9])"
_SHAPES = rb"(?:\d{6}[-+]\d{4}|\d{6}[A-FU-Ya-fu-y]\d{3}[0-9A-Za-z]|\d{6} \d{4}|\d{8,12})"
LOOKAROUND = re.compile(_BEFORE + _SHAPES + _AFTER)
# RE2 and Hyperscan have no lookaround: the leading boundary is consumed.
CONSUMING = rb"(?:^|[^0-9A-Za-z_.,/+-])" + _SHAPES


def aggregate_rows(rng: random.Random, lines: int) -> bytes:
    out = ["aar;kom;koen;alder;antal;gns_indkomst\n"]
    for _ in range(lines):
        out.append(
            f"{rng.randint(2000, 2023)};{rng.randint(101, 860)};{rng.randint(1, 2)};"
            f"{rng.randint(0, 19) * 5}-{rng.randint(0, 19) * 5 + 4};{rng.randint(3, 99999)};"
            f"{rng.randint(10000, 999999)},{rng.randint(0, 99):02d}\n"
        )
    return "".join(out).encode()


def id_rows(rng: random.Random, lines: int) -> bytes:
    out = ["id;aar;kom;antal\n"]
    for _ in range(lines):
        out.append(
            f"{rng.randint(1_000_000_000, 9_999_999_999)};{rng.randint(2000, 2023)};"
            f"{rng.randint(101, 860)};{rng.randint(3, 9999)}\n"
        )
    return "".join(out).encode()


def write_file(path: Path, block: bytes, megabytes: int) -> None:
    with path.open("wb") as out:
        written = 0
        while written < megabytes * _MB:
            out.write(block)
            written += len(block)
        out.write(b"9999;999;1;0-4;3;010101,00 needle 010190-1234\n")


def chunks(path: Path) -> list[bytes]:
    """Line-aligned 16 MB pieces (read once, before timing: the figure is the search only)."""
    data = path.read_bytes()
    pieces, start = [], 0
    while start < len(data):
        end = data.find(b"\n", min(len(data), start + CHUNK))
        end = len(data) if end < 0 else end + 1
        pieces.append(data[start:end])
        start = end
    return pieces


def _trailing_ok(buf: bytes, end: int) -> bool:
    if end >= len(buf):
        return True
    nxt = buf[end]
    if chr(nxt).isalnum() or nxt == 95:
        return False
    return not (nxt in b".,/-" and end + 1 < len(buf) and 48 <= buf[end + 1] <= 57)


def engine_re_lookaround(pieces: list[bytes]) -> int:
    return sum(1 for piece in pieces for _ in LOOKAROUND.finditer(piece))


def engine_re_prefix(pieces: list[bytes]) -> int:
    """The scanner's pattern alone, over all of the text (no pre-filter)."""
    from scanners.identifiers.search import _candidates_between

    total = 0
    for piece in pieces:
        text = piece.decode("latin-1")
        total += len(_candidates_between(text, 0, len(text)))
    return total


def engine_scanner(pieces: list[bytes]) -> int:
    """What the scanner runs: ``find_candidates`` (translate+find pre-filter, then ``re``)."""
    return sum(len(find_candidates(piece.decode("latin-1"))) for piece in pieces)


def engine_re2(pieces: list[bytes]) -> int:
    import re2  # type: ignore[import-untyped]

    pattern = re2.compile(CONSUMING)
    found = 0
    for piece in pieces:
        for m in pattern.finditer(piece):
            if _trailing_ok(piece, m.end()):
                found += 1
    return found


def engine_hyperscan(pieces: list[bytes]) -> int:
    import hyperscan  # type: ignore[import-untyped]

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    # No lookaround: both boundaries are part of the pattern. Hyperscan reports overlapping
    # matches, so consuming the trailing one loses nothing; a run is reported once per end.
    pattern = CONSUMING + rb"(?:[^0-9A-Za-z_]|$)"
    db.compile(
        expressions=[pattern],
        flags=[hyperscan.HS_FLAG_SOM_LEFTMOST | hyperscan.HS_FLAG_MULTILINE],
    )
    found = 0
    for piece in pieces:
        starts: set[int] = set()

        def on_match(
            _id: int, start: int, end: int, _flags: int, _ctx: object, starts: set[int] = starts
        ) -> None:
            starts.add(start)

        db.scan(piece, match_event_handler=on_match)
        found += len(starts)
    return found


def engine_hyperscan_prefilter(pieces: list[bytes]) -> int:
    """Hyperscan finds the lines with a shape (no start of match: its fastest mode), then the
    scanner's pattern runs on those lines only."""
    import hyperscan

    from scanners.identifiers.search import _candidates_between

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[rb"[0-9]{8}", rb"[0-9]{6}[-+ A-FU-Ya-fu-y][0-9]{3}"], flags=[0, 0])
    total = 0
    for piece in pieces:
        ends: list[int] = []

        def on_match(
            _id: int, _start: int, end: int, _flags: int, _ctx: object, ends: list[int] = ends
        ) -> None:
            ends.append(end)

        db.scan(piece, match_event_handler=on_match)
        text = piece.decode("latin-1")
        done = -1
        for end in ends:
            if end <= done:
                continue
            start = piece.rfind(b"\n", 0, end) + 1
            stop = piece.find(b"\n", end)
            stop = len(piece) if stop < 0 else stop
            total += len(_candidates_between(text, start, stop))
            done = stop
    return total


def engine_translate_find(pieces: list[bytes]) -> int:
    """The CSV reader's older pre-filter (10-12 digit runs with a date only: fewer tokens)."""
    from scanners.readers.identifier_shapes import candidate_positions

    return sum(len(candidate_positions(piece)) for piece in pieces)


ENGINES: dict[str, Callable[[list[bytes]], int]] = {
    "re, lookaround (old)": engine_re_lookaround,
    "re, digit first": engine_re_prefix,
    "google-re2": engine_re2,
    "hyperscan": engine_hyperscan,
    "hyperscan lines + re": engine_hyperscan_prefilter,
    "translate+find + re (chosen)": engine_scanner,
    "reader's shape filter": engine_translate_find,
}


def grep_seconds(path: Path) -> float:
    grep = shutil.which("grep")
    if grep is None:
        return float("nan")
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        subprocess.run([grep, "-E", "-c", CPR_PATTERN, str(path)], stdout=out, check=False)
        return time.perf_counter() - started


def _detector_seconds(pieces: list[bytes]) -> float:
    """The identifier rule on the whole file as text: candidates, checks and findings."""
    from scanners.detectors import all_detectors
    from scanners.model import Policy, TextBlock

    started = time.perf_counter()
    detector = all_detectors(Policy())[0]
    for number, piece in enumerate(pieces):
        detector.feed_text(TextBlock(text=piece.decode("latin-1"), location=f"part {number}"))
    findings = [f for f in detector.findings() if f.code.startswith("identifier.")]
    seconds = time.perf_counter() - started
    if not any(f.code == "identifier.dk_cpr" for f in findings):
        raise SystemExit("the needle (a CPR number on the last line) was not found")
    return seconds


def table_figure(chunks: int = 5, rows: int = 20_000) -> float:
    """CPU ns per cell of the identifier rule's table path, on chunks shaped like
    ``make bench``'s CSV (with an 8-digit amount column), shapes worked out beforehand."""
    from scanners.detectors.identifiers import IdentifierDetector
    from scanners.detectors.table_book import Chunk, TableBook
    from scanners.model import Policy, Table

    rng = random.Random(7)
    header = ["aar", "kommune", "koen", "alder", "indkomst", "formue", "kode", "tekst"]
    tables = []
    for k in range(chunks):
        body: list[list[object]] = [
            [rng.randint(2000, 2020), rng.randint(101, 860), rng.randint(1, 2),
             rng.randint(0, 99), rng.randint(0, 9_999_999) + 0.5,
             rng.randint(10_000_000, 99_999_999), rng.randint(0, 999_999), "tekst"]
            for _ in range(rows)
        ]  # fmt: skip
        offset = 0 if k == 0 else 1 + k * rows
        tables.append(Table(name="data", rows=[header, *body] if k == 0 else body,
                            row_offset=offset, is_last_chunk=k == chunks - 1))  # fmt: skip
    book = TableBook()
    seen: dict[int, Chunk] = {id(t): book.observe(t) for t in tables}

    class Seen:
        def observe(self, table: Table) -> Chunk:
            return seen[id(table)]

    detector = IdentifierDetector(Policy(), Seen())  # type: ignore[arg-type]
    started = time.process_time()
    for table in tables:
        detector.feed_table(table)
    list(detector.findings())
    return (time.process_time() - started) / (chunks * rows * len(header)) * 1e9


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = run()
        best = min(best, time.perf_counter() - started)
    return best, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the aggregate CSV")
    parser.add_argument(
        "--dense-mb", type=int, default=50, help="size of the CSV with an id on every line"
    )
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", action="append", help="engine name prefix (repeatable)")
    parser.add_argument(
        "--table", action="store_true", help="also time the table path (CPU ns per cell)"
    )
    args = parser.parse_args(argv)
    rng = random.Random(9)
    print(f"candidate pattern (scanner): {CANDIDATE_SOURCE}")
    if args.table:
        print(f"table path, 100,000 rows x 8 columns: {table_figure():.0f} ns of CPU per cell")
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "aggregate": (Path(folder) / "aggregate.csv", aggregate_rows(rng, 60_000), args.mb),
            "id column": (Path(folder) / "ids.csv", id_rows(rng, 80_000), args.dense_mb),
        }
        failed = False
        for label, (path, block, megabytes) in files.items():
            write_file(path, block, megabytes)
            size_mb = path.stat().st_size / _MB
            pieces = chunks(path)
            grep = min(grep_seconds(path) for _ in range(args.repeat))
            print(
                f"\n{label}: {size_mb:.0f} MB; grep -E -c: {grep:.2f} s ({size_mb / grep:.0f} MB/s)"
            )
            detector = _detector_seconds(pieces)
            print(
                f"  {'identifier rule (all checks)':28s} {detector:7.2f} s  "
                f"{size_mb / detector:7.0f} MB/s  {detector / grep:5.1f}x grep"
            )
            counts = set()
            for name, engine in ENGINES.items():
                if args.only and not any(name.startswith(o) for o in args.only):
                    continue
                try:
                    seconds, found = best_of(args.repeat, partial(engine, pieces))
                except ImportError as missing:  # optional: google-re2, hyperscan
                    print(f"  {name:28s} not installed ({missing.name})")
                    continue
                if not name.startswith("reader"):
                    counts.add(found)
                print(
                    f"  {name:28s} {seconds:7.2f} s  {size_mb / seconds:7.0f} MB/s  "
                    f"{seconds / grep:5.1f}x grep  tokens {found}"
                )
            if len(counts) > 1:
                print(f"  ENGINES DISAGREE: {sorted(counts)}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
