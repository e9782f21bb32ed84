"""The rows calibration is worked out from: every decided control, and the unflagged count."""

from airlock.outputs.models import VerdictRecord
from airlock.review.calibration import Calibration, DecidedFile, calibration, flagged_codes
from airlock.review.models import ReviewItem, ReviewReason, SamplingRecord


def calibration_now() -> Calibration:
    return calibration(decided_files(), unflagged_transfers=unflagged_transfer_count())


def decided_files() -> list[DecidedFile]:
    """Each decided file with the findings it had when it was decided (a later re-scan can
    have changed the file's own findings since; its verdict history keeps the earlier ones)."""
    items = list(
        ReviewItem.objects.filter(state=ReviewItem.State.DECIDED)
        .exclude(decision="")
        .select_related("output_file")
    )
    drawn = dict(
        SamplingRecord.objects.filter(
            output_file_id__in=[i.output_file_id for i in items]
        ).values_list("output_file_id", "reasons")
    )
    history: dict[int, list[VerdictRecord]] = {}
    for record in VerdictRecord.objects.filter(
        output_file_id__in=[i.output_file_id for i in items]
    ).order_by("recorded_at", "id"):
        history.setdefault(record.output_file_id, []).append(record)
    rows = []
    for item in items:
        findings = item.output_file.findings or []
        earlier = [
            r
            for r in history.get(item.output_file_id, [])
            if item.decided_at is None or r.recorded_at <= item.decided_at
        ]
        if earlier:
            findings = earlier[-1].findings or []
        rows.append(
            DecidedFile(
                decision=item.decision,
                flagged_codes=flagged_codes(findings),
                random_only=list(drawn.get(item.output_file_id) or []) == [ReviewReason.RANDOM],
            )
        )
    return rows


def unflagged_transfer_count() -> int:
    """Transferred files with no reason for control at transfer, drawn at random or not."""
    count = 0
    for reasons in SamplingRecord.objects.values_list("reasons", flat=True).iterator():
        if not reasons or list(reasons) == [ReviewReason.RANDOM]:
            count += 1
    return count
