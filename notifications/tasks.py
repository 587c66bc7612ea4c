"""Thin Celery tasks: they take ids, call a service and own their retries. Every task here is
acknowledged late (settings: CELERY_TASK_ACKS_LATE, reject on worker lost), so a worker that dies
mid-task leaves the message to be delivered again; the services are safe to run twice."""

import datetime as dt
import logging

from celery import shared_task

from . import mail

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_account_invitation(self, user_id: int):
    try:
        return mail.send_account_invitation(user_id=user_id)
    except OSError as exc:  # SMTP unreachable: try again later
        raise self.retry(exc=exc) from exc


@shared_task(bind=True, max_retries=6, acks_late=True)
def send_email_delivery(self, delivery_id: int):
    from .services import email_delivery_send

    try:
        email_delivery_send(delivery_id=delivery_id)
    except OSError as exc:
        if self.request.is_eager:
            return None  # recorded as failed in the mail log; the request goes on
        raise self.retry(exc=exc, countdown=60 * 2 ** self.request.retries) from exc
    return delivery_id


@shared_task(bind=True, max_retries=6, acks_late=True)
def send_email_deliveries(self, delivery_ids: list[int]):
    """A batch of logged e-mails (bulk notifications); only those the mail server refused for a
    network reason are retried, the others stay "failed" in the mail log with their error."""
    from .services import email_deliveries_send

    sent, failed = email_deliveries_send(delivery_ids=delivery_ids)
    for pk, exc in failed:
        if not isinstance(exc, OSError):
            logger.error("E-mail %s failed: %s", pk, exc)
    again = [pk for pk, exc in failed if isinstance(exc, OSError)]
    if again and not self.request.is_eager:
        raise self.retry(args=[again], exc=failed[0][1], countdown=60 * 2 ** self.request.retries)
    return len(sent)


@shared_task
def flush_outbox():
    from .outbox import flush

    return flush()


@shared_task
def retry_email_deliveries():
    from .services import email_deliveries_retry

    return email_deliveries_retry()


# A sweep that found steps claimed by another, unfinished sweep runs again once those claims
# would be stale, so a worker that died in the middle is made good the same morning.
RESWEEP_AFTER = 6 * 60


@shared_task(bind=True, acks_late=True, max_retries=3)
def send_reminders(self, day: str | None = None):
    """The daily sweep (scheduled at 07:00 Asia/Ho_Chi_Minh in core/schedules.py)."""
    from .outbox import flush
    from .reminders.sweep import sweep

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
