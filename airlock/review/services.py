"""Every write of control: sampling at transfer, views, decisions, breaches, reports."""

import logging
import random
from collections.abc import Sequence
from typing import IO

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.errors import ActionRefused
from airlock.notices import notice_send
from airlock.outputs import lifecycle, policies, storage
from airlock.outputs import services as output_services
from airlock.outputs.models import OutputFile, Status, Transfer
from airlock.outputs.services import output_file_release, output_file_remove_released
from airlock.projects.models import Project
from airlock.review import lifecycle as review_lifecycle
from airlock.review import selectors
from airlock.review.models import (
    BREACH_DECISIONS,
    BreachCase,
    BreachReport,
    Decision,
    ReviewItem,
    ReviewReason,
    SamplingRecord,
)
from airlock.review.permissions import check_user_can_decide, check_user_can_report_breach
from airlock.review.sampling import sample_for_control
from airlock.review.tasks import preview_request

logger = logging.getLogger(__name__)

MAX_NOTE_LENGTH = 5000
REPORT_PRIORITY = 100  # a researcher's report goes to the top of the queue


def transfer_create(
    *, project: Project, user: User, file_ids: Sequence[int], approve: bool
) -> Transfer:
    """Approve and transfer files, each drawn for control as it goes (docs/design.md,
    "Sampling"). The pages and the API call this, never ``outputs.services.transfer_create``
    on its own."""
    return output_services.transfer_create(
        project=project,
        user=user,
        file_ids=file_ids,
        approve=approve,
        control=review_item_create_for_transferred_file,
    )


def review_item_create_for_transferred_file(
    *, output_file: OutputFile, source: random.Random | None = None
) -> ReviewItem | None:
    """Draw the file's control sample at transfer; store the draw; queue it if it has a reason.
    ``source``: the random source of the draw (``sampling.sample_for_control``)."""
    result = sample_for_control(output_file=output_file, source=source)
    SamplingRecord.objects.create(
        output_file=output_file,
        reasons=result.reasons,
        random_draw=result.random_draw,
        sampling_rate=result.sampling_rate,
    )
    if not result.reasons:
        return None
    item = ReviewItem.objects.create(
        output_file=output_file,
        reasons=result.reasons,
        random_draw=result.random_draw,
        sampling_rate=result.sampling_rate,
    )
    _request_preview(output_file)
    return item


def _request_preview(output_file: OutputFile) -> None:
    """A worker draws the reviewer's view of the file once the transaction commits."""
    transaction.on_commit(lambda: preview_request(output_file))


def review_item_record_view(*, review_item: ReviewItem, user: User) -> None:
    """A reviewer opened the item (and so the file): the audit trail says who and when."""
    audit_record(
        action=AuditAction.REVIEW_ITEM_VIEWED,
        actor=user,
        project_code=review_item.output_file.project.code,
        object_type="review_item",
        object_id=review_item.pk,
        data={"file": review_item.output_file.pk, "name": review_item.output_file.name},
    )


def review_file_open_for_download(*, review_item: ReviewItem, user: User) -> IO[bytes]:
    """Open the quarantine copy for a reviewer: its exact uploaded bytes, checked against the
    sha256 recorded at upload (``storage.IntegrityError`` otherwise), and audited."""
    output_file = review_item.output_file
    store = storage.quarantine_store()
    storage.verify_stored(
        store=store, key=output_file.storage_key, expected_sha256=output_file.sha256
    )
    review_file_record_download(review_item=review_item, user=user)
    return store.open(output_file.storage_key, "rb")


def review_file_record_download(*, review_item: ReviewItem, user: User) -> None:
    audit_record(
        action=AuditAction.REVIEW_FILE_DOWNLOADED,
        actor=user,
        project_code=review_item.output_file.project.code,
        object_type="output_file",
        object_id=review_item.output_file.pk,
        data={"review_item": review_item.pk, "name": review_item.output_file.name},
    )


# --- Decisions -----------------------------------------------------------------------------


def review_item_decide(
    *, review_item: ReviewItem, user: User, decision: str, note: str
) -> ReviewItem:
    """Record a reviewer's decision. A breach blocks the file and tells the people responsible;
    no breach releases a file that was held or reported."""
    check_user_can_decide(user=user, review_item=review_item)
    if decision not in Decision.values:
        raise ActionRefused(_("Choose one of: no breach, minor breach, severe breach."))
    note = (note or "").strip()
    if decision in BREACH_DECISIONS and not note:
        raise ActionRefused(_("A breach needs a note saying what was found."))
    if len(note) > MAX_NOTE_LENGTH:
        raise ActionRefused(_("A note can be at most %(n)s characters.") % {"n": MAX_NOTE_LENGTH})
    with transaction.atomic():
        item = (
            # Lock the item's row only: PostgreSQL cannot lock the nullable side of the joins.
            ReviewItem.objects.select_for_update(of=("self",))
            .select_related("output_file__project", "output_file__transfer__approved_by")
            .get(pk=review_item.pk)
        )
        if not review_lifecycle.can_transition(item.state, ReviewItem.State.DECIDED):
            raise ActionRefused(_("This file has already been decided."))
        item.state = ReviewItem.State.DECIDED
        item.decision = decision
        item.note = note
        item.reviewer = user  # type: ignore[assignment]
        item.decided_at = timezone.now()
        item.save(update_fields=["state", "decision", "note", "reviewer", "decided_at"])
        output_file = item.output_file
        audit_record(
            action=AuditAction.REVIEW_DECIDED,
            actor=user,
            project_code=output_file.project.code,
            object_type="review_item",
            object_id=item.pk,
            data={
                "file": output_file.pk,
                "name": output_file.name,
                "decision": decision,
                "note": note,
                "reasons": item.reasons,
                "file_status": output_file.status,
            },
        )
        if decision in BREACH_DECISIONS:
            _record_breach(item=item, user=user)
        elif policies.is_released_by_no_breach(output_file):
            output_file_release(output_file=output_file, actor=user)
    review_item.refresh_from_db()
    return item


def _record_breach(*, item: ReviewItem, user: User) -> BreachCase:
    output_file = item.output_file
    data = {"decision": item.decision, "review_item": item.pk}
    if output_file.status == Status.RELEASED:
        output_file_remove_released(
            output_file=output_file, target=Status.BLOCKED, actor=user, data=data
        )
    elif lifecycle.can_transition(output_file.status, Status.BLOCKED):
        lifecycle.transition(output_file, Status.BLOCKED, actor=user, data=data)
    # else: already deleted or expired from the portal; the breach is recorded all the same.
    recipients = _breach_recipients(output_file)
    case = BreachCase.objects.create(
        review_item=item,
        output_file=output_file,
        project=output_file.project,
        decision=item.decision,
        reviewer=user,
        note=item.note,
        notified=recipients,
    )
    audit_record(
        action=AuditAction.BREACH_RECORDED,
        actor=user,
        project_code=output_file.project.code,
        object_type="breach_case",
        object_id=case.pk,
        data={
            "file": output_file.pk,
            "name": output_file.name,
            "decision": item.decision,
            "note": item.note,
            "notified": recipients,
        },
    )
    # Composed after commit in each recipient's language (airlock/notices.py).
    transaction.on_commit(
        lambda: notice_send(
            recipients=recipients,
            compose=lambda: _breach_message(case),
            what=f"the notice of breach case {case.pk}",
        )
    )
    return case


def _breach_recipients(output_file: OutputFile) -> list[str]:
    """The researcher who uploaded and the one who approved the transfer, and the project's
    administrators."""
    people = [output_file.uploaded_by]
    if output_file.transfer is not None:
        people.append(output_file.transfer.approved_by)
    emails = [p.email for p in people if p.email]
    emails += selectors.project_administrator_emails(project=output_file.project)
    return sorted(set(emails))


def _breach_message(case: BreachCase) -> tuple[str, str]:
    values = {
        "name": case.output_file.name,
        "code": case.project.code,
        "decision": case.get_decision_display(),
        "note": case.note,
        "when": timezone.localtime(case.created_at).strftime("%Y-%m-%d %H:%M"),
    }
    subject = _("Airlock: %(decision)s found in %(name)s (project %(code)s)") % values
    body = (
        _(
            "Research services have controlled the file %(name)s, transferred from project "
            "%(code)s, and found a breach of the rules for transferring analysis results.\n\n"
            "Decision: %(decision)s (%(when)s)\n"
            "Reviewer's note: %(note)s\n\n"
            "The file has been blocked and removed from the portal. If you have a copy of it, on "
            "your computer, in e-mail or elsewhere, delete it at once. A breach can lead to "
            "sanctions under Statistics Denmark's sanction rules; research services will contact "
            "you.\n"
        )
        % values
    )
    return subject, body


# --- The duty to report ----------------------------------------------------------------------


def breach_report_create(*, output_file: OutputFile, user: User, description: str) -> BreachReport:
    """A researcher reports a suspected breach: the file leaves the portal at once and its
    review goes to the top of the queue."""
    check_user_can_report_breach(user=user, output_file=output_file)
    description = (description or "").strip()
    if not description:
        raise ActionRefused(_("Describe the suspected breach: what is wrong with the file."))
    if len(description) > MAX_NOTE_LENGTH:
        raise ActionRefused(
            _("A description can be at most %(n)s characters.") % {"n": MAX_NOTE_LENGTH}
        )
    if refusal := policies.breach_report_refusal(output_file):
        raise ActionRefused(refusal)
    with transaction.atomic():
        report = BreachReport.objects.create(
            output_file=output_file, reported_by=user, description=description
        )
        data = {"report": report.pk}
        if output_file.status == Status.RELEASED:
            output_file_remove_released(
                output_file=output_file, target=Status.REPORTED, actor=user, data=data
            )
        else:
            lifecycle.transition(output_file, Status.REPORTED, actor=user, data=data)
        item = _review_item_for_report(output_file=output_file)
        audit_record(
            action=AuditAction.BREACH_REPORTED,
            actor=user,
            project_code=output_file.project.code,
            object_type="breach_report",
            object_id=report.pk,
            data={
                "file": output_file.pk,
                "name": output_file.name,
                "description": description,
                "review_item": item.pk,
            },
        )
    return report


def _review_item_for_report(*, output_file: OutputFile) -> ReviewItem:
    item = ReviewItem.objects.select_for_update().filter(output_file=output_file).first()
    if item is None:
        _request_preview(output_file)
        return ReviewItem.objects.create(
            output_file=output_file, reasons=[ReviewReason.REPORTED], priority=REPORT_PRIORITY
        )
    # A file decided "no breach" and then reported is looked at again; the first decision
    # stays in the audit trail.
    review_lifecycle.review_item_reopen(
        item, reason=ReviewReason.REPORTED, priority=REPORT_PRIORITY
    )
    return item
