"""Production: everything comes from the environment (see .env.example); missing values fail loudly."""

from . import env
from .base import *  # noqa: F403
from .base import REDIS_URL as _REDIS_URL
from .base import redis_cache

DEBUG = False
SECRET_KEY = env.required("SECRET_KEY")
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS") or [env.required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": env.database()}
DANVAN_DEMO_ALLOWED = False

if not _REDIS_URL:
    env.required("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = False
CACHES = redis_cache(_REDIS_URL)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.required("EMAIL_HOST")
EMAIL_PORT = env.integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.optional("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.optional("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env.boolean("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20

SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
if env.boolean("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
