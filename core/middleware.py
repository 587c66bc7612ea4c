import time

from django.conf import settings
from django.utils.cache import patch_vary_headers

from core import outbox

# Scripts and styles come only from the portal's own static files: no inline script, no CDN.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class PortalLocaleMiddleware:
    """Vietnamese unless the user chose English (language cookie set by the footer's switch).

    Django's LocaleMiddleware would also follow the browser's Accept-Language, which turns an
    office PC with an English browser into an English portal; users expect Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class SlidingSessionMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE without use (8 hours). Rather than writing
    the session on every request (SESSION_SAVE_EVERY_REQUEST: a transaction and an UPDATE on every
    page), its expiry is pushed forward when the last push is older than SESSION_REFRESH_SECONDS
    (5 minutes), so the idle limit holds to within those minutes. Anonymous visitors get no
    session (public pages stay cacheable). Placed after SessionMiddleware, which saves what is
    marked here."""

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = getattr(settings, "SESSION_REFRESH_SECONDS", 300)

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and user is not None and user.is_authenticated and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.every:
                session[self.KEY] = now
        return response


class DelayedWorkMiddleware:
    """Tells the person whose request queued background work that the broker (Redis) refused it:
    their data is saved, the work waits in the outbox and is done later (outbox.flush). Marks the
    request so that outbox.keep_for_later can add a message to it; sits after MessageMiddleware, so
    the message is stored with the response (or shown on the page the view renders)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = outbox.start_collecting(request)
        try:
            return self.get_response(request)
        finally:
            outbox.stop_collecting(token)
