"""Fingerprints of the tables a project has released, for differencing across files.

The fingerprints (``scanners.released_tables``: category keys, counts, totals) are stored here
and handed to the scanner with the project's policy, which raises ``table.differencing`` when
a new table gives a count back together with one of them. They are taken when a file reaches
the portal, by a worker (``airlock.outputs.released_tables``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TABLES_IN_POLICY = 500  # the most recently released tables the scanner compares with


class ReleasedTable(models.Model):
    project = models.ForeignKey(
        "airlock_projects.Project", on_delete=models.CASCADE, related_name="released_tables"
    )
    # The fingerprint outlives the file in the portal: what was released stays known.
    output_file = models.ForeignKey(
        "airlock_outputs.OutputFile", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    transferred_at = models.DateTimeField(_("transferred"))
    table_name = models.CharField(_("table"), max_length=255, blank=True)
    fingerprint = models.JSONField(_("fingerprint"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transferred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.table_name}"


def released_tables_for_policy(*, project) -> tuple[dict, ...]:
    if project.pk is None:
        return ()
    # Only the three columns (the scanner's policy asks for them at every scan).
    rows = ReleasedTable.objects.filter(project=project).values_list(
        "file_name", "transferred_at", "fingerprint"
    )[:MAX_TABLES_IN_POLICY]
    return tuple(
        {
            "file_name": file_name,
            "transferred_on": transferred_at.date().isoformat(),
            "fingerprint": fingerprint,
        }
        for file_name, transferred_at, fingerprint in rows
    )
