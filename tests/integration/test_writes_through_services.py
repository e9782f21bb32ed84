"""Writes a person causes go through one service each, whichever page or endpoint they use:
the reviewer's download is checked like the portal's, and the audit export is audited."""

import pytest
from django.core.files.base import ContentFile

from airlock.audit.models import AuditEvent
from airlock.outputs import storage
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return w.user("ruth", reviewer=True)


def test_a_reviewer_gets_the_exact_uploaded_bytes_and_the_download_is_audited(reviewer):
    project, researcher, _ = w.project("dl")
    item_file = w.transferred_file(project, researcher, name="table.csv", verdict="risk")
    response = w.signed_in(reviewer).get(f"/review/items/{item_file.review_item.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]
    assert (
        b"".join(response.streaming_content)
        == storage.quarantine_store().open(item_file.storage_key, "rb").read()
    )
    assert AuditEvent.objects.filter(action="review_file_downloaded").count() == 1


def test_a_quarantine_copy_changed_since_upload_is_not_given_to_the_reviewer(reviewer):
    project, researcher, _ = w.project("dl")
    item_file = w.transferred_file(project, researcher, name="table.csv", verdict="risk")
    store = storage.quarantine_store()
    store.delete(item_file.storage_key)
    store.save(item_file.storage_key, ContentFile(b"other bytes"))

    response = w.signed_in(reviewer).get(f"/review/items/{item_file.review_item.pk}/file/")

    assert response.status_code == 409
    assert b"other bytes" not in response.content
    assert "does not match its upload" in response.content.decode()
    assert not AuditEvent.objects.filter(action="review_file_downloaded").exists()


def test_the_audit_export_is_itself_in_the_audit_trail(reviewer):
    response = w.signed_in(reviewer).get("/review/audit/export.csv")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    exported = AuditEvent.objects.filter(action="audit_exported")
    assert exported.count() == 1 and exported.get().actor == reviewer


def test_a_browser_upload_with_one_refused_file_keeps_none_and_names_it():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from airlock.outputs.models import OutputFile

    project, researcher, _ = w.project("up")
    response = w.signed_in(researcher).post(
        f"/inside/projects/{project.code}/",
        {
            "file": [
                SimpleUploadedFile("table.csv", b"region,count\nNorth,120\n"),
                SimpleUploadedFile("run.exe", b"MZ.."),
            ]
        },
    )
    assert response.status_code == 400
    assert "Files of type .exe cannot be transferred." in response.content.decode()
    assert not OutputFile.objects.filter(project=project).exists()
