"""Which transferred files go to research services' control (docs/design.md, "Sampling")."""

import random
import secrets
from dataclasses import dataclass

from airlock.outputs.models import OutputFile, Verdict
from airlock.review.models import ReviewReason

_RANDOM = secrets.SystemRandom()


@dataclass(frozen=True)
class SamplingResult:
    reasons: list[str]
    random_draw: float | None  # set only when no other reason applied
    sampling_rate: float


# Findings of severity ``review`` that already have a reason of their own.
_OWN_REASON_CODES = frozenset({"scan.unscannable", "size.review"})


def control_findings(output_file: OutputFile) -> list[dict]:
    """Findings of severity ``review`` (a comment, an external link, active content...) that
    send the file to control whatever its verdict."""
    return [
        f
        for f in output_file.findings or []
        if f.get("severity") == "review" and f.get("code") not in _OWN_REASON_CODES
    ]


def control_reasons_known_before_transfer(*, output_file: OutputFile) -> list[str]:
    """The reasons the file will go to control for, known before its transfer (all but the
    random draw): the researcher sees them before approving."""
    project = output_file.project
    reasons: list[str] = []
    if output_file.verdict == Verdict.RISK:
        reasons.append(ReviewReason.RISK)
    if output_file.verdict == Verdict.UNSCANNABLE:
        reasons.append(ReviewReason.UNSCANNABLE)
    if output_file.size > project.review_size_bytes:
        reasons.append(ReviewReason.SIZE)
    if control_findings(output_file):
        reasons.append(ReviewReason.REVIEW)
    return [str(r) for r in reasons]


def sample_for_control(
    *, output_file: OutputFile, source: random.Random | None = None
) -> SamplingResult:
    """The file's reasons for control; the random draw only when it has no other reason.

    ``source`` is the random source of the draw: the system's (``secrets``) unless a test
    passes a seeded ``random.Random``.
    """
    project = output_file.project
    reasons: list[str] = control_reasons_known_before_transfer(output_file=output_file)
    draw = None
    if not reasons:
        draw = (source or _RANDOM).random()  # from secrets: a user cannot predict it
        if draw < project.sampling_rate:
            reasons.append(ReviewReason.RANDOM)
    return SamplingResult(
        reasons=[str(r) for r in reasons], random_draw=draw, sampling_rate=project.sampling_rate
    )
