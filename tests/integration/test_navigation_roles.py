"""Each person's header offers the places they may use; the start page sends them to one they
may see; nobody is asked to set up two-factor sign-in for a zone that is not theirs; and every
page has the language switch."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from airlock.accounts.roles import REVIEWERS, SERVICE_ADMINISTRATORS, group
from airlock.projects.models import MembershipRole
from airlock.projects.services import membership_add, project_create

pytestmark = pytest.mark.django_db


def person(name: str, *groups: str):
    user = get_user_model().objects.create_user(name, password="not-used-123")
    for name_ in groups:
        user.groups.add(group(name_))
    return user


@pytest.fixture
def project():
    return project_create(code="study", name="Register study")


def nav(page: str) -> str:
    start = page.index('class="site-nav"')
    return page[start : page.index("</nav>", start)]


def test_a_researcher_sees_where_to_work_and_no_administration(client, project):
    researcher = person("alice")
    membership_add(project=project, user=researcher)
    client.force_login(researcher)
    page = client.get(reverse("inside:index")).content.decode()
    links = nav(page)
    assert "Transfer files" in links and "My overview" in links
    assert "administration" not in links and "Control queue" not in links


def test_a_project_administrator_has_a_link_to_project_administration(client, project):
    admin = person("paula")
    membership_add(project=project, user=admin, role=MembershipRole.ADMINISTRATOR)
    client.force_login(admin)
    page = client.get(reverse("portal:index")).content.decode()
    assert f'href="{reverse("project_admin:index")}"' in nav(page)


def test_a_service_administrator_lands_on_a_page_they_may_see(client, settings):
    admin = person("sam", SERVICE_ADMINISTRATORS)
    client.force_login(admin)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("service_admin:index")}"' in page
    assert f'href="{reverse("review:index")}"' not in page  # the queue is for reviewers
    assert "Not allowed" not in page


def test_a_reviewer_sees_the_control_queue(client):
    client.force_login(person("rita", REVIEWERS))
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("review:index")}"' in page


def test_a_researcher_is_not_offered_two_factor_for_the_control_pages(client, project):
    researcher = person("alice")
    membership_add(project=project, user=researcher)
    client.force_login(researcher)
    reply = client.get(reverse("review:index"), follow=True)
    assert reply.status_code == 403
    page = reply.content.decode()
    assert "for research services only" in page
    assert "QR code" not in page and "authenticator" not in page.lower()
    setup = reverse("accounts:second_factor_setup") + "?next=" + reverse("review:index")
    assert client.get(setup).status_code == 403


def test_a_reviewer_is_still_asked_to_set_up_two_factor(client):
    client.force_login(person("rita", REVIEWERS))
    reply = client.get(reverse("review:index"), follow=True)
    assert reply.status_code == 200
    assert "Set up two-factor sign-in" in reply.content.decode()


@pytest.mark.parametrize("name", ["login", "inside:index", "portal:index"])
def test_every_page_has_the_language_switch_and_its_lang(client, project, name):
    client.force_login(person("alice"))
    if name == "login":
        client.logout()
    page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="da">' in page
    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en" lang="en"' in page and ">English<" in page
    assert 'lang="da" aria-current="true">Dansk<' in page


def test_choosing_english_on_a_danish_browser_sticks(client):
    client.force_login(person("alice"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:index"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="en">' in page and "My overview" in page
