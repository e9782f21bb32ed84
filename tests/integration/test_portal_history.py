"""The portal keeps a trace of every transferred file: reported, blocked and expired files are
listed with their status and its date, without a download link."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from airlock.outputs import lifecycle
from airlock.outputs.models import OutputFile, Status
from tests.integration import test_pages_portal as portal

pytestmark = pytest.mark.django_db

project = portal.project
researcher = portal.researcher
browser = portal.browser


def file_html(page: str, file_id: int) -> str:
    start = page.index(f'id="portal-file-{file_id}"')
    return page[start : page.index("</li>", start)]


@pytest.mark.parametrize(
    ("status", "label", "explained"),
    [
        (Status.REPORTED, "Reported as a suspected breach", "Research services are looking at it"),
        (Status.BLOCKED, "Blocked", "found a breach of the rules"),
        (Status.EXPIRED, "Expired", "stay in the portal for 90 days"),
    ],
)
def test_a_file_that_left_the_portal_is_listed_with_status_and_date(
    browser, project, researcher, status, label, explained
):
    sent = portal.transferred(project, researcher, {"table.csv": b"x,y\n1,2\n"}).files.get()
    lifecycle.transition(sent, status)
    when = timezone.localtime(OutputFile.objects.get(pk=sent.pk).updated_at)

    page = browser.get(reverse("portal:transfers", args=[project.code])).content.decode()
    row = file_html(page, sent.pk)
    assert "table.csv" in row
    assert label in row and explained in row
    assert f'datetime="{when.isoformat()}"' in row or when.strftime("%H:%M") in row
    assert reverse("portal:download", args=[project.code, sent.pk]) not in row
    assert reverse("portal:delete", args=[project.code, sent.pk]) not in row


def test_a_deleted_file_is_not_listed(browser, project, researcher):
    sent = portal.transferred(project, researcher, {"gone.csv": b"x,y\n1,2\n"}).files.get()
    lifecycle.transition(sent, Status.DELETED)
    page = browser.get(reverse("portal:transfers", args=[project.code])).content.decode()
    assert "gone.csv" not in page


def test_the_status_reads_in_danish_with_a_danish_date(browser, project, researcher):
    sent = portal.transferred(project, researcher, {"table.csv": b"x,y\n1,2\n"}).files.get()
    lifecycle.transition(sent, Status.BLOCKED)
    page = browser.get(
        reverse("portal:transfers", args=[project.code]), HTTP_ACCEPT_LANGUAGE="da"
    ).content.decode()
    row = file_html(page, sent.pk)
    assert "Blokeret" in row and "fjernede den fra portalen" in row
    today: datetime = timezone.localtime()
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{today.day}. {months[today.month - 1]} {today.year} kl." in row
