"""The Celery app. Settings come from Django's settings under the CELERY_ namespace.

The worker warms the scanner's sandbox once, in its main process before the pool forks
(``worker_init``): the readers, the detectors and their libraries are imported there, so each
pool process starts with them, and each file's sandbox child is forked from a warm pool
process instead of starting a Python interpreter (``scanners.sandbox``). A pool process started
later (after ``worker_max_memory_per_child``) inherits the same warm image. Nothing is left to
shut down: every sandbox child ends with its file, and dies with its pool process.
"""

import os
from typing import Any

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "airlock.settings")

app = Celery("airlock")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(related_name="periodic")  # beat tasks kept apart (outputs/periodic.py)


@worker_init.connect
def warm_the_scanner_sandbox(**_: Any) -> None:
    from scanners.sandbox import preload

    preload()


@worker_process_init.connect
def warm_this_pool_process(**_: Any) -> None:
    from scanners.sandbox import preload

    preload()  # a no-op when inherited from the main process; warms a pool started otherwise
