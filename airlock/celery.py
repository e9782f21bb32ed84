"""The Celery app. Settings come from Django's settings under the CELERY_ namespace.

The worker warms the scanner's sandbox once, in its main process before the pool forks
(``worker_init``): the readers, the detectors and their libraries are imported there, so each
pool process starts with them, and each file's sandbox child is forked from a warm pool
process instead of starting a Python interpreter (``scanners.sandbox``). A pool process started
later (after ``worker_max_memory_per_child``) inherits the same warm image. Nothing is left to
shut down: every sandbox child ends with its file, and dies with its pool process.

A pool process keeps its database connection from one task to the next, as a web process
keeps it from one request to the next: ``CONN_MAX_AGE``, and a health check before the first
query of each task, so a connection broken by a database restart is replaced. (Celery's Django
fixup would close it before and after every task: a scan then paid for a new PostgreSQL
connection, its server process and its catalogue caches, each time.)
"""

import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "airlock.settings")

app = Celery("airlock")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The fixup closes the connections only every this many tasks (it counts prerun and postrun);
# in between, ``keep_database_connections_as_between_requests`` decides, as Django does.
app.conf.update(CELERY_DB_REUSE_MAX=1000)
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


@task_prerun.connect
@task_postrun.connect
def keep_database_connections_as_between_requests(**_: Any) -> None:
    """Close a connection that is too old, broken, or left outside autocommit, and have the
    next query check the others first (Django's ``close_old_connections`` at each request)."""
    from django.db import close_old_connections

    close_old_connections()
