"""The Celery application. Periodic schedules live in danvan/schedules.py (one place, one time zone)."""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.dev")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _sync_schedules(sender=None, **kwargs):
    """Beat starts with every schedule of danvan/schedules.py present (missing ones are created;
    entries an administrator edited are left as they are)."""
    from core.schedules import sync_schedules

    sync_schedules()
