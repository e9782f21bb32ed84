"""Structured logs: with AIRLOCK_LOG_FORMAT=json every line a process writes is one JSON object."""

import json
import logging
import subprocess

from airlock.monitoring.json_logs import JsonFormatter
from tests.support.processes import PY, ROOT


def test_a_log_record_becomes_one_json_line_with_its_extra_fields():
    logger = logging.getLogger("airlock.test")
    record = logger.makeRecord(
        "airlock.test",
        logging.WARNING,
        __file__,
        1,
        "Queued %d file(s) again",
        (3,),
        None,
        extra={"output_file_ids": [4, 5, 6]},
    )
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "airlock.test"
    assert entry["message"] == "Queued 3 file(s) again"
    assert entry["output_file_ids"] == [4, 5, 6]
    assert "ValueError: boom" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def test_a_process_started_with_json_logging_writes_json(tmp_path):
    env = {
        "AIRLOCK_DATA_DIR": str(tmp_path),
        "AIRLOCK_LOG_FORMAT": "json",
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('airlock.monitoring').warning('probe', extra={'zone': 'inside'})"
    )
    result = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line parses
    assert {"message": "probe", "zone": "inside", "level": "WARNING"}.items() <= entries[-1].items()
