"""Safe to run twice: two sweeps at once, a worker that dies after claiming, Redis down."""

import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, connections
from kombu.exceptions import OperationalError

from core.models import OutboxItem
from notifications.models import Notification
from reminders.models import Reminder
from reminders.sweep import Sweep, sweep


def test_two_interleaved_sweeps_send_each_reminder_once(six_month, submit, at):
    submit(six_month, "076")
    at(2020, 6, 7)
    first, second = Sweep(), Sweep()
    due_first, due_second = first.due(), second.due()
    assert len(due_first) == len(due_second) == 6  # both saw the same work
    owned_first = first.claim(due_first)
    owned_second = second.claim(due_second)  # every insert hits the unique key
    assert len(owned_first) == 6 and owned_second == []
    second.send(owned_second)
    first.send(owned_first)
    assert Notification.objects.count() == 6
    assert Reminder.objects.filter(status="sent").count() == 6


def test_a_sweep_that_starts_while_another_is_sending_leaves_its_claims_alone(six_month, at):
    at(2020, 6, 7)
    first = Sweep()
    owned = first.claim(first.due())
    late = sweep()  # the claims are fresh: someone is on them
    assert late.total == 0 and late.busy == 7
    first.send(owned)
    assert Notification.objects.count() == 7


def test_a_claim_left_by_a_dead_worker_is_sent_by_a_later_sweep_once(six_month, at):
    at(2020, 6, 7, 7, 0)
    dead = Sweep()
    dead.claim(dead.due())  # the worker dies here: claimed, nobody notified
    assert Reminder.objects.filter(status="claimed").count() == 7
    at(2020, 6, 7, 7, 3)
    assert sweep().busy == 7  # not stale yet
    at(2020, 6, 7, 7, 6)
    result = sweep()
    assert result.total == 7
    assert Notification.objects.count() == 7
    assert set(Reminder.objects.values_list("status", "attempts")) == {("sent", 2)}
    at(2020, 6, 7, 7, 20)
    assert sweep().total == 0


def test_a_slow_worker_whose_claim_was_taken_over_does_not_send_again(six_month, at):
    at(2020, 6, 7, 7, 0)
    slow = Sweep()
    owned = slow.claim(slow.due())
    at(2020, 6, 7, 7, 10)
    assert sweep().total == 7
    slow.send(owned)  # wakes up after its claims were taken over
    assert Notification.objects.count() == 7
    assert slow.result.total == 0


def test_a_stale_claim_of_an_earlier_step_is_superseded_not_sent(six_month, at):
    at(2020, 6, 7)
    dead = Sweep()
    dead.claim(dead.due())
    at(2020, 6, 9)
    result = sweep()
    assert {line.step for line in result.lines} == {-1} and result.superseded == 7
    assert set(Reminder.objects.filter(step=-3).values_list("status", flat=True)) == {"superseded"}
    assert Notification.objects.count() == 7


def test_when_redis_is_down_the_reminders_are_kept_and_mailed_later(
    six_month, at, django_capture_on_commit_callbacks, celery_broker_mode
):
    from core.outbox import flush
    from notifications.tasks import send_email_deliveries

    at(2020, 6, 7)
    down = mock.patch.object(
        send_email_deliveries, "apply_async", side_effect=OperationalError("Error 111 connecting to 127.0.0.1:6379")
    )
    with down, celery_broker_mode(), django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert result.total == 7
    assert Notification.objects.count() == 7  # in the app at once
    assert mail.outbox == []
    item = OutboxItem.objects.get()
    assert item.task_name == "notifications.tasks.send_email_deliveries" and len(item.args[0]) == 7
    assert flush() == (1, 0)
    assert len(mail.outbox) == 7


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_in_two_threads_at_once_send_each_reminder_once(six_month, at):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in memory serialises writers; the interleaved test above covers the logic, PostgreSQL runs this one")
    at(2020, 6, 7)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(sweep())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sum(r.total for r in results) == 7
    assert Notification.objects.count() == 7
    assert Reminder.objects.filter(status="sent").count() == 7
