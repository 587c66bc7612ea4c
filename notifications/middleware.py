"""Tells the person whose request queued background work that the broker (Redis) refused it:
their data is saved, the work waits in the outbox and is done later (outbox.flush)."""

from . import outbox


class DelayedWorkMiddleware:
    """Marks the request so that outbox.keep_for_later can add a message to it. Sits after
    MessageMiddleware, so the message is stored with the response (or shown on the page the
    view renders)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = outbox.start_collecting(request)
        try:
            return self.get_response(request)
        finally:
            outbox.stop_collecting(token)
