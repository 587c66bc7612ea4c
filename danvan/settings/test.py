"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

import os
import tempfile
from pathlib import Path

from . import env
from .base import *  # noqa: F403
from .base import sqlite_database

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-checks-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DANVAN_DEMO_ALLOWED = True

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": env.database()}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES = {"default": sqlite_database(":memory:")}
    DATABASES["default"]["TEST"] = {"NAME": None}
    # The covering indexes of the registration list (PostgreSQL INCLUDE columns) are plain indexes
    # on SQLite; that is expected, not a problem to report at every start.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="danvan-test-media-"))
# Tests run tasks in-process unless a test sets up a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Static files straight from the app folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
