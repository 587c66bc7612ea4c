"""The one service through which the portal notifies people: in the app, and by e-mail."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from danvan.queue import enqueue

from .models import Notification


def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target=None,
    unit=None,
    actor=None,
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct active recipient (never the actor themself) and queue
    their e-mails after the transaction commits."""
    seen = set()
    people = []
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        if actor is not None and person.pk == actor.pk:
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person, kind=kind, title=title[:300], body=body, url=url[:500], unit=unit, actor=actor,
                    target_type=target_type, target_id=target.pk if target is not None else None,
                )
                for person in people
            ]
        )
        if email:
            from .tasks import send_notification_email

            for notification, person in zip(created, people, strict=True):
                if person.email:
                    enqueue(send_notification_email, notification.pk)
    return created


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
