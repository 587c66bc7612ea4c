"""E-mails are never lost and never sent twice: a claimed send, the periodic retry of stuck ones."""

import datetime as dt
from unittest import mock

from django.core import mail
from django.utils import timezone

from notifications import services
from notifications.models import EmailDelivery


def _delivery(world, **fields):
    n = services.notify(recipients=[world.users["nahang"]], kind="general", title="Thử", email=False)[0]
    return EmailDelivery.objects.create(
        notification=n, recipient=world.users["nahang"], kind="general", to="nahang@mttq-tuyenquang.local", **fields
    )


def test_a_delivery_another_worker_is_sending_is_left_to_it(world):
    d = _delivery(world, status="sending", last_attempt_at=timezone.now(), attempts=1)
    services.email_delivery_send(delivery_id=d.pk)
    assert mail.outbox == []
    EmailDelivery.objects.filter(pk=d.pk).update(last_attempt_at=timezone.now() - dt.timedelta(minutes=11))
    services.email_delivery_send(delivery_id=d.pk)  # that worker died: take over
    assert len(mail.outbox) == 1
    d.refresh_from_db()
    assert (d.status, d.attempts) == ("sent", 2)


def test_the_periodic_retry_queues_lost_stuck_and_failed_deliveries_only(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    lost = _delivery(world)
    EmailDelivery.objects.filter(pk=lost.pk).update(created_at=now - dt.timedelta(minutes=20))
    fresh = _delivery(world)  # its task is probably still in the queue
    stuck = _delivery(world, status="sending", attempts=1, last_attempt_at=now - dt.timedelta(minutes=30))
    failed = _delivery(world, status="failed", attempts=2, last_attempt_at=now - dt.timedelta(hours=2), error="OSError")
    failed_recently = _delivery(world, status="failed", attempts=2, last_attempt_at=now - dt.timedelta(minutes=5))
    given_up = _delivery(world, status="failed", attempts=6, last_attempt_at=now - dt.timedelta(hours=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_deliveries_retry() == 3
    status = dict(EmailDelivery.objects.values_list("pk", "status"))
    assert status[lost.pk] == status[stuck.pk] == status[failed.pk] == "sent"
    assert status[fresh.pk] == "queued"
    assert status[failed_recently.pk] == status[given_up.pk] == "failed"
    assert len(mail.outbox) == 3


def test_a_batch_with_one_failing_address_sends_the_others(world, django_capture_on_commit_callbacks):
    from notifications.tasks import send_email_deliveries

    ids = [_delivery(world).pk for _ in range(3)]
    real_send = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(message, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("Connection refused")
        return real_send(message, *args, **kwargs)

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", flaky):
        assert send_email_deliveries.apply(args=[ids]).get() == 2
    assert sorted(EmailDelivery.objects.filter(pk__in=ids).values_list("status", flat=True)) == ["failed", "sent", "sent"]
