"""Thin Celery tasks: they take ids, call a service and own their retries. Every task here is
acknowledged late (settings: CELERY_TASK_ACKS_LATE, reject on worker lost), so a worker that dies
mid-task leaves the message to be delivered again; the services are safe to run twice."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=6, acks_late=True)
def send_email_delivery(self, delivery_id: int):
    from notifications.services import email_delivery_send

    try:
        email_delivery_send(delivery_id=delivery_id)
    except OSError as exc:
        if self.request.is_eager:
            return None  # recorded as failed in the mail log; the request goes on
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    return delivery_id


@shared_task(bind=True, max_retries=6, acks_late=True)
def send_email_deliveries(self, delivery_ids: list[int]):
    """A batch of logged e-mails (bulk notifications); only those the mail server refused for a
    network reason are retried, the others stay "failed" in the mail log with their error."""
    from notifications.services import email_deliveries_send

    sent, failed = email_deliveries_send(delivery_ids=delivery_ids)
    for pk, exc in failed:
        if not isinstance(exc, OSError):
            logger.error("E-mail %s failed: %s", pk, exc)
    again = [pk for pk, exc in failed if isinstance(exc, OSError)]
    if again and not self.request.is_eager:
        raise self.retry(args=[again], exc=failed[0][1], countdown=60 * 2**self.request.retries)
    return len(sent)


@shared_task
def retry_email_deliveries():
    from notifications.services import email_deliveries_retry

    return email_deliveries_retry()
