"""The researcher's transfer through real processes: gunicorn, a Celery worker, the broker.

Upload over HTTP, wait for the worker's verdicts through the API, comment, transfer, download
from the portal. Once on the embedded defaults (SQLite, kombu's filesystem broker), once on
the real PostgreSQL and Redis.
"""

import hashlib
import json
import re
import time

import pytest

from tests.support.http_api import HttpApi
from tests.support.processes import installation

CLEAN_CSV = b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"
SMALL_CELL_CSV = b"kommune;antal\nAarhus;120\nOdense;2\nAalborg;88\n"
NOTES = b"Model converged after 7 iterations.\nAll tables aggregated to municipality level.\n"


def transfer_end_to_end(inst) -> None:
    api = HttpApi(inst.base_url, inst.token("researcher"))
    files = "/api/inside/projects/demo/files"

    uploaded = api.upload(
        "demo", [("tabel.csv", CLEAN_CSV), ("small.csv", SMALL_CELL_CSV), ("notes.txt", NOTES)]
    )
    assert uploaded.status == 201, uploaded.body
    ids = {f["name"]: f["id"] for f in uploaded.json()}
    assert {f["status"] for f in uploaded.json()} <= {"uploaded", "scanning", "scanned"}

    scanned = api.wait_until_scanned("demo", list(ids.values()))

    clean, risk, notes = (scanned[ids[n]] for n in ("tabel.csv", "small.csv", "notes.txt"))
    assert clean["status"] == "scanned"
    assert clean["verdict"] == "clean", clean["findings"]
    assert notes["verdict"] == "clean", notes["findings"]
    assert risk["verdict"] == "risk", risk["findings"]
    small_cells = [f for f in risk["findings"] if f["code"] == "table.small_cell"]
    assert small_cells, risk["findings"]
    assert small_cells[0]["severity"] == "risk"
    assert "line 3" in small_cells[0]["location"]  # where it is, in plain words
    assert small_cells[0]["message"]
    assert risk["needs_comment"] is True

    # A risk file without a comment holds up the transfer, with the reason at the file.
    refused = api.post_json(
        "/api/inside/projects/demo/transfers", {"files": list(ids.values()), "approve": True}
    )
    assert refused.status == 400
    assert set(refused.json()["detail"]["files"]) == {str(ids["small.csv"])}

    commented = api.post_json(
        f"{files}/{ids['small.csv']}/comment",
        {"comment": "Counts of municipalities; Odense is a test row."},
    )
    assert commented.status == 200
    transfer = api.post_json(
        "/api/inside/projects/demo/transfers", {"files": list(ids.values()), "approve": True}
    )
    assert transfer.status == 201, transfer.body
    assert api.get(files).json() == []

    listed = api.get("/api/portal/projects/demo/transfers").json()
    assert listed[0]["id"] == transfer.json()["id"]
    in_portal = {f["name"]: f for f in listed[0]["files"]}
    assert set(in_portal) == {"tabel.csv", "small.csv", "notes.txt"}
    assert in_portal["small.csv"]["comment"].startswith("Counts of municipalities")
    for name, content in (("tabel.csv", CLEAN_CSV), ("small.csv", SMALL_CELL_CSV)):
        download = api.get(f"/api/portal/projects/demo/files/{in_portal[name]['id']}/download")
        assert download.status == 200
        assert download.body == content
        assert hashlib.sha256(download.body).hexdigest() == in_portal[name]["sha256"]

    deleted = api.delete(f"/api/portal/projects/demo/files/{in_portal['notes.txt']['id']}")
    assert deleted.status == 204
    gone = api.get(f"/api/portal/projects/demo/files/{in_portal['notes.txt']['id']}/download")
    assert gone.status == 404


def withdrawn_before_scan_stays_withdrawn(inst) -> None:
    """Withdraw a file right after upload: whatever the worker does, it stays removed."""
    api = HttpApi(inst.base_url, inst.token("researcher"))
    uploaded = api.upload("demo", [("gone.csv", CLEAN_CSV)])
    file_id = uploaded.json()[0]["id"]

    assert api.delete(f"/api/inside/projects/demo/files/{file_id}").status == 204

    kept = api.upload("demo", [("after.csv", CLEAN_CSV)]).json()[0]["id"]
    api.wait_until_scanned("demo", [kept])  # the queue has moved past the withdrawn file
    assert api.get(f"/api/inside/projects/demo/files/{file_id}").status == 404
    assert [f["id"] for f in api.get("/api/inside/projects/demo/files").json()] == [kept]


SCAN_STATE = """
import json
from airlock.audit.models import AuditEvent
from airlock.outputs.models import OutputFile
f = OutputFile.objects.get(pk={id})
events = AuditEvent.objects.filter(object_type="output_file", object_id=str(f.pk))
print(json.dumps({{"status": f.status, "verdict": f.verdict, "attempts": f.scan_attempts,
                  "scanned_at": f.scanned_at.isoformat(),
                  "events": list(events.values_list("action", flat=True))}}))
"""
REDELIVER = """
from airlock.outputs.tasks import scan_output_file
scan_output_file.delay({id})
scan_output_file.delay({id})
"""


def scan_state(inst, file_id: int) -> dict:
    printed = inst.manage("shell", "--no-imports", "-c", SCAN_STATE.format(id=file_id))
    return json.loads(printed.strip().splitlines()[-1])


def succeeded_scans(inst) -> int:
    return len(re.findall(r"scan_output_file\[[^\]]+\] succeeded", inst.log("worker")))


def a_second_delivery_does_nothing(inst) -> None:
    """Deliver the scan message of a scanned file twice more: nothing changes."""
    api = HttpApi(inst.base_url, inst.token("researcher"))
    file_id = api.upload("demo", [("again.csv", CLEAN_CSV)]).json()[0]["id"]
    api.wait_until_scanned("demo", [file_id])
    before = scan_state(inst, file_id)
    handled = succeeded_scans(inst)

    inst.manage("shell", "--no-imports", "-c", REDELIVER.format(id=file_id))

    deadline = time.monotonic() + 60
    while succeeded_scans(inst) < handled + 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert succeeded_scans(inst) >= handled + 2, inst.log("worker")
    after = scan_state(inst, file_id)
    assert after == before
    assert before["events"].count("scan_finished") == 1
    assert before["attempts"] == 1


@pytest.mark.worker
def test_transfer_with_a_real_worker_on_the_embedded_defaults(tmp_path):
    with installation(tmp_path) as inst:
        assert "DATABASE_URL" not in inst.env or not inst.env["DATABASE_URL"]
        inst.start_worker()
        inst.start_web(workers=2)
        transfer_end_to_end(inst)
        withdrawn_before_scan_stays_withdrawn(inst)
        a_second_delivery_does_nothing(inst)
        assert "Traceback" not in inst.log("worker"), inst.log("worker")


@pytest.mark.worker
@pytest.mark.services
def test_transfer_with_a_real_worker_on_postgresql_and_redis(tmp_path, real_services):
    with installation(tmp_path, services=True) as inst:
        assert inst.env["DATABASE_URL"].startswith("postgres")
        assert inst.env["CELERY_BROKER_URL"].startswith("redis://")
        inst.start_worker()
        inst.start_web(workers=2)
        transfer_end_to_end(inst)
        withdrawn_before_scan_stays_withdrawn(inst)
        a_second_delivery_does_nothing(inst)
        assert "Traceback" not in inst.log("worker"), inst.log("worker")
