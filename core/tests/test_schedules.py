"""core/schedules.py: the periodic jobs exist in django-celery-beat with their time zone, and an
administrator's edits survive every later sync."""

from django_celery_beat.models import CrontabSchedule, PeriodicTask

from core.schedules import SCHEDULES, sync_schedules


def test_sync_creates_the_missing_schedules_once(db):
    PeriodicTask.objects.all().delete()
    assert sync_schedules() == len(SCHEDULES) == 4
    assert sync_schedules() == 0
    sweep = PeriodicTask.objects.get(task="reminders.tasks.send_reminders")
    assert (sweep.crontab.minute, sweep.crontab.hour, str(sweep.crontab.timezone)) == ("0", "7", "Asia/Ho_Chi_Minh")
    assert sweep.enabled
    outbox = PeriodicTask.objects.get(task="core.tasks.flush_outbox")
    assert (outbox.interval.every, outbox.interval.period) == (5, "minutes")
    assert PeriodicTask.objects.filter(task="notifications.tasks.retry_email_deliveries").exists()
    nightly = PeriodicTask.objects.get(task="dashboards.tasks.refresh_dashboards")
    assert (nightly.crontab.minute, nightly.crontab.hour) == ("30", "2")


def test_an_administrators_edit_is_never_overwritten(db):
    PeriodicTask.objects.all().delete()
    sync_schedules()
    sweep = PeriodicTask.objects.get(task="reminders.tasks.send_reminders")
    sweep.name = "Nhắc hạn lúc 6 giờ 30"
    sweep.crontab, _ = CrontabSchedule.objects.get_or_create(minute="30", hour="6", timezone="Asia/Ho_Chi_Minh")
    sweep.save()
    PeriodicTask.objects.filter(task="core.tasks.flush_outbox").update(enabled=False)
    assert sync_schedules() == 0
    sweep.refresh_from_db()
    assert (sweep.name, sweep.crontab.hour, sweep.crontab.minute) == ("Nhắc hạn lúc 6 giờ 30", "6", "30")
    assert PeriodicTask.objects.filter(task="reminders.tasks.send_reminders").count() == 1
    assert PeriodicTask.objects.get(task="core.tasks.flush_outbox").enabled is False


def test_migrate_puts_the_schedules_in_place(db):
    from django.core.management import call_command

    PeriodicTask.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= {s.task for s in SCHEDULES}
