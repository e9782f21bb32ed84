from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Audit events are never changed or deleted (only purged past retention, see purge.py)."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Append-only. Each event's hash covers its content and the previous event's hash; its
    mac signs the hash under a key kept outside the database.

    Refused here (save of an existing row, update, delete) and, on PostgreSQL, by a trigger
    (migration 0002); SQLite has a trigger against UPDATE. ``manage.py audit_verify`` finds
    what got past both.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: the hash covers actor_id, so a user with audit history is deactivated, never
    # deleted (SET_NULL would rewrite events and break the chain).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    project_code = models.CharField(max_length=64, blank=True, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # HMAC-SHA256 of the hash under the audit key (airlock/audit/keys.py), which the database
    # does not hold: a chain recomputed from the database alone does not verify.
    mac = models.CharField(max_length=64, blank=True, default="")
    key_id = models.CharField(max_length=16, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """One row: the hash of the newest event, locked while an event is appended."""

    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)
    # HMAC of (count, last_hash): a head "fixed" after the tail was cut does not verify.
    mac = models.CharField(max_length=64, blank=True, default="")
    key_id = models.CharField(max_length=16, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.count} events, last {self.last_hash[:12]}"


class AuditCheckpoint(models.Model):
    """Left by a purge of events past retention: where the remaining chain starts.

    The first remaining event's prev_hash must equal ``through_hash``; the checkpoint itself
    is recorded in the chain by an ``audit_purged`` event.
    """

    created_at = models.DateTimeField(default=timezone.now)
    through_event_id = models.BigIntegerField()
    through_hash = models.CharField(max_length=64)
    through_created_at = models.DateTimeField()
    purged_count = models.BigIntegerField()
    total_purged = models.BigIntegerField()

    class Meta:
        ordering = ["-through_event_id"]

    def __str__(self) -> str:
        return f"Purged through event {self.through_event_id}"
