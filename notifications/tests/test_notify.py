"""notify(): in-app notifications, e-mail per preference, the mail log, the outbox."""

from unittest import mock

import pytest
from django.core import mail
from kombu.exceptions import OperationalError

from core.models import OutboxItem
from notifications import services
from notifications.models import EmailDelivery, Notification, Preference


@pytest.fixture
def people(world):
    return world.users


def test_notify_creates_one_notification_per_person_and_mails_them(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify(
            recipients=[people["sonduong"], people["nahang"], people["sonduong"]],
            kind="general",
            title="Đề nghị gửi báo cáo sơ kết",
            url="/bao-cao/",
            actor=people["tinh"],
        )
    assert len(created) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["nahang@mttq-tuyenquang.local", "sonduong@mttq-tuyenquang.local"]
    assert "Đề nghị gửi báo cáo sơ kết" in mail.outbox[0].subject
    assert "http://127.0.0.1:8000/bao-cao/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert EmailDelivery.objects.filter(status="sent").count() == 2


def test_the_actor_is_not_notified_of_their_own_action(people):
    assert services.notify(recipients=[people["tinh"]], kind="general", title="x", actor=people["tinh"]) == []


def test_email_preference_off_keeps_the_in_app_notification(people, django_capture_on_commit_callbacks):
    Preference.objects.create(user=people["nahang"], kind="general", email=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[people["nahang"]], kind="general", title="Thử")
    assert Notification.objects.filter(recipient=people["nahang"]).count() == 1
    assert mail.outbox == [] and EmailDelivery.objects.count() == 0


def test_a_delivery_sent_twice_is_mailed_once(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[people["nahang"]], kind="general", title="Thử")
    delivery = EmailDelivery.objects.get()
    services.email_delivery_send(delivery_id=delivery.pk)
    assert len(mail.outbox) == 1


def test_smtp_failure_is_logged_with_the_error(people, django_capture_on_commit_callbacks, settings):
    failing = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("Connection refused"))
    with failing, django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[people["nahang"]], kind="general", title="Thử")
    delivery = EmailDelivery.objects.get()
    assert delivery.status == "failed" and "Connection refused" in delivery.error
    assert Notification.objects.filter(recipient=people["nahang"]).count() == 1


def test_when_the_broker_is_down_the_work_waits_in_the_outbox(people, django_capture_on_commit_callbacks, celery_broker_mode):
    from notifications.tasks import send_email_delivery

    broker_down = mock.patch.object(
        send_email_delivery, "apply_async", side_effect=OperationalError("Error 111 connecting to 127.0.0.1:6379")
    )
    with broker_down, celery_broker_mode(), django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[people["nahang"]], kind="general", title="Thử")
    item = OutboxItem.objects.get()
    assert item.task_name == "notifications.tasks.send_email_delivery" and "6379" in item.error
    assert mail.outbox == []
    from core.outbox import flush

    assert flush() == (1, 0)
    assert len(mail.outbox) == 1
    assert flush() == (0, 0)


def test_outbox_flush_finds_tasks_outside_a_worker():
    """A cron job or a shell has not autodiscovered the apps' tasks: flush imports the task's module."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup(); from celery import current_app; from core.outbox import _task; "
        "name = 'notifications.tasks.send_email_deliveries'; print(name in current_app.tasks, _task(current_app, name).name)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "danvan.settings.test", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["False", "notifications.tasks.send_email_deliveries"], out.stderr
