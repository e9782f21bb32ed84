"""Kinds of error the blind held-out round of the real corpus found
(tests/corpus_real/gen_heldout_blind.py), each built here in code with its counterpart:

- A text report in Danish notation (an aligned table, or a Markdown table, with one decimal
  comma per number) was read as comma-separated data: its columns were cut through the numbers,
  the decimals read as counts (false small cells), its real counts and its footnotes (``n =
  2``) never seen.
- A column of sums of money (11-digit wage sums in kroner) where one sum happens to pass both
  fødselsnummer check digits was reported as a column of identifiers.

And one a probe after the round found (not a corpus file):

- In a hand-typed aligned table, a count typed a character or two right of its column opened a
  gutter of its own: it stood alone in a column without a header, and was not read as a count.
- A share written out in a sentence, "blev 1 af 2 indlagt igen", "døde 2 af 400", "3 af 4
  kvinder" (what is left of the whole is 1), was not a count.
- A Finnish temporary identity code (individual number 900-999, the population register's own
  example 010594Y9032) was not a HETU: python-stdnum rejects the range unless asked.
- A CPR number in a file or variable name (Stata's echo of ``use "pers_060297-0299.dta"``) was
  not found: the underscore before it counted as part of a word.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scanners import scan
from scanners.detectors.prose_counts import ProseCountDetector
from scanners.model import Policy, Table, TextBlock
from scanners.readers.delimited import sniff_delimiter
from scanners.readers.text_tables import text_and_tables
from tests.unit.scanners import detector_feed
from tests.unit.scanners.identifier_samples import no_fnr

# --- Danish decimal commas in text ---------------------------------------------------------


def _aligned_report(phd_n: str) -> str:
    return f"""\
Indkomst efter kommune og uddannelse, 2022

Kommune   Uddannelse          N    Gns. indkomst
Aarhus    Grundskole      4.812        241.305,2
Aarhus    Erhvervsfaglig  9.377        318.771,9
Aarhus    Ph.d.             611        612.884,0
Læsø      Grundskole        303        226.410,8
Læsø      Erhvervsfaglig    412        291.022,1
Læsø      Ph.d.      {phd_n:>10}        688.150,0

Kilde: IND og UDDA 2022, egne beregninger.
"""


_MARKDOWN = """\
# Indkomst efter uddannelse, udvalgte kommuner 2022

| Kommune | Uddannelse     |   N   | Gns. indkomst (kr.) |
|---------|----------------|------:|--------------------:|
| Aarhus  | Grundskole     | 4.812 |           241.305,2 |
| Aarhus  | Erhvervsfaglig | 9.377 |           318.771,9 |
| Aarhus  | Lang videreg.  | 6.204 |           498.120,4 |
| Aarhus  | Ph.d.          |   611 |           612.884,0 |
| Læsø    | Grundskole     |   303 |           226.410,8 |
| Læsø    | Erhvervsfaglig |   412 |           291.022,1 |
| Læsø    | Lang videreg.  |    58 |           402.930,5 |
| Læsø    | Ph.d.¹         |       |           688.150,0 |

¹ Ph.d.-gruppen i Læsø består af {footnote}; N er udeladt, gennemsnittet er vist.

Kilde: IND og UDDA 2022, egne beregninger.
"""


def _risky(path: Path, text: str) -> list[tuple[str, str]]:
    path.write_text(text, encoding="utf-8")
    report = scan(path, isolate=False)
    return [(f.code, f.evidence) for f in report.findings if f.severity == "risk"]


def test_an_aligned_text_table_in_danish_notation_is_not_comma_separated(tmp_path: Path) -> None:
    assert _risky(tmp_path / "tabel.txt", _aligned_report("2")) == [("table.small_cell", "2")]
    assert _risky(tmp_path / "tabel_ok.txt", _aligned_report("58")) == []


def test_a_footnote_under_a_markdown_table_in_danish_notation_is_read(tmp_path: Path) -> None:
    small = _risky(tmp_path / "rapport.txt", _MARKDOWN.format(footnote="n = 2 personer"))
    assert ("table.small_cell", "n = 2") in small
    assert _risky(tmp_path / "rapport_ok.txt", _MARKDOWN.format(footnote="n = 58 personer")) == []


def test_comma_separated_text_is_still_comma_separated() -> None:
    lines = ["aar,kommune,antal,andel", "2022,101,4812,12.5", "2022,147,611,3.1"]
    assert sniff_delimiter(lines) == ","
    numeric = ["1,2,3,4", "5,6,7,8", "9,10,11,12"]  # digits on both sides, but no columns
    assert sniff_delimiter(numeric) == ","


# --- a sum of money that passes the fødselsnummer check ------------------------------------


def _fnr_ok(digits: str) -> bool:
    k1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
    k2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return all(
        sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 == 0
        for weights in (k1, k2)
    )


def _sums(rng: random.Random, count: int) -> list[int]:
    """11-digit sums that fail the fødselsnummer check, and one that passes it."""
    sums: list[int] = []
    while len(sums) < count:
        value = rng.randint(21_000, 88_000) * rng.randint(171_000, 214_000)
        if len(str(value)) == 11 and not _fnr_ok(str(value)):
            sums.append(value)
    passing = 15_037_824_510
    while not _fnr_ok(str(passing)):
        passing += 1
    sums[4] = passing
    return sums


def _identifier_codes(rows: list[list[object]]) -> set[str]:
    found = detector_feed.codes(detector_feed.table(rows))
    return {code for code in found if code.startswith("identifier.")}


def test_one_sum_of_money_that_passes_the_fnr_check_is_not_an_identifier() -> None:
    sums = _sums(random.Random(7), 11)
    rows: list[list[object]] = [["fylke", "personer_18_25", "sum_lonn_kr"]]
    rows += [[f"Fylke {i}", 20_000 + i, str(value)] for i, value in enumerate(sums)]
    assert _identifier_codes(rows) == set()


def test_fodselsnummer_under_an_amount_header_are_still_identifiers() -> None:
    rng = random.Random(8)
    rows: list[list[object]] = [["fylke", "sum_kr"]]
    rows += [[f"Fylke {i}", no_fnr(rng)] for i in range(11)]
    assert "identifier.no_fnr" in _identifier_codes(rows)


def test_one_fodselsnummer_in_a_column_that_is_not_of_amounts_is_still_one() -> None:
    sums = _sums(random.Random(7), 11)
    rows: list[list[object]] = [["fylke", "note"]]
    rows += [[f"Fylke {i}", str(value)] for i, value in enumerate(sums)]
    assert "identifier.no_fnr" in _identifier_codes(rows)


# --- a count typed out of line with its column ---------------------------------------------


_MISALIGNED = """\
Kommune   Uddannelse          N    Gns. indkomst
Aarhus    Grundskole       4812         241305.2
Aarhus    Ph.d.             611         612884.0
Læsø      Grundskole        303         226410.8
Læsø      Ph.d.                 {n}       688150.0
"""


def test_a_count_typed_out_of_line_with_its_column_is_in_that_column(tmp_path: Path) -> None:
    assert _risky(tmp_path / "tabel.txt", _MISALIGNED.format(n="2")) == [("table.small_cell", "2")]
    assert _risky(tmp_path / "tabel_ok.txt", _MISALIGNED.format(n="58")) == []


def test_columns_one_space_apart_filled_on_every_line_stay_apart() -> None:
    lines = [
        "Kommune       Mænd Kvind  I alt",
        "Aarhus        1412 1433   2845",
        "Odense         877  901   1778",
        "Læsø           120  141    261",
    ]
    tables = [t for t in text_and_tables(enumerate(lines, 1)) if isinstance(t, Table)]
    assert [[str(v) for v in row] for row in tables[0].rows[1:]] == [
        ["Aarhus", "1412", "1433", "2845"],
        ["Odense", "877", "901", "1778"],
        ["Læsø", "120", "141", "261"],
    ]


# --- a temporary HETU ----------------------------------------------------------------------


def test_a_temporary_finnish_identity_code_is_a_hetu() -> None:
    found = detector_feed.text("Potilaalla oli väliaikainen tunnus 010594Y9032 vuonna 2021.")
    assert "identifier.fi_hetu" in detector_feed.codes(found)
    wrong = detector_feed.text("Potilaalla oli väliaikainen tunnus 010594Y9033 vuonna 2021.")
    assert "identifier.fi_hetu" not in detector_feed.codes(wrong)


# --- a share written out in a sentence -----------------------------------------------------


def _shares(sentence: str) -> list[str]:
    detector = ProseCountDetector(Policy())
    detector.feed_text(TextBlock(text=sentence, location="line 3"))
    return [f.evidence for f in detector.findings()]


@pytest.mark.parametrize(
    ("sentence", "evidence"),
    [
        ("Blandt patienterne på Læsø blev 1 af 2 indlagt igen inden for 30 dage.", "1 af 2"),
        ("Af de 400 patienter i kohorten døde 2 af 400 inden for det første år.", "2 af 400"),
        ("I alt 3 af 4 kvinder i gruppen fik behandling inden for tre måneder.", "3 af 4"),
        ("Among the women on the island 1 of 2 was readmitted within a month.", "1 of 2"),
    ],
)
def test_a_small_share_of_persons_written_out_is_a_small_cell(sentence: str, evidence: str) -> None:
    assert _shares(sentence) == [evidence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Se side 1 af 2 for en oversigt over alle patienter i studiet og deres forløb.",
        "Modellen blev estimeret i 2 af 5 folds, og patienter med manglende data udelades.",
        "The model converged in 1 of 2 runs for the patients with complete follow-up.",
        "Blandt 1.204 patienter havde 612 af 1.204 mindst én indlæggelse i perioden.",
        "I 2 af 98 kommuner var ventetiden over 30 dage for patienterne i 2022.",
    ],
)
def test_a_place_in_a_sequence_or_a_large_share_is_not(sentence: str) -> None:
    assert _shares(sentence) == []


# --- an identifier in a file or variable name ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        'use "H:\\data\\pers_060297-0299.dta", clear',
        "gen cpr_0602970299 = 1",
        "save udtraek_060297-0299_v2.dta, replace",
    ],
)
def test_a_cpr_number_in_a_file_or_variable_name_is_found(tmp_path: Path, line: str) -> None:
    log = tmp_path / "analyse.log"
    found = _risky(log, f". {line}\n(12 vars, 4,211 obs)\n")
    assert [code for code, _ in found] == ["identifier.dk_cpr"]


@pytest.mark.parametrize(
    "line",
    [
        'use "H:\\data\\pers_0602970299.dta", clear',  # bare digits, nothing names them
        "save abc060297-0299.dta, replace",  # inside a word
        'use "H:\\data\\udtraek_20231201.dta", clear',  # a date
    ],
)
def test_digits_in_a_name_that_do_not_prove_themselves_are_not(tmp_path: Path, line: str) -> None:
    log = tmp_path / "analyse.log"
    assert _risky(log, f". {line}\n(12 vars, 4,211 obs)\n") == []
