"""Every task celery beat sends is one a worker knows by that name (beat sends names only)."""

from django.conf import settings

from airlock.celery import app


def test_every_scheduled_task_is_registered_under_its_name():
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(app.tasks) == set()


def test_a_fingerprint_message_queued_before_the_move_still_runs():
    app.loader.import_default_modules()
    assert "airlock.projects.released_tables.fingerprint_released_file" in app.tasks
