"""The audit trail page reads as sentences with names and links, in English and in Danish;
no Python dicts or action codes."""

import pytest
from django.urls import reverse

from airlock.projects.services import project_policy_update
from tests.integration import review_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    project, researcher, _admin = world.project("stud")
    reviewer = world.user("rita", reviewer=True)
    sent = world.transferred_file(project, researcher, name="tabel.csv")
    project_policy_update(project=project, actor=reviewer, changes={"max_upload_bytes": 5 << 20})
    return world.signed_in(reviewer), sent


def test_events_read_as_sentences_with_names(trail):
    client, sent = trail
    page = client.get(reverse("review:audit")).content.decode()
    assert "stud-researcher uploaded tabel.csv (" in page
    assert "stud-researcher approved and transferred 1 file." in page
    assert "rita changed the policy: upload limit from" in page and "to 5\xa0MB" in page
    for raw in ("{'", "file_uploaded", "transfer_created", "project_policy_changed"):
        assert raw not in page.split('id="audit-caption"')[1], raw


def test_the_trail_reads_in_danish(trail):
    client, sent = trail
    page = client.get(reverse("review:audit"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "stud-researcher uploadede tabel.csv (" in page
    assert "rita ændrede politikken: upload-grænse fra" in page
