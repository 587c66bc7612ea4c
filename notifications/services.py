"""The one service through which the portal notifies people: in the app, and by e-mail."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from danvan.queue import enqueue

from . import kinds
from .models import EmailDelivery, Notification, Preference


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
    the e-mails of those who want them, after the transaction commits."""
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
            muted = set(
                Preference.objects.filter(user__in=[p.pk for p in people], kind=kind, email=False).values_list("user_id", flat=True)
            )
            deliveries = EmailDelivery.objects.bulk_create(
                [
                    EmailDelivery(notification=n, recipient=p, kind=kind, to=p.email, subject=n.title)
                    for n, p in zip(created, people, strict=True)
                    if p.email and p.pk not in muted
                ]
            )
            from .tasks import send_email_delivery

            for delivery in deliveries:
                enqueue(send_email_delivery, delivery.pk)
    return created


def email_delivery_send(*, delivery_id: int) -> EmailDelivery | None:
    """Send one logged e-mail; a delivery already sent is not sent again (a task run twice)."""
    from . import mail

    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update()
            .select_related("notification", "notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status == EmailDelivery.Status.SENT:
            return delivery
        EmailDelivery.objects.filter(pk=delivery.pk).update(attempts=delivery.attempts + 1)
    notification = delivery.notification
    template = f"emails/{delivery.kind}/subject.txt"
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(template)
        kind = delivery.kind
    except TemplateDoesNotExist:
        kind = "notification"
    context = {
        "notification": notification,
        "link": mail.absolute_url(notification.url) if notification and notification.url else "",
    }
    try:
        mail.send_message(kind=kind, to=[delivery.to], context=context)
    except Exception as exc:
        EmailDelivery.objects.filter(pk=delivery.pk).update(status=EmailDelivery.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=EmailDelivery.Status.SENT, sent_at=timezone.now(), error="")
    delivery.refresh_from_db()
    return delivery


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(user) -> list[tuple[str, str, bool]]:
    """(kind, label, e-mail on?) for every registered kind."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "email"))
    return [(code, label, chosen.get(code, True)) for code, label in sorted(kinds.all_kinds().items(), key=lambda kv: kv[1])]


def preferences_save(*, user, email_kinds: set[str]) -> None:
    with transaction.atomic():
        for code in kinds.all_kinds():
            Preference.objects.update_or_create(user=user, kind=code, defaults={"email": code in email_kinds})
