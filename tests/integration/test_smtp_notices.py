"""Notices through a real SMTP server process (aiosmtpd): a breach tells the researcher and the
project's administrators; a researcher's report of a suspected breach tells research
services; each message is in the recipient's language, not the language of whoever caused it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.integration.test_worker_process import transfer_end_to_end
from tests.support.processes import PY, ROOT, Installation, installation
from tests.support.smtp_server import SmtpServer, aiosmtpd_installed, smtp_server

pytestmark = [pytest.mark.worker]

REQUIRED = os.environ.get("CI") == "true" or os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="module")
def smtp(tmp_path_factory) -> Iterator[SmtpServer]:
    if not aiosmtpd_installed():
        message = "aiosmtpd is not installed (requirements/dev.txt): no SMTP server to test on"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with smtp_server(tmp_path_factory.mktemp("smtp")) as server:
        yield server


@pytest.fixture(scope="module")
def released(smtp, tmp_path_factory) -> Iterator[Installation]:
    """An installation mailing through the SMTP server, with the researcher's files released."""
    with installation(tmp_path_factory.mktemp("mail"), **smtp.env()) as inst:
        inst.start_web(workers=1)
        inst.start_worker()
        transfer_end_to_end(inst)
        yield inst


@pytest.fixture
def mailbox(smtp) -> SmtpServer:
    smtp.clear()
    return smtp


def django_shell(inst: Installation, code: str, **env: str) -> dict:
    ran = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**inst.env, **env},
        text=True,
        capture_output=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


SEVERE_BREACH = """
import json
from django.contrib.auth import get_user_model
from airlock.outputs.models import OutputFile
from airlock.review.models import ReviewItem
from airlock.review.services import review_item_decide

breached = OutputFile.objects.get(name={name!r})
item = ReviewItem.objects.filter(output_file=breached, state="pending").first()
if item is None:
    item = ReviewItem.objects.create(
        output_file=breached, reasons=["random"], random_draw=0.0, sampling_rate=1.0
    )
review_item_decide(
    review_item=item,
    user=get_user_model().objects.get(username="reviewer"),
    decision="severe_breach",
    note="Odense's count of 2 is one family.",
)
print(json.dumps({{"file": breached.pk}}))
"""

REPORT_IN_DANISH = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from airlock.portal.breach_reports import project_breach_report_create
from airlock.projects.models import Project

translation.activate("da")  # the researcher's page is in Danish
report = project_breach_report_create(
    project=Project.objects.get(code="demo"),
    user=get_user_model().objects.get(username="researcher"),
    description="Jeg sendte en tabel med små celler til en kollega.",
    occurred_at=timezone.now() - timedelta(hours=2),
)
print(json.dumps({"report": report.pk}))
"""


def test_a_breach_mails_the_researcher_and_the_project_administrators(released, mailbox):
    django_shell(released, SEVERE_BREACH.format(name="small.csv"))
    messages = mailbox.wait_for(1)
    assert len(messages) == 1, messages
    notice = messages[0]
    assert notice.envelope_to == ("projectadmin@example.org", "researcher@example.org")
    assert notice.headers["From"] == "airlock@localhost"
    assert notice.subject == "Airlock: Severe breach found in small.csv (project demo)"
    assert "Odense's count of 2 is one family." in notice.body
    assert "removed from the portal" in notice.body


def test_a_breach_notice_is_in_the_installations_language(released, mailbox):
    django_shell(released, SEVERE_BREACH.format(name="tabel.csv"), AIRLOCK_LANGUAGE_CODE="da")
    messages = mailbox.wait_for(1)
    assert len(messages) == 1, messages
    assert messages[0].subject.startswith("Airlock: ")
    assert " fundet i tabel.csv (projekt demo)" in messages[0].subject
    assert "found in" not in messages[0].subject
    assert messages[0].envelope_to == ("projectadmin@example.org", "researcher@example.org")


def test_a_reported_breach_mails_research_services_in_their_language(released, mailbox):
    django_shell(released, REPORT_IN_DANISH)
    messages = mailbox.wait_for(1)
    assert len(messages) == 1, messages
    report = messages[0]
    assert "reviewer@example.org" in report.envelope_to
    assert "researcher@example.org" not in report.envelope_to
    # Research services read English here (the installation's language), though the
    # researcher wrote from a Danish page; their own words are passed on as written.
    assert report.subject == "Airlock: suspected breach reported in project demo"
    assert "researcher has reported a suspected breach in project demo" in report.body
    assert "Jeg sendte en tabel med små celler til en kollega." in report.body


def test_a_mail_relay_that_is_down_does_not_undo_the_breach(released, mailbox):
    # Nothing listens on the relay's port: the decision is recorded, the failure logged.
    counted = (
        "\nfrom airlock.review.models import BreachCase\n"
        "print(json.dumps({'cases': BreachCase.objects.filter(output_file=breached).count(), "
        "'status': OutputFile.objects.get(pk=breached.pk).status}))"
    )
    result = django_shell(
        released, SEVERE_BREACH.format(name="notes.txt") + counted, AIRLOCK_EMAIL_PORT="1"
    )
    assert result == {"cases": 1, "status": "deleted"}
    assert mailbox.wait_for(1, timeout=1) == []
