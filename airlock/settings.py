"""Settings, all from the environment (see README.md for the list).

Embedded defaults need no server: SQLite, Celery on kombu's filesystem transport and both file
stores under AIRLOCK_DATA_DIR (default var/). PostgreSQL and Redis are used whenever
DATABASE_URL and CELERY_BROKER_URL name them.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("AIRLOCK_DEBUG", False)
PRODUCTION = env_bool("AIRLOCK_PRODUCTION", False)

SECRET_KEY = os.environ.get("AIRLOCK_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("AIRLOCK_SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("AIRLOCK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("AIRLOCK_CSRF_TRUSTED_ORIGINS", "")

DATA_DIR = Path(os.environ.get("AIRLOCK_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# The zones this process serves (DESIGN.md, "People and zones").
AIRLOCK_ZONES = env_list("AIRLOCK_ZONES", "inside,portal,review")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "airlock.accounts",
    "airlock.audit",
    "airlock.projects",
    "airlock.outputs",
    "airlock.review",
    "airlock.inside",
    "airlock.portal",
    "airlock.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "airlock.outputs.upload_limits.UploadLimitMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "airlock.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "airlock" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "airlock.wsgi.application"

SQLITE_PATH = DATA_DIR / "airlock.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a worker share the file: WAL and immediate transactions avoid
    # "database is locked" under concurrent writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("AIRLOCK_SESSION_SECONDS", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("da", _("Danish"))]
LOCALE_PATHS = [BASE_DIR / "airlock" / "locale"]
TIME_ZONE = os.environ.get("AIRLOCK_TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Two stores: quarantine (inside and review zones) and released (portal). A file is copied
# to the released store when it is released; the portal never reads quarantine.
QUARANTINE_ROOT = Path(os.environ.get("AIRLOCK_QUARANTINE_DIR", DATA_DIR / "quarantine"))
RELEASED_ROOT = Path(os.environ.get("AIRLOCK_RELEASED_DIR", DATA_DIR / "released"))
UPLOAD_TEMP_DIR = DATA_DIR / "uploads"
UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_TEMP_DIR = str(UPLOAD_TEMP_DIR)
FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload streams to a temp file, never held in memory
FILE_UPLOAD_PERMISSIONS = 0o600

_s3_bucket_quarantine = os.environ.get("AIRLOCK_S3_QUARANTINE_BUCKET")
_s3_bucket_released = os.environ.get("AIRLOCK_S3_RELEASED_BUCKET")


def _store(root: Path, bucket: str | None) -> dict:
    if bucket:
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": bucket, "default_acl": "private", "file_overwrite": False},
        }
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(root), "file_permissions_mode": 0o600},
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "quarantine": _store(QUARANTINE_ROOT, _s3_bucket_quarantine),
    "released": _store(RELEASED_ROOT, _s3_bucket_released),
}
if "inside" not in AIRLOCK_ZONES and "review" not in AIRLOCK_ZONES:
    # A portal-only process has no way to reach quarantined bytes.
    del STORAGES["quarantine"]

# Uploads: the hard limit is enforced while the body streams (413).
AIRLOCK_MAX_UPLOAD_BYTES = int(os.environ.get("AIRLOCK_MAX_UPLOAD_BYTES", 1024**3))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("AIRLOCK_MAX_FILES_PER_UPLOAD", 500))

# Celery. Embedded default: kombu's filesystem transport under DATA_DIR/broker.
BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
else:
    # Above the longest task, so an unacknowledged message is not redelivered mid-scan.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("AIRLOCK_WORKER_MAX_MEMORY_KB", 1_000_000))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "airlock"
AIRLOCK_SCAN_SOFT_TIME_LIMIT = int(os.environ.get("AIRLOCK_SCAN_SOFT_TIME_LIMIT", 600))
AIRLOCK_SCAN_TIME_LIMIT = AIRLOCK_SCAN_SOFT_TIME_LIMIT + 60

EMAIL_BACKEND = os.environ.get(
    "AIRLOCK_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if not PRODUCTION else
    "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("AIRLOCK_FROM_EMAIL", "airlock@localhost")

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("AIRLOCK_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("AIRLOCK_LOG_LEVEL", "INFO")},
}
