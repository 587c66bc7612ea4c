"""HTTP caching headers of the public pages (registrations/views/public.py).

A public page is the same for everyone, so it must not carry "Vary: Cookie" (added by the
session and language middlewares, which run for every request) and may be stored by shared
caches — unless the response sets a cookie (a signed-in visitor's session expiry is pushed forward
every few minutes, core.middleware.SlidingSessionMiddleware): then it is marked private so that no shared cache keeps someone's cookie.

Pages get `max-age=0` for browsers with an ETag (the reader's browser asks every time and gets a
304 when nothing changed, so an unpublished article disappears at once), and `s-maxage` for a
shared cache in front of the portal (bounded like the server's own cache, ≤ 60 s). Photos, which
do not change, keep a plain max-age.

Sits before SessionMiddleware in MIDDLEWARE, so it sees the response after them."""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        max_age = getattr(response, "public_max_age", None)
        if max_age is None or response.status_code != 200:
            return response
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip() and v.strip().lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        if "Cache-Control" in response:
            del response["Cache-Control"]
        revalidate = not response.streaming
        if response.cookies:
            patch_cache_control(response, private=True, max_age=0 if revalidate else max_age)
        elif revalidate:
            patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
        else:
            patch_cache_control(response, public=True, max_age=max_age)
        if revalidate:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")] and not response.cookies:
                not_modified = HttpResponseNotModified()
                for header in ("Cache-Control", "ETag", "Vary", "Content-Language"):
                    if header in response:
                        not_modified[header] = response[header]
                return not_modified
        return response
