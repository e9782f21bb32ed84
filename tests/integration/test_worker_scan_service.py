"""The scan service and task, called directly (no eager mode): idempotence, retries, failure.

The scanner itself is replaced by a stand-in that counts its calls: what is tested here is
what the service does around it.
"""

import hashlib
import io
from datetime import timedelta

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.utils import timezone

import scanners
from airlock.audit.models import AuditEvent
from airlock.outputs import policies, scanning, services, tasks
from airlock.outputs.models import OutputFile
from tests.support.api_client import finding, make_member, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CONTENT = b"kommune;antal\nAarhus;120\nOdense;95\n"


class FakeScanner:
    """Answers a fixed report, or raises; counts calls; can run a side effect mid-scan."""

    def __init__(self, verdict="clean", findings=(), raises=None, during=None):
        self.verdict = verdict
        self.findings = list(findings)
        self.raises = raises
        self.during = during
        self.calls = 0

    def __call__(self, path, *, filename=None, policy=None, **_kwargs):
        self.calls += 1
        if self.during:
            self.during()
        if self.raises:
            raise self.raises
        with open(path, "rb") as handle:
            content = handle.read()
        return scanners.ScanReport(
            path=str(path),
            name=filename or "",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            file_type="csv",
            mime="text/csv",
            verdict=self.verdict,
            findings=list(self.findings),
            scanner_version="test",
            policy_digest="0" * 64,
            duration_ms=1,
        )


@pytest.fixture
def output_file():
    project = make_project("p1")
    user, _key = make_member(project, "rita")
    return services.output_file_upload(
        project=project, user=user, uploaded=io.BytesIO(CONTENT), name="tabel.csv"
    )


@pytest.fixture
def scanner(monkeypatch):
    def install(**kwargs):
        fake = FakeScanner(**kwargs)
        monkeypatch.setattr(scanners, "scan", fake)
        return fake

    return install


def fresh(output_file) -> OutputFile:
    return OutputFile.objects.get(pk=output_file.pk)


def audit_actions(output_file) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="output_file", object_id=str(output_file.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_scan_records_the_verdict_and_findings(output_file, scanner):
    small = finding("table.small_cell", "risk", "line 3, column 2", "Cell value 2 is below 3")
    scanner(verdict="risk", findings=[small])

    scanning.output_file_scan(output_file_id=output_file.pk)

    done = fresh(output_file)
    assert done.status == "scanned"
    assert done.verdict == "risk"
    assert done.findings == [small.to_dict()]
    assert done.scan_attempts == 1
    assert done.scanner_version == "test"
    assert audit_actions(output_file) == ["file_uploaded", "scan_started", "scan_finished"]


def test_a_second_delivery_of_the_same_message_does_nothing(output_file, scanner):
    fake = scanner()
    scanning.output_file_scan(output_file_id=output_file.pk)
    first = fresh(output_file)
    events = audit_actions(output_file)

    scanning.output_file_scan(output_file_id=output_file.pk)

    again = fresh(output_file)
    assert fake.calls == 1
    assert again.scanned_at == first.scanned_at
    assert again.scan_attempts == first.scan_attempts == 1
    assert audit_actions(output_file) == events


def test_a_delivery_while_another_is_scanning_the_file_does_nothing(output_file, scanner):
    fake = scanner()
    # Another worker claimed it a moment ago and is still inside its time limit.
    output_file.scan_started_at = timezone.now()
    output_file.scan_attempts = 1
    from airlock.outputs import lifecycle

    lifecycle.transition(
        output_file, "scanning", update_fields=("scan_started_at", "scan_attempts")
    )

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fake.calls == 0
    assert fresh(output_file).status == "scanning"
    assert fresh(output_file).scan_attempts == 1


def test_a_scan_whose_worker_died_is_taken_over_after_its_lease(output_file, scanner, settings):
    fake = scanner()
    from airlock.outputs import lifecycle

    output_file.scan_started_at = timezone.now() - timedelta(
        seconds=settings.AIRLOCK_SCAN_SOFT_TIME_LIMIT + 1
    )
    output_file.scan_attempts = 1
    lifecycle.transition(
        output_file, "scanning", update_fields=("scan_started_at", "scan_attempts")
    )

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fake.calls == 1
    assert fresh(output_file).status == "scanned"
    assert fresh(output_file).scan_attempts == 2


def _claimed_by(output_file, claimant: str) -> None:
    from airlock.outputs import lifecycle

    output_file.scan_started_at = timezone.now()
    output_file.scan_claimed_by = claimant
    output_file.scan_attempts = 1
    lifecycle.transition(
        output_file,
        "scanning",
        update_fields=("scan_started_at", "scan_claimed_by", "scan_attempts"),
    )


def test_a_scan_whose_worker_process_died_on_this_host_is_taken_over_at_once(output_file, scanner):
    import socket
    import subprocess
    import sys

    fake = scanner()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _claimed_by(output_file, f"{socket.gethostname()}:{finished.stdout.strip()}")

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fake.calls == 1
    assert fresh(output_file).status == "scanned"


@pytest.mark.parametrize("holder", ["alive-here", "other-host"])
def test_a_claim_held_by_a_live_or_remote_process_is_respected(output_file, scanner, holder):
    import socket
    import subprocess
    import sys

    fake = scanner()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        host = socket.gethostname() if holder == "alive-here" else "another-worker-host"
        _claimed_by(output_file, f"{host}:{sleeper.pid}")

        scanning.output_file_scan(output_file_id=output_file.pk)
    finally:
        sleeper.kill()
        sleeper.wait()

    assert fake.calls == 0
    assert fresh(output_file).status == "scanning"


def test_a_file_withdrawn_before_its_scan_stays_withdrawn(output_file, scanner):
    fake = scanner()
    services.output_file_withdraw(output_file=output_file, user=output_file.uploaded_by)

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fake.calls == 0
    assert fresh(output_file).status == "withdrawn"
    assert fresh(output_file).verdict == ""


def test_a_file_withdrawn_during_its_scan_stays_withdrawn(output_file, scanner):
    def withdraw():
        services.output_file_withdraw(
            output_file=OutputFile.objects.get(pk=output_file.pk), user=output_file.uploaded_by
        )

    scanner(during=withdraw)

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fresh(output_file).status == "withdrawn"
    assert "scan_finished" not in audit_actions(output_file)


def test_a_failing_scanner_raises_for_a_retry_and_frees_the_file(output_file, scanner):
    scanner(raises=OSError("reader crashed"))

    with pytest.raises(OSError):
        scanning.output_file_scan(output_file_id=output_file.pk)

    failed = fresh(output_file)
    assert failed.status == "scanning"
    assert failed.scan_started_at is None  # the retry may take it at once
    assert failed.verdict == ""

    fake = scanner()
    scanning.output_file_scan(output_file_id=output_file.pk)
    assert fake.calls == 1
    assert fresh(output_file).verdict == "clean"
    assert fresh(output_file).scan_attempts == 2


def test_scan_failure_makes_the_file_unscannable_never_clean(output_file):
    scanning.output_file_record_scan_failure(output_file_id=output_file.pk, reason="OSError")

    failed = fresh(output_file)
    assert failed.status == "scanned"
    assert failed.verdict == "unscannable"
    assert failed.findings[0]["code"] == "scan.unscannable"
    assert "OSError" in failed.findings[0]["message"]
    assert policies.transfer_refusal(failed) is None  # goes out, but to control


def test_scan_failure_leaves_a_withdrawn_file_withdrawn(output_file):
    services.output_file_withdraw(output_file=output_file, user=output_file.uploaded_by)

    scanning.output_file_record_scan_failure(output_file_id=output_file.pk, reason="OSError")

    assert fresh(output_file).status == "withdrawn"
    assert fresh(output_file).verdict == ""


def test_a_file_redelivered_too_often_is_unscannable_without_another_scan(output_file, scanner):
    fake = scanner()
    OutputFile.objects.filter(pk=output_file.pk).update(scan_attempts=scanning.MAX_SCAN_ATTEMPTS)

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fake.calls == 0
    assert fresh(output_file).verdict == "unscannable"


def test_bytes_changed_in_quarantine_are_never_judged(output_file, scanner):
    scanner()
    from airlock.outputs import storage

    store = storage.quarantine_store()
    store.delete(output_file.storage_key)
    store.save(output_file.storage_key, io.BytesIO(b"other bytes\n"))

    scanning.output_file_scan(output_file_id=output_file.pk)

    assert fresh(output_file).verdict == "unscannable"


# --- The task around the service -----------------------------------------------------------


def run_task(output_file_id: int, *, retries: int) -> None:
    """Run the task body as a worker would on its (retries+1)-th delivery."""
    tasks.scan_output_file.push_request(id="test-task", retries=retries, called_directly=False)
    try:
        tasks.scan_output_file.run(output_file_id)
    finally:
        tasks.scan_output_file.pop_request()


def test_the_task_retries_a_failure_with_growing_delays(output_file, scanner, monkeypatch):
    scanner(raises=OSError("reader crashed"))
    sent = []
    monkeypatch.setattr(tasks.scan_output_file, "apply_async", lambda *a, **kw: sent.append(kw))

    for attempt in range(tasks.MAX_SCAN_RETRIES):
        with pytest.raises(Retry):
            run_task(output_file.pk, retries=attempt)

    assert [kw["countdown"] for kw in sent] == [2, 4, 8]
    assert fresh(output_file).status == "scanning"


def test_after_the_last_retry_the_file_is_unscannable(output_file, scanner):
    scanner(raises=OSError("reader crashed"))

    run_task(output_file.pk, retries=tasks.MAX_SCAN_RETRIES)

    failed = fresh(output_file)
    assert failed.status == "scanned"
    assert failed.verdict == "unscannable"
    assert "OSError" in failed.findings[0]["message"]


def test_a_scan_over_the_soft_time_limit_is_unscannable_at_once(output_file, scanner):
    scanner(raises=SoftTimeLimitExceeded())

    run_task(output_file.pk, retries=0)

    failed = fresh(output_file)
    assert failed.verdict == "unscannable"
    assert "time limit" in failed.findings[0]["message"]


def test_the_task_has_time_limits_and_late_acks(settings):
    task = tasks.scan_output_file
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.max_retries == tasks.MAX_SCAN_RETRIES
