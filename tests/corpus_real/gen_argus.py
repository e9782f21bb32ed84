"""Statistical offices' disclosure-control formats, written to their layout: tau-Argus tabular
input (.tab: no header, ';'-separated, "Total" labels, cell value beside its frequency and the
largest contributions) and an sdcTable-style intermediate table (.csv), with and without small
frequencies, and a protected tau-Argus table whose suppressed cells are marked.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.corpus_real.labels import SMALL_CELL, clean, risk

TOOL = "tau-Argus layout"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    risk(
        "argus_input_small.tab",
        "tau-Argus tabular input: region x industry with turnover, frequency and the two "
        "largest contributions; several cells have a frequency of 1 or 2",
        SMALL_CELL,
    ),
    clean(
        "argus_input_clean.tab",
        "the same tau-Argus layout without the top contributions (cell value and frequency "
        "only), every frequency >= 30",
    ),
    risk(
        "sdctable_small.csv",
        "an sdcTable-style intermediate table without a header: codes, 'Total' labels and the "
        "frequency per cell; some frequencies are 1 and 2",
        SMALL_CELL,
    ),
    clean(
        "sdctable_clean.csv",
        "the same intermediate layout with every frequency >= 5",
    ),
    clean(
        "argus_protected.csv",
        "tau-Argus safe output: primary and secondary suppressions shown as 'x' (two per row "
        "and column), status column; the published cells are all >= 3",
    ),
)

REGIONS = ("Hovedstaden", "Sjaelland", "Syddanmark", "Midtjylland", "Nordjylland")
INDUSTRIES = ("A", "B", "C", "F", "G", "H", "J", "K")


def _argus(rng: random.Random, small: bool) -> str:
    lines = []
    table: dict[tuple[str, str], tuple[float, int, float, float]] = {}
    for region in REGIONS:
        for industry in INDUSTRIES:
            freq = rng.randint(30, 400)
            if small and (region, industry) in {
                ("Nordjylland", "B"),
                ("Sjaelland", "K"),
                ("Syddanmark", "J"),
            }:
                freq = rng.choice((1, 2))
            top1 = round(rng.uniform(2000, 9000), 1)
            top2 = round(top1 * rng.uniform(0.3, 0.9), 1) if freq > 1 else 0.0
            value = round(
                top1 + top2 + sum(rng.uniform(50, 1200) for _ in range(max(0, freq - 2))), 1
            )
            if freq <= 2:
                value = round(top1 + top2, 1)
            table[(region, industry)] = (value, freq, top1, top2)
    for region in (*REGIONS, "Total"):
        for industry in (*INDUSTRIES, "Total"):
            if region != "Total" and industry != "Total":
                value, freq, top1, top2 = table[(region, industry)]
            else:
                members = [
                    v
                    for (r, i), v in table.items()
                    if region in ("Total", r) and industry in ("Total", i)
                ]
                value = round(sum(m[0] for m in members), 1)
                freq = sum(m[1] for m in members)
                tops = sorted((t for m in members for t in m[2:]), reverse=True)
                top1, top2 = tops[0], tops[1]
            if small:
                lines.append(f'"{region}";"{industry}";{value:.1f};{freq};{top1:.1f};{top2:.1f}')
            else:
                lines.append(f'"{region}";"{industry}";{value:.1f};{freq}')
    return "\n".join(lines) + "\n"


def _sdctable(rng: random.Random, small: bool) -> str:
    ages = ("0-17", "18-29", "30-49", "50-66", "67+")
    lines = []
    cells: dict[tuple[str, str, str], int] = {}
    for region in REGIONS:
        for sex in ("1", "2"):
            for age in ages:
                cells[(region, sex, age)] = rng.randint(5, 300)
    if small:
        cells[("Nordjylland", "2", "67+")] = 1
        cells[("Sjaelland", "1", "0-17")] = 2
    for region in ("Total", *REGIONS):
        for sex in ("Total", "1", "2"):
            for age in ("Total", *ages):
                freq = sum(
                    v
                    for (r, s, a), v in cells.items()
                    if region in ("Total", r) and sex in ("Total", s) and age in ("Total", a)
                )
                lines.append(f'"{region}";"{sex}";"{age}";{freq}')
    return "\n".join(lines) + "\n"


def _protected(rng: random.Random) -> str:
    counts = [[rng.randint(20, 400) for _ in INDUSTRIES[:5]] for _ in REGIONS]
    counts[4][1] = 2  # primary: suppressed
    suppressed = {(4, 1), (4, 3), (1, 1), (1, 3)}  # with secondary cells, two per line
    lines = ['"Region";"Industry";"Freq";"Status"']
    for r, region in enumerate(REGIONS):
        for c, industry in enumerate(INDUSTRIES[:5]):
            if (r, c) in suppressed:
                status = "P" if (r, c) == (4, 1) else "S"
                lines.append(f'"{region}";"{industry}";"x";"{status}"')
            else:
                lines.append(f'"{region}";"{industry}";{counts[r][c]};"V"')
        lines.append(f'"{region}";"Total";{sum(counts[r])};"V"')
    for c, industry in enumerate(INDUSTRIES[:5]):
        lines.append(f'"Total";"{industry}";{sum(row[c] for row in counts)};"V"')
    lines.append(f'"Total";"Total";{sum(map(sum, counts))};"V"')
    return "\n".join(lines) + "\n"


def write(folder: Path) -> None:
    rng = random.Random(5)
    (folder / "argus_input_small.tab").write_text(_argus(rng, True), encoding="utf-8")
    (folder / "argus_input_clean.tab").write_text(_argus(rng, False), encoding="utf-8")
    (folder / "sdctable_small.csv").write_text(_sdctable(rng, True), encoding="utf-8")
    (folder / "sdctable_clean.csv").write_text(_sdctable(rng, False), encoding="utf-8")
    (folder / "argus_protected.csv").write_text(_protected(rng), encoding="utf-8")
