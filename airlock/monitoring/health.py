"""Readiness: can this process do its work? The database, the broker and its file stores.

Each check answers ``None`` when the dependency is reachable, or a short reason when it is
not. Reasons name the kind of failure (an exception class, S3's error code) and, for S3, the
bucket; never a URL, host or credential.
The checks run side by side, each bounded by AIRLOCK_READYZ_TIMEOUT_SECONDS.
"""

import functools
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

# The stores a process may have: a portal-only process has no quarantine store at all.
STORE_NAMES = ("quarantine", "released")


def check_database() -> str | None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connections.close_all()  # this runs in a worker thread: leave no connection open
    return None


def check_broker() -> str | None:
    from airlock.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        if connection.transport.driver_type == "filesystem":
            folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]
            if not os.access(str(folder), os.W_OK):
                return "queue folder not writable"
        else:
            # Opening a channel talks to the server (a Redis PING-equivalent round trip).
            connection.default_channel.queue_declare(
                queue=settings.CELERY_TASK_DEFAULT_QUEUE, passive=False
            )
    return None


def check_store(name: str) -> str | None:
    store = storages[name]
    if isinstance(store, FileSystemStorage):
        # The store makes its folder on the first save; a new installation is ready.
        os.makedirs(store.location, mode=0o700, exist_ok=True)
        if not os.access(store.location, os.W_OK | os.X_OK):
            return "folder not writable"
        return None
    bucket = getattr(store, "bucket_name", None)
    if bucket:
        return check_bucket(store, bucket)
    # Another remote store: one existence check; a missing key is a normal False.
    store.exists(".airlock-readiness-probe")
    return None


def check_bucket(store: object, bucket: str) -> str | None:
    """An S3 store: one HEAD request on its bucket with the store's own credentials. The reason
    names the bucket and S3's answer (403 for a key without access, 404 for no such bucket)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        store.connection.meta.client.head_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    except ClientError as exc:
        error = exc.response.get("Error", {})
        return f"bucket {bucket}: {error.get('Code') or 'error'}"
    except BotoCoreError as exc:  # no answer: connection refused, timeout, bad credentials
        return f"bucket {bucket}: {type(exc).__name__}"
    return None


def readiness_checks() -> dict[str, Callable[[], str | None]]:
    checks: dict[str, Callable[[], str | None]] = {
        "database": check_database,
        "broker": check_broker,
    }
    for name in STORE_NAMES:
        if name in settings.STORAGES:
            checks[f"storage_{name}"] = functools.partial(check_store, name)
    return checks


def readiness_report() -> dict[str, str]:
    """Every check's result: "ok", or "failed: <reason>"."""
    checks = readiness_checks()
    timeout = settings.AIRLOCK_READYZ_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    results: dict[str, str] = {}
    executor = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readyz")
    futures = {name: executor.submit(check) for name, check in checks.items()}
    for name, future in futures.items():
        try:
            reason = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            reason = f"no answer within {timeout} s"
        except Exception as exc:  # any failure of a dependency is "not ready", never a 500
            reason = type(exc).__name__
        results[name] = "ok" if reason is None else f"failed: {reason}"
    executor.shutdown(wait=False, cancel_futures=True)
    return results
