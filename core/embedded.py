"""The background process of the embedded default: `make run` starts it next to `runserver`.

Without Redis, web requests run their Celery tasks in-process (CELERY_TASK_ALWAYS_EAGER), and
nothing else would run the periodic jobs of core/schedules.py (the 07:00 reminder sweep, the
outbox flush, the e-mail retries, the 02:30 dashboard recount). This process runs them with the
same task code and the same schedules as production: `celery -A danvan worker --beat` (beat
embedded, django-celery-beat's DatabaseScheduler) on kombu's filesystem transport, a broker that
needs no server: each message is a file under var/celery/queue/.

It sets DANVAN_EMBEDDED_WORKER=1, which turns in-process execution off in this process only
(danvan/settings/dev.py). That matters: beat hands a due job to `task.apply_async`, which under
in-process execution would run it inside beat instead of queueing it for the worker.

    python -m core.embedded      # what `make run` starts; its log is var/celery/worker.log

One worker per var/ folder: var/celery/worker.pid is Celery's lock, a second `make run` on the
same folder serves the web only and says so.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"


def folder(var_dir: Path) -> Path:
    return Path(var_dir) / "celery"


def broker_options(var_dir: Path) -> dict:
    """Transport options of the filesystem broker; the web process and the worker share the folders."""
    root = folder(var_dir)
    queue, processed, control = root / "queue", root / "processed", root / "control"
    for path in (queue, processed, control):
        path.mkdir(parents=True, exist_ok=True)
    return {
        # Producers write where the consumer reads: one folder for both directions.
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "store_processed": False,
        "control_folder": str(control),
    }


def worker_argv(var_dir: Path) -> list[str]:
    """Arguments after `celery`: one process runs the tasks (solo pool), beat runs in a child."""
    root = folder(var_dir)
    return [
        "-A",
        "danvan",
        "worker",
        "--beat",
        "--scheduler",
        SCHEDULER,
        "-P",
        "solo",
        "-l",
        "info",
        "-n",
        "danvan-embedded@%h",
        # No broadcast traffic: a single worker has no one to talk to.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        f"--pidfile={root / 'worker.pid'}",
    ]


def running_pid(pidfile: Path) -> int | None:
    """The pid in Celery's pid file when that process is alive (the rule Celery applies itself)."""
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.dev")
    os.environ["DANVAN_EMBEDDED_WORKER"] = "1"
    from django.conf import settings

    if not str(settings.CELERY_BROKER_URL).startswith("filesystem://"):
        print(
            "REDIS_URL đã đặt: việc định kỳ chạy bằng `make worker` và `make beat`, không khởi động tiến trình nền nhúng.",  # vi-only
            file=sys.stderr,
        )
        return 0
    root = folder(settings.VAR_DIR)
    root.mkdir(parents=True, exist_ok=True)
    pid = running_pid(root / "worker.pid")
    if pid:
        print(
            f"Tiến trình nền (pid {pid}) của thư mục {settings.VAR_DIR} đang chạy: không khởi động thêm.",  # vi-only
            file=sys.stderr,
        )
        return 0
    print(
        f"Việc định kỳ (nhắc hạn 07:00, hàng đợi, gửi lại thư, số liệu 02:30): tiến trình nền pid {os.getpid()}, nhật ký {root / 'worker.log'}",  # vi-only
        file=sys.stderr,
    )
    log = os.open(root / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    # exec keeps the pid: the pid `make run` holds is the worker's own.
    os.execv(sys.executable, [sys.executable, "-m", "celery", *worker_argv(settings.VAR_DIR)])
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main())
