"""The portal's pages through the Django test client: My overview, Transfers, download, delete."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import scanners
from airlock.outputs import lifecycle, scanning, services, storage
from airlock.outputs.models import OutputFile, Status, Transfer
from airlock.projects.models import ReleaseMode
from airlock.projects.services import membership_add, project_create
from airlock.review import services as review_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return project_create(code="study", name="Register study")


@pytest.fixture
def researcher(project):
    user = get_user_model().objects.create_user("alice", password="not-used-123")
    membership_add(project=project, user=user)
    return user


@pytest.fixture
def browser(client, researcher):
    client.force_login(researcher)
    return client


def transferred(project, user, files: dict[str, bytes], *, comment: str = "") -> Transfer:
    """Upload, record a clean scan and transfer: what the inside pages do, without a worker."""
    ids = []
    for name, content in files.items():
        output_file = services.output_file_upload(
            project=project, user=user, uploaded=SimpleUploadedFile(name, content), name=name
        )
        lifecycle.transition(output_file, Status.SCANNING)
        scanning.output_file_record_scan(
            output_file=output_file,
            report=scanners.ScanReport(
                path="",
                name=name,
                size=len(content),
                sha256=output_file.sha256,
                file_type="csv",
                mime="text/csv",
                verdict="clean",
            ),
        )
        if comment:
            services.output_file_comment(output_file=output_file, user=user, comment=comment)
        ids.append(output_file.pk)
    return review_services.transfer_create(project=project, user=user, file_ids=ids, approve=True)


def url(name, project, *args):
    return reverse(f"portal:{name}", args=[project.code, *args])


def test_my_overview_lists_the_users_projects(browser, project):
    project_create(code="elsewhere", name="Not my project")
    page = browser.get(reverse("portal:index")).content.decode()
    assert "My overview" in page
    assert "Register study" in page
    assert "Not my project" not in page
    assert url("transfers", project) in page


def test_transfers_are_grouped_by_date_newest_first(browser, project, researcher):
    older = transferred(project, researcher, {"older.csv": b"a,b\n1,2\n"})
    newer = transferred(project, researcher, {"newer.csv": b"a,b\n3,4\n"})
    Transfer.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))

    page = browser.get(url("transfers", project)).content.decode()
    assert page.count('class="transfer-day"') == 2
    today = timezone.localdate().isoformat()
    three_days_ago = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert page.index(f'datetime="{today}"') < page.index(f'datetime="{three_days_ago}"')
    assert page.index("newer.csv") < page.index("older.csv")
    assert newer.files.get().size == 8
    assert "0.1\xa0KB" in page  # the size, human readable: KB or MB, never bytes


def test_comment_is_behind_a_speech_bubble(browser, project, researcher):
    transferred(project, researcher, {"t.csv": b"x,y\n1,2\n"}, comment="Counts by region only.")
    page = browser.get(url("transfers", project)).content.decode()
    assert 'class="speech-bubble"' in page
    assert 'aria-label="Comment on t.csv"' in page
    assert "Counts by region only." in page


def test_download_gives_exactly_the_uploaded_bytes(browser, project, researcher):
    content = b"region;persons\r\nNorth;120\r\n\xe6\xf8\xe5;7\r\n"
    transfer = transferred(project, researcher, {"tabel 1.csv": content})
    output_file = transfer.files.get()

    page = browser.get(url("transfers", project)).content.decode()
    assert url("download", project, output_file.pk) in page

    response = browser.get(url("download", project, output_file.pk))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == content
    assert hashlib.sha256(body).hexdigest() == output_file.sha256
    assert response["Content-Disposition"].startswith("attachment")
    assert "tabel 1.csv" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_tampered_released_copy_is_not_given_out(browser, project, researcher):
    output_file = transferred(project, researcher, {"t.csv": b"x,y\n1,2\n"}).files.get()
    store = storage.released_store()
    with open(store.path(output_file.released_key), "wb") as handle:
        handle.write(b"x,y\n9,9\n")
    response = browser.get(url("download", project, output_file.pk))
    assert response.status_code == 409
    assert "does not match what was uploaded" in response.content.decode()


def test_delete_asks_for_confirmation_then_removes_the_file(
    browser, project, researcher, django_capture_on_commit_callbacks
):
    output_file = transferred(project, researcher, {"gone.csv": b"x,y\n1,2\n"}).files.get()
    released_key = OutputFile.objects.get(pk=output_file.pk).released_key

    confirm = browser.get(url("delete", project, output_file.pk))
    assert confirm.status_code == 200
    assert "Delete gone.csv?" in confirm.content.decode()
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.RELEASED

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url("delete", project, output_file.pk), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "gone.csv was deleted from the portal." in page
    assert 'id="portal-file-' not in page
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.DELETED
    assert not storage.released_store().exists(released_key)
    assert browser.get(url("download", project, output_file.pk)).status_code == 404


def test_held_file_shows_as_held_without_a_download_link(browser, project, researcher):
    project.release_mode = ReleaseMode.HOLD_ALL
    project.save()
    output_file = transferred(project, researcher, {"held.csv": b"x,y\n1,2\n"}).files.get()
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.HELD

    page = browser.get(url("transfers", project)).content.decode()
    assert "held.csv" in page
    assert "Held for control" in page
    assert url("download", project, output_file.pk) not in page
    assert browser.get(url("download", project, output_file.pk)).status_code == 404


def test_another_projects_files_are_404(browser, project):
    other = project_create(code="other", name="Other study")
    stranger = get_user_model().objects.create_user("bob", password="not-used-123")
    membership_add(project=other, user=stranger)
    theirs = transferred(other, stranger, {"theirs.csv": b"x,y\n1,2\n"}).files.get()

    assert browser.get(url("transfers", other)).status_code == 404
    assert browser.get(url("download", other, theirs.pk)).status_code == 404
    assert browser.get(url("download", project, theirs.pk)).status_code == 404
    assert browser.post(url("delete", project, theirs.pk)).status_code == 404
    assert OutputFile.objects.get(pk=theirs.pk).status == Status.RELEASED


def test_expired_membership_loses_access(browser, project, researcher):
    membership_add(project=project, user=researcher, ends_at=timezone.now() - timedelta(days=1))
    assert browser.get(url("transfers", project)).status_code == 404
