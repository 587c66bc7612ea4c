"""Thin Celery task: the nightly recomputation of the dashboards' summary rows."""

from celery import shared_task


@shared_task(acks_late=True)
def refresh_dashboards():
    from dashboards.figures import flush_pending, refresh_all

    flush_pending()
    return refresh_all()
