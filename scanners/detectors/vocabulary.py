"""The words that tell what a table column or row holds (Danish, Swedish, Norwegian, English).

Labels are matched on tokens (``antal_personer`` -> ``antal``, ``personer``) so that short words
such as ``n`` or ``kr`` do not match inside longer ones; long words also match as substrings
(``lønindkomst`` holds ``indkomst``).
"""

from __future__ import annotations

import re

_TOKEN_SPLIT = re.compile(r"[^0-9a-zæøåäöü%#]+")

# A column or row label that says "this is a number of units".
COUNT_WORDS = frozenset({
    "antal", "n", "count", "counts", "freq", "frequency", "frekvens", "frekv", "obs", "nobs",
    "observationer", "observations", "number", "personer", "persons", "people", "individer",
    "cases", "virksomheder", "firms", "enterprises", "antall", "_freq_", "_freq",
    "noobs", "numobs", "hushold", "husstande", "households", "familier", "families",
    # units counted by registers and studies: the numerator and the base of a rate
    "tilfælde", "tilfaelde", "patienter", "patients", "borgere", "indbyggere", "befolkning",
    "population", "fødte", "foedte", "births", "dødsfald", "doedsfald", "deaths", "døde",
    "doede", "indlæggelser", "indlaeggelser", "admissions", "kontakter", "contacts",
    "respondenter", "respondents", "deltagere", "participants", "elever", "students",
    "pupils", "subjects", "ntotal", "antalpersoner",
})  # fmt: skip
COUNT_PHRASES = ("no. of", "number of", "antal personer", "antal virksomheder")

# A column label that says "this is an amount, an average or a statistic of one".
MAGNITUDE_WORDS = frozenset({
    "sum", "gns", "gnsn", "gennemsnit", "mean", "avg", "average", "median", "p10", "p25", "p50",
    "p75", "p90", "min", "max", "minimum", "maximum", "std", "sd", "stddev", "var", "kr",
    "dkk", "sek", "nok", "eur", "beløb", "belob", "amount", "value", "værdi", "vaerdi",
    "pris", "price", "wage", "salary", "timer", "hours", "rate", "ratio", "index", "indeks",
})  # fmt: skip
MAGNITUDE_STEMS = (
    "indkomst", "income", "omsætning", "omsaetning", "turnover", "løn", "earning", "formue",
    "wealth", "eksport", "import", "revenue", "udgift", "expenditure", "skat", "gennemsnit",
    "beløb", "inkomst", "inntekt", "lønn", "median", "mean",
)  # fmt: skip

# Words that mark a percentage or a share, not a count.
PERCENT_WORDS = frozenset({
    "%", "pct", "procent", "percent", "percentage", "andel", "share", "prop", "proportion",
    "cum", "kum", "kumuleret", "cumulative", "prosent", "andel_pct",
})  # fmt: skip

# A row or column that holds the total of the others.
TOTAL_WORDS = frozenset({
    "total", "totalt", "totals", "ialt", "sum", "alle", "all", "samlet", "overall", "totalsum",
    "summa", "totalen",
})  # fmt: skip
TOTAL_PHRASES = ("i alt", "hele landet", "in total", "grand total", "alle i alt")

# Labels of regression output: coefficients and standard errors are not counts.
REGRESSION_WORDS = frozenset({
    "coef", "coef.", "coefficient", "coefficients", "estimate", "estimates", "beta", "se",
    "stderr", "t", "z", "p", "pvalue", "p-value", "_cons", "intercept", "(intercept)",
    "r-squared", "r2", "rsquared", "aic", "bic", "loglik", "wald", "odds", "or", "hr",
    "std.", "err.", "conf.", "interval", "robust", "koefficient", "estimat",
})  # fmt: skip
REGRESSION_PHRASES = (
    "std. err", "std.err", "std. error", "p>|t|", "p>|z|", "[95% conf", "conf. interval",
    "odds ratio", "hazard ratio", "number of obs", "r-squared", "prob > f", "prob > chi2",
    "log likelihood", "residual standard error", "pr(>|t|)", "t value", "z value",
)  # fmt: skip

# Labels of a column that holds the largest contributions to a total.
LARGEST_WORDS = frozenset({
    "largest", "største", "stoerste", "storste", "top1", "top2", "top_1", "top_2", "max1",
    "max2", "størst", "biggest", "dominant", "largest1", "largest2", "top",
})  # fmt: skip

# Labels of a column of years or codes rather than values.
YEAR_WORDS = frozenset({"år", "aar", "year", "aargang", "årgang", "periode", "period", "ar"})
CODE_WORDS = frozenset({
    "kode", "code", "kom", "kommune", "region", "alder", "age", "aldersgruppe", "køn", "koen",
    "sex", "gender", "nr", "no", "id", "løbenr", "lobenr", "row", "række", "group", "gruppe",
    "kategori", "category", "branche", "industry", "nace", "disco", "isced", "udd", "level",
})  # fmt: skip


def tokens(label: str) -> list[str]:
    """Lower-cased word tokens of a label: "Antal_Personer (N)" -> ["antal", "personer", "n"]."""
    return [t for t in _TOKEN_SPLIT.split(label.lower()) if t]


def has_word(label: str, words: frozenset[str], phrases: tuple[str, ...] = ()) -> bool:
    low = label.lower()
    if any(p in low for p in phrases):
        return True
    return any(t in words for t in tokens(low))


def is_count_label(label: str) -> bool:
    return has_word(label, COUNT_WORDS, COUNT_PHRASES)


def is_magnitude_label(label: str) -> bool:
    low = label.lower()
    if any(stem in low for stem in MAGNITUDE_STEMS):
        return True
    return has_word(low, MAGNITUDE_WORDS)


def is_percent_label(label: str) -> bool:
    return "%" in label or has_word(label, PERCENT_WORDS)


def is_total_label(label: str) -> bool:
    return has_word(label, TOTAL_WORDS, TOTAL_PHRASES)


def regression_hits(label: str) -> set[str]:
    low = label.lower().strip()
    hits = {p for p in REGRESSION_PHRASES if p in low}
    # Single words only when they are the whole label: "t" inside a sentence is no evidence.
    if low in REGRESSION_WORDS:
        hits.add(low)
    return hits


def is_largest_label(label: str) -> bool:
    low = label.lower()
    if "largest" in low or "største" in low or "top 1" in low or "top 2" in low:
        return True
    return has_word(low, LARGEST_WORDS)


def is_year_label(label: str) -> bool:
    return has_word(label, YEAR_WORDS)


def is_code_label(label: str) -> bool:
    if has_word(label, _CODE_WORDS_BUT_NO) or has_word(label, YEAR_WORDS):
        return True
    # "No." is a number; "no" alone is an answer ("Predicted: no" over counts of persons).
    return bool(re.search(r"\bno\.", label.lower()))


_CODE_WORDS_BUT_NO = CODE_WORDS - {"no"}
