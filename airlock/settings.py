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

# The zones this process serves (docs/design.md, "People and zones").
AIRLOCK_ZONES = env_list("AIRLOCK_ZONES", "inside,portal,review")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "airlock.accounts",
    "airlock.audit",
    "airlock.projects",
    "airlock.outputs",
    "airlock.review",
    "airlock.review_zone",
    "airlock.inside",
    "airlock.portal",
    "airlock.api",
    "airlock.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "airlock.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "airlock.outputs.upload_limits.UploadLimitMiddleware",
    "airlock.language_aliases.LanguageAliasMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "airlock.security.input_hygiene.InputHygieneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "airlock.security.zones.SecondFactorZoneMiddleware",
    "airlock.security.errors.DomainErrorMiddleware",
    "airlock.outage.ServiceUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "airlock.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "airlock.navigation.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "airlock.wsgi.application"

SQLITE_PATH = DATA_DIR / "airlock.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=60,
        conn_health_checks=True,  # a connection broken by a database restart is replaced
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

# Sign-in (accounts app). A TOTP code is always required in the review zone; other zones
# can require it too: AIRLOCK_REQUIRE_2FA=review,inside,portal.
AIRLOCK_REQUIRE_2FA = sorted({"review", *env_list("AIRLOCK_REQUIRE_2FA", "review")})
OTP_TOTP_ISSUER = os.environ.get("AIRLOCK_TOTP_ISSUER", "Airlock")
# Failed sign-ins per username and address (and per username from anywhere, x4) in the window.
AIRLOCK_LOGIN_MAX_FAILURES = int(os.environ.get("AIRLOCK_LOGIN_MAX_FAILURES", 5))
AIRLOCK_LOGIN_THROTTLE_SECONDS = int(os.environ.get("AIRLOCK_LOGIN_THROTTLE_SECONDS", 15 * 60))
# The request header with the client's address when behind a proxy, e.g. HTTP_X_REAL_IP.
AIRLOCK_CLIENT_IP_HEADER = os.environ.get("AIRLOCK_CLIENT_IP_HEADER", "REMOTE_ADDR")

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# OpenID Connect sign-in through an institution's identity provider, when configured.
AIRLOCK_OIDC_ENABLED = bool(os.environ.get("AIRLOCK_OIDC_CLIENT_ID"))
# Every request to the provider (key set, token, userinfo) gives up after this many seconds.
AIRLOCK_OIDC_TIMEOUT_SECONDS = int(os.environ.get("AIRLOCK_OIDC_TIMEOUT_SECONDS", 5))
if AIRLOCK_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("airlock.accounts.oidc.InstitutionOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["AIRLOCK_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("AIRLOCK_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("AIRLOCK_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("AIRLOCK_OIDC_SCOPES", "openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("AIRLOCK_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("AIRLOCK_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("AIRLOCK_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("AIRLOCK_OIDC_JWKS_ENDPOINT", "")
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?oidc=failed"
    OIDC_CREATE_USER = env_bool("AIRLOCK_OIDC_CREATE_USERS", False)
    OIDC_USE_PKCE = True
    OIDC_STORE_ID_TOKEN = True  # the hint for the provider's end-session endpoint
    OIDC_TIMEOUT = AIRLOCK_OIDC_TIMEOUT_SECONDS
    OIDC_AUTHENTICATE_CLASS = "airlock.accounts.oidc.InstitutionAuthenticationRequestView"
    OIDC_CALLBACK_CLASS = "airlock.accounts.oidc.InstitutionCallbackView"
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
        "airlock.accounts.oidc.ProviderSecondFactorMiddleware",
    )
# The provider's end-session endpoint: signing out of Airlock signs out there too.
AIRLOCK_OIDC_LOGOUT_ENDPOINT = os.environ.get("AIRLOCK_OIDC_LOGOUT_ENDPOINT", "")
# Which assertions in the provider's ID token count as the second factor (none unless set):
# `amr` values (e.g. mfa,otp,hwk) and `acr` values (e.g. https://refeds.org/profile/mfa).
AIRLOCK_OIDC_SECOND_FACTOR_AMR = env_list("AIRLOCK_OIDC_SECOND_FACTOR_AMR", "")
AIRLOCK_OIDC_SECOND_FACTOR_ACR = env_list("AIRLOCK_OIDC_SECOND_FACTOR_ACR", "")
AIRLOCK_OIDC_PROVIDER_NAME = os.environ.get("AIRLOCK_OIDC_PROVIDER_NAME", "")
# The claim that names an existing Airlock user; new users only if AIRLOCK_OIDC_CREATE_USERS.
AIRLOCK_OIDC_USERNAME_CLAIM = os.environ.get("AIRLOCK_OIDC_USERNAME_CLAIM", "preferred_username")
AIRLOCK_OIDC_CREATE_USERS = env_bool("AIRLOCK_OIDC_CREATE_USERS", False)

# The installation's language: pages without a browser preference, and e-mail to people.
LANGUAGE_CODE = os.environ.get("AIRLOCK_LANGUAGE_CODE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("nb", _("Norwegian Bokmål")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("AIRLOCK_TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
# Our own date, time and number formats per language (airlock/formats/): unambiguous in English,
# as Danes write them in Danish, day-first date entry.
FORMAT_MODULE_PATH = ["airlock.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The project's own static files (airlock.css, upload.js, vendor/htmx.min.js), in the
# top-level static/ beside airlock/ (site-wide templates are in templates/, catalogues in locale/).
STATICFILES_DIRS = [BASE_DIR / "static"]

# Two stores: quarantine (inside and review zones) and released (portal). A file is copied
# to the released store when it is released; the portal never reads quarantine: a process
# that serves neither inside nor review has no setting, path or credential for it.
SERVES_QUARANTINE = "inside" in AIRLOCK_ZONES or "review" in AIRLOCK_ZONES
if SERVES_QUARANTINE:
    QUARANTINE_ROOT = Path(os.environ.get("AIRLOCK_QUARANTINE_DIR", DATA_DIR / "quarantine"))
    # Reviewers' previews (drawn by the scanner's sandbox in a worker; airlock.review.file_display).
    PREVIEW_ROOT = Path(os.environ.get("AIRLOCK_PREVIEW_DIR", DATA_DIR / "previews"))
RELEASED_ROOT = Path(os.environ.get("AIRLOCK_RELEASED_DIR", DATA_DIR / "released"))
UPLOAD_TEMP_DIR = DATA_DIR / "uploads"
UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_TEMP_DIR = str(UPLOAD_TEMP_DIR)
FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload streams to a temp file, never held in memory
FILE_UPLOAD_PERMISSIONS = 0o600


def _store(root: Path, prefix: str) -> dict:
    """A filesystem store, or S3 with its own bucket and credentials per store:
    AIRLOCK_S3_<STORE>_BUCKET, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _ENDPOINT_URL."""
    bucket = os.environ.get(f"{prefix}_BUCKET")
    if bucket:
        options = {
            "bucket_name": bucket,
            "default_acl": "private",
            "file_overwrite": False,
            # An object opened for reading is fetched into a spooled temporary file: past 4 MB
            # it goes to disk (FILE_UPLOAD_TEMP_DIR). django-storages' default, 0, holds the
            # whole object in memory, so a 500 MB download would cost the web process 500 MB.
            "max_memory_size": 4 * 1024 * 1024,
        }
        from boto3.s3.transfer import TransferConfig

        # Saving streams the file up in 8 MB parts, one at a time: boto3's default (10
        # threads, parts read ahead) holds about the whole file in memory (128 MB: +115 MB RSS;
        # this way, +9 MB). The price is one connection per upload.
        options["transfer_config"] = TransferConfig(
            multipart_chunksize=8 * 1024 * 1024, max_concurrency=1, use_threads=False
        )
        for name, option in (
            ("ACCESS_KEY_ID", "access_key"),
            ("SECRET_ACCESS_KEY", "secret_key"),
            ("ENDPOINT_URL", "endpoint_url"),
        ):
            if os.environ.get(f"{prefix}_{name}"):
                options[option] = os.environ[f"{prefix}_{name}"]
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(root), "file_permissions_mode": 0o600},
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "released": _store(RELEASED_ROOT, "AIRLOCK_S3_RELEASED"),
}
if SERVES_QUARANTINE:
    STORAGES["quarantine"] = _store(QUARANTINE_ROOT, "AIRLOCK_S3_QUARANTINE")
    STORAGES["previews"] = _store(PREVIEW_ROOT, "AIRLOCK_S3_PREVIEWS")

# Uploads: the hard limit is enforced while the body streams (413).
AIRLOCK_MAX_UPLOAD_BYTES = int(os.environ.get("AIRLOCK_MAX_UPLOAD_BYTES", 1024**3))
# All files of one request together (several files, a folder); at least one whole file.
AIRLOCK_MAX_REQUEST_BYTES = max(
    int(os.environ.get("AIRLOCK_MAX_REQUEST_BYTES", 2 * 1024**3)), AIRLOCK_MAX_UPLOAD_BYTES
)
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("AIRLOCK_MAX_FILES_PER_UPLOAD", 500))

# Celery. Embedded default: kombu's filesystem transport under DATA_DIR/broker.
BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    # kombu's filesystem transport, but a worker never reads a message half written.
    CELERY_BROKER_TRANSPORT = "airlock.embedded_broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # The worker looks for new messages every 50 ms (kombu's default is 1 s): a scan
        # starts as soon as it would on Redis. A look is one listdir of a small folder.
        "polling_interval": 0.05,
    }
else:
    # Above the longest task, so an unacknowledged message is not redelivered mid-scan
    # (raised below if the scan time limit is set higher). Bounded connects, so an upload
    # does not hang while Redis is down: the file is kept and the sweeper queues it later.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        "socket_connect_timeout": 5,
        "socket_timeout": 30,
        "socket_keepalive": True,
        "health_check_interval": 25,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("AIRLOCK_WORKER_MAX_MEMORY_KB", 1_000_000))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The scan queue's name. Installations sharing one Redis database need their own (the tests'
# and benches' throwaway installations do: they set AIRLOCK_CELERY_QUEUE).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("AIRLOCK_CELERY_QUEUE", "airlock")
AIRLOCK_SCAN_SOFT_TIME_LIMIT = int(os.environ.get("AIRLOCK_SCAN_SOFT_TIME_LIMIT", 600))
AIRLOCK_SCAN_TIME_LIMIT = AIRLOCK_SCAN_SOFT_TIME_LIMIT + 60
if "visibility_timeout" in CELERY_BROKER_TRANSPORT_OPTIONS:
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = max(3600, 2 * AIRLOCK_SCAN_TIME_LIMIT)
# Publishing a scan gives up after about a second when the broker is down (see above).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# A lost broker connection does not cancel running scans: they finish and record their
# verdict (the task is idempotent); their unacknowledged message is delivered again or swept.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# The sweeper (airlock/outputs/sweeper.py) queues again files stuck in uploaded or scanning.
AIRLOCK_SWEEP_AFTER_SECONDS = int(os.environ.get("AIRLOCK_SWEEP_AFTER_SECONDS", 300))
AIRLOCK_SWEEP_INTERVAL_SECONDS = int(os.environ.get("AIRLOCK_SWEEP_INTERVAL_SECONDS", 60))
# Scans whose message was lost (broker down at upload) are queued again (`celery ... --beat`).
CELERY_BEAT_SCHEDULE = {
    "requeue-stalled-scans": {
        # Scans whose message was lost, or whose worker died mid-scan; each file it queues
        # again is audited.
        "task": "airlock.outputs.periodic.sweep_stuck_output_files",
        "schedule": float(AIRLOCK_SWEEP_INTERVAL_SECONDS),
        "options": {"expires": float(AIRLOCK_SWEEP_INTERVAL_SECONDS)},  # no pile-up
    },
    # Released files leave the portal after their project's retention_days (issue 4).
    "expire-released-files": {
        "task": "airlock.outputs.periodic.expire_released_files",
        "schedule": 3600.0,
        "options": {"expires": 3600.0},
    },
    # Audit events are kept five years, then purged behind a checkpoint (airlock/audit/purge.py).
    "purge-audit-events": {
        "task": "airlock.audit.tasks.purge_audit_events_past_retention",
        "schedule": 86400.0,
        "options": {"expires": 86400.0},
    },
    # The audit chain's head is anchored outside the database (airlock/audit/anchors.py).
    "anchor-audit-chain": {
        "task": "airlock.audit.tasks.anchor_audit_chain",
        "schedule": float(os.environ.get("AIRLOCK_AUDIT_ANCHOR_INTERVAL_SECONDS", 3600)),
        "options": {"expires": 3600.0},
    },
}
AIRLOCK_AUDIT_RETENTION_DAYS = int(os.environ.get("AIRLOCK_AUDIT_RETENTION_DAYS", 5 * 365 + 2))
# The audit trail's HMAC keys (airlock/audit/keys.py): comma-separated, the first signs. Unset:
# the key file (default <data dir>/audit.key, created on first use). Never in the database.
AIRLOCK_AUDIT_KEY = os.environ.get("AIRLOCK_AUDIT_KEY", "")
AIRLOCK_AUDIT_KEY_FILE = os.environ.get("AIRLOCK_AUDIT_KEY_FILE", "")
AIRLOCK_AUDIT_ANCHOR_FILE = os.environ.get("AIRLOCK_AUDIT_ANCHOR_FILE", "")
# Events up to this id were recorded before the trail was keyed (an upgraded installation).
AIRLOCK_AUDIT_UNKEYED_THROUGH = int(os.environ.get("AIRLOCK_AUDIT_UNKEYED_THROUGH", 0))

EMAIL_BACKEND = os.environ.get(
    "AIRLOCK_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if not PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("AIRLOCK_FROM_EMAIL", "airlock@localhost")
# The mail relay (SMTP backend). Notices go out in each recipient's language (airlock/notices.py).
EMAIL_HOST = os.environ.get("AIRLOCK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("AIRLOCK_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("AIRLOCK_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("AIRLOCK_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("AIRLOCK_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("AIRLOCK_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("AIRLOCK_EMAIL_TIMEOUT_SECONDS", 10))

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("AIRLOCK_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]  # probes speak plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Monitoring (airlock/monitoring): probes, metrics, logs.
AIRLOCK_READYZ_TIMEOUT_SECONDS = float(os.environ.get("AIRLOCK_READYZ_TIMEOUT_SECONDS", 5))
# /metrics wants "Authorization: Bearer <token>" when set; unset, it is open in development
# and refused in production.
AIRLOCK_METRICS_TOKEN = os.environ.get("AIRLOCK_METRICS_TOKEN", "")
# "json": one JSON object per line (airlock/monitoring/json_logs.py); the default in production.
AIRLOCK_LOG_FORMAT = os.environ.get("AIRLOCK_LOG_FORMAT", "json" if PRODUCTION else "text")
if AIRLOCK_LOG_FORMAT == "json":
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # workers log through LOGGING below, as JSON

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
        "json": {"()": "airlock.monitoring.json_logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if AIRLOCK_LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("AIRLOCK_LOG_LEVEL", "INFO")},
}
