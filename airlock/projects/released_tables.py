"""Fingerprints of the tables a project has released, for differencing across files.

The fingerprints (``scanners.released_tables``: category keys, counts, totals) are stored here
and handed to the scanner with the project's policy, which raises ``table.differencing`` when
a new table gives a count back together with one of them. They are taken when a file reaches
the portal, by a worker (``airlock.outputs.released_tables``).
"""

from __future__ import annotations

from collections import OrderedDict

from django.db import models
from django.db.models import Count, Max
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


# A worker process's last read of each project's tables, with the version it was read at:
# project id -> ((count, newest id), tables). The most recently used projects only.
_read: OrderedDict[int, tuple[tuple, tuple[dict, ...]]] = OrderedDict()
PROJECTS_KEPT = 16


def released_tables_version(*, project) -> tuple:
    """(how many, the newest id, the newest created_at) of the project's fingerprints. Rows
    are only ever added (``bulk_create``) or removed, never changed, so a change to the set
    changes this; the time tells rows apart whose id was used again after a rollback."""
    found = ReleasedTable.objects.filter(project=project).aggregate(
        n=Count("id"), last=Max("id"), newest=Max("created_at")
    )
    return found["n"], found["last"], found["newest"]


def released_tables_for_policy(*, project) -> tuple[dict, ...]:
    """The project's most recently released tables, for the scanner's policy. Read again only
    when they changed: a scan asks one aggregate query instead of reading (and decoding) up
    to ``MAX_TABLES_IN_POLICY`` fingerprints, and gets the very tuple it got last time, which
    the scanner has already read (``scanners.released_tables.released_tables_of``)."""
    if project.pk is None:
        return ()
    # The version first: a table added between the two reads is read again next time.
    version = released_tables_version(project=project)
    kept = _read.get(project.pk)
    if kept is not None and kept[0] == version:
        _read.move_to_end(project.pk)
        return kept[1]
    tables = _released_tables(project=project) if version[0] else ()
    _read[project.pk] = (version, tables)
    _read.move_to_end(project.pk)
    while len(_read) > PROJECTS_KEPT:
        _read.popitem(last=False)
    return tables


def _released_tables(*, project) -> tuple[dict, ...]:
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
