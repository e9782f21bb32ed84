"""What a project keeps in Airlock's stores: the project administrator's storage figures."""

from dataclasses import dataclass

from django.db.models import Count, Sum

from airlock.outputs.models import OutputFile, Status
from airlock.projects.models import Project

# Where a file's bytes are, by status: quarantine until released; both stores once released
# (the quarantine copy is the evidence for control); gone from the portal afterwards.
IN_QUARANTINE = (Status.UPLOADED, Status.SCANNING, Status.SCANNED, Status.HELD)
IN_PORTAL = (Status.RELEASED,)


@dataclass(frozen=True)
class StorageUse:
    waiting_files: int
    waiting_bytes: int
    released_files: int
    released_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.waiting_bytes + self.released_bytes


def project_storage_used(*, project: Project) -> StorageUse:
    def totals(statuses) -> tuple[int, int]:
        row = OutputFile.objects.filter(project=project, status__in=statuses).aggregate(
            files=Count("id"), size=Sum("size")
        )
        return row["files"] or 0, row["size"] or 0

    waiting = totals(IN_QUARANTINE)
    released = totals(IN_PORTAL)
    return StorageUse(
        waiting_files=waiting[0],
        waiting_bytes=waiting[1],
        released_files=released[0],
        released_bytes=released[1],
    )
