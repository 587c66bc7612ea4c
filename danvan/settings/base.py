"""Settings shared by every environment. Environment-specific files import * from here."""

import datetime
from pathlib import Path

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.optional("DANVAN_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "axes",
    # The project's rooms, lowest layer first (an app imports only from its own layer or below).
    "core.apps.CoreConfig",
    "units.apps.UnitsConfig",
    "accounts.apps.AccountsConfig",
    "documents.apps.DocumentsConfig",
    "notifications.apps.NotificationsConfig",
    "audit.apps.AuditConfig",
    "campaigns.apps.CampaignsConfig",
    "plans.apps.PlansConfig",
    "registrations.apps.RegistrationsConfig",
    "publishing.apps.PublishingConfig",
    "reports.apps.ReportsConfig",
    "reminders.apps.RemindersConfig",
    "dashboards.apps.DashboardsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public pages (/tin-tuc/): caching headers set after the session and language middlewares ran.
    "publishing.middleware.PublicPageMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SlidingSessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "campaigns.middleware.CampaignYearMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Tells the user when background work had to wait in the outbox (Redis down).
    "core.middleware.DelayedWorkMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as its documentation asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "notifications.context_processors.unread",
                "campaigns.context_processors.years",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The client's address (core/client_ip.py). Behind a reverse proxy every request comes from the
# proxy's address; X-Forwarded-For is read only when the deployment says how many proxies it trusts
# (anyone can send the header), optionally only from the proxies' own addresses.
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0, minimum=0)
TRUSTED_PROXIES = env.networks("TRUSTED_PROXIES")

# Login protection (django-axes, accounts/lockout.py), by the client's address:
# - 5 failures for one username from one address lock that pair for 15 minutes (success resets it);
# - AXES_ADDRESS_FAILURE_LIMIT failures from one address, whatever the usernames, lock the address.
# Nothing locks a username by itself: wrong passwords for `tinh` from other addresses must not lock
# the real `tinh` out. The same message is shown whether the account exists or not.
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env.integer("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Password-reset e-mails (accounts.services.password_reset_request): at most this many an hour for one
# client address and for one account; further requests get the same page and no mail.
PASSWORD_RESET_LIMIT_PER_HOUR = env.integer("PASSWORD_RESET_LIMIT_PER_HOUR", 5, minimum=1)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A working day in an office; the session ends when it is idle this long (to within
# SESSION_REFRESH_SECONDS: core.middleware.SlidingSessionMiddleware pushes the expiry forward at
# most that often instead of writing the session on every page).
SESSION_COOKIE_AGE = env.integer("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_REFRESH_SECONDS = 300
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

LANGUAGE_CODE = "vi"
# Each language named in itself (the switch reads "Tiếng Việt" / "English" whatever the page language).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: no MEDIA_URL is served; views stream them after an access check.
MEDIA_ROOT = Path(env.optional("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/_private-media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
DANVAN_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: broker from REDIS_URL; without it tasks run in-process (the embedded default).
REDIS_URL = env.optional("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request must not hang when Redis is down: give up quickly and keep the work in the outbox.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

DEFAULT_FROM_EMAIL = env.optional("DEFAULT_FROM_EMAIL", "Ủy ban MTTQ tỉnh Tuyên Quang <khongtraloi@mttq-tuyenquang.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Dân vận khéo] "

SITE_NAME = env.optional("SITE_NAME", "Dân vận khéo — Ủy ban MTTQ tỉnh Tuyên Quang")
# The place written on documents ("Tuyên Quang, ngày … tháng … năm …") when a unit does not say otherwise.
DANVAN_DEFAULT_PLACE = env.optional("DANVAN_DEFAULT_PLACE", "Tuyên Quang")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # 403 and 404 are answers, not faults: log them without a traceback.
        "django.request": {"level": "ERROR", "handlers": ["console"], "propagate": False},
    },
}


def redis_cache(url: str) -> dict:
    """The cache shared by the processes of a deployment with Redis. core.cache.ResilientRedisCache:
    when Redis is down, reads miss and writes are dropped (pages slower, never an error)."""
    return {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": url}}


def sqlite_database(path):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "timeout": 20,
            # Writers take the lock at BEGIN, so two concurrent writers wait instead of failing.
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


# Absolute links in e-mails and documents.
PORTAL_BASE_URL = env.optional("PORTAL_BASE_URL", "http://127.0.0.1:8000")
