from celery import shared_task

from accounts import mail


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_account_invitation(self, user_id: int):
    try:
        return mail.send_account_invitation(user_id=user_id)
    except OSError as exc:  # SMTP unreachable: try again later
        raise self.retry(exc=exc) from exc


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_password_reset(self, user_id: int):
    try:
        return mail.send_password_reset(user_id=user_id)
    except OSError as exc:  # SMTP unreachable: try again later
        raise self.retry(exc=exc) from exc
