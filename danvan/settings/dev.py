"""Embedded default for `make run`: SQLite under var/, Celery in-process, mail written to var/mail/,
and one background process for the periodic jobs (core/embedded.py).

DATABASE_URL and REDIS_URL switch to PostgreSQL and a real broker, so the same code runs both ways.
"""

import os

from . import env
from .base import *  # noqa: F403
from .base import REDIS_URL, VAR_DIR, redis_cache, sqlite_database

DEBUG = env.boolean("DEBUG", True)
SECRET_KEY = env.optional("SECRET_KEY", "dev-only-not-secret-0f6c0d1e5b7a4b4c9a2d8e1f3c5b7a9d")
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
DANVAN_DEMO_ALLOWED = True

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": env.database()}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": sqlite_database(VAR_DIR / "danvan.sqlite3")}
    # The covering indexes of the registration list (PostgreSQL INCLUDE columns) are plain indexes
    # on SQLite; that is expected, not a problem to report at every start.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

if REDIS_URL:
    # With Redis the processes share the cache as in production (the public content version reaches
    # every web process), and an outage of Redis degrades to no cache the same way.
    CACHES = redis_cache(REDIS_URL)
else:
    # No Redis: web requests run their tasks in-process, as before. The background process of
    # `make run` (python -m core.embedded: a Celery worker with beat embedded) sets
    # DANVAN_EMBEDDED_WORKER=1 and takes the periodic jobs through a broker that needs no server,
    # message files under var/celery/. It must not run tasks in-process itself: beat would then
    # run each due job inside beat instead of queueing it.
    from core.embedded import broker_options

    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = broker_options(VAR_DIR)
    CELERY_TASK_ALWAYS_EAGER = not env.boolean("DANVAN_EMBEDDED_WORKER", False)
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False

if env.optional("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.optional("EMAIL_HOST")
    EMAIL_PORT = env.integer("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env.optional("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env.optional("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
