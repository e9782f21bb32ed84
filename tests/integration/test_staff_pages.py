"""Staff pages in plain words: the policy form in MB with the identifiers' names, removing a
member asks first, and a breach decision without a note is refused at the note."""

import pytest
from django.urls import reverse

from airlock.projects.models import Project
from tests.integration import review_world as world
from tests.support.people import build_world

pytestmark = pytest.mark.django_db

POLICY = {
    "allowed_extensions": "csv",
    "max_upload_bytes": "250",
    "review_size_bytes": "1,5",
    "min_cell_count": 3,
    "dominance_n": 2,
    "dominance_k_percent": 85,
    "sampling_rate": 0.1,
    "release_mode": "immediate",
    "identifier_schemes": ["dk_cpr"],
    "extra_key_variables": "",
    "retention_days": 90,
}


def test_the_policy_form_takes_megabytes_and_names_the_identifiers():
    people = build_world()
    client = people.client("serviceadmin")
    project = Project.objects.get(code="demo")
    page = client.get(reverse("service_admin:project", args=["demo"])).content.decode()
    assert "Hard upload limit (MB)" in page and "(bytes)" not in page
    assert "Danish CPR number" in page and ">dk_cpr<" not in page
    mb = project.max_upload_bytes / (1024 * 1024)
    assert f'value="{mb:g}"' in page

    reply = client.post(
        reverse("service_admin:policy", args=["demo"]), POLICY, HTTP_ACCEPT_LANGUAGE="da"
    )
    assert reply.status_code == 302
    project.refresh_from_db()
    assert project.max_upload_bytes == 250 * 1024 * 1024
    assert project.review_size_bytes == int(1.5 * 1024 * 1024)  # "1,5" in Danish


def test_removing_a_member_asks_for_confirmation_first():
    people = build_world()
    page = people.client("serviceadmin").get(reverse("service_admin:project", args=["demo"]))
    html = page.content.decode()
    start = html.index('class="confirm-remove"')
    confirm = html[start : html.index("</details>", start)]
    assert "<summary" in confirm and "Yes, remove" in confirm
    assert "loses access to demo at once" in confirm
    # Every removal form sits inside its disclosure, behind "Remove …".
    forms = list(html.split('<details class="confirm-remove">')[1:])
    assert forms and all("/remove/" in part.split("</details>")[0] for part in forms)
    assert html.count("/remove/") == len(forms)


def test_a_breach_without_a_note_is_refused_at_the_note_field():
    project, researcher, _admin = world.project("stud")
    sent = world.transferred_file(project, researcher, verdict="risk", findings=[world.SMALL_CELL])
    item = sent.review_item
    reviewer = world.user("rita", reviewer=True)
    reply = world.signed_in(reviewer).post(
        reverse("review:decide", args=[item.pk]), {"decision": "severe_breach", "note": ""}
    )
    assert reply.status_code == 400
    page = reply.content.decode()
    assert 'id="note-error">A breach needs a note saying what was found.' in page
    assert 'aria-describedby="note-help note-error" aria-invalid="true" autofocus' in page


@pytest.mark.parametrize("typed", ["31-12-2030", "31.12.2030", "2030-12-31"])
def test_an_end_date_is_entered_day_first_and_shown_so(typed):
    from airlock.projects.models import Membership

    people = build_world()
    membership = Membership.objects.get(pk=people.ids["membership_id"])
    admin = people.client("projectadmin")
    url = reverse("project_admin:member_end", args=["demo", membership.pk])
    reply = admin.post(url, {"ends_on": typed}, HTTP_ACCEPT_LANGUAGE="da")
    assert reply.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_at.date().isoformat() == "2030-12-31"
    page = admin.get(reverse("project_admin:project", args=["demo"]), HTTP_ACCEPT_LANGUAGE="da")
    html = page.content.decode()
    assert 'value="31-12-2030"' in html and "dag-måned-år" in html
    assert 'type="date"' not in html  # the browser's picker would use the browser's format


def test_the_policy_form_reads_and_takes_danish_decimals():
    people = build_world()
    client = people.client("serviceadmin")
    page = client.get(reverse("service_admin:project", args=["demo"]), HTTP_ACCEPT_LANGUAGE="da")
    assert 'name="sampling_rate" value="0,1"' in page.content.decode()
    reply = client.post(
        reverse("service_admin:policy", args=["demo"]),
        {**POLICY, "sampling_rate": "0,25", "dominance_k_percent": "87,5"},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert reply.status_code == 302
    project = Project.objects.get(code="demo")
    assert project.sampling_rate == 0.25 and project.dominance_k_percent == 87.5
