"""The duty to report, for a suspected breach that is not tied to one file: the researcher
describes what happened and when; research services are told by e-mail and see the report
beside the breach cases. Recorded in the audit trail."""

import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from airlock.accounts.roles import REVIEWERS
from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.errors import ActionRefused
from airlock.notices import notice_send
from airlock.portal.models import ProjectBreachReport
from airlock.projects.models import Project

logger = logging.getLogger(__name__)

MAX_DESCRIPTION_LENGTH = 5000


def project_breach_report_create(
    *, project: Project, user: User, description: str, occurred_at: datetime
) -> ProjectBreachReport:
    """The caller has checked that the user is a member of the project with access now."""
    description = (description or "").strip()
    if not description:
        raise ActionRefused(_("Describe what happened."))
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ActionRefused(
            _("A description can be at most %(n)s characters.") % {"n": MAX_DESCRIPTION_LENGTH}
        )
    if occurred_at > timezone.now():
        raise ActionRefused(_("The time it happened cannot be in the future."))
    with transaction.atomic():
        report = ProjectBreachReport.objects.create(
            project=project, reported_by=user, description=description, occurred_at=occurred_at
        )
        audit_record(
            action=AuditAction.BREACH_REPORTED,
            actor=user,
            project_code=project.code,
            object_type="project_breach_report",
            object_id=report.pk,
            data={"description": description, "occurred_at": occurred_at.isoformat()},
        )
    transaction.on_commit(lambda: _tell_research_services(report))
    return report


def research_services_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=REVIEWERS, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _tell_research_services(report: ProjectBreachReport) -> None:
    recipients = research_services_emails()
    if not recipients:
        logger.warning("No reviewer has an e-mail address: breach report %s not mailed", report.pk)
        return
    notice_send(
        recipients=recipients,
        compose=lambda: _report_message(report),
        what=f"breach report {report.pk} to research services",
    )


def _report_message(report: ProjectBreachReport) -> tuple[str, str]:
    """In the reader's language (active when this is called), not the researcher's."""
    values = {
        "code": report.project.code,
        "who": report.reported_by.get_username(),
        "when": date_format(timezone.localtime(report.occurred_at), "DATETIME_FORMAT"),
        "description": report.description,
    }
    subject = _("Airlock: suspected breach reported in project %(code)s") % values
    body = (
        _(
            "%(who)s has reported a suspected breach in project %(code)s that is not tied "
            "to one transferred file.\n\nWhen it happened: %(when)s\n\n"
            "What happened:\n%(description)s\n\nThe report is listed under Breaches in the "
            "control pages.\n"
        )
        % values
    )
    return subject, body
