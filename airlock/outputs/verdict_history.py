"""Each file's verdicts over time, with the scanner version and policy digest of each."""

from airlock.outputs.models import OutputFile, VerdictRecord


def verdict_record_add(*, output_file: OutputFile, cause: str) -> VerdictRecord:
    """Record the verdict the file holds now (its scan report fields) in its history."""
    return VerdictRecord.objects.create(
        output_file=output_file,
        verdict=output_file.verdict,
        findings=output_file.findings,
        scanner_version=output_file.scanner_version,
        policy_digest=output_file.policy_digest,
        cause=cause,
        recorded_at=output_file.scanned_at or output_file.updated_at,
    )


def verdict_history(*, output_file: OutputFile) -> list[VerdictRecord]:
    return list(output_file.verdict_history.order_by("recorded_at", "id"))
