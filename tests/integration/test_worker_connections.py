"""A worker's pool process keeps its database connection between tasks, as a web process
keeps it between requests, and replaces one that is too old or broken (airlock/celery.py).

Celery's Django fixup, left to itself, closes every connection before and after each task: a
scan then paid for a new PostgreSQL connection each time (issue 15).
"""

import time
from types import SimpleNamespace

import pytest
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun, task_prerun
from django.db import connection

from airlock.celery import app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


class Task:
    """A task as the signals see it, run by a worker (not eagerly)."""

    request = SimpleNamespace(is_eager=False)


TASK = Task()


@pytest.fixture(autouse=True)
def _on_postgresql() -> None:
    # SQLite (the embedded default) opens a connection per use (CONN_MAX_AGE 0), and its
    # in-memory test database ignores close(): what is kept is PostgreSQL's connection.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's connections (make test's second step runs this)")


def one_task() -> None:
    """What a pool process runs around a task: the fixup's handlers and ours, by signal."""
    fixup = DjangoWorkerFixup(app)
    fixup.on_task_prerun(TASK)
    task_prerun.send(sender=TASK)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    fixup.on_task_postrun(TASK)
    task_postrun.send(sender=TASK)


def test_the_connection_is_kept_from_one_task_to_the_next():
    connection.ensure_connection()
    raw = connection.connection

    for _ in range(3):
        one_task()

    assert connection.connection is raw


def test_a_connection_past_its_age_is_replaced_at_the_next_task():
    connection.ensure_connection()
    raw = connection.connection
    connection.close_at = time.monotonic() - 1  # CONN_MAX_AGE has passed

    one_task()

    assert connection.connection is not raw


def test_a_broken_connection_is_replaced_before_the_tasks_first_query(monkeypatch):
    connection.ensure_connection()
    raw = connection.connection
    connection.errors_occurred = True
    monkeypatch.setattr(connection, "is_usable", lambda: False)  # the server restarted

    task_prerun.send(sender=TASK)

    assert connection.connection is None  # closed: the task's first query connects anew
    monkeypatch.undo()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert connection.connection is not raw
