"""Anchor the audit chain's head outside the database (the anchor file), optionally print it."""

import json

from django.core.management.base import BaseCommand

from airlock.audit.anchors import anchor_file, audit_anchor_write


class Command(BaseCommand):
    help = (
        "Append the audit chain's head (event count, newest hash, HMAC) to the anchor file; "
        "audit_verify then finds the trail cut short behind it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--print",
            action="store_true",
            help="Also print the anchor line, to keep it offline (paper, another system).",
        )

    def handle(self, *args, **options):
        record = audit_anchor_write()
        if options["print"]:
            self.stdout.write(json.dumps(record, sort_keys=True))
        else:
            self.stdout.write(
                f"Anchored {record['count']} events (newest {record['hash'][:16]}…) "
                f"in {anchor_file()}."
            )
