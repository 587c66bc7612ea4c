"""Celery tasks of the plans app: thin, they take ids and call a service."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def notify_plan_issued(self, plan_id: int):
    """In-app notices and e-mails to the units a newly issued plan gives work to (and to the level above)."""
    from plans.services.followup import plan_issued_notify

    return plan_issued_notify(plan_id=plan_id)
