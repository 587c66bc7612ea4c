"""The one service through which the portal notifies people: in the app, and by e-mail."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.queue import enqueue
from notifications import kinds
from notifications.models import EmailDelivery, Notification, Preference


@dataclass
class Message:
    """One notification to several people (see notify())."""

    recipients: Iterable
    kind: str
    title: str
    body: str = ""
    url: str = ""
    target: object = None
    # Instead of `target`, when only the type and id are at hand (bulk senders).
    target_type: ContentType | None = None
    target_id: int | None = None
    unit: object = None
    actor: object = None
    email: bool = True


# E-mails queued per task: one task per delivery is simplest to retry, but a sweep that notifies
# thousands of people would then put thousands of messages on the broker.
EMAIL_BATCH = 50


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
    message = Message(
        recipients=recipients, kind=kind, title=title, body=body, url=url, target=target, unit=unit, actor=actor, email=email
    )
    return notify_many([message])[0]


def _people(message: Message) -> list:
    seen = set()
    people = []
    actor = message.actor
    for person in message.recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        if actor is not None and person.pk == actor.pk:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def notify_many(messages: list[Message]) -> list[list[Notification]]:
    """notify() for many messages at once, in a fixed number of queries: one insert of all the
    notifications, one read of the e-mail preferences, one insert of the mail log; the e-mails are
    queued in batches after the transaction commits. Returns the notifications of each message."""
    rows: list[tuple[int, object, Notification]] = []
    for index, message in enumerate(messages):
        target = message.target
        target_type = ContentType.objects.get_for_model(target) if target is not None else message.target_type
        target_id = target.pk if target is not None else message.target_id
        for person in _people(message):
            notification = Notification(
                recipient=person,
                kind=message.kind,
                title=message.title[:300],
                body=message.body,
                url=message.url[:500],
                unit=message.unit,
                actor=message.actor,
                target_type=target_type,
                target_id=target_id,
            )
            rows.append((index, person, notification))
    result: list[list[Notification]] = [[] for _ in messages]
    if not rows:
        return result
    with transaction.atomic():
        created = Notification.objects.bulk_create([n for _, _, n in rows])
        for (index, _, _), notification in zip(rows, created, strict=True):
            result[index].append(notification)
        wanted = [(messages[index], person, n) for (index, person, _), n in zip(rows, created, strict=True)]
        wanted = [(p, n) for m, p, n in wanted if m.email and p.email]
        if not wanted:
            return result
        muted = set(
            Preference.objects.filter(
                user__in={p.pk for p, _ in wanted}, kind__in={n.kind for _, n in wanted}, email=False
            ).values_list("user_id", "kind")
        )
        deliveries = EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(notification=n, recipient=p, kind=n.kind, to=p.email, subject=n.title)
                for p, n in wanted
                if (p.pk, n.kind) not in muted
            ]
        )
        _queue_deliveries([d.pk for d in deliveries])
    return result


def _queue_deliveries(ids: list[int]) -> None:
    from notifications.tasks import send_email_deliveries, send_email_delivery

    for start in range(0, len(ids), EMAIL_BATCH):
        batch = ids[start : start + EMAIL_BATCH]
        if len(batch) == 1:
            enqueue(send_email_delivery, batch[0])
        else:
            enqueue(send_email_deliveries, batch)


# A delivery "sending" for longer than this belongs to a worker that died in the middle.
SENDING_STALE_AFTER = dt.timedelta(minutes=10)
# The periodic retry: e-mails whose task was lost (Redis restarted without persistence) or that
# failed and whose own retries ran out or were lost.
LOST_AFTER = dt.timedelta(minutes=15)
FAILED_RETRY_AFTER = dt.timedelta(hours=1)
MAX_ATTEMPTS = 6


def email_deliveries_send(*, delivery_ids: list[int]) -> tuple[list[int], list[tuple[int, Exception]]]:
    """Send logged e-mails in one batch: one transaction claims them, one read loads what they
    say, one mail-server connection sends them, one update marks them sent. Safe to call twice,
    also at the same time: a delivery already sent is skipped, and one another worker is sending
    is left to it (unless that claim is stale). Returns (sent ids, [(failed id, error)])."""
    from django.core.mail import get_connection
    from django.db.models import F
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    from core import mail

    now = timezone.now()
    with transaction.atomic():
        # of=self: PostgreSQL cannot lock the nullable side of an outer join.
        claimable = (
            EmailDelivery.objects.select_for_update(of=("self",))
            .filter(pk__in=delivery_ids)
            .filter(
                Q(status__in=[EmailDelivery.Status.QUEUED, EmailDelivery.Status.FAILED])
                | Q(status=EmailDelivery.Status.SENDING, last_attempt_at__lte=now - SENDING_STALE_AFTER)
                | Q(status=EmailDelivery.Status.SENDING, last_attempt_at__isnull=True)
            )
        )
        ids = list(claimable.values_list("pk", flat=True))
        if not ids:
            return [], []
        EmailDelivery.objects.filter(pk__in=ids).update(
            status=EmailDelivery.Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
    deliveries = list(
        EmailDelivery.objects.filter(pk__in=ids)
        .select_related("notification", "notification__recipient")
        .prefetch_related("notification__reminders__unit")
        .order_by("pk")
    )
    preferences_link = mail.absolute_url(reverse("notifications:preferences"))
    templates: dict[str, str] = {}
    sent, failed = [], []
    connection = get_connection()
    try:
        connection.open()  # one session with the mail server for the whole batch
    except Exception as exc:  # unreachable: every e-mail of the batch fails with this error
        failed = [(d.pk, exc) for d in deliveries]
        deliveries = []
    try:
        for delivery in deliveries:
            if delivery.kind not in templates:
                try:
                    get_template(f"emails/{delivery.kind}/subject.txt")
                    templates[delivery.kind] = delivery.kind
                except TemplateDoesNotExist:
                    templates[delivery.kind] = "notification"
            notification = delivery.notification
            context = {
                "notification": notification,
                # A reminder's e-mail lists the units it is about (reminders: Reminder.notifications).
                "reminders": sorted(notification.reminders.all(), key=lambda r: (r.unit.position, r.unit.code))
                if notification
                else [],
                "link": mail.absolute_url(notification.url) if notification and notification.url else "",
                "preferences_link": preferences_link,
            }
            try:
                mail.send_message(kind=templates[delivery.kind], to=[delivery.to], context=context, connection=connection)
            except Exception as exc:  # recorded in the mail log; the caller decides about retries
                failed.append((delivery.pk, exc))
            else:
                sent.append(delivery.pk)
    finally:
        connection.close()
    if sent:
        EmailDelivery.objects.filter(pk__in=sent).update(status=EmailDelivery.Status.SENT, sent_at=timezone.now(), error="")
    for pk, exc in failed:
        EmailDelivery.objects.filter(pk=pk).update(
            status=EmailDelivery.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
    return sent, failed


def email_delivery_send(*, delivery_id: int) -> EmailDelivery | None:
    """Send one logged e-mail (see email_deliveries_send); raises what the mail server raised."""
    _, failed = email_deliveries_send(delivery_ids=[delivery_id])
    if failed:
        raise failed[0][1]
    return EmailDelivery.objects.filter(pk=delivery_id).first()


def email_deliveries_retry(*, now=None, limit: int = 500) -> int:
    """Queue again the e-mails that are stuck: never tried for LOST_AFTER (their task was lost),
    "sending" for longer than SENDING_STALE_AFTER (the worker died), or failed with attempts left
    and no attempt for FAILED_RETRY_AFTER. Sending stays idempotent, so a copy that was not lost
    after all does no harm."""
    now = now or timezone.now()
    stuck = (
        EmailDelivery.objects.filter(
            Q(status=EmailDelivery.Status.QUEUED, last_attempt_at__isnull=True, created_at__lt=now - LOST_AFTER)
            | Q(status=EmailDelivery.Status.SENDING, last_attempt_at__lt=now - SENDING_STALE_AFTER)
            | Q(status=EmailDelivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS, last_attempt_at__lt=now - FAILED_RETRY_AFTER)
        )
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(stuck)
    _queue_deliveries(ids)
    return len(ids)


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
