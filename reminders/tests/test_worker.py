"""End to end on the real Redis with a real Celery worker (CI runs it: PostgreSQL + REDIS_URL).

The test queues the sweep for real (not eager), a `celery -A danvan worker` subprocess started
here takes it from Redis, runs it against the test database, and queues and sends the e-mails
itself; the test then reads the Reminder rows and the mail log."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS_DB = 13  # a Redis database of its own, emptied before the test


def _redis_url() -> str:
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return base.rsplit("/", 1)[0] + f"/{REDIS_DB}"


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def redis_url():
    if connection.vendor != "postgresql":
        pytest.skip("the worker must share the test database: SQLite in memory cannot be shared; CI runs this on PostgreSQL")
    import redis

    url = _redis_url()
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.flushdb()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis is not reachable at {url}: {exc}")
    return url


@pytest.fixture
def worker(redis_url, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings.dev",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "DANVAN_VAR_DIR": str(tmp_path),
        "PORTAL_BASE_URL": "http://cong.mttq-tuyenquang.local",
    }
    env.pop("EMAIL_HOST", None)
    log = tmp_path / "worker.log"
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "danvan",
            "worker",
            "-P",
            "solo",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"reminders-test-{os.getpid()}@%h",
            f"--logfile={log}",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    yield {"process": process, "log": log, "mail_dir": tmp_path / "mail"}
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _wait(condition, timeout=30.0, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if worker is not None and worker["process"].poll() is not None:
            break
        time.sleep(0.25)
    log = worker["log"].read_text(errors="replace")[-3000:] if worker and worker["log"].exists() else ""
    pytest.fail(f"timed out waiting for the worker; its log ends with:\n{log}")


def test_the_sweep_queued_on_redis_runs_in_a_real_worker_and_mails_the_six_districts(
    six_month, submit, worker, redis_url, settings
):
    from danvan.celery import app
    from notifications.models import EmailDelivery
    from reminders.models import Reminder
    from reminders.tasks import send_reminders

    submit(six_month, "076")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False

    def queue_sweep():
        with app.connection_for_write(redis_url) as conn:
            send_reminders.apply_async(args=["2020-06-07"], connection=conn, retry=False)

    started = time.monotonic()
    try:
        queue_sweep()
        _wait(lambda: Reminder.objects.filter(status="sent").count() == 6, worker=worker)
        _wait(lambda: EmailDelivery.objects.filter(status="sent").count() == 6, worker=worker)
        assert sorted(Reminder.objects.values_list("unit__code", flat=True)) == ["070", "071", "072", "073", "074", "075"]
        assert set(Reminder.objects.values_list("step", "swept_on__day")) == {(-3, 7)}
        text = "\n".join(f.read_text() for f in worker["mail_dir"].glob("*.log"))
        assert "nahang@mttq-tuyenquang.local" in text and "tinh@mttq-tuyenquang.local" not in text
        assert "http://cong.mttq-tuyenquang.local/bao-cao/" in text
        # The same sweep queued again finds every step sent and sends nothing.
        queue_sweep()
        _wait(lambda: worker["log"].read_text().count("Reminder sweep") == 2, worker=worker)
        assert "'sent': 0" in worker["log"].read_text()
        assert Reminder.objects.count() == 6 and EmailDelivery.objects.count() == 6
    finally:
        app.conf.task_always_eager = True
    assert time.monotonic() - started < 30
