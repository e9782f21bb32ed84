"""Settings for the test suite: the embedded defaults, under a fresh temporary data folder."""

import os
import tempfile

if "AIRLOCK_DATA_DIR" not in os.environ:
    os.environ["AIRLOCK_DATA_DIR"] = tempfile.mkdtemp(prefix="airlock-test-")

from airlock.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
