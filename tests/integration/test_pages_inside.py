"""The inside zone's pages through the Django test client: upload, check, comment, transfer.

Files are moved to "scanned" with ``scanning.output_file_record_scan`` (no worker here); the
browser test (tests/e2e/test_transfer_browser.py) runs the real worker and scanner.
"""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import scanners
from airlock.outputs import lifecycle, scanning, services, storage
from airlock.outputs.models import OutputFile, Status
from airlock.projects.services import membership_add, project_create

pytestmark = pytest.mark.django_db

CLEAN_CSV = b"region,persons\nNorth,120\nSouth,98\n"
RISKY_CSV = b"cpr,income\n0101901234,300000\n"


@pytest.fixture
def project():
    return project_create(code="study", name="Register study")


@pytest.fixture
def other_project():
    return project_create(code="other", name="Someone else's study")


@pytest.fixture
def researcher(project):
    user = get_user_model().objects.create_user("alice", password="not-used-123")
    membership_add(project=project, user=user)
    return user


@pytest.fixture
def browser(client, researcher):
    client.force_login(researcher)
    return client


def upload(project, user, name="table.csv", content=CLEAN_CSV, folder=""):
    return services.output_file_upload(
        project=project,
        user=user,
        uploaded=SimpleUploadedFile(name, content),
        name=name,
        relative_path=folder,
    )


def finding(code="table.small_cell", severity="risk", location="line 2, column 2", message=""):
    return scanners.Finding(
        code=code,
        severity=severity,
        location=location,
        message=message
        or "Cell value 2 is below the minimum of 3 observations: aggregate further.",
    )


def record_scan(output_file, verdict, findings=()):
    lifecycle.transition(output_file, Status.SCANNING)
    report = scanners.ScanReport(
        path="",
        name=output_file.name,
        size=output_file.size,
        sha256=output_file.sha256,
        file_type="csv",
        mime="text/csv",
        verdict=verdict,
        findings=list(findings),
        scanner_version="test",
        policy_digest="test",
    )
    return scanning.output_file_record_scan(output_file=output_file, report=report)


def row_html(page: str, file_id: int) -> str:
    """The HTML of one file's row on the check page."""
    for chunk in page.split('<li id="file-')[1:]:
        if chunk.startswith(f'{file_id}"'):
            return chunk.split('<form id="transfer-form"')[0]
    raise AssertionError(f"no row for file {file_id}")


def url(name, project, *args):
    return reverse(f"inside:{name}", args=[project.code, *args])


# --- Choosing a project and uploading ------------------------------------------------------


def test_anonymous_user_is_sent_to_login(client, project):
    response = client.get(url("upload", project))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_index_lists_only_the_users_projects(browser, project, other_project):
    page = browser.get(reverse("inside:index")).content.decode()
    assert project.name in page
    assert other_project.name not in page


def test_plain_form_uploads_several_files_without_javascript(browser, project):
    page = browser.get(url("upload", project)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="file" multiple' in page
    assert "webkitdirectory" in page

    response = browser.post(
        url("upload", project),
        {"file": [SimpleUploadedFile("a.csv", CLEAN_CSV), SimpleUploadedFile("b.txt", b"notes")]},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 files uploaded: a.csv, b.txt" in page
    kept = OutputFile.objects.filter(project=project).order_by("name")
    assert [f.name for f in kept] == ["a.csv", "b.txt"]
    assert kept[0].sha256 == hashlib.sha256(CLEAN_CSV).hexdigest()
    assert all(f.status == Status.UPLOADED for f in kept)


def test_disallowed_type_is_refused_with_the_reason_and_nothing_is_kept(browser, project):
    quarantine = storage.quarantine_store()
    before = (
        set(quarantine.listdir(f"projects/{project.pk}")[1])
        if quarantine.exists(f"projects/{project.pk}")
        else set()
    )

    response = browser.post(
        url("upload", project), {"file": SimpleUploadedFile("run.exe", b"MZ..")}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "File type not allowed" in page
    assert "Files of type .exe cannot be transferred." in page
    assert not OutputFile.objects.exists()
    after = (
        set(quarantine.listdir(f"projects/{project.pk}")[1])
        if quarantine.exists(f"projects/{project.pk}")
        else set()
    )
    assert after == before


def test_script_upload_answers_json_and_keeps_the_folder(browser, project):
    response = browser.post(
        url("upload", project),
        {"file": SimpleUploadedFile("t1.csv", CLEAN_CSV), "relative_path": "results/tables"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["files"][0]["name"] == "t1.csv"
    assert body["files"][0]["folder"] == "results/tables"
    assert OutputFile.objects.get().relative_path == "results/tables"

    refused = browser.post(
        url("upload", project),
        {"file": SimpleUploadedFile("model.pkl", b"x"), "relative_path": ""},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 400
    assert refused.json()["refused"][0]["title"] == "File type not allowed"
    assert OutputFile.objects.count() == 1


def test_empty_upload_gets_a_clear_message(browser, project):
    response = browser.post(url("upload", project), {})
    assert response.status_code == 400
    assert "Choose at least one file to upload." in response.content.decode()

    empty = browser.post(url("upload", project), {"file": SimpleUploadedFile("e.csv", b"")})
    assert empty.status_code == 400
    assert "The file is empty" in empty.content.decode()
    assert not OutputFile.objects.exists()


def test_upload_page_offers_check_and_lists_files_waiting(browser, project, researcher):
    upload(project, researcher, name="earlier.csv")
    page = browser.get(url("upload", project)).content.decode()
    assert "earlier.csv" in page
    assert url("check", project) in page


# --- Check page -------------------------------------------------------------------------


def test_check_page_polls_a_file_while_it_is_scanned_and_stops_after(browser, project, researcher):
    output_file = upload(project, researcher)
    page = browser.get(url("check", project)).content.decode()
    row = row_html(page, output_file.pk)
    assert "Queued for scanning" in row
    assert 'hx-trigger="every 2s"' in row
    assert "Refresh results" in page  # the fallback without JavaScript
    assert "htmx.min.js" in page

    record_scan(output_file, "clean")
    fragment = browser.get(url("file_row", project, output_file.pk), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "No risk found" in html
    assert "hx-trigger" not in html


def test_findings_show_where_and_what_to_do_and_long_lists_are_grouped(
    browser, project, researcher
):
    output_file = upload(project, researcher, name="big.csv")
    findings = [finding(location=f"line {n}, column 2") for n in range(2, 27)]  # 25 findings
    record_scan(output_file, "risk", findings)

    row = row_html(browser.get(url("check", project)).content.decode(), output_file.pk)
    assert "Risk warning" in row
    assert "line 2, column 2" in row
    assert "aggregate further" in row
    assert "line 21, column 2" in row  # the 20th
    assert "and 5 more findings" in row


def test_risk_file_needs_a_comment_and_transfer_refuses_it_at_the_file(
    browser, project, researcher
):
    clean = record_scan(upload(project, researcher, name="clean.csv"), "clean")
    risky = record_scan(upload(project, researcher, name="risky.csv"), "risk", [finding()])

    page = browser.get(url("check", project)).content.decode()
    assert "A comment is required before this file can be transferred." in row_html(page, risky.pk)
    assert "A comment is required" not in row_html(page, clean.pk)

    response = browser.post(
        url("transfer", project), {"files": [clean.pk, risky.pk], "approve": "on"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was transferred." in page
    assert "add a comment saying what it contains" in row_html(page, risky.pk)
    assert "Not transferred" not in row_html(page, clean.pk)
    assert OutputFile.objects.get(pk=clean.pk).status == Status.SCANNED


def test_transfer_of_a_file_still_scanning_or_rejected_is_refused_at_the_file(
    browser, project, researcher
):
    waiting = upload(project, researcher, name="waiting.csv")
    rejected = record_scan(
        upload(project, researcher, name="fake.csv"),
        "rejected",
        [
            finding(
                code="type.content_mismatch",
                severity="reject",
                location="",
                message="The content is not a CSV file.",
            )
        ],
    )
    response = browser.post(
        url("transfer", project), {"files": [waiting.pk, rejected.pk], "approve": "on"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "still being scanned" in row_html(page, waiting.pk)
    assert "The content is not a CSV file." in row_html(page, rejected.pk)


def test_transfer_without_the_declaration_is_refused(browser, project, researcher):
    clean = record_scan(upload(project, researcher), "clean")
    page = browser.get(url("check", project)).content.decode()
    assert "Approve transfer" in page
    assert services.declaration_text() in page

    response = browser.post(url("transfer", project), {"files": [clean.pk]})
    assert response.status_code == 400
    assert "You must approve the declaration" in response.content.decode()
    assert OutputFile.objects.get(pk=clean.pk).status == Status.SCANNED


def test_comment_then_transfer_confirms_the_files_were_sent(browser, project, researcher):
    clean = record_scan(upload(project, researcher, name="clean.csv"), "clean")
    risky = record_scan(upload(project, researcher, name="risky.csv"), "risk", [finding()])

    response = browser.post(
        url("comment", project, risky.pk),
        {f"f{risky.pk}-comment": "Counts by region; the flagged cell is a year."},
    )
    assert response.status_code == 302
    page = browser.get(response["Location"]).content.decode()
    assert "Comment saved for risky.csv." in page
    assert "A comment is required" not in row_html(page, risky.pk)

    response = browser.post(
        url("transfer", project), {"files": [clean.pk, risky.pk], "approve": "on"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your 2 files have been sent from the researcher machine" in page
    assert "Transfers" in page and "My overview" in page
    assert {f.status for f in OutputFile.objects.filter(pk__in=[clean.pk, risky.pk])} == {
        Status.RELEASED
    }
    assert "risky.csv" not in browser.get(url("check", project)).content.decode()


def test_comment_with_htmx_returns_the_updated_row(browser, project, researcher):
    risky = record_scan(upload(project, researcher, name="risky.csv"), "risk", [finding()])
    response = browser.post(
        url("comment", project, risky.pk),
        {f"f{risky.pk}-comment": "Only model coefficients."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="file-{risky.pk}"')
    assert "Comment saved." in html
    assert "Only model coefficients." in html
    assert "A comment is required" not in html


def test_too_long_comment_is_refused_with_a_message(browser, project, researcher):
    risky = record_scan(upload(project, researcher, name="risky.csv"), "risk", [finding()])
    response = browser.post(url("comment", project, risky.pk), {f"f{risky.pk}-comment": "x" * 5001})
    assert response.status_code == 400
    assert "at most 5000 characters" in row_html(response.content.decode(), risky.pk)
    assert OutputFile.objects.get(pk=risky.pk).comment == ""


def test_remove_takes_the_file_off_the_check_page(browser, project, researcher):
    output_file = upload(project, researcher, name="mistake.csv")
    response = browser.post(url("withdraw", project, output_file.pk), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "mistake.csv was removed." in page
    assert f'id="file-{output_file.pk}"' not in page
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.WITHDRAWN


def test_another_projects_files_and_pages_are_404(browser, project, other_project):
    stranger = get_user_model().objects.create_user("bob", password="not-used-123")
    membership_add(project=other_project, user=stranger)
    theirs = upload(other_project, stranger, name="theirs.csv")

    assert browser.get(url("upload", other_project)).status_code == 404
    assert browser.get(url("check", other_project)).status_code == 404
    assert browser.post(url("withdraw", project, theirs.pk)).status_code == 404
    assert (
        browser.post(url("comment", project, theirs.pk), {f"f{theirs.pk}-comment": "x"}).status_code
        == 404
    )
    response = browser.post(url("transfer", project), {"files": [theirs.pk], "approve": "on"})
    assert response.status_code == 400
    assert "No such file in this project." in response.content.decode()
    assert OutputFile.objects.get(pk=theirs.pk).status == Status.UPLOADED
