"""The duty to report a suspected breach not tied to one file: a project-level report with a
description and the date and time, recorded, mailed to research services, and listed for them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from airlock.accounts.roles import REVIEWERS, group
from airlock.audit.models import AuditEvent
from airlock.portal.models import ProjectBreachReport
from tests.integration import test_pages_portal as portal

pytestmark = pytest.mark.django_db

project = portal.project
researcher = portal.researcher
browser = portal.browser


@pytest.fixture
def reviewer():
    person = get_user_model().objects.create_user(
        "rita", email="rita@research.example", password="not-used-123"
    )
    person.groups.add(group(REVIEWERS))
    return person


def report_url(project):
    return reverse("portal:report_project_breach", args=[project.code])


def test_a_report_is_recorded_mailed_and_listed_for_research_services(
    browser, client, project, researcher, reviewer, django_capture_on_commit_callbacks
):
    yesterday = timezone.localtime() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        reply = browser.post(
            report_url(project),
            {
                "description": "I showed a table with small cells to a colleague.",
                "occurred_on": yesterday.strftime("%Y-%m-%d"),
                "occurred_time": "14:30",
            },
            follow=True,
        )
    assert reply.status_code == 200
    assert "Thank you for reporting." in reply.content.decode()
    report = ProjectBreachReport.objects.get()
    assert report.reported_by == researcher and report.project == project
    occurred = timezone.localtime(report.occurred_at)
    assert (occurred.date(), occurred.hour, occurred.minute) == (yesterday.date(), 14, 30)
    event = AuditEvent.objects.get(object_type="project_breach_report")
    assert event.action == "breach_reported" and event.project_code == project.code
    assert [m.to for m in mail.outbox] == [["rita@research.example"]]
    assert "small cells" in mail.outbox[0].body and project.code in mail.outbox[0].subject

    page = browser.get(report_url(project)).content.decode()
    assert 'aria-current="page">Report a suspected breach' in page


def test_missing_description_and_time_are_shown_at_their_fields(browser, project):
    reply = browser.post(report_url(project), {"description": "", "occurred_on": "31-12-2025"})
    assert reply.status_code == 400
    page = reply.content.decode()
    assert 'id="id_description_error">Describe what happened.' in page
    assert 'id="id_occurred_time_error">Enter the time it happened.' in page
    assert "id_occurred_on_error" not in page  # a day-first date is understood
    assert not ProjectBreachReport.objects.exists()


def test_a_time_in_the_future_is_refused(browser, project):
    tomorrow = timezone.localtime() + timedelta(days=1)
    reply = browser.post(
        report_url(project),
        {
            "description": "x",
            "occurred_on": tomorrow.strftime("%Y-%m-%d"),
            "occurred_time": "10:00",
        },
    )
    assert reply.status_code == 400
    assert "cannot be in the future" in reply.content.decode()
    assert not ProjectBreachReport.objects.exists()


def test_only_members_can_report(client, project):
    stranger = get_user_model().objects.create_user("mallory", password="not-used-123")
    client.force_login(stranger)
    assert client.get(report_url(project)).status_code == 404
    assert client.post(report_url(project), {"description": "x"}).status_code == 404


def test_the_form_reads_in_danish(browser, project):
    page = browser.get(report_url(project), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Indberet et muligt brud" in page and "Hvad skete der?" in page
    assert "What happened" not in page
