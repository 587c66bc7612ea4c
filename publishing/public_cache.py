"""The public pages' cache.

A page is stored under a key that includes the "public content version"; every change that can
alter what the public sees (an article published, edited while published, unpublished; an
exemplar recognised or not) bumps the version, so no cached page outlives the content it shows.
Entries also expire after PUBLIC_TTL seconds, so an article scheduled for a later time appears at
most that long after its time comes (queries filter published_at <= now; no job is needed).

With several web processes the cache must be shared (Redis in production) for the version to
reach them all; with a per-process cache (LocMem in development) the TTL is the bound.

The key names only what the page is built from: its path and the parameters it reads, as the page
itself resolved them (publishing/views/public.py `_page`), never the raw query string: otherwise
`?x=1`, `?x=2`… or `?trang=99999` would each store a copy of the same page, without bound.
"""

import hashlib
import time

from django.core.cache import cache

PUBLIC_TTL = 60
VERSION_KEY = "public:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start never reuses a number an older cache entry may still carry.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump() -> None:
    """Call on commit of any change the public may see."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def page_key(name: str, *parts) -> str:
    raw = "|".join(str(p) for p in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public:page:{content_version()}:{name}:{digest}"


def page_number(raw: str | None) -> int | None:
    """The page a `?trang=` value names, as a cache key: 1 when there is none; None when it is not a
    plain page number ("abc", "0", a number of twenty digits): such a request is built, not looked
    up, and stored under the page it showed."""
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
        return None
    return int(raw) or None
