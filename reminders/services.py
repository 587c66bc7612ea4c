"""Business rules of the reminder schedule (the sweep itself is sweep.py)."""

from django.db import transaction

from core.concurrency import bump_version
from reminders.models import ReminderPolicy


def reminder_policy_save(*, policy, data: dict, by, expected_version: int):
    """Save the steps of one kind of reminder; a form loaded before someone else's save is refused
    (StaleObjectError lists what changed)."""
    with transaction.atomic():
        fresh = ReminderPolicy.objects.select_for_update().get(pk=policy.pk)
        bump_version(fresh, expected=expected_version)
        for name in ("is_active", "days_before", "on_due_day", "days_after"):
            setattr(fresh, name, data[name])
        fresh.updated_by = by
        fresh._history_user = by
        fresh.save()
    return fresh


def reminder_policies() -> list:
    """Both policies, creating the default rows if a database lacks them."""
    return [ReminderPolicy.objects.get_or_create(subject_kind=kind)[0] for kind in ReminderPolicy.SubjectKind.values]
