"""May this file change now? Every answer in one place, read from the lifecycle's data.

Each ``*_refusal`` function gives the reason a person is told when the change is not allowed
now, or None when it is; the services raise ``ActionRefused``/``TransferRefused`` with it, and
pages may call the same functions to offer only what would be accepted. The statuses
themselves, and which status may follow which, are the lifecycle's table
(``airlock/outputs/lifecycle.py``).
"""

from django.utils.translation import gettext as _

from airlock.outputs import lifecycle
from airlock.outputs.models import OutputFile, Status, Verdict


def is_waiting_for_scan(output_file: OutputFile) -> bool:
    return output_file.status in lifecycle.SCAN_PENDING_STATUSES


def is_in_portal(output_file: OutputFile) -> bool:
    return output_file.status in lifecycle.PORTAL_STATUSES


def comment_refusal(output_file: OutputFile) -> str | None:
    """A comment is written while the file is still with the researcher inside."""
    if output_file.status not in lifecycle.INSIDE_STATUSES:
        return _("This file has already left the upload area.")
    return None


def withdraw_refusal(output_file: OutputFile) -> str | None:
    if not lifecycle.can_transition(output_file.status, Status.WITHDRAWN):
        return _("This file can no longer be removed here.")
    return None


def transfer_refusal(output_file: OutputFile) -> str | None:
    """Why this file cannot be transferred now, in plain words; None if it can."""
    if is_waiting_for_scan(output_file):
        return _("The file is still being scanned.")
    if output_file.status != Status.SCANNED:
        return _("The file is no longer waiting for transfer.")
    if output_file.verdict == Verdict.REJECTED:
        return _("The file cannot be transferred: %(why)s") % {
            "why": "; ".join(
                f["message"] for f in output_file.findings if f["severity"] == "reject"
            )
        }
    if output_file.needs_comment:
        return _("The file has a risk warning: add a comment saying what it contains.")
    return None


def download_refusal(output_file: OutputFile) -> str | None:
    if not is_in_portal(output_file):
        return _("This file is not available for download.")
    return None


def portal_delete_refusal(output_file: OutputFile) -> str | None:
    if not is_in_portal(output_file):
        return _("This file is not in the portal.")
    return None


def breach_report_refusal(output_file: OutputFile) -> str | None:
    """A suspected breach is reported while the file is in the portal or held for control."""
    if output_file.status not in lifecycle.REPORTABLE_STATUSES:
        return _("This file is no longer in the portal.")
    return None


def is_released_by_no_breach(output_file: OutputFile) -> bool:
    """A reviewer's "no breach" lets out a file that waits for control (held or reported)."""
    return output_file.status in lifecycle.RELEASED_BY_NO_BREACH
