"""The embedded default keeps time: under `make run` (no Redis) the periodic jobs of
core/schedules.py run by themselves, through the background process of core/embedded.py (a Celery
worker with beat embedded, django-celery-beat's DatabaseScheduler, kombu's filesystem broker).

Two proofs that need no waiting until 07:00: beat's own scheduler asked at 06:59 and at 07:00:30
Vietnam time (in-process, frozen clock), and the real background process started on a fresh SQLite
database in a temporary var/ folder, with jobs that are already due, until the tasks have run
through the broker, the outbox was flushed and the e-mail written under var/mail."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parents[2]
VIETNAM = dt.timezone(dt.timedelta(hours=7))
SWEEP = "reminders.tasks.send_reminders"
FLUSH = "core.tasks.flush_outbox"


def _tasks_beat_sends(app, when) -> list[str]:
    """What a fresh DatabaseScheduler (as `celery beat` starts it) sends at `when`."""
    import time_machine
    from django_celery_beat.schedulers import DatabaseScheduler

    sent = []
    with time_machine.travel(when, tick=False):
        scheduler = DatabaseScheduler(app=app)
        # Recorded where beat hands a due entry to the broker.
        with mock.patch.object(scheduler, "apply_async", side_effect=lambda entry, *a, **k: sent.append(entry.task)):
            for _ in range(10):
                if scheduler.tick() > 0:
                    break
    return sent


# Transactional: beat's scheduler closes old database connections (django-celery-beat), which on
# PostgreSQL would end the test's own transaction.
@pytest.mark.django_db(transaction=True)
def test_beat_sends_the_reminder_sweep_at_seven_in_the_morning_vietnam_time():
    pytest.importorskip("time_machine")
    from django_celery_beat.models import PeriodicTask

    from core.schedules import sync_schedules
    from danvan.celery import app

    sync_schedules()
    PeriodicTask.objects.filter(task=SWEEP).update(last_run_at=dt.datetime(2020, 6, 6, 7, 0, 5, tzinfo=VIETNAM))
    assert SWEEP not in _tasks_beat_sends(app, dt.datetime(2020, 6, 7, 6, 59, tzinfo=VIETNAM))
    assert SWEEP in _tasks_beat_sends(app, dt.datetime(2020, 6, 7, 7, 0, 30, tzinfo=VIETNAM))


# --- the real background process --------------------------------------------------------------

SETUP = """
import datetime as dt
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from accounts.models import User
from core.models import OutboxItem

# The outbox flush (every 5 minutes) last ran 10 minutes ago: due as soon as beat starts.
flush = PeriodicTask.objects.get(task="core.tasks.flush_outbox")
flush.last_run_at = timezone.now() - dt.timedelta(minutes=10)
flush.save()
# The sweep, as an administrator would set it for a trial: every minute, last run 2 minutes ago.
sweep = PeriodicTask.objects.get(task="reminders.tasks.send_reminders")
sweep.crontab, _ = CrontabSchedule.objects.get_or_create(minute="*", hour="*", timezone="Asia/Ho_Chi_Minh")
sweep.last_run_at = timezone.now() - dt.timedelta(minutes=2)
sweep.save()
# Work that waited in the outbox: an invitation e-mail.
user = User.objects.create_user(username="binh.nv", email="binh@mttq-tuyenquang.local", password="khong-dung-0123")
OutboxItem.objects.create(task_name="accounts.tasks.send_account_invitation", args=[user.pk], kwargs={})
print("ready")
"""


def _env(var_dir: Path) -> dict:
    drop = {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "MEDIA_ROOT", "DJANGO_ALLOW_ASYNC_UNSAFE", "DANVAN_EMBEDDED_WORKER"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="danvan.settings.dev",
        DANVAN_VAR_DIR=str(var_dir),
        PORTAL_BASE_URL="http://127.0.0.1:8765",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(args, env, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def embedded_var(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc to check that the beat process ends with the worker")
    pytest.importorskip("kombu.transport.filesystem")
    pytest.importorskip("django_celery_beat")
    env = _env(tmp_path)
    _manage(["migrate", "--noinput", "-v", "0"], env)
    assert "ready" in _manage(["shell", "--no-imports", "-c", SETUP], env)
    return tmp_path, env


def test_the_background_process_of_make_run_runs_the_due_jobs_through_the_file_broker(embedded_var):
    var_dir, env = embedded_var
    log = var_dir / "celery" / "worker.log"
    started = time.monotonic()
    # Exactly what `make run` starts (the module execs celery: this pid is the worker's).
    process = subprocess.Popen(
        [sys.executable, "-m", "core.embedded"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    database = sqlite3.connect(var_dir / "danvan.sqlite3", timeout=20)

    def text():
        return log.read_text(errors="replace") if log.exists() else ""

    def outbox_flushed():
        return database.execute("SELECT COUNT(*) FROM core_outboxitem WHERE sent_at IS NULL").fetchone()[0] == 0

    def mail():
        return "\n".join(p.read_text(errors="replace") for p in (var_dir / "mail").glob("*.log"))

    def done():
        t = text()
        return (
            f"Task {FLUSH}[" in t
            and " succeeded in " in t
            and "Reminder sweep" in t
            and "Task accounts.tasks.send_account_invitation[" in t
            and outbox_flushed()
            and "binh@mttq-tuyenquang.local" in mail()
        )

    try:
        while time.monotonic() - started < 45 and process.poll() is None and not done():
            time.sleep(0.3)
        assert process.poll() is None, f"the worker stopped:\n{text()[-3000:]}"
        assert done(), f"the due jobs did not run; the worker's log ends with:\n{text()[-3000:]}"
        beat = _children(process.pid)
    finally:
        database.close()
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate(timeout=5)
    t = text()
    # Beat handed the jobs to the broker, the worker took them from it (not run inside beat).
    assert f"Scheduler: Sending due task Đưa lại vào hàng đợi các việc chờ (5 phút) ({FLUSH})" in t
    assert f"Scheduler: Sending due task Nhắc hạn báo cáo và nhiệm vụ (hằng ngày 07:00) ({SWEEP})" in t
    assert f"Task {FLUSH}[" in t and " received" in t and "filesystem://" in t
    # The invitation's link is the address the portal is served on (PORTAL_BASE_URL).
    assert "http://127.0.0.1:8765/tai-khoan/dat-mat-khau/" in mail()
    assert "tiến trình nền pid" in output
    # Stopped cleanly: the worker, its beat child and the pid file are gone.
    assert process.returncode == 0, t[-3000:]
    assert beat and not any(_alive(pid) for pid in beat)
    assert not (var_dir / "celery" / "worker.pid").exists()
    assert time.monotonic() - started < 60
