"""The review zone's API (research services): the queue and decisions (docs/design.md)."""

from datetime import datetime
from typing import Annotated, Any

from ninja import Query, Router, Schema

from airlock.api.schemas import MAX_AGE_DAYS, ErrorOut, FileOut
from airlock.api.serializers import file_json
from airlock.review import selectors, services
from airlock.review.models import BreachReport, ReviewItem
from airlock.review.permissions import check_user_can_review
from airlock.security.requests import AuthenticatedHttpRequest

router = Router(tags=["review"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class ReviewItemOut(Schema):
    id: int
    file: FileOut
    project: str
    reasons: list[str]
    status: str  # "pending" or "decided"
    priority: int
    created_at: datetime
    random_draw: float | None
    decision: str | None
    note: str
    reviewer: str | None
    decided_at: datetime | None
    downloaded_at: datetime | None


class DecisionIn(Schema):
    decision: str
    note: str = ""


class BreachReportOut(Schema):
    id: int
    file: FileOut
    description: str
    created_at: datetime


def review_item_json(item: ReviewItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "file": file_json(item.output_file),
        "project": item.output_file.project.code,
        "reasons": item.reasons,
        "status": item.state,
        "priority": item.priority,
        "created_at": item.created_at,
        "random_draw": item.random_draw,
        "decision": item.decision or None,
        "note": item.note,
        "reviewer": item.reviewer.get_username() if item.reviewer else None,
        "decided_at": item.decided_at,
        "downloaded_at": item.output_file.first_downloaded_at,
    }


def breach_report_json(report: BreachReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "file": file_json(report.output_file),
        "description": report.description,
        "created_at": report.created_at,
    }


@router.get("/queue", response={200: list[ReviewItemOut], **ERRORS})
def queue(
    request: AuthenticatedHttpRequest,
    reason: str = "",
    project: str = "",
    min_age_days: Annotated[int | None, Query(ge=0, le=MAX_AGE_DAYS)] = None,
    status: str = ReviewItem.State.PENDING,
):
    """Reports first, then the oldest; ``status=decided`` lists decided items."""
    check_user_can_review(user=request.user)
    items = selectors.review_item_list_queue(
        reason=reason, project_code=project, min_age_days=min_age_days, state=status
    )
    return [review_item_json(item) for item in items]


@router.get("/items/{item_id}", response={200: ReviewItemOut, **ERRORS})
def get_item(request: AuthenticatedHttpRequest, item_id: int):
    check_user_can_review(user=request.user)
    item = selectors.review_item_get(item_id=item_id)
    services.review_item_record_view(review_item=item, user=request.user)
    return review_item_json(item)


@router.post("/items/{item_id}/decision", response={200: ReviewItemOut, **ERRORS})
def decide(request: AuthenticatedHttpRequest, item_id: int, payload: DecisionIn):
    check_user_can_review(user=request.user)
    item = selectors.review_item_get(item_id=item_id)
    services.review_item_decide(
        review_item=item, user=request.user, decision=payload.decision, note=payload.note
    )
    return review_item_json(selectors.review_item_get(item_id=item_id))
