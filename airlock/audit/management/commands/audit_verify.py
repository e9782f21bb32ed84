"""Check the audit trail's hash chain; exit 1 with the first bad event's id if it is broken."""

import json

from django.core.management.base import BaseCommand, CommandError

from airlock.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the audit trail: its hash chain, each event's HMAC, the purge checkpoint and "
        "the anchors outside the database; finds an edited, inserted or deleted event."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": report.ok,
                        "checked": report.checked,
                        "purged": report.purged,
                        "anchors": report.anchors,
                        "first_bad_event": report.problem.event_id if report.problem else None,
                        "reason": report.problem.reason if report.problem else "",
                    }
                )
            )
        if report.problem:
            where = (
                f"event {report.problem.event_id}"
                if report.problem.event_id is not None
                else "end of the chain"
            )
            raise CommandError(f"Audit trail broken at {where}: {report.problem.reason}")
        if not options["json"]:
            self.stdout.write(
                f"Audit trail OK: {report.checked} events verified"
                + (f" ({report.purged} purged behind a checkpoint)" if report.purged else "")
                + f", {report.anchors} anchor(s) checked"
            )
