"""Model objects as the JSON shapes of docs/design.md."""

from typing import Any

from airlock.outputs.models import OutputFile, Transfer


def file_json(output_file: OutputFile) -> dict[str, Any]:
    return {
        "id": output_file.pk,
        "name": output_file.name,
        "folder": output_file.relative_path,
        "size": output_file.size,
        "sha256": output_file.sha256,
        "status": output_file.status,
        "verdict": output_file.verdict or None,
        "findings": _findings(output_file),
        "comment": output_file.comment,
        "needs_comment": output_file.needs_comment,
        "control_reasons": _control_reasons(output_file),
        "created_at": output_file.created_at,
    }


def _findings(output_file: OutputFile) -> list[dict[str, Any]]:
    """The stored findings; one on a Datadoc key variable's column names the variable."""
    from airlock.projects.datadoc_findings import datadoc_variable_for_finding

    findings = []
    for finding in output_file.findings:
        variable = datadoc_variable_for_finding(finding, output_file.project)
        findings.append({**finding, "variable": variable} if variable else finding)
    return findings


def _control_reasons(output_file: OutputFile) -> list[str]:
    """Why the file goes (or went) to control, as known before its transfer."""
    from airlock.review.sampling import control_reasons_known_before_transfer

    if not output_file.verdict:
        return []
    return control_reasons_known_before_transfer(output_file=output_file)


def transfer_json(transfer: Transfer, files: list[OutputFile]) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "created_at": transfer.created_at,
        "approved_by": transfer.approved_by.get_username(),
        "files": [file_json(f) for f in files],
    }
