"""Database triggers that refuse changes to audit events (see airlock/audit/models.py).

PostgreSQL: no UPDATE, and no DELETE unless the purge of events past retention sets
``airlock.audit_purge`` for its own transaction (airlock/audit/purge.py).
SQLite (the embedded default): no UPDATE. DELETE stays possible at the database level there
because Django's test flush empties tables with DELETE; the model refuses it, and
``audit_verify`` finds a deleted event.
"""

from django.db import migrations

POSTGRES_FORWARD = ["""
CREATE OR REPLACE FUNCTION airlock_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('airlock.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql
""", """
CREATE TRIGGER airlock_audit_event_append_only
  BEFORE UPDATE OR DELETE ON airlock_audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION airlock_audit_append_only()
"""]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS airlock_audit_event_append_only ON airlock_audit_auditevent",
    "DROP FUNCTION IF EXISTS airlock_audit_append_only()",
]
SQLITE_FORWARD = """
CREATE TRIGGER airlock_audit_event_no_update BEFORE UPDATE ON airlock_audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS airlock_audit_event_no_update"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("airlock_audit", "0002_auditcheckpoint_alter_auditevent_actor")]

    operations = [migrations.RunPython(forward, backward)]
