"""What one verdict costs the database, and the lifecycle's ``locked`` and ``transition_from``
paths that keep it low.

The scan task claims a file under a row lock and records its verdict in a second transaction;
each status change writes its hash-chained audit event in the same transaction. These tests
hold the number of statements of one verdict (issue 15: a worker's CPU per verdict is mostly
the database round trips), and show that the cheaper path keeps the guarantees: one lock per
transaction, the event with the change, a refusal that leaves the caller's transaction usable.
"""

import hashlib
import io

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import scanners
from airlock.audit.models import AuditEvent
from airlock.outputs import lifecycle, scanning, services
from airlock.outputs.models import OutputFile, Status
from airlock.projects.policy import policy_for_project
from tests.support.api_client import make_member, make_project

# Real transactions (not a test case wrapped in one): the claim and the verdict commit as in a
# worker, and "no savepoint" means none, not one per nesting inside the test's transaction.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

CONTENT = b"kommune;antal\nAarhus;120\nOdense;95\n"


def clean_report(path, *, filename=None, policy=None, **_kwargs):
    content = open(path, "rb").read()  # noqa: SIM115 - a test's stand-in scanner
    return scanners.ScanReport(
        path=str(path),
        name=filename or "",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        file_type="csv",
        mime="text/csv",
        verdict="clean",
        findings=[],
        scanner_version="test",
        policy_digest=policy.digest,
        duration_ms=1,
    )


@pytest.fixture
def output_file(monkeypatch):
    monkeypatch.setattr(scanners, "scan", clean_report)
    project = make_project("p1")
    user, _key = make_member(project, "rita")
    return services.output_file_upload(
        project=project, user=user, uploaded=io.BytesIO(CONTENT), name="tabel.csv"
    )


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def statements(captured: CaptureQueriesContext) -> list[str]:
    """The statements sent, savepoints included, without the transactions' begin and commit
    (which Django logs on SQLite, not on PostgreSQL)."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].upper().startswith(TRANSACTION_CONTROL)
    ]


def test_one_verdict_is_twelve_statements_with_no_savepoint(output_file):
    with CaptureQueriesContext(connection) as captured:
        scanning.output_file_scan(output_file_id=output_file.pk)

    sql = statements(captured)
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.SCANNED
    # claim: lock + read (1), status (1), audit chain head, event, head (3);
    # policy: Datadoc key variables, released tables (2);
    # verdict: status where it is still scanning (1), audit (3), verdict history (1)
    assert len(sql) == 12, "\n".join(sql)
    assert not [s for s in sql if "SAVEPOINT" in s.upper()]
    if connection.features.has_select_for_update:  # (SQLite locks the whole database)
        # the claim's file and the two audit heads; the verdict's UPDATE locks its own row
        assert sum("FOR UPDATE" in s.upper() for s in sql) == 3


def test_each_change_of_the_scan_writes_its_event_in_the_chain(output_file):
    scanning.output_file_scan(output_file_id=output_file.pk)

    events = AuditEvent.objects.filter(object_type="output_file", object_id=str(output_file.pk))
    actions = list(events.values_list("action", flat=True))
    assert actions[-2:] == ["scan_started", "scan_finished"]
    chain = list(AuditEvent.objects.order_by("id"))
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))


def test_locked_transition_needs_the_callers_transaction(output_file):
    with pytest.raises(transaction.TransactionManagementError):
        lifecycle.transition(output_file, Status.SCANNING, locked=True)
    with pytest.raises(transaction.TransactionManagementError):
        lifecycle.lock(output_file)


def test_a_refused_locked_transition_leaves_the_callers_transaction_usable(output_file):
    with transaction.atomic():
        lifecycle.lock(output_file)
        with pytest.raises(lifecycle.InvalidTransition):
            lifecycle.transition(output_file, Status.RELEASED, locked=True)
        # the transaction goes on: a query here would fail if the refusal had broken it
        lifecycle.transition(output_file, Status.SCANNING, locked=True)

    assert OutputFile.objects.get(pk=output_file.pk).status == Status.SCANNING


def test_a_failed_audit_under_a_locked_transition_undoes_the_whole_transaction(
    output_file, monkeypatch
):
    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(lifecycle, "audit_record", broken_audit)
    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.lock(output_file)
        output_file.scan_attempts = 7
        lifecycle.transition(
            output_file, Status.SCANNING, locked=True, update_fields=("scan_attempts",)
        )

    stored = OutputFile.objects.get(pk=output_file.pk)
    assert (stored.status, stored.scan_attempts) == (Status.UPLOADED, 0)


def test_the_audit_record_makes_no_savepoint_inside_the_change(output_file):
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        lifecycle.transition(output_file, Status.WITHDRAWN, actor=output_file.uploaded_by)

    sql = statements(captured)
    # the transition's own savepoint (it may be refused without breaking the caller), and
    # none for the audit event written inside it
    assert sum(s.upper().startswith("SAVEPOINT") for s in sql) == 1, "\n".join(sql)


def test_a_transition_from_a_status_the_file_has_left_writes_nothing(output_file):
    lifecycle.transition(output_file, Status.WITHDRAWN, actor=output_file.uploaded_by)
    events = AuditEvent.objects.count()
    output_file.status = Status.UPLOADED  # what a worker read before the withdrawal

    with transaction.atomic():
        with pytest.raises(lifecycle.InvalidTransition) as refused:
            lifecycle.transition_from(output_file, Status.UPLOADED, Status.SCANNING)
        # the transaction goes on: a query here would fail if the refusal had broken it
        assert OutputFile.objects.filter(pk=output_file.pk).exists()

    assert refused.value.current == Status.WITHDRAWN
    assert OutputFile.objects.get(pk=output_file.pk).status == Status.WITHDRAWN
    assert AuditEvent.objects.count() == events


def test_a_transition_from_saves_its_fields_and_audits_the_change(output_file):
    output_file.scan_attempts = 3
    with transaction.atomic():
        lifecycle.transition_from(
            output_file, Status.UPLOADED, Status.SCANNING, update_fields=("scan_attempts",)
        )

    stored = OutputFile.objects.get(pk=output_file.pk)
    assert (stored.status, stored.scan_attempts) == (Status.SCANNING, 3)
    event = AuditEvent.objects.order_by("id").last()
    assert (event.action, event.data["from"], event.data["to"]) == (
        "scan_started",
        Status.UPLOADED,
        Status.SCANNING,
    )


def test_a_transition_from_needs_the_callers_transaction_and_no_release(output_file):
    with pytest.raises(transaction.TransactionManagementError):
        lifecycle.transition_from(output_file, Status.UPLOADED, Status.SCANNING)
    with transaction.atomic(), pytest.raises(ValueError):
        lifecycle.transition_from(output_file, Status.SCANNED, Status.RELEASED)
    with transaction.atomic(), pytest.raises(lifecycle.InvalidTransition):
        lifecycle.transition_from(output_file, Status.UPLOADED, Status.SCANNED)


def test_the_policy_a_fingerprint_reads_with_costs_no_query(output_file):
    project = output_file.project
    with CaptureQueriesContext(connection) as captured:
        policy = policy_for_project(project, history=False)

    assert statements(captured) == []
    # a project with no Datadoc documents and no releases: the same as the scan's policy
    assert policy == policy_for_project(project)
