"""Issue 13, part 3: differencing across a project's exports, end to end. A released table is
fingerprinted; a new file with the same table less one category is a risk naming the earlier
file and its transfer date. Files that were not released leave no fingerprint."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from airlock.outputs import released_tables, scanning
from airlock.outputs.models import OutputFile
from airlock.outputs.released_tables import released_file_fingerprint
from airlock.projects.released_tables import ReleasedTable
from tests.support.people import build_world, release, upload

pytestmark = pytest.mark.django_db

RELEASED = "kommune;antal\nAarhus;120\nOdense;45\nSamsø;<3\nAalborg;80\nI alt;247\n".encode()
ONE_FEWER = b"kommune;antal\nAarhus;120\nOdense;45\nAalborg;80\nI alt;245\n"


def scan_new_file(world, name: str, content: bytes) -> dict:
    inside = world.api_headers("member")
    response = Client().post(
        "/api/inside/projects/demo/files", {"file": SimpleUploadedFile(name, content)}, **inside
    )
    assert response.status_code == 201, response.content
    file_id = response.json()[0]["id"]
    scanning.output_file_scan(output_file_id=file_id)  # what the scan task does
    return Client().get(f"/api/inside/projects/demo/files/{file_id}", **inside).json()


def differencing(scanned: dict) -> list[dict]:
    return [f for f in scanned["findings"] if f["code"] == "table.differencing"]


def test_a_release_queues_its_fingerprint(monkeypatch, django_capture_on_commit_callbacks):
    world = build_world()
    sent = []
    monkeypatch.setattr(released_tables.fingerprint_released_files, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        output_file = release(world, "2025_kommuner.csv", RELEASED)
    assert output_file.status == "released"
    assert sent == [[output_file.pk]]


def test_the_files_of_one_transfer_are_fingerprinted_by_one_task(
    monkeypatch, django_capture_on_commit_callbacks
):
    from airlock.projects.models import Project
    from airlock.review import services as review_services
    from tests.support.people import _scanned

    world = build_world()
    project = Project.objects.get(code="demo")
    project.sampling_rate = 0  # clean small files: none is drawn for control, all are released
    project.save(update_fields=["sampling_rate"])
    member = world.users["member"]
    files = [upload(project, member, name=f"{n}.csv", content=RELEASED) for n in "abc"]
    for output_file in files:
        _scanned(output_file, "clean")
    sent = []
    monkeypatch.setattr(released_tables.fingerprint_released_files, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        review_services.transfer_create(
            project=project, user=member, file_ids=[f.pk for f in files], approve=True
        )
    released = list(
        OutputFile.objects.filter(pk__in=[f.pk for f in files], status="released")
        .order_by("id")
        .values_list("pk", flat=True)
    )
    assert released  # a file held for control is fingerprinted when it is released later
    assert sent == [released]


def test_one_task_stores_each_released_file_once_and_skips_an_unreadable_one():
    world = build_world()
    good = [release(world, f"{n}_kommuner.csv", RELEASED) for n in ("2024", "2025")]
    broken = release(world, "broken.xlsx", b"PK\x03\x04 not really a workbook")
    ids = [good[0].pk, broken.pk, good[1].pk]
    assert released_tables.released_files_fingerprint(output_file_ids=ids) == 2
    assert released_tables.released_files_fingerprint(output_file_ids=ids) == 0  # once
    stored = ReleasedTable.objects.order_by("file_name")
    assert [t.file_name for t in stored] == ["2024_kommuner.csv", "2025_kommuner.csv"]
    assert stored[0].fingerprint["rows"]["samsø"] == [None]  # "<3" is a suppressed cell


def test_the_same_table_less_one_category_names_the_earlier_file_and_date():
    world = build_world()
    earlier = release(world, "2025_kommuner.csv", RELEASED)
    assert released_file_fingerprint(output_file_id=earlier.pk) == 1
    assert released_file_fingerprint(output_file_id=earlier.pk) == 0  # once
    transferred_on = earlier.transfer.created_at.date().isoformat()

    scanned = scan_new_file(world, "2026_kommuner.csv", ONE_FEWER)
    [finding] = differencing(scanned)
    assert finding["severity"] == "risk"
    assert scanned["verdict"] == "risk"
    assert f"'2025_kommuner.csv' (transferred {transferred_on})" in finding["message"]
    assert "'samsø'" in finding["message"]
    page = world.client("member").get("/inside/projects/demo/check/").content.decode()
    assert "2025_kommuner.csv" in page
    danish = world.client("member").get("/inside/projects/demo/check/", HTTP_ACCEPT_LANGUAGE="da")
    assert (
        f"Sammen med “2025_kommuner.csv” (overført {transferred_on}) kan det undertrykte "
        "antal for “samsø”"
    ) in danish.content.decode()


def test_a_table_released_after_a_scan_is_seen_by_the_next_scan_in_the_same_worker():
    """A worker keeps a project's released tables between scans (read again only when they
    change): a release between two scans in the same process is compared with at once."""
    world = build_world()
    assert differencing(scan_new_file(world, "2026_kommuner.csv", ONE_FEWER)) == []
    earlier = release(world, "2025_kommuner.csv", RELEASED)
    assert released_file_fingerprint(output_file_id=earlier.pk) == 1
    [finding] = differencing(scan_new_file(world, "2026_kommuner_igen.csv", ONE_FEWER))
    assert "'2025_kommuner.csv'" in finding["message"]
    ReleasedTable.objects.filter(output_file=earlier).delete()  # gone: no longer compared with
    assert differencing(scan_new_file(world, "2026_kommuner_3.csv", ONE_FEWER)) == []


def test_without_a_released_table_the_same_file_is_no_differencing():
    world = build_world()
    scanned = scan_new_file(world, "2026_kommuner.csv", ONE_FEWER)
    assert differencing(scanned) == []


def test_a_file_that_was_not_released_leaves_no_fingerprint():
    world = build_world()
    project = OutputFile.objects.get(pk=world.ids["inside_file_id"]).project
    inside_file = upload(project, world.users["member"], name="waiting.csv", content=RELEASED)
    scanning.output_file_scan(output_file_id=inside_file.pk)
    assert released_file_fingerprint(output_file_id=inside_file.pk) == 0
    assert not ReleasedTable.objects.exists()
    scanned = scan_new_file(world, "2026_kommuner.csv", ONE_FEWER)
    assert differencing(scanned) == []


def test_the_policy_digest_does_not_change_with_a_release():
    from airlock.projects.models import Project
    from airlock.projects.policy import policy_for_project

    world = build_world()
    project = Project.objects.get(code="demo")
    before = policy_for_project(project)
    released_file_fingerprint(output_file_id=release(world, "a.csv", RELEASED).pk)
    after = policy_for_project(project)
    assert after.released_tables and not before.released_tables
    assert after.digest == before.digest
