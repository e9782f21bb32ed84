"""The audit trail (issue 4): append-only, hash-chained; audit_verify finds tampering."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from airlock.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from airlock.audit.purge import audit_event_purge
from airlock.audit.selectors import audit_chain_verify
from airlock.audit.services import audit_record, event_digest, event_fields
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def events():
    return [audit_record(action="test_event", data={"n": n}) for n in range(6)]


def verify_fails_at(event_id) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify")
    message = str(caught.value)
    assert f"event {event_id}" in message if event_id is not None else "end of the chain" in message
    return message


def raw(sql: str, params=()) -> None:
    """What someone with direct database access could do; on SQLite the UPDATE trigger has to
    be dropped first (inside this test's transaction, so it comes back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and sql.startswith("UPDATE"):
            cursor.execute("DROP TRIGGER IF EXISTS airlock_audit_event_no_update")
        cursor.execute(sql, params)


def test_an_intact_chain_verifies(events):
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "Audit trail OK" in out.getvalue()


def test_the_model_refuses_changes_and_deletes(events):
    event = events[2]
    event.action = "something_else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_an_update():
    event = audit_record(action="test_event")
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'x' WHERE id = %s", [event.pk])


def test_audit_verify_finds_an_edited_event(events):
    raw(f"UPDATE {TABLE} SET data = %s WHERE id = %s", ['{"n": 99}', events[3].pk])
    verify_fails_at(events[3].pk)


def test_audit_verify_finds_an_edited_event_with_its_hash_recomputed(events):
    target = AuditEvent.objects.get(pk=events[3].pk)
    fields = event_fields(target)
    fields["data"] = {"n": 99}
    forged = event_digest(prev_hash=target.prev_hash, fields=fields)
    raw(f"UPDATE {TABLE} SET data = %s, hash = %s WHERE id = %s", ['{"n": 99}', forged, target.pk])
    # Its HMAC, under a key the database does not hold, no longer matches the new hash.
    assert "HMAC" in verify_fails_at(events[3].pk)


def test_audit_verify_finds_a_deleted_event(events):
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].pk])
    verify_fails_at(events[3].pk)


def test_audit_verify_finds_the_newest_event_deleted(events):
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[-1].pk])
    verify_fails_at(None)


def test_audit_verify_finds_an_inserted_event_even_if_it_chains(events):
    last = events[-1]
    forged = AuditEvent(
        created_at=timezone.now(),
        actor_name="system",
        action="file_released",
        project_code="p",
        object_type="output_file",
        object_id="1",
        data={},
        prev_hash=last.hash,
    )
    forged.hash = event_digest(prev_hash=last.hash, fields=event_fields(forged))
    forged.save()  # not through audit_record: the chain head does not know it
    verify_fails_at(forged.pk)


def test_audit_verify_finds_an_event_replaced_by_a_forged_one(events):
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[3].pk])
    forged = AuditEvent(
        id=events[3].pk,
        created_at=timezone.now(),
        actor_name="system",
        action="forged",
        data={},
        prev_hash=events[2].hash,
    )
    forged.hash = event_digest(prev_hash=events[2].hash, fields=event_fields(forged))
    forged.save()
    # The forgery chains to its predecessor, but it carries no HMAC under the audit key.
    message = verify_fails_at(events[3].pk)
    assert "HMAC" in message


def test_purge_past_retention_keeps_the_chain_verifiable(events, settings):
    settings.AIRLOCK_AUDIT_RETENTION_DAYS = 0  # everything before now is past retention
    later = [audit_record(action="test_event", data={"n": "later"}) for _ in range(3)]
    checkpoint = audit_event_purge(before=later[0].created_at)
    assert checkpoint.purged_count == len(events)
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in events]).exists()
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.purged == len(events)
    assert AuditEvent.objects.filter(action="audit_purged").exists()
    # Tampering after a purge is still found.
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [later[1].pk])
    verify_fails_at(later[2].pk)


def test_a_broken_chain_is_not_purged(events, settings):
    settings.AIRLOCK_AUDIT_RETENTION_DAYS = 0
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])
    from airlock.audit.purge import PurgeRefused

    with pytest.raises(PurgeRefused):
        audit_event_purge(before=timezone.now() - timedelta(seconds=1))
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


def test_the_chain_head_counts_every_event(events):
    assert AuditChainHead.objects.get(pk=1).count == AuditEvent.objects.count()


@pytest.mark.postgres  # bulk_create's ids in the order of the chain
def test_events_recorded_in_a_batch_are_chained_in_order_at_its_end(events):
    from django.db import transaction

    from airlock.audit.services import audit_batch

    with transaction.atomic(), audit_batch():
        audit_record(action="test_batch", data={"n": 0})
        assert AuditEvent.objects.filter(action="test_batch").count() == 0  # not yet
        audit_record(action="test_batch", data={"n": 1})
        audit_record(action="test_batch", data={"n": 2})
    batch = list(AuditEvent.objects.filter(action="test_batch").order_by("id"))
    assert [e.data["n"] for e in batch] == [0, 1, 2]
    assert batch[0].prev_hash == events[-1].hash
    assert [e.prev_hash for e in batch[1:]] == [e.hash for e in batch[:-1]]
    assert AuditChainHead.objects.get(pk=1).count == AuditEvent.objects.count() == 9
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "Audit trail OK" in out.getvalue()


def test_a_batch_that_fails_appends_nothing(events):
    from django.db import transaction

    from airlock.audit.services import audit_batch

    with pytest.raises(RuntimeError), transaction.atomic(), audit_batch():
        audit_record(action="test_batch")
        raise RuntimeError("the change it records failed")
    assert not AuditEvent.objects.filter(action="test_batch").exists()
    assert AuditChainHead.objects.get(pk=1).count == AuditEvent.objects.count() == 6
    call_command("audit_verify", stdout=io.StringIO())


@pytest.mark.postgres  # bulk_create's ids in the order of the chain
def test_a_transfer_of_several_files_is_one_verifiable_run_of_events():
    from airlock.review import services as review_services

    project, researcher, _admin = w.project(sampling_rate=0, release_mode="hold_flagged")
    files = [w.scanned_file(project, researcher, name=f"t{n}.csv") for n in range(3)]
    held = w.scanned_file(project, researcher, name="risk.csv", verdict="risk")  # to control
    before = AuditEvent.objects.count()
    transfer = review_services.transfer_create(
        project=project, user=researcher, file_ids=[f.pk for f in [*files, held]], approve=True
    )
    run = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.object_id) for e in run] == [
        ("transfer_created", str(transfer.pk)),
        *[("file_released", str(f.pk)) for f in files],
        ("file_held", str(held.pk)),
    ]
    assert [e.prev_hash for e in run[1:]] == [e.hash for e in run[:-1]]
    assert len({e.created_at for e in run}) == 1  # appended together, under one lock
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "Audit trail OK" in out.getvalue()


def test_sign_in_is_audited():
    person = w.user("lena")
    response = w.Client().post(
        "/accounts/login/", {"username": "lena", "password": "not-used-here"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="login", actor=person).exists()
    w.Client().post("/accounts/login/", {"username": "lena", "password": "wrong"})
    failed = AuditEvent.objects.get(action="login_failed")
    assert failed.data["username"] == "lena" and "wrong" not in str(failed.data)


def test_staff_export_the_trail_as_csv(events):
    reviewer = w.user("rasmus", reviewer=True)
    audit_record(action="test_event", data={"text": '=HYPERLINK("x")'})
    response = w.signed_in(reviewer).get("/review/audit/export.csv?action=test_event")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["id", "created_at", "actor", "action"]
    assert len(rows) == 1 + len(events) + 1
    assert all(r[3] == "test_event" for r in rows[1:])
    assert AuditEvent.objects.filter(action="audit_exported", actor=reviewer).exists()
    researcher = w.user("rb")
    w.TOTPDevice.objects.create(user=researcher, name="t", confirmed=True)
    assert w.signed_in(researcher).get("/review/audit/export.csv").status_code == 403
