"""The Celery application. Periodic schedules live in core/schedules.py (one place, one time zone)."""

import os

from celery import Celery
from celery.signals import beat_embedded_init, beat_init, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.dev")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _sync_schedules(sender=None, **kwargs):
    """Beat starts with every schedule of core/schedules.py present (missing ones are created;
    entries an administrator edited are left as they are)."""
    from core.schedules import sync_schedules

    sync_schedules()


@beat_embedded_init.connect
def _end_with_the_worker(sender=None, **kwargs):
    """Beat embedded in a worker (`worker --beat`, the embedded default of `make run`) runs in a
    child process: it ends when the worker ends, even one killed without a chance to stop it."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@worker_shutdown.connect
def _wait_for_embedded_beat(sender=None, **kwargs):
    """Celery asks the embedded beat process to stop but does not wait for it: wait here (a few
    seconds at most), so the worker's exit means both processes are gone."""
    beat = getattr(sender, "beat", None)
    if beat is not None and hasattr(beat, "join") and getattr(beat, "pid", None):
        beat.join(timeout=10)
