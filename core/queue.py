"""Enqueueing Celery tasks after the transaction commits, without failing the user's request.

If the broker cannot be reached, the work is written to the outbox (notifications.Outbox when
that app provides it) and the request still succeeds; `flush_outbox` sends it later.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _send(task, args, kwargs):
    if task.app.conf.task_always_eager:
        # In-process (the embedded default): there is no broker to be down. A failing task is a
        # fault of the task, logged here; it must not fail the request that already committed.
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:
            logger.exception("Task %s%s failed in-process", task.name, args)
            return False
        return True
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
        return True
    except Exception as exc:  # kombu raises OperationalError and friends when Redis is down
        logger.warning("Could not queue %s%s: %s; keeping it in the outbox", task.name, args, exc)
        keep = _outbox_writer()
        if keep is not None:
            keep(task.name, list(args), dict(kwargs), str(exc))
        return False


def _outbox_writer():
    try:
        from core.outbox import keep_for_later
    except ImportError:
        return None
    return keep_for_later


def enqueue(task, *args, **kwargs) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _send(task, args, kwargs))
