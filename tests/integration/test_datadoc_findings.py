"""Issue 13, part 2: a column named by a Datadoc key variable is found in a real scan, and the
finding names the variable and its description for the researcher and the reviewer."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from airlock.outputs import scanning
from tests.integration.datadoc_documents import encoded, person_file
from tests.support.people import build_world

pytestmark = pytest.mark.django_db

# "bostedsadresse" and "stable person number" are no built-in key variable names: only the
# imported Datadoc document makes them one.
CSV = (
    b"Stable person number;kommune;antal\nOslo;Oslo;120\nBergen;Bergen;80\nTrondheim;Trondheim;45\n"
)


def upload_and_scan(world, name: str, content: bytes) -> dict:
    inside = world.api_headers("member")
    response = Client().post(
        "/api/inside/projects/demo/files", {"file": SimpleUploadedFile(name, content)}, **inside
    )
    assert response.status_code == 201, response.content
    file_id = response.json()[0]["id"]
    scanning.output_file_scan(output_file_id=file_id)  # what the scan task does
    return Client().get(f"/api/inside/projects/demo/files/{file_id}", **inside).json()


def import_person_file(world) -> None:
    response = Client().post(
        "/api/portal/projects/demo/datadoc",
        {"file": SimpleUploadedFile("person.json", encoded(person_file()))},
        **world.api_headers("projectadmin"),
    )
    assert response.status_code == 201, response.content


def column_findings(scanned: dict) -> list[dict]:
    return [f for f in scanned["findings"] if f["code"] == "identifier.column"]


def test_without_the_document_the_column_is_not_a_key_variable():
    world = build_world()
    scanned = upload_and_scan(world, "by_person.csv", CSV)
    assert column_findings(scanned) == []


def test_a_column_named_by_a_personal_variable_is_a_risk_naming_the_variable():
    world = build_world()
    import_person_file(world)
    scanned = upload_and_scan(world, "by_person.csv", CSV)
    [finding] = column_findings(scanned)
    assert finding["severity"] == "risk"
    assert scanned["verdict"] == "risk"
    # The API (and so the command-line client) names the variable too.
    assert finding["variable"] == {
        "short_name": "snr",
        "name": "Stable person number",
        "description": "Pseudonymised serial number of the person",
        "dataset": "person_bosted_p2024",
    }

    # The researcher, on the check page.
    page = world.client("member").get("/inside/projects/demo/check/").content.decode()
    assert "Datadoc variable snr of the data set person_bosted_p2024" in page
    assert "Pseudonymised serial number of the person" in page

    # The reviewer, once the file is transferred and waits for control.
    inside = world.api_headers("member")
    file_id = scanned["id"]
    Client().post(
        f"/api/inside/projects/demo/files/{file_id}/comment",
        data=json.dumps({"comment": "A list of municipalities."}),
        content_type="application/json",
        **inside,
    )
    transfer = Client().post(
        "/api/inside/projects/demo/transfers",
        data=json.dumps({"files": [file_id], "approve": True}),
        content_type="application/json",
        **inside,
    )
    assert transfer.status_code == 201, transfer.content
    queue = Client().get("/api/review/queue", **world.api_headers("reviewer")).json()
    [item] = [i for i in queue if i["file"]["id"] == file_id]
    review_page = world.client("reviewer").get(f"/review/items/{item['id']}/").content.decode()
    assert "Datadoc variable snr of the data set person_bosted_p2024" in review_page
    assert "Pseudonymised serial number of the person" in review_page


def test_the_address_variable_and_the_short_name_count_too():
    world = build_world()
    import_person_file(world)
    csv = b"bostedsadresse,antal\nStorgata 1,5\nKirkeveien 2,7\nParkveien 3,9\n"
    [finding] = column_findings(upload_and_scan(world, "addresses.csv", csv))
    assert "BOSTEDSADRESSE" in finding["message"]
    page = world.client("member").get("/inside/projects/demo/check/").content.decode()
    assert "Datadoc variable bostedsadresse" in page
    assert "The address where the person lives" in page


def test_a_finding_on_a_built_in_key_variable_gets_no_datadoc_note():
    world = build_world()
    import_person_file(world)
    csv = b"pnr,antal\nx1,5\nx2,7\nx3,9\n"
    [finding] = column_findings(upload_and_scan(world, "pnr.csv", csv))
    assert "PNR" in finding["message"]
    assert finding["variable"] is None
    page = world.client("member").get("/inside/projects/demo/check/").content.decode()
    assert "Datadoc variable" not in page
