"""/metrics in Prometheus text format: queue depth, scan durations, verdict counts."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from airlock.outputs import scanning, services
from tests.support.api_client import make_member, make_project

pytestmark = pytest.mark.django_db

SAMPLE = re.compile(r'^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$')

CLEAN = b"region,count\nNorth,120\nSouth,340\nEast,55\n"
WITH_CPR = b"name,cpr\nA,010190-1234\nB,020285-4321\n"
NOT_A_CSV = bytes(range(256)) * 12


def samples(text: str) -> dict[str, float]:
    values = {}
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        assert SAMPLE.match(line), line
        name, value = line.rsplit(" ", 1)
        values[name] = float(value)
    return values


def upload(project, user, name, content):
    return services.output_file_upload(
        project=project, user=user, uploaded=SimpleUploadedFile(name, content), name=name
    )


@pytest.fixture
def scanned_files():
    project = make_project("metrics")
    user, _key = make_member(project, "metrics-researcher")
    for name, content in (("clean.csv", CLEAN), ("cpr.csv", WITH_CPR), ("junk.csv", NOT_A_CSV)):
        output_file = upload(project, user, name, content)
        scanning.output_file_scan(output_file_id=output_file.pk)
    upload(project, user, "waiting.csv", CLEAN)  # its scan has not run yet


def test_metrics_count_files_waiting_verdicts_and_scan_durations(client, scanned_files):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    values = samples(response.content.decode())

    assert values['airlock_output_files{status="scanned"}'] == 3
    assert values['airlock_output_files{status="uploaded"}'] == 1
    assert values["airlock_scan_queue_files"] == 1
    assert values["airlock_scan_oldest_pending_seconds"] >= 0
    assert values["airlock_broker_up"] == 1

    assert values['airlock_scan_verdicts_total{verdict="clean"}'] == 1
    assert values['airlock_scan_verdicts_total{verdict="risk"}'] == 1
    assert values['airlock_scan_verdicts_total{verdict="rejected"}'] == 1

    assert values["airlock_scan_duration_seconds_count"] == 3
    assert values['airlock_scan_duration_seconds_bucket{le="+Inf"}'] == 3
    assert values["airlock_scan_duration_seconds_sum"] > 0
    buckets = [v for k, v in values.items() if k.startswith("airlock_scan_duration_seconds_bucket")]
    assert buckets == sorted(buckets)  # cumulative


def test_metrics_want_the_token_when_one_is_set(client, settings):
    settings.AIRLOCK_METRICS_TOKEN = "metrics-secret"
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]
    right = client.get("/metrics", headers={"Authorization": "Bearer metrics-secret"})
    assert right.status_code == 200
    assert "airlock_output_files" in right.content.decode()


def test_metrics_are_off_in_production_without_a_token(client, settings):
    settings.PRODUCTION = True
    settings.AIRLOCK_METRICS_TOKEN = ""
    response = client.get("/metrics")
    assert response.status_code == 403
    assert "AIRLOCK_METRICS_TOKEN" in response.json()["error"]
