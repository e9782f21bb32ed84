"""Words for the roles of columns in statistical output, beside ``vocabulary`` (table labels).

These decide what kind of number a column holds where ``vocabulary`` alone cannot: category
codes written as short stems (``aldgrp``, ``kom_kode``, ``uddniv``), the columns of survival
tables (number at risk, events, censored), the value column of a codebook, and the columns of
estimation output that hold degrees of freedom or test statistics rather than counts.
Matched on tokens of the label (see ``vocabulary.tokens``), stems also inside a token.
"""

from __future__ import annotations

import re

from scanners.detectors.vocabulary import tokens

# Token stems of category-code columns: "aldgrp", "kom_kode", "uddniv", "koen", "kjonn".
CODE_STEMS = (
    "grp", "gruppe", "group", "kode", "code", "kateg", "categ", "klasse", "class", "type",
    "status", "niveau", "level", "region", "kommun", "municip", "county", "fylke",
    "landsdel", "sogn", "parish", "branche", "industr", "sektor", "sector", "nace", "disco",
    "isco", "isced", "hfaudd", "udd", "educ", "alder", "aldr", "koen", "kjonn",
    "kjønn", "køn", "sex", "gender", "civst", "herkomst", "origin", "cohort", "kohorte",
    "wave", "bolig", "socio", "dummy", "flag", "indicator", "postnr", "postnum", "postcode",
    "postal", "zip", "icd", "diag", "atc", "sks",
)  # fmt: skip
# Stems that only begin a name ("agegroup", "age5"; not "average", "wage").
CODE_PREFIXES = ("age", "ald")
# Exact tokens that name a code column (too short to be stems).
CODE_TOKENS = frozenset({
    "kom", "reg", "kon", "kn", "lan", "län", "nr", "no", "id", "cat", "grp", "numeric", "value",
    "values", "vaerdi", "værdi", "varde", "värde", "verdi", "kodning", "label", "mdr", "month",
    "maaned", "måned", "quarter", "kvartal", "week", "uge", "vecka", "uke", "day", "dag",
})  # fmt: skip
# Words that say the column's numbers are amounts or counts after all ("kr", "antal").
_NOT_CODE_TOKENS = frozenset({"antal", "n", "count", "freq", "frequency", "sum", "mean", "gns"})

# Survival and life tables.
AT_RISK_PHRASES = (
    "at risk", "n.risk", "n_risk", "nrisk", "number at risk", "no. at risk", "i risiko",
    "risikotid", "at-risk", "beg. total", "beg total", "i risk", "under risiko",
)  # fmt: skip
AT_RISK_TOKENS = frozenset({"risk", "atrisk", "risiko"})
EVENT_PHRASES = ("n.event", "n.censor", "n_event", "net lost", "n.lost")
EVENT_TOKENS = frozenset({
    "fail", "failure", "failures", "event", "events", "died", "deaths", "dead", "døde",
    "doede", "dode", "lost", "censored", "censor", "censur", "censureret", "hændelser",
    "haendelser",
})  # fmt: skip
SURVIVAL_PHRASES = (
    "survivor function", "survival", "kaplan", "life table", "cum. surv", "cumulative surv",
    "overlevelse", "hazard", "sts list", "survfit", "ltable",
)  # fmt: skip

# Estimation output: degrees of freedom, sums of squares, test statistics, groups, iterations.
ESTIMATION_TOKENS = frozenset({
    "df", "d.f.", "ss", "ms", "chi2", "chi-sq", "chisq", "lr", "wald", "iteration",
    "iter", "groups", "dof", "npar", "resid", "residual", "residuals", "deviance", "loglik",
    "aic", "bic", "statistic", "stat", "lag", "lags",
})  # fmt: skip
ESTIMATION_PHRASES = (
    "sum sq", "mean sq", "sum of squares", "mean square", "f value", "pr(>f)", "prob>f",
    "prob > f", "degrees of freedom", "number of groups", "obs per group", "resid. df",
    "resid. dev", "partial ss", "log likelihood", "chi-square", "pr(>chi)", "pr(>chisq)",
)  # fmt: skip

# Descriptive output whose small integers are values of a variable, not counts.
SUMMARY_TOKENS = frozenset({
    "min", "max", "minimum", "maximum", "range", "unique", "units", "missing", "mean", "sd",
    "median", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "skewness",
    "kurtosis", "variance", "iqr", "mode", "1q", "3q", "q1", "q3", "storage", "display",
    "format", "type",
})  # fmt: skip
# A codebook's or variable list's counts of values, not of units: "antal_forskellige",
# "n_distinct", "unique", "levels", "missing" (a number of values or of empty cells of one
# variable, printed beside its name and label).
METADATA_TOKENS = frozenset({
    "distinct", "ndistinct", "unique", "nunique", "uniq", "forskellige", "levels", "nlevels",
    "niveauer", "kategorier", "categories", "nmiss", "nmissing", "decimals", "decimaler",
    "width", "bredde",
})  # fmt: skip
# "Missing" counts values when it says so ("antal_missing", "N missing"); a column headed
# "Missing" alone may be an answer category of a cross table, whose counts are cells.
_MISSING_TOKENS = frozenset({"missing", "miss", "mangler", "manglende", "uoplyst", "blanke"})
_MISSING_CODES = re.compile(r"\bobs\s*[=<>]\s*\.", re.IGNORECASE)
_COUNTING_TOKENS = frozenset({"antal", "n", "number", "count", "no", "nr", "antall", "antalet"})
CORRELATION_WORDS = frozenset({"corr", "correlation", "korrelation", "pearson", "spearman", "rho"})


def _has(label: str, token_set: frozenset[str], phrases: tuple[str, ...] = ()) -> bool:
    low = label.lower()
    return any(p in low for p in phrases) or any(t in token_set for t in tokens(low))


def is_code_name(label: str) -> bool:
    """A column name that says its numbers are category codes (aldgrp, kom_kode, value)."""
    words = tokens(label)
    if not words or any(w in _NOT_CODE_TOKENS for w in words):
        return False
    if any(w in CODE_TOKENS for w in words):
        return True
    return any(w.startswith(stem) or w.endswith(stem) for w in words for stem in CODE_STEMS) or any(
        w.startswith(prefix) for w in words for prefix in CODE_PREFIXES
    )


# Names that are codes whatever their values look like (a postcode need not repeat in a
# short listing to be a postcode): "postnr", "zip", "kommunekode", "icd10".
_STRONG_CODE_PREFIXES = ("postn", "postcode", "postal", "zip")
_STRONG_CODE_SUFFIXES = ("kode", "code")
_UNIT_PREFIXES = (
    "person", "pers", "patient", "pat", "resp", "case", "subj", "indiv", "borger", "elev",
    "cpr", "id", "lbnr", "lopenr", "løbenr", "kunde", "customer", "client", "klient", "user",
)  # fmt: skip
_STRONG_CODE_TOKENS = frozenset({"icd", "icd10", "atc", "sks", "nace", "disco", "isco", "db07"})


def is_strong_code_name(label: str) -> bool:
    """A column name that says its numbers are codes (postcodes, classification codes)."""
    words = tokens(label)
    if not words or any(w in _NOT_CODE_TOKENS for w in words):
        return False
    if any(w.startswith(_UNIT_PREFIXES) for w in words):
        return False  # "personkode", "patient_code": a pseudonymised unit, an identifier
    return any(
        w in _STRONG_CODE_TOKENS
        or w.startswith(_STRONG_CODE_PREFIXES)
        or (w.endswith(_STRONG_CODE_SUFFIXES) and len(w) > 4)
        for w in words
    )


def is_at_risk(label: str) -> bool:
    return _has(label, AT_RISK_TOKENS, AT_RISK_PHRASES)


def is_event_column(label: str) -> bool:
    return not is_at_risk(label) and _has(label, EVENT_TOKENS, EVENT_PHRASES)


def is_survival_label(label: str) -> bool:
    return any(p in label.lower() for p in SURVIVAL_PHRASES)


def is_estimation_label(label: str) -> bool:
    return _has(label, ESTIMATION_TOKENS, ESTIMATION_PHRASES)


def is_summary_label(label: str) -> bool:
    return _has(label, SUMMARY_TOKENS)


def is_metadata_count(label: str) -> bool:
    """A count of a variable's values or missing cells (a codebook's), not of units."""
    words = set(tokens(label))
    if _MISSING_CODES.search(label):
        return True  # Stata's misstable: "Obs=.", "Obs>.", "Obs<."
    return bool(words & METADATA_TOKENS) or bool(
        words & _MISSING_TOKENS and words & _COUNTING_TOKENS
    )


# Row labels of a procedure's description of its model or data (SAS's "Dimensions", "Model
# Information", "Class Level Information"; R's and Stata's headers of estimation output): the
# numbers beside them are sizes of the model, not cells.
MODEL_INFO_TOKENS = frozenset({
    "parameters", "parameter", "columns", "subjects", "subject", "iterations", "dimensions",
    "convergence", "covariance", "strata", "clusters", "levels", "observations", "obs",
    "df", "dof", "criterion", "variables", "rows", "cols", "nparm", "nobs", "classes",
    "groups", "residual", "deviance", "fisher", "scoring", "optimization", "imputations",
    "replications", "bootstrap", "draws", "folds", "knots", "lags", "weights",
})  # fmt: skip


def is_model_info_label(label: str) -> bool:
    """A row label that names a size of the model ("Columns in X", "Max Obs per Subject")."""
    return _has(label, MODEL_INFO_TOKENS)


def is_correlation_label(label: str) -> bool:
    return _has(label, CORRELATION_WORDS)
