"""The Prometheus text exposition (format 0.0.4) of Airlock's own state.

Everything is read from the database (and the broker) at scrape time, so the figures are the
same whichever web process answers and survive restarts: no per-process counters.
"""

from django.conf import settings
from django.utils import timezone

from airlock.audit.actions import AuditAction
from airlock.monitoring import selectors


def _line(name: str, value: float, labels: dict[str, str] | None = None) -> str:
    if labels:
        inner = ",".join(
            f'{key}="{str(val).replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
            for key, val in labels.items()
        )
        name = f"{name}{{{inner}}}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{name} {value}"


def _header(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def broker_queue_depth() -> tuple[int | None, int | None]:
    """Messages waiting in the scan queue and, on Redis, delivered but not yet acknowledged.

    None where the broker cannot be asked (it is down, or the transport cannot tell).
    """
    from airlock.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            channel = connection.default_channel
            waiting = channel.queue_declare(
                queue=settings.CELERY_TASK_DEFAULT_QUEUE, passive=False
            ).message_count
            unacked = None
            if connection.transport.driver_type == "redis":
                with channel.conn_or_acquire() as client:
                    unacked = int(client.hlen(channel.unacked_key))
            return int(waiting), unacked
    except Exception:
        return None, None


def metrics_text() -> str:
    now = timezone.now()
    lines: list[str] = []

    by_status = selectors.output_file_count_by_status()
    lines += _header("airlock_output_files", "gauge", "Output files by lifecycle status.")
    lines += [_line("airlock_output_files", n, {"status": s}) for s, n in by_status.items()]

    lines += _header(
        "airlock_scan_queue_files",
        "gauge",
        "Files waiting for a verdict: uploaded (queued) plus scanning.",
    )
    lines.append(
        _line(
            "airlock_scan_queue_files", by_status.get("uploaded", 0) + by_status.get("scanning", 0)
        )
    )
    lines += _header(
        "airlock_scan_oldest_pending_seconds",
        "gauge",
        "Age of the oldest file still waiting for a verdict (0 if none).",
    )
    lines.append(
        _line(
            "airlock_scan_oldest_pending_seconds",
            round(selectors.output_file_oldest_pending_scan(now=now), 3),
        )
    )

    waiting, unacked = broker_queue_depth()
    lines += _header("airlock_broker_up", "gauge", "1 if the broker answered this scrape.")
    lines.append(_line("airlock_broker_up", 0 if waiting is None else 1))
    if waiting is not None:
        lines += _header(
            "airlock_broker_queue_messages", "gauge", "Messages waiting in the broker's scan queue."
        )
        lines.append(
            _line(
                "airlock_broker_queue_messages",
                waiting,
                {"queue": settings.CELERY_TASK_DEFAULT_QUEUE},
            )
        )
    if unacked is not None:
        lines += _header(
            "airlock_broker_unacked_messages",
            "gauge",
            "Messages delivered to a worker and not yet acknowledged (Redis only).",
        )
        lines.append(_line("airlock_broker_unacked_messages", unacked))

    buckets, count, total = selectors.scan_duration_histogram()
    lines += _header(
        "airlock_scan_duration_seconds", "histogram", "Time the scanner took per file."
    )
    for bound, n in buckets:
        lines.append(_line("airlock_scan_duration_seconds_bucket", n, {"le": repr(float(bound))}))
    lines.append(_line("airlock_scan_duration_seconds_bucket", count, {"le": "+Inf"}))
    lines.append(_line("airlock_scan_duration_seconds_sum", round(total, 3)))
    lines.append(_line("airlock_scan_duration_seconds_count", count))

    lines += _header(
        "airlock_scan_verdicts_total", "counter", "Scan verdicts recorded, by verdict."
    )
    verdicts = selectors.output_file_count_by_verdict()
    for verdict in ("clean", "risk", "unscannable", "rejected"):
        lines.append(
            _line("airlock_scan_verdicts_total", verdicts.pop(verdict, 0), {"verdict": verdict})
        )
    for verdict, n in sorted(verdicts.items()):
        lines.append(_line("airlock_scan_verdicts_total", n, {"verdict": verdict}))

    lines += _header(
        "airlock_scan_requeued_total",
        "counter",
        "Scans queued again by the sweeper because their message was lost or their worker died.",
    )
    lines.append(
        _line(
            "airlock_scan_requeued_total",
            selectors.audit_event_count(action=AuditAction.SCAN_REQUEUED),
        )
    )
    lines += calibration_lines()
    return "\n".join(lines) + "\n"


def calibration_lines() -> list[str]:
    """The scanner's miss rate (random sample) and false-alarm rate per finding code, each
    with its 95% Wilson interval (docs/operations: "Calibration")."""
    from airlock.review.calibration_rows import calibration_now

    figures = calibration_now()
    miss = figures.miss_rate
    lines = _header(
        "airlock_calibration_random_decided",
        "gauge",
        "Files drawn at random for control (no other reason) that a reviewer decided.",
    )
    lines.append(_line("airlock_calibration_random_decided", miss.trials))
    lines += _header(
        "airlock_calibration_random_breaches",
        "gauge",
        "Of those, the files reviewers found to be breaches (the scanner missed them).",
    )
    lines.append(_line("airlock_calibration_random_breaches", miss.successes))
    lines += _header(
        "airlock_calibration_miss_rate",
        "gauge",
        "Share of unflagged transfers estimated to hold an undetected breach, with the 95% "
        "Wilson interval (bound=estimate|low|high); absent until a random sample is decided.",
    )
    if miss.trials:
        for bound, value in (("estimate", miss.rate), ("low", miss.low), ("high", miss.high)):
            lines.append(
                _line("airlock_calibration_miss_rate", round(value or 0.0, 6), {"bound": bound})
            )
    lines += _header(
        "airlock_calibration_unflagged_transfers",
        "gauge",
        "Transferred files with no reason for control at transfer.",
    )
    lines.append(_line("airlock_calibration_unflagged_transfers", figures.unflagged_transfers))
    lines += _header(
        "airlock_calibration_flagged_decided",
        "gauge",
        "Decided files that carried the finding code (as a risk or a reason for control).",
    )
    lines += [
        _line("airlock_calibration_flagged_decided", row.rate.trials, {"code": row.code})
        for row in figures.false_alarms
    ]
    lines += _header(
        "airlock_calibration_false_alarms",
        "gauge",
        "Of those, the files reviewers judged no breach.",
    )
    lines += [
        _line("airlock_calibration_false_alarms", row.rate.successes, {"code": row.code})
        for row in figures.false_alarms
    ]
    lines += _header(
        "airlock_calibration_false_alarm_rate",
        "gauge",
        "Share of decided files with the finding code judged no breach, with the 95% Wilson "
        "interval (bound=estimate|low|high).",
    )
    for row in figures.false_alarms:
        for bound, value in (
            ("estimate", row.rate.rate),
            ("low", row.rate.low),
            ("high", row.rate.high),
        ):
            lines.append(
                _line(
                    "airlock_calibration_false_alarm_rate",
                    round(value or 0.0, 6),
                    {"code": row.code, "bound": bound},
                )
            )
    return lines
