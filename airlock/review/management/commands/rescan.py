"""``manage.py rescan [--project CODE] [--since DATE] [--json]``: re-scan stored files.

Prints every verdict that changed and every released file queued for control; the exit status
is 1 if any file could not be re-scanned.
"""

import json
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from airlock.projects.models import Project
from airlock.review.rescan import files_to_rescan, rescan_files


def parse_since(value: str) -> datetime:
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since: not a date (YYYY-MM-DD) or date and time: {value!r}")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = "Re-scan stored quarantine copies with the current scanner and project policies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", help="only this project's files (its code)")
        parser.add_argument(
            "--since", help="only files uploaded on or after this date (YYYY-MM-DD)"
        )
        parser.add_argument("--json", action="store_true", help="one JSON object per file")

    def handle(self, *args: object, **options: object) -> None:
        code = options.get("project") or None
        if code and not Project.objects.filter(code=code).exists():
            raise CommandError(f"No project with the code {code!r}.")
        since = parse_since(str(options["since"])) if options.get("since") else None
        files = files_to_rescan(project_code=str(code) if code else None, since=since)
        from scanners.sandbox import preload

        preload()  # as the worker does: every file's sandbox child starts warm
        total = changed = queued = failed = 0
        for outcome in rescan_files(files):
            total += 1
            changed += outcome.changed
            queued += outcome.queued_for_control
            failed += bool(outcome.error)
            if options["json"]:
                self.stdout.write(json.dumps(outcome.to_dict()))
            elif outcome.error:
                self.stderr.write(
                    f"file {outcome.file_id} ({outcome.project}/{outcome.name}): not re-scanned: "
                    f"{outcome.error}"
                )
            elif outcome.changed:
                queued_note = "; queued for control" if outcome.queued_for_control else ""
                self.stdout.write(
                    f"file {outcome.file_id} ({outcome.project}/{outcome.name}, "
                    f"{outcome.status}): {outcome.old_verdict} -> {outcome.new_verdict}"
                    f"{queued_note}"
                )
        if not options["json"]:
            self.stdout.write(
                f"{total} files re-scanned: {changed} changed, {queued} queued for control, "
                f"{failed} failed."
            )
        if failed:
            raise SystemExit(1)
