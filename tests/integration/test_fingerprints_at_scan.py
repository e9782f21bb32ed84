"""A small file's table fingerprints come from the scan's own sandbox child: its release stores
them at once, with no second read of the file and no task; a file that ends without a release
keeps nothing of its tables; an unscannable or a big file gets none at its scan.
Every scan here is the real one, in its sandbox child."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from airlock.outputs import released_tables, scanning, storage
from airlock.outputs import services as output_services
from airlock.outputs.models import OutputFile
from airlock.projects.models import Project
from airlock.projects.policy import policy_for_project
from airlock.projects.released_tables import ReleasedTable
from airlock.review import services as review_services
from tests.support.people import build_world, upload

pytestmark = pytest.mark.django_db

TABLE = "kommune;antal\nAarhus;120\nOdense;45\nSamsø;17\nAalborg;80\nI alt;262\n".encode()


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def queued(monkeypatch):
    """Fingerprint tasks that would be sent to a worker."""
    sent: list[int] = []
    monkeypatch.setattr(released_tables.fingerprint_released_file, "delay", sent.append)
    return sent


def scanned(world, name: str, content: bytes) -> OutputFile:
    project = Project.objects.get(code="demo")
    output_file = upload(project, world.users["member"], name=name, content=content)
    scanning.output_file_scan(output_file_id=output_file.pk)
    output_file.refresh_from_db()
    return output_file


class NeverDrawn(random.Random):
    def random(self) -> float:
        return 0.999999  # above any sampling rate: not drawn for control


def transfer(world, output_file: OutputFile) -> OutputFile:
    """Approved and transferred; a small clean file not drawn for control is released."""
    output_services.transfer_create(
        project=output_file.project,
        user=world.users["member"],
        file_ids=[output_file.pk],
        approve=True,
        control=lambda output_file: review_services.review_item_create_for_transferred_file(
            output_file=output_file, source=NeverDrawn()
        ),
    )
    output_file.refresh_from_db()
    return output_file


def test_a_released_file_has_its_tables_fingerprinted_at_once_without_a_task(
    world, queued, django_capture_on_commit_callbacks
):
    output_file = scanned(world, "2025_kommuner.csv", TABLE)
    assert output_file.verdict == "clean"
    assert [f["table"] for f in output_file.table_fingerprints] != []

    with django_capture_on_commit_callbacks(execute=True):
        output_file = transfer(world, output_file)

    assert output_file.status == "released"
    [row] = ReleasedTable.objects.filter(output_file=output_file)
    assert row.fingerprint["rows"] == {
        "aarhus": [120.0],
        "odense": [45.0],
        "samsø": [17.0],
        "aalborg": [80.0],
    }
    assert row.fingerprint["total"] == [262.0]
    assert row.file_name == "2025_kommuner.csv"
    assert row.transferred_at == output_file.transfer.created_at
    assert output_file.table_fingerprints is None  # kept only until the release
    assert queued == []  # no second read of the file
    # the next scan's policy holds it, for differencing
    assert policy_for_project(output_file.project).released_tables


def test_a_file_withdrawn_before_its_release_keeps_nothing_of_its_tables(world, queued):
    output_file = scanned(world, "2025_kommuner.csv", TABLE)
    assert output_file.table_fingerprints

    output_services.output_file_withdraw(output_file=output_file, user=world.users["member"])

    output_file.refresh_from_db()
    assert output_file.status == "withdrawn"
    assert output_file.table_fingerprints is None
    assert not ReleasedTable.objects.exists()


def test_a_file_whose_stored_bytes_changed_is_unscannable_and_gets_no_fingerprint(world):
    project = Project.objects.get(code="demo")
    output_file = upload(project, world.users["member"], name="2025_kommuner.csv", content=TABLE)
    stored = Path(storage.quarantine_store().path(output_file.storage_key))
    stored.write_bytes(TABLE.replace(b"17", b"18"))  # not the bytes that were uploaded

    scanning.output_file_scan(output_file_id=output_file.pk)

    output_file.refresh_from_db()
    assert output_file.verdict == "unscannable"
    assert output_file.table_fingerprints is None


def test_a_file_over_the_review_size_is_not_fingerprinted_at_its_scan(world):
    project = Project.objects.get(code="demo")
    project.review_size_bytes = len(TABLE) - 1
    project.save(update_fields=["review_size_bytes"])

    output_file = scanned(world, "2025_kommuner.csv", TABLE)

    assert output_file.verdict == "clean"
    assert output_file.table_fingerprints is None


def test_a_file_scanned_without_fingerprints_is_read_again_by_the_task_at_its_release(
    world, queued, django_capture_on_commit_callbacks
):
    output_file = scanned(world, "2025_kommuner.csv", TABLE)
    OutputFile.objects.filter(pk=output_file.pk).update(table_fingerprints=None)  # older worker
    output_file.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        output_file = transfer(world, output_file)

    assert output_file.status == "released"
    assert queued == [output_file.pk]
    assert released_tables.released_file_fingerprint(output_file_id=output_file.pk) == 1
