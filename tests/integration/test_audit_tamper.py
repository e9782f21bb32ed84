"""Issue 12, item 3: an audit trail that cannot be rewritten from the database alone.

Each attack is made as a red team with write access to the database made it: raw SQL, with
the chain recomputed by the code anyone can read (``event_digest``), then ``audit_verify``.
What the database does not hold: the HMAC key (a setting or the key file) and the anchors.
"""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from airlock.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from airlock.audit.purge import PurgeRefused, audit_event_purge
from airlock.audit.services import GENESIS_HASH, audit_record, event_digest, event_fields

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table
HEAD = AuditChainHead._meta.db_table


@pytest.fixture(autouse=True)
def own_anchor_file(tmp_path, settings):
    settings.AIRLOCK_AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")


def record(n: int, **data) -> list[AuditEvent]:
    return [audit_record(action="test_event", data={"n": i, **data}) for i in range(n)]


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and statement.startswith("UPDATE " + TABLE):
            cursor.execute("DROP TRIGGER IF EXISTS airlock_audit_event_no_update")
        if connection.vendor == "postgresql" and TABLE in statement:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        cursor.execute(statement, params)


def verify() -> str:
    """audit_verify's message when it refuses; fails the test when it says OK."""
    with pytest.raises(CommandError) as refused:
        call_command("audit_verify", stdout=io.StringIO())
    return str(refused.value)


def verifies() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def recompute_chain_from(first_id: int, prev_hash: str) -> str:
    """Recompute every hash from event ``first_id`` on, as an attacker can; return the last."""
    for event in AuditEvent.objects.filter(id__gte=first_id).order_by("id"):
        digest = event_digest(prev_hash=prev_hash, fields=event_fields(event))
        sql(
            f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE id = %s",
            [prev_hash, digest, event.pk],
        )
        prev_hash = digest
    return prev_hash


def test_an_intact_trail_verifies_with_its_anchors():
    record(5)
    call_command("audit_anchor", stdout=io.StringIO())
    record(2)
    assert "Audit trail OK: 7 events verified, 1 anchor(s) checked" in verifies()


def test_deleting_the_oldest_events_behind_a_forged_checkpoint_is_found():
    events = record(120)
    through = events[99]
    sql(f"DELETE FROM {TABLE} WHERE id <= %s", [through.pk])
    AuditCheckpoint.objects.create(
        through_event_id=through.pk,
        through_hash=through.hash,
        through_created_at=through.created_at,
        purged_count=100,
        total_purged=100,
    )

    assert "has no audit_purged event of its own" in verify()


def test_a_forged_checkpoint_with_a_forged_purge_event_is_found():
    events = record(120)
    through = events[99]
    sql(f"DELETE FROM {TABLE} WHERE id <= %s", [through.pk])
    checkpoint = AuditCheckpoint.objects.create(
        through_event_id=through.pk,
        through_hash=through.hash,
        through_created_at=through.created_at,
        purged_count=100,
        total_purged=100,
    )
    head = AuditChainHead.objects.get(pk=1)
    forged = AuditEvent(
        created_at=timezone.now(),
        actor_name="system",
        action="audit_purged",
        object_type="audit_checkpoint",
        object_id=str(checkpoint.pk),
        data={
            "before": (timezone.now() - timedelta(days=2000)).isoformat(),
            "through_event_id": through.pk,
            "through_hash": through.hash,
            "purged_count": 100,
            "total_purged": 100,
            "retention_days": 1827,
        },
        prev_hash=head.last_hash,
        mac="0" * 64,
        key_id=head.key_id,
    )
    forged.hash = event_digest(prev_hash=head.last_hash, fields=event_fields(forged))
    forged.save()
    sql(f"UPDATE {HEAD} SET count = count + 1, last_hash = %s", [forged.hash])

    message = verify()
    assert f"event {forged.pk}" in message and "HMAC" in message


def test_a_purge_inside_the_retention_period_is_refused():
    record(10)
    with pytest.raises(PurgeRefused, match="kept"):
        audit_event_purge(before=timezone.now())
    assert AuditEvent.objects.count() == 10
    assert "Audit trail OK" in verifies()


def test_a_genuine_purge_checkpoint_still_verifies(settings):
    settings.AIRLOCK_AUDIT_RETENTION_DAYS = 0
    record(10)
    audit_event_purge(before=timezone.now())
    record(2)
    assert "(10 purged behind a checkpoint)" in verifies()


def test_truncating_the_tail_and_fixing_the_head_is_found():
    events = record(10)
    keep = events[6]
    sql(f"DELETE FROM {TABLE} WHERE id > %s", [keep.pk])
    sql(f"UPDATE {HEAD} SET count = %s, last_hash = %s", [7, keep.hash])

    assert "the chain head was changed outside the service" in verify()


def test_truncating_the_tail_back_to_an_old_head_is_found_by_the_anchor():
    record(7)
    old_head = AuditChainHead.objects.values("count", "last_hash", "mac", "key_id").get(pk=1)
    record(3)
    call_command("audit_anchor", stdout=io.StringIO())  # the hourly anchor
    seventh = AuditEvent.objects.order_by("id")[6]
    sql(f"DELETE FROM {TABLE} WHERE id > %s", [seventh.pk])
    sql(
        f"UPDATE {HEAD} SET count = %s, last_hash = %s, mac = %s, key_id = %s",
        [old_head["count"], old_head["last_hash"], old_head["mac"], old_head["key_id"]],
    )

    assert "the newest events were cut" in verify()


def test_editing_an_event_and_recomputing_the_whole_chain_is_found():
    events = record(8)
    target = events[3]
    sql(f"UPDATE {TABLE} SET data = %s WHERE id = %s", ['{"n": 99}', target.pk])
    last = recompute_chain_from(target.pk, target.prev_hash)
    sql(f"UPDATE {HEAD} SET last_hash = %s", [last])

    message = verify()
    assert f"event {target.pk}" in message and "HMAC" in message


def test_a_rewritten_chain_without_any_mac_is_found():
    events = record(5)
    sql(f"UPDATE {TABLE} SET mac = '', key_id = ''")
    recompute_chain_from(events[0].pk, GENESIS_HASH)
    sql(f"UPDATE {HEAD} SET mac = '', key_id = ''")

    assert "carries no HMAC" in verify()


def test_the_key_is_not_in_the_database(settings):
    settings.AIRLOCK_AUDIT_KEY = "a-key-only-the-settings-hold"
    record(3)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            assert "a-key-only-the-settings-hold" not in repr(cursor.fetchall())


def test_rotating_the_key_keeps_older_events_verifiable(settings):
    settings.AIRLOCK_AUDIT_KEY = "first-key"
    record(3)
    settings.AIRLOCK_AUDIT_KEY = "second-key,first-key"  # the new key signs; the old verifies
    record(3)
    assert "6 events verified" in verifies()
    assert len(set(AuditEvent.objects.values_list("key_id", flat=True))) == 2

    settings.AIRLOCK_AUDIT_KEY = "second-key"  # the old key dropped too early
    assert "which is not configured" in verify()


def test_the_anchor_can_be_printed_for_offline_keeping():
    record(4)
    out = io.StringIO()
    call_command("audit_anchor", "--print", stdout=out)
    line = json.loads(out.getvalue())
    head = AuditChainHead.objects.get(pk=1)
    assert (line["count"], line["hash"]) == (4, head.last_hash)
    assert len(line["mac"]) == 64
