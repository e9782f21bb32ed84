"""Which transferred files go to research services' control (DESIGN.md, "Sampling")."""

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


def sample_for_control(*, output_file: OutputFile) -> SamplingResult:
    project = output_file.project
    reasons: list[str] = []
    if output_file.verdict == Verdict.RISK:
        reasons.append(ReviewReason.RISK)
    if output_file.verdict == Verdict.UNSCANNABLE:
        reasons.append(ReviewReason.UNSCANNABLE)
    if output_file.size > project.review_size_bytes:
        reasons.append(ReviewReason.SIZE)
    draw = None
    if not reasons:
        draw = _RANDOM.random()  # from secrets: a user cannot predict it
        if draw < project.sampling_rate:
            reasons.append(ReviewReason.RANDOM)
    return SamplingResult(
        reasons=[str(r) for r in reasons], random_draw=draw, sampling_rate=project.sampling_rate
    )
