"""The review zone's pages (research services). Thin: forms in, services and selectors out."""

import functools
import logging
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from airlock.audit.export import audit_export_csv
from airlock.audit.selectors import audit_action_list, audit_event_list
from airlock.errors import ActionRefused, NotFound, PermissionDenied
from airlock.outputs import storage
from airlock.projects.policy import policy_for_project
from airlock.review import file_display, selectors, services
from airlock.review.calibration_rows import calibration_now
from airlock.review.models import ReviewItem
from airlock.review.permissions import (
    check_user_can_decide,
    check_user_can_review,
    check_user_can_see_control_records,
    user_can_see_control_records,
)
from airlock.review.statistics import control_statistics
from airlock.review.tasks import preview_request
from airlock.review_zone.forms import AuditFilterForm, DecisionForm, QueueFilterForm
from airlock.security.requests import AuthenticatedHttpRequest
from airlock.security.responses import attachment_response, inline_image_response

# Bytes of an uploaded file, shown to a reviewer: nothing in them may run or be sniffed.


logger = logging.getLogger(__name__)


def forbidden(request: AuthenticatedHttpRequest, reason: str) -> HttpResponse:
    return render(request, "review/forbidden.html", {"reason": reason}, status=403)


def review_page(check=check_user_can_review):
    """Signed in, and allowed by ``check``; a domain NotFound becomes 404."""

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapped(request: AuthenticatedHttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                check(user=request.user)
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, exc.reason)
            except NotFound as exc:
                raise Http404(exc.what) from exc

        return wrapped

    return decorator


def _nav(request: AuthenticatedHttpRequest) -> dict:
    return {"can_see_control_records": user_can_see_control_records(user=request.user)}


@require_GET
@review_page()
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, projects=selectors.project_code_list_with_items())
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.review_item_list_queue(
        reason=filters.get("reason") or "",
        project_code=filters.get("project") or "",
        min_age_days=filters.get("min_age_days"),
        state=filters.get("state") or ReviewItem.State.PENDING,
    )
    return render(
        request,
        "review/queue.html",
        {"form": form, "items": items, "now": timezone.now(), **_nav(request)},
    )


def _item_context(request: AuthenticatedHttpRequest, item: ReviewItem, form: DecisionForm) -> dict:
    output_file = item.output_file
    project = output_file.project
    policy = policy_for_project(project)
    try:
        check_user_can_decide(user=request.user, review_item=item)
        cannot_decide = ""
    except PermissionDenied as exc:
        cannot_decide = exc.reason
    return {
        "item": item,
        "output_file": output_file,
        "project": project,
        "policy": policy,
        "policy_changed": bool(output_file.policy_digest)
        and output_file.policy_digest != policy.digest,
        "display": file_display.file_display_for(output_file),
        "reports": output_file.breach_reports.select_related("reported_by"),
        "breach_case": getattr(item, "breach_case", None),
        "form": form,
        "cannot_decide": cannot_decide,
        **_nav(request),
    }


@require_GET
@review_page()
def item_detail(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.review_item_get(item_id=item_id)
    polling = bool(getattr(request, "htmx", False))  # the page asking if the view is drawn
    if not polling:
        services.review_item_record_view(review_item=item, user=request.user)
    context = _item_context(request, item, DecisionForm())
    if context["display"].kind == "pending" and not polling:
        preview_request(item.output_file)  # a worker draws it; never this process
    return render(request, "review/item.html", context)


@require_POST
@review_page()
def item_decide(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.review_item_get(item_id=item_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.review_item_decide(
                review_item=item,
                user=request.user,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(
                request,
                _("Decision recorded for %(name)s: %(decision)s.")
                % {"name": item.output_file.name, "decision": item.get_decision_display()},
            )
            return redirect("review:index")
    item.refresh_from_db()
    return render(request, "review/item.html", _item_context(request, item, form), status=400)


@require_GET
@review_page()
def item_file_download(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponseBase:
    item = selectors.review_item_get(item_id=item_id)
    try:
        handle = services.review_file_open_for_download(review_item=item, user=request.user)
    except storage.IntegrityError:
        logger.error("Quarantine copy of file %s does not match its sha256", item.output_file.pk)
        return render(
            request,
            "review/download_failed.html",
            {"item": item, "output_file": item.output_file, **_nav(request)},
            status=409,
        )
    return attachment_response(handle, item.output_file.name)


@require_GET
@review_page()
def item_image(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.review_item_get(item_id=item_id)
    png = file_display.preview_image(item.output_file, "image.png")
    if png is None:
        raise Http404("not an image")
    return inline_image_response(png, "image/png")


@require_GET
@review_page()
def item_pdf_page(request: AuthenticatedHttpRequest, item_id: int, page: int) -> HttpResponse:
    item = selectors.review_item_get(item_id=item_id)
    png = file_display.preview_image(item.output_file, f"page-{page}.png")
    if png is None:
        raise Http404("no such page")
    return inline_image_response(png, "image/png")


@require_GET
@review_page()
def breach_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "review/breaches.html",
        {"cases": selectors.breach_case_list()[:500], **_nav(request)},
    )


@require_GET
@review_page(check=check_user_can_see_control_records)
def statistics(request: AuthenticatedHttpRequest) -> HttpResponse:
    months, total = control_statistics(selectors.control_statistics_rows())
    months = months[-24:]
    return render(
        request,
        "review/statistics.html",
        {
            "months": months,
            "total": total,
            "max_transferred": max((m.transferred for m in months), default=0) or 1,
            "max_rate": max([m.random_breach_rate.high for m in months if m.random_decided] or [0])
            or 1,
            "chart_height": 30 * len(months) + 30,
            "calibration": calibration_now(),
            **_nav(request),
        },
    )


AUDIT_FIRST_DAY = date(1900, 1, 1)
AUDIT_LAST_DAY = date(9000, 12, 31)


def _audit_filters(request: AuthenticatedHttpRequest) -> tuple[AuditFilterForm, dict]:
    form = AuditFilterForm(request.GET or None, actions=audit_action_list())
    if not form.is_valid():
        return form, {}
    data = form.cleaned_data
    zone = timezone.get_current_timezone()
    filters = {"project_code": data.get("project") or "", "action": data.get("action") or ""}
    # Dates a time zone and a day more can be added to (9999-12-31 would overflow: a 500).
    if data.get("since"):
        since = min(max(data["since"], AUDIT_FIRST_DAY), AUDIT_LAST_DAY)
        filters["since"] = datetime.combine(since, time.min, tzinfo=zone)
    if data.get("until"):
        until = min(max(data["until"], AUDIT_FIRST_DAY), AUDIT_LAST_DAY)
        filters["until"] = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
    return form, filters


@require_GET
@review_page(check=check_user_can_see_control_records)
def audit_trail(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _audit_filters(request)
    events = audit_event_list(**filters).order_by("-id")[:200]
    return render(
        request,
        "review/audit.html",
        {"form": form, "events": events, "query": request.GET.urlencode(), **_nav(request)},
    )


@require_GET
@review_page(check=check_user_can_see_control_records)
def audit_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    form, filters = _audit_filters(request)
    if form.is_bound and not form.is_valid():
        return render(request, "review/audit.html", {"form": form, "events": []}, status=400)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        audit_export_csv(user=request.user, filters=filters), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="airlock-audit-{stamp}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
