from celery import shared_task

from . import mail


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


@shared_task
def flush_outbox():
    from .outbox import flush

    return flush()
