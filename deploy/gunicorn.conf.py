"""gunicorn for one zone's web process: `gunicorn -c deploy/gunicorn.conf.py airlock.wsgi`.

Sync workers behind nginx, which buffers slow clients (uploads included). Logs go to stdout;
with AIRLOCK_LOG_FORMAT=json (the production default) gunicorn's own error and access logs
are JSON lines too, like the application's.
"""

import multiprocessing
import os

bind = os.environ.get("AIRLOCK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("AIRLOCK_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Longer than the slowest request nginx lets through (a 1 GiB upload read from nginx's buffer,
# hashed and stored); nginx's proxy_read_timeout is a little longer.
timeout = int(os.environ.get("AIRLOCK_WEB_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, with jitter so they don't all go at once
max_requests_jitter = 200
# Only nginx on this host talks to gunicorn; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("AIRLOCK_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'

if (
    os.environ.get("AIRLOCK_LOG_FORMAT", "json" if os.environ.get("AIRLOCK_PRODUCTION") else "text")
    == "json"
):
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "airlock.monitoring.json_logs.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
