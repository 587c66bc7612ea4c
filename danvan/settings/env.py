"""Strict readers of environment variables: a missing or malformed value fails loudly at start-up."""

import os

import environ
from django.core.exceptions import ImproperlyConfigured

_env = environ.Env()


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required (see .env.example).")
    return value


def optional(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def boolean(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, got {raw!r}.")


def integer(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} must be an integer, got {raw!r}.") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"Environment variable {name} must be at least {minimum}, got {value}.")
    return value


def csv_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks (203.0.113.5, 10.0.0.0/8, ::1)."""
    import ipaddress

    values = csv_list(name)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(f"Environment variable {name}: {value!r} is not an IP address or network.") from exc
    return values


def database(name: str = "DATABASE_URL") -> dict:
    url = required(name)
    try:
        config = _env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types for a bad URL
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from exc
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name} must be a postgres:// URL, got engine {config['ENGINE']}.")
    config["CONN_MAX_AGE"] = integer("DB_CONN_MAX_AGE", 60)
    # Lets a web process survive a PostgreSQL restart: a dead persistent connection is replaced.
    config["CONN_HEALTH_CHECKS"] = True
    return config
