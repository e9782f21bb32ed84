"""Purge audit events past retention (five years by default), leaving a checkpoint."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from airlock.audit.purge import PurgeRefused, audit_event_purge, audit_purge_cutoff


class Command(BaseCommand):
    help = "Delete audit events older than the retention period; the chain stays verifiable."

    def add_arguments(self, parser):
        parser.add_argument(
            "--before", help="ISO date-time; default: now minus AIRLOCK_AUDIT_RETENTION_DAYS."
        )

    def handle(self, *args, **options):
        before = parse_datetime(options["before"]) if options["before"] else audit_purge_cutoff()
        if before is None:
            raise CommandError("--before is not an ISO date-time")
        try:
            checkpoint = audit_event_purge(before=before)
        except PurgeRefused as exc:
            raise CommandError(str(exc)) from exc
        if checkpoint is None:
            self.stdout.write(f"No audit events before {before.isoformat()}.")
        else:
            self.stdout.write(
                f"Purged {checkpoint.purged_count} events through {checkpoint.through_event_id}."
            )
