"""The cache as an optional speed-up: a Redis outage makes pages slower, never broken.

`ResilientRedisCache` is Django's RedisCache whose every read and write degrades to "no cache" when
Redis cannot be reached (or refuses the command: loading, read-only, out of memory): a read returns
the default, a write is dropped, `incr` answers as for a missing key (ValueError, which the callers
already handle). The first failure is logged once as a warning; while Redis stays down the cache is
not asked again for RETRY_SECONDS at a time (a request must not wait on a connect timeout for each
of its cache calls), and its return is logged once too. Programming errors (a value that does not
pickle) are not Redis errors and still raise.

What "no cache" costs while Redis is down: every page is built from the database; the version keys
(public pages, unit tree) cannot be bumped, which is harmless because a page cached before the
outage expires within its own timeout (60 s for the public pages; the unit filter and dashboards
are keyed by values read from the database or bumped again on commit).

`within_limit` counts events in a fixed window (the password-reset limits); without the cache it
lets the event through.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# Without these the redis client waits as long as the operating system lets a connect hang
# (a switched-off host or a dropped route): seconds per cache call.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0, "health_check_interval": 30}


def redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    # RedisError covers ConnectionError, TimeoutError, BusyLoadingError, ReadOnlyError, ResponseError
    # (OOM, MISCONF); OSError a socket failing below the client.
    return (redis.exceptions.RedisError, OSError)


class _Outage:
    """One per cache object (one per process and thread pool): when Redis last failed, logged once."""

    def __init__(self, name: str):
        self.name = name
        self.down_since: float | None = None
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def skip(self) -> bool:
        return self.down_since is not None and time.monotonic() < self.retry_at

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            now = time.monotonic()
            first = self.down_since is None
            if first:
                self.down_since = now
            self.retry_at = now + RETRY_SECONDS
        if first:
            logger.warning(
                "Cache %r unreachable (%s: %s): pages are built without it until it answers again.",
                self.name,
                type(exc).__name__,
                exc,
            )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.warning("Cache %r answers again after %.0f s without it.", self.name, time.monotonic() - since)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._outage = _Outage(str(server))
        self._errors = redis_errors()

    def _call(self, operation, fallback, *args, **kwargs):
        if self._outage.skip():
            return fallback()
        try:
            result = operation(*args, **kwargs)
        except self._errors as exc:
            self._outage.failed(exc)
            return fallback()
        self._outage.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).")

        return self._call(super().incr, missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Every key failed to be stored: the return value lists them, as the API says.
        return self._call(super().set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)


def within_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one event under `key` in a window of `window` seconds that starts with its first
    event; False from the (limit + 1)-th event on. Without a cache to count in, True."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unreachable
        return True
    return count <= limit
