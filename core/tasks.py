"""Thin Celery tasks: they take ids, call a service and own their retries. Every task here is
acknowledged late (settings: CELERY_TASK_ACKS_LATE, reject on worker lost), so a worker that dies
mid-task leaves the message to be delivered again; the services are safe to run twice."""

from celery import shared_task


@shared_task
def flush_outbox():
    from core.outbox import flush

    return flush()
