"""Work that could not reach the broker is written here and queued again by `flush_outbox`
(every 5 minutes, core/schedules.py, and before each reminder sweep). Nothing is lost, and the
person whose request made the work is told it will be done later (middleware.py)."""

import contextvars
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

# What the broker refused during the current request (None outside a request).
_delayed: contextvars.ContextVar = contextvars.ContextVar("danvan_delayed_work", default=None)

# What a person would call each kind of background work.
LABELS = {
    "notifications.tasks.send_email_delivery": "gửi e-mail thông báo",
    "notifications.tasks.send_email_deliveries": "gửi e-mail thông báo",
    "accounts.tasks.send_account_invitation": "gửi e-mail mời đặt mật khẩu",
    "reminders.tasks.send_reminders": "gửi nhắc hạn",
    "documents.tasks.render_document": "tạo tệp PDF",
}


def describe(task_names) -> str:
    labels = []
    for name in task_names:
        label = LABELS.get(name, "một việc chạy nền")
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def delay_message(task_names) -> str:
    return (
        f"Đã lưu. Hệ thống hàng đợi đang tạm ngừng nên việc {describe(task_names)} sẽ được thực hiện sau, "
        "khi hệ thống hoạt động trở lại. Bạn không cần làm lại."
    )


def start_collecting(request=None):
    return _delayed.set({"request": request, "tasks": []})


def collected() -> list[str]:
    bucket = _delayed.get()
    return list(bucket["tasks"]) if bucket else []


def stop_collecting(token) -> None:
    _delayed.reset(token)


def keep_for_later(task_name: str, args: list, kwargs: dict, error: str) -> None:
    from core.models import OutboxItem

    OutboxItem.objects.create(task_name=task_name, args=args, kwargs=kwargs, error=error[:2000])
    bucket = _delayed.get()
    if bucket is None:
        return
    bucket["tasks"].append(task_name)
    request = bucket["request"]
    # Said once per request, as soon as it happens, so a page rendered after the save shows it too.
    if len(bucket["tasks"]) == 1 and request is not None and hasattr(request, "_messages"):
        from django.contrib import messages

        messages.warning(request, delay_message([task_name]))


def _task(app, name: str):
    """The registered task; its module is imported first, since outside a worker (cron, a shell)
    Celery has not autodiscovered the apps' tasks."""
    import importlib

    if name not in app.tasks:
        importlib.import_module(name.rsplit(".", 1)[0])
    return app.tasks[name]


def flush(limit: int = 500) -> tuple[int, int]:
    """Queue pending items; (queued, still pending). Safe to run in several processes: each item
    is claimed by a conditional UPDATE before it is sent."""
    from celery import current_app

    from core.models import OutboxItem

    queued = 0
    pending = list(OutboxItem.objects.filter(sent_at__isnull=True).order_by("created_at", "id")[:limit])
    for item in pending:
        claimed = OutboxItem.objects.filter(pk=item.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        if not claimed:
            continue
        try:
            task = _task(current_app, item.task_name)
        except (ImportError, KeyError) as exc:
            OutboxItem.objects.filter(pk=item.pk).update(sent_at=None, attempts=item.attempts + 1, error=f"unknown task: {exc}")
            logger.error("Outbox: task %s cannot be found: %s", item.task_name, exc)
            continue
        try:
            task.apply_async(args=item.args, kwargs=item.kwargs, retry=False)
        except Exception as exc:  # still down: release the claim and keep it
            OutboxItem.objects.filter(pk=item.pk).update(sent_at=None, attempts=item.attempts + 1, error=str(exc)[:2000])
            logger.warning("Outbox: %s still cannot be queued: %s", item.task_name, exc)
            break
        queued += 1
    remaining = OutboxItem.objects.filter(sent_at__isnull=True).count()
    return queued, remaining
