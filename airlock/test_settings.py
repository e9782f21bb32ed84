"""Settings for the test suite: the embedded defaults, under a fresh temporary data folder."""

import os
import tempfile

if "AIRLOCK_DATA_DIR" not in os.environ:
    os.environ["AIRLOCK_DATA_DIR"] = tempfile.mkdtemp(prefix="airlock-test-")
# pytest-xdist's workers inherit the controller's environment: each works in a subfolder of its
# own (SQLite files, broker queues, stores), never in one another worker uses.
if (_worker := os.environ.get("PYTEST_XDIST_WORKER")) and not os.environ[
    "AIRLOCK_DATA_DIR"
].endswith(_worker):
    os.environ["AIRLOCK_DATA_DIR"] = os.path.join(os.environ["AIRLOCK_DATA_DIR"], _worker)

from airlock.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
