"""Reads for control: the queue, an item, breach cases and the sampling records."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from airlock.errors import NotFound
from airlock.outputs.lifecycle import REPORTABLE_STATUSES
from airlock.outputs.models import OutputFile
from airlock.projects.models import Membership, MembershipRole, Project
from airlock.review.models import BreachCase, ReviewItem, ReviewReason, SamplingRecord

MAX_AGE_DAYS = 36500


def review_item_list_queue(
    *,
    reason: str = "",
    project_code: str = "",
    min_age_days: int | None = None,
    state: str = ReviewItem.State.PENDING,
    now: datetime | None = None,
) -> list[ReviewItem]:
    """Reports first, then the oldest: the order research services work in."""
    items = ReviewItem.objects.select_related(
        "output_file__project", "output_file__transfer__approved_by", "reviewer"
    ).order_by("-priority", "created_at", "id")
    if state:
        items = items.filter(state=state)
    if project_code:
        items = items.filter(output_file__project__code=project_code)
    if min_age_days:
        days = min(max(int(min_age_days), 0), MAX_AGE_DAYS)  # a date can be worked out
        items = items.filter(created_at__lte=(now or timezone.now()) - timedelta(days=days))
    # Reasons are a JSON list; SQLite cannot filter inside one, and a queue is short.
    return [item for item in items if not reason or reason in item.reasons]


def review_item_get(*, item_id: int) -> ReviewItem:
    item = (
        ReviewItem.objects.select_related(
            "output_file__project",
            "output_file__transfer__approved_by",
            "output_file__uploaded_by",
            "output_file__comment_by",
            "reviewer",
        )
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound("review item")
    return item


def breach_case_list(*, project_code: str = "") -> QuerySet[BreachCase]:
    cases = BreachCase.objects.select_related("output_file", "project", "reviewer")
    return cases.filter(project__code=project_code) if project_code else cases


def project_code_list_with_items() -> list[str]:
    ids = ReviewItem.objects.values("output_file__project_id")
    return list(Project.objects.filter(id__in=ids).values_list("code", flat=True))


def project_administrator_emails(*, project: Project) -> list[str]:
    return list(
        Membership.objects.active()
        .filter(project=project, role=MembershipRole.ADMINISTRATOR)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def output_file_get_reportable(*, project: Project, file_id: int) -> OutputFile:
    output_file = (
        OutputFile.objects.select_related("project", "transfer")
        .filter(project=project, pk=file_id, status__in=REPORTABLE_STATUSES)
        .first()
    )
    if output_file is None:
        raise NotFound("file")
    return output_file


def control_statistics_rows(*, since: datetime | None = None) -> list:
    """Every transferred file since ``since`` as a SampledFile (reasons drawn at transfer)."""
    from airlock.review.statistics import SampledFile

    records = SamplingRecord.objects.all()
    if since:
        records = records.filter(created_at__gte=since)
    items = {
        file_id: (state, decision, reasons)
        for file_id, state, decision, reasons in ReviewItem.objects.values_list(
            "output_file_id", "state", "decision", "reasons"
        )
    }
    rows = []
    for file_id, created_at, reasons in records.values_list(
        "output_file_id", "created_at", "reasons"
    ).iterator():
        state, decision, item_reasons = items.get(file_id, ("", "", []))
        drawn = tuple(reasons)
        if ReviewReason.REPORTED in item_reasons:
            drawn = (*drawn, str(ReviewReason.REPORTED))
        rows.append(
            SampledFile(
                month=timezone.localtime(created_at).date().replace(day=1),
                reasons=drawn,
                decision=decision if state == ReviewItem.State.DECIDED else "",
                random_only=tuple(reasons) == (ReviewReason.RANDOM,),
            )
        )
    return rows
