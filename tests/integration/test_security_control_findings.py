"""Issue 12, item 4: a finding of severity ``review`` sends the file to control.

The attack: a docx with a comment (or an external link) scans ``clean`` with a
``hidden.comment`` finding of severity review; sampling ignored it, so the file was released
with no control unless the random draw picked it. Now the file gets the reason ``review``, and
the researcher sees that before the transfer.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from airlock.outputs import scanning
from airlock.outputs.models import OutputFile
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


def docx_with_comment() -> bytes:
    document = Document()
    paragraph = document.add_paragraph("Antal kommuner i analysen: 98.")
    document.add_comment(paragraph.runs, text="Check with Jens before sending", author="Jens")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_comment_sends_the_file_to_control_and_the_researcher_sees_why():
    project, researcher, _admin = w.project("p4", sampling_rate=0.0)
    reviewer = w.user("rita", reviewer=True)
    inside = w.api(w.token(researcher))
    client = w.Client()

    upload = client.post(
        "/api/inside/projects/p4/files",
        {"file": SimpleUploadedFile("notat.docx", docx_with_comment())},
        **inside,
    )
    assert upload.status_code == 201, upload.content
    file_id = upload.json()[0]["id"]
    scanning.output_file_scan(output_file_id=file_id)  # what the scan task does

    before = client.get(f"/api/inside/projects/p4/files/{file_id}", **inside).json()
    codes = {(f["code"], f["severity"]) for f in before["findings"]}
    assert ("hidden.comment", "review") in codes
    assert before["verdict"] == "clean"
    assert before["control_reasons"] == ["review"]
    page = w.signed_in(researcher).get("/inside/projects/p4/check/")
    assert "Research services will control this file after the transfer" in page.content.decode()

    transfer = client.post(
        "/api/inside/projects/p4/transfers",
        data=json.dumps({"files": [file_id], "approve": True}),
        content_type="application/json",
        **inside,
    )
    assert transfer.status_code == 201, transfer.content

    queue = client.get("/api/review/queue", **w.api(w.token(reviewer))).json()
    assert [(item["file"]["id"], item["reasons"]) for item in queue] == [(file_id, ["review"])]


def test_a_clean_file_without_such_findings_has_no_control_reason():
    project, researcher, _admin = w.project("p4b", sampling_rate=0.0)
    output_file = w.scanned_file(project, researcher)
    response = w.Client().get(
        f"/api/inside/projects/p4b/files/{output_file.pk}", **w.api(w.token(researcher))
    )
    assert response.json()["control_reasons"] == []
    assert OutputFile.objects.get(pk=output_file.pk).verdict == "clean"
