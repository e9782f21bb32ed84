"""A count of persons below the minimum written in a sentence is a small cell; numbers in
sentences that are not counts of persons are not."""

from __future__ import annotations

import pytest

from scanners.detectors.prose_counts import ProseCountDetector
from scanners.model import Policy, TextBlock


def findings(text: str) -> list[str]:
    detector = ProseCountDetector(Policy())  # minimum 3
    detector.feed_text(TextBlock(text=text, location="paragraph 4"))
    return [f.evidence for f in detector.findings()]


@pytest.mark.parametrize(
    ("sentence", "evidence"),
    [
        ("På Læsø var der 2 patienter med diagnosen, og den ene døde inden et år.", "2 patienter"),
        ("In the smallest municipality 1 woman was treated in the study period.", "1 woman"),
        ("I Pajala kommun fanns 2 kvinnor med diagnosen under hela perioden.", "2 kvinnor"),
        ("I Vardø var det 2 nye pasienter med diagnosen i løpet av perioden.", "2 nye pasienter"),
        ("Of the cohort, 2 deaths occurred on Samsø during the first year.", "2 deaths"),
    ],
)
def test_a_small_count_of_persons_in_a_sentence_is_found(sentence, evidence):
    assert findings(sentence) == [evidence]


@pytest.mark.parametrize(
    "sentence",
    [
        "I alt 1.204 patienter indgik i opfølgningen i 2019-2022, heraf 38 % kvinder.",
        "Table 2 patients' characteristics at baseline are shown by region and sex.",
        "Households with 2 children had a higher disposable income than the others.",
        "Der var i gennemsnit 2 personer pr. husstand i alle kommuner i perioden.",
        "The ratio was 2 patients per nurse on every ward in the three regions.",
        "Modellen havde 7 og 1.992 frihedsgrader (F = 3,25, p = 0,002) i alt.",
        "We followed 12 patients in each of the five regions for two years.",
        "(2 observations deleted) after the merge with the register of patients",
        "     2 Kvinde",
    ],
)
def test_numbers_that_are_not_small_counts_of_persons_are_not(sentence):
    assert findings(sentence) == []
