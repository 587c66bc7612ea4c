from celery import shared_task

from . import mail


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_account_invitation(self, user_id: int):
    try:
        return mail.send_account_invitation(user_id=user_id)
    except OSError as exc:  # SMTP unreachable: try again later
        raise self.retry(exc=exc) from exc


@shared_task(bind=True, max_retries=5, default_retry_delay=120, acks_late=True)
def send_notification_email(self, notification_id: int):
    from .models import Notification

    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or not notification.recipient.email:
        return 0
    try:
        return mail.send_message(
            kind="notification",
            to=[notification.recipient.email],
            context={"notification": notification, "link": mail.absolute_url(notification.url) if notification.url else ""},
        )
    except OSError as exc:
        raise self.retry(exc=exc) from exc
