"""The portal's Transfers tab: every transferred file the researcher should know about.

Released files can be downloaded; files held for control, reported as a suspected breach,
blocked by research services or expired after the project's retention period are listed
too, with their status and its date, so that nothing disappears without a trace. Files the
researcher deleted are left out: they chose to remove them.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from airlock.outputs.models import OutputFile, Status, Transfer
from airlock.projects.models import Project

SHOWN_STATUSES = (Status.RELEASED, Status.HELD, Status.REPORTED, Status.BLOCKED, Status.EXPIRED)


@dataclass
class PortalFile:
    output_file: OutputFile

    @property
    def can_download(self) -> bool:
        return self.output_file.status == Status.RELEASED

    @property
    def status(self) -> str:
        return self.output_file.status

    @property
    def status_label(self) -> str:
        return str(self.output_file.get_status_display())

    @property
    def status_since(self) -> datetime:
        """When the file reached its status (the last change of status)."""
        return self.output_file.updated_at


@dataclass
class PortalTransfer:
    transfer: Transfer
    files: list[PortalFile] = field(default_factory=list)


@dataclass
class TransferDay:
    day: date
    transfers: list[PortalTransfer]

    @property
    def file_count(self) -> int:
        return sum(len(t.files) for t in self.transfers)


def transfer_days_for_portal(*, project: Project) -> list[TransferDay]:
    """Transfers grouped by the local day they were made, newest first, each with its files."""
    transfers = list(
        Transfer.objects.filter(project=project)
        .select_related("approved_by")
        .order_by("-created_at", "-id")
    )
    files: dict[int, list[PortalFile]] = {}
    for output_file in OutputFile.objects.filter(
        transfer__in=transfers, status__in=SHOWN_STATUSES
    ).order_by("relative_path", "name", "id"):
        files.setdefault(output_file.transfer_id, []).append(PortalFile(output_file))  # type: ignore[arg-type]
    shown = [PortalTransfer(t, files[t.pk]) for t in transfers if t.pk in files]
    return [
        TransferDay(day=day, transfers=list(group))
        for day, group in itertools.groupby(
            shown, key=lambda t: timezone.localdate(t.transfer.created_at)
        )
    ]
