"""Thin Celery tasks: they take ids, call a service and own their retries. Every task here is
acknowledged late (settings: CELERY_TASK_ACKS_LATE, reject on worker lost), so a worker that dies
mid-task leaves the message to be delivered again; the services are safe to run twice."""

import datetime as dt
import logging

from celery import shared_task

logger = logging.getLogger(__name__)
# A sweep that found steps claimed by another, unfinished sweep runs again once those claims
# would be stale, so a worker that died in the middle is made good the same morning.
RESWEEP_AFTER = 6 * 60


@shared_task(bind=True, acks_late=True, max_retries=3)
def send_reminders(self, day: str | None = None):
    """The daily sweep (scheduled at 07:00 Asia/Ho_Chi_Minh in core/schedules.py)."""
    from core.outbox import flush
    from reminders.sweep import sweep

    # Work the broker refused earlier goes first; the sweep itself does not depend on it.
    try:
        flush()
    except Exception:  # the outbox waits for its own schedule
        logger.exception("Outbox flush before the reminder sweep failed")
    result = sweep(day=dt.date.fromisoformat(day) if day else None)
    logger.info("Reminder sweep %s", result.summary())
    if result.busy and not self.request.is_eager and self.request.retries < self.max_retries:
        raise self.retry(args=[result.day.isoformat()], countdown=RESWEEP_AFTER)
    return result.summary()
