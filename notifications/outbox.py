"""Work that could not reach the broker is written here and queued again by `flush_outbox`."""

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def keep_for_later(task_name: str, args: list, kwargs: dict, error: str) -> None:
    from .models import OutboxItem

    OutboxItem.objects.create(task_name=task_name, args=args, kwargs=kwargs, error=error[:2000])


def flush(limit: int = 500) -> tuple[int, int]:
    """Queue pending items; (queued, still pending). Safe to run in several processes: each item
    is claimed by a conditional UPDATE before it is sent."""
    from celery import current_app

    from .models import OutboxItem

    queued = 0
    pending = list(OutboxItem.objects.filter(sent_at__isnull=True).order_by("created_at", "id")[:limit])
    for item in pending:
        claimed = OutboxItem.objects.filter(pk=item.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        if not claimed:
            continue
        try:
            current_app.tasks[item.task_name].apply_async(args=item.args, kwargs=item.kwargs, retry=False)
        except Exception as exc:  # still down: release the claim and keep it
            OutboxItem.objects.filter(pk=item.pk).update(sent_at=None, attempts=item.attempts + 1, error=str(exc)[:2000])
            logger.warning("Outbox: %s still cannot be queued: %s", item.task_name, exc)
            break
        queued += 1
    remaining = OutboxItem.objects.filter(sent_at__isnull=True).count()
    return queued, remaining
