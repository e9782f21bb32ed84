"""The quarantine and released stores on S3: a real S3 server process (moto_server, IAM
enforced), two buckets, one access key each, gunicorn and a Celery worker in front.

The researcher's whole transfer runs on the buckets (upload, scan, transfer, download), then a
breach removes a released file and the retention time expires another. A portal-only process
has no quarantine credential and its key cannot read the quarantine bucket. /readyz names the
bucket it cannot reach.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator

import pytest
from botocore.exceptions import ClientError

from tests.integration.test_worker_process import CLEAN_CSV, SMALL_CELL_CSV, transfer_end_to_end
from tests.support.http_api import HttpApi
from tests.support.moto_server import S3Server, moto_server_command, s3_server
from tests.support.processes import PY, ROOT, Installation, installation

pytestmark = [pytest.mark.worker]

BUCKETS = {"QUARANTINE": "airlock-quarantine", "RELEASED": "airlock-released"}
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="module")
def s3(tmp_path_factory) -> Iterator[S3Server]:
    if moto_server_command() is None:
        message = "moto[server] is not installed (requirements/dev.txt): no S3 server to test on"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with s3_server(tmp_path_factory.mktemp("moto"), BUCKETS) as server:
        yield server


def s3_env(s3: S3Server) -> dict[str, str]:
    return {
        **s3.store_env("QUARANTINE", s3.keys["QUARANTINE"]),
        **s3.store_env("RELEASED", s3.keys["RELEASED"]),
        "AWS_DEFAULT_REGION": "us-east-1",
    }


@pytest.fixture(scope="module")
def on_s3(s3, tmp_path_factory) -> Iterator[Installation]:
    """One installation whose both stores are the buckets: a web process for all zones and a
    worker; the researcher's transfer has run through it."""
    with installation(tmp_path_factory.mktemp("s3"), **s3_env(s3)) as inst:
        inst.start_web(workers=1)
        inst.start_worker()
        transfer_end_to_end(inst)
        yield inst


def portal_only(inst: Installation, s3: S3Server) -> Installation:
    """The same installation as a portal-only process would see it: no quarantine setting."""
    env = {k: v for k, v in inst.env.items() if not k.startswith("AIRLOCK_S3_QUARANTINE")}
    env["AIRLOCK_ZONES"] = "portal"
    return Installation(data_dir=inst.data_dir, env=env, demo=inst.demo)


def django_shell(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
    )


def portal_files(api: HttpApi) -> dict[str, dict]:
    listed = api.get("/api/portal/projects/demo/transfers").json()
    return {f["name"]: f for transfer in listed for f in transfer["files"]}


def test_the_transfer_runs_on_two_buckets_and_files_live_only_there(on_s3, s3):
    # transfer_end_to_end (in the fixture) uploaded, scanned, transferred and downloaded.
    released = s3.object_keys(BUCKETS["RELEASED"])
    quarantined = s3.object_keys(BUCKETS["QUARANTINE"])
    assert quarantined, "the uploads were not stored in the quarantine bucket"
    # Two files are still in the portal (the third was deleted by the researcher).
    assert len(released) == 2
    client = s3.client(s3.keys["RELEASED"])
    digests = {
        hashlib.sha256(
            client.get_object(Bucket=BUCKETS["RELEASED"], Key=k)["Body"].read()
        ).hexdigest()
        for k in released
    }
    assert digests == {hashlib.sha256(b).hexdigest() for b in (CLEAN_CSV, SMALL_CELL_CSV)}
    # Nothing of the files was kept on the local disk's stores.
    for folder in ("quarantine", "released"):
        local = on_s3.data_dir / folder
        assert not local.exists() or not any(p.is_file() for p in local.rglob("*")), folder


def test_each_key_reaches_its_own_bucket_only(on_s3, s3):
    quarantine_key, released_key = s3.keys["QUARANTINE"], s3.keys["RELEASED"]
    some_quarantined = s3.object_keys(BUCKETS["QUARANTINE"])[0]
    with pytest.raises(ClientError) as denied:
        s3.client(released_key).get_object(Bucket=BUCKETS["QUARANTINE"], Key=some_quarantined)
    assert denied.value.response["Error"]["Code"] == "AccessDenied"
    with pytest.raises(ClientError):
        s3.client(quarantine_key).list_objects_v2(Bucket=BUCKETS["RELEASED"])


def test_a_portal_only_process_has_no_quarantine_store_and_serves_the_released_files(on_s3, s3):
    portal = portal_only(on_s3, s3)
    assert not any(k.startswith("AIRLOCK_S3_QUARANTINE") for k in portal.env)

    probe = django_shell(
        portal.env,
        "import json; from django.conf import settings; "
        "from django.core.files.storage import storages\n"
        "try:\n    storages['quarantine']; found = True\n"
        "except Exception as exc:\n    found = type(exc).__name__\n"
        "print(json.dumps({'store': found, 'stores': sorted(settings.STORAGES), "
        "'root': hasattr(settings, 'QUARANTINE_ROOT')}))",
    )
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen == {
        "store": "InvalidStorageError",
        "stores": ["default", "released", "staticfiles"],
        "root": False,
    }

    base_url = portal.start_web(workers=1)
    try:
        ready = HttpApi(base_url, "").get("/readyz")
        assert ready.status == 200, ready.body
        assert "storage_quarantine" not in ready.json()["checks"]
        assert ready.json()["checks"]["storage_released"] == "ok"

        api = HttpApi(base_url, on_s3.token("researcher"))
        files = portal_files(api)
        download = api.get(f"/api/portal/projects/demo/files/{files['tabel.csv']['id']}/download")
        assert download.status == 200
        assert download.body == CLEAN_CSV
        # The inside zone is not served here at all.
        assert api.get("/api/inside/projects/demo/files").status == 404
    finally:
        portal.stop()


def test_readyz_names_the_bucket_it_cannot_reach(on_s3, s3):
    # A portal process given the wrong key: the released bucket answers 403.
    env = portal_only(on_s3, s3).env
    env["AIRLOCK_S3_RELEASED_ACCESS_KEY_ID"] = s3.keys["QUARANTINE"].access_key_id
    env["AIRLOCK_S3_RELEASED_SECRET_ACCESS_KEY"] = s3.keys["QUARANTINE"].secret_access_key
    wrong_key = Installation(data_dir=on_s3.data_dir, env=env, demo=on_s3.demo)
    base_url = wrong_key.start_web(workers=1)
    try:
        ready = HttpApi(base_url, "").get("/readyz")
        assert ready.status == 503
        body = ready.json()
        assert body["status"] == "unavailable"
        assert body["checks"]["storage_released"] == "failed: bucket airlock-released: 403"
        assert body["checks"]["database"] == "ok"
        assert s3.keys["QUARANTINE"].secret_access_key not in ready.body.decode()
    finally:
        wrong_key.stop()


READ_IN_CHUNKS = """
import json, resource
from django.core.files.storage import storages
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
read = 0
with storages["released"].open("rss-probe", "rb") as handle:
    while chunk := handle.read(1024 * 1024):
        read += len(chunk)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"read": read, "grown_kb": grown}))
"""
PROBE_BYTES = 64 * 1024 * 1024


def test_reading_a_large_object_does_not_hold_it_in_memory(on_s3, s3, tmp_path):
    # 64 MB put straight into the released bucket, then read the way a download reads it.
    probe = tmp_path / "probe.bin"
    with probe.open("wb") as out:
        for i in range(PROBE_BYTES // (1024 * 1024)):
            out.write(bytes([i % 251]) * (1024 * 1024))
    client = s3.client(s3.keys["RELEASED"])
    client.upload_file(str(probe), BUCKETS["RELEASED"], "rss-probe")
    try:
        ran = django_shell(on_s3.env, READ_IN_CHUNKS)
        assert ran.returncode == 0, ran.stderr
        result = json.loads(ran.stdout.strip().splitlines()[-1])
        assert result["read"] == PROBE_BYTES
        assert result["grown_kb"] < 20 * 1024, result  # at most 20 MB, for 64 MB read
    finally:
        client.delete_object(Bucket=BUCKETS["RELEASED"], Key="rss-probe")


SAVE_FROM_DISK = """
import json, resource, sys
from django.core.files import File
from django.core.files.storage import storages
store = storages["released"]
store.exists("warm-up")  # the client and its connection exist before the measurement
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(PROBE_PATH, "rb") as handle:
    saved = store.save("rss-saved-probe", File(handle))
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"saved": saved, "size": store.size(saved), "grown_kb": grown}))
"""


def test_storing_a_large_file_streams_it_up_in_parts(on_s3, s3, tmp_path):
    probe = tmp_path / "probe.bin"
    with probe.open("wb") as out:
        for i in range(PROBE_BYTES // (1024 * 1024)):
            out.write(bytes([i % 251]) * (1024 * 1024))
    client = s3.client(s3.keys["RELEASED"])
    try:
        ran = django_shell(on_s3.env, SAVE_FROM_DISK.replace("PROBE_PATH", repr(str(probe))))
        assert ran.returncode == 0, ran.stderr
        result = json.loads(ran.stdout.strip().splitlines()[-1])
        assert result["saved"] == "rss-saved-probe"
        assert result["size"] == PROBE_BYTES
        assert result["grown_kb"] < 20 * 1024, result  # at most 20 MB, for 64 MB stored
    finally:
        client.delete_object(Bucket=BUCKETS["RELEASED"], Key="rss-saved-probe")


BREACH_AND_EXPIRY = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from airlock.outputs.models import OutputFile
from airlock.review.models import ReviewItem
from airlock.outputs.expiry import released_file_expire_due
from airlock.review.services import review_item_decide

breached = OutputFile.objects.get(name="small.csv", status="released")
item = ReviewItem.objects.filter(output_file=breached, state="pending").first()
if item is None:
    item = ReviewItem.objects.create(
        output_file=breached, reasons=["random"], random_draw=0.0, sampling_rate=1.0
    )
review_item_decide(
    review_item=item,
    user=get_user_model().objects.get(username="reviewer"),
    decision="severe_breach",
    note="Odense's count of 2 is a person.",
)
kept = OutputFile.objects.get(name="tabel.csv", status="released")
expired = released_file_expire_due(
    now=kept.released_at + timedelta(days=kept.project.retention_days, seconds=1)
)
print(json.dumps({"expired": expired, "kept": kept.pk, "breached": breached.pk}))
"""


def test_a_breach_and_the_retention_time_remove_the_released_objects(on_s3, s3):
    # Runs last in this module: it empties the portal.
    api = HttpApi(on_s3.base_url, on_s3.token("researcher"))
    files = portal_files(api)
    assert len(s3.object_keys(BUCKETS["RELEASED"])) == 2

    ran = django_shell(on_s3.env, BREACH_AND_EXPIRY)
    assert ran.returncode == 0, ran.stderr
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["expired"] == [result["kept"]]

    assert s3.object_keys(BUCKETS["RELEASED"]) == []
    for name in ("small.csv", "tabel.csv"):
        gone = api.get(f"/api/portal/projects/demo/files/{files[name]['id']}/download")
        assert gone.status == 404, name
