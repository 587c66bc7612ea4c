"""Settings for `make bench` (bench/run.py): production-like, on loopback, without secrets it does not use.

DEBUG off, PostgreSQL from DATABASE_URL (required), a local-memory cache, compressed static files
served by WhiteNoise, persistent database connections. No SMTP and no Redis: e-mails are composed
and logged as in production, then dropped (dummy backend); tasks run in-process. ROOT_URLCONF adds
the framework's floor (/bench/floor/) to the portal's URLs, and a middleware returns the number of
SQL queries of each request in the X-Bench-Queries header.
"""

from . import env
from .base import *  # noqa: F403
from .base import MIDDLEWARE as _BASE_MIDDLEWARE

DEBUG = False
SECRET_KEY = env.optional("SECRET_KEY", "bench-only-not-secret-5b0d8f0c2e7a4e4f9a1b3c5d7e9f1a3b")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DANVAN_DEMO_ALLOWED = True

DATABASES = {"default": env.database()}
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("DB_CONN_MAX_AGE", 600)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "danvan-bench"}}

CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *_BASE_MIDDLEWARE]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
