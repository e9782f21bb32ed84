"""Reads for the metrics endpoint. Each is one or two aggregate queries."""

from datetime import datetime

from django.db.models import Count, Min, Q, Sum

from airlock.audit.models import AuditEvent
from airlock.outputs.models import OutputFile, Status

# Statuses in which a file still waits for its verdict.
PENDING_SCAN = (Status.UPLOADED, Status.SCANNING)

# Upper bounds of the scan-duration histogram, in seconds.
SCAN_DURATION_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)


def output_file_count_by_status() -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for row in OutputFile.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def output_file_count_by_verdict() -> dict[str, int]:
    """Verdicts recorded so far, whatever became of the files afterwards."""
    counts: dict[str, int] = {}
    rows = OutputFile.objects.exclude(verdict="").values("verdict").annotate(n=Count("pk"))
    for row in rows.order_by():
        counts[row["verdict"]] = row["n"]
    return counts


def output_file_oldest_pending_scan(*, now: datetime) -> float:
    """Seconds the longest-waiting file has been uploaded or scanning (0 if none)."""
    oldest = OutputFile.objects.filter(status__in=PENDING_SCAN).aggregate(at=Min("created_at"))
    return max(0.0, (now - oldest["at"]).total_seconds()) if oldest["at"] else 0.0


def scan_duration_histogram() -> tuple[list[tuple[float, int]], int, float]:
    """Cumulative bucket counts, the number of scans timed and their total seconds."""
    timed = OutputFile.objects.filter(scan_duration_ms__isnull=False)
    aggregates = {
        f"le_{i}": Count("pk", filter=Q(scan_duration_ms__lte=bound * 1000))
        for i, bound in enumerate(SCAN_DURATION_BUCKETS)
    }
    row = timed.aggregate(n=Count("pk"), total_ms=Sum("scan_duration_ms"), **aggregates)
    buckets = [(bound, row[f"le_{i}"]) for i, bound in enumerate(SCAN_DURATION_BUCKETS)]
    return buckets, row["n"], (row["total_ms"] or 0) / 1000


def audit_event_count(*, action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()
