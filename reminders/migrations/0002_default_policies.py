from django.db import migrations


def default_policies(apps, schema_editor):
    """The steps: 14, 7, 3 and 1 days before, the due day, 1 and 7 days after."""
    ReminderPolicy = apps.get_model("reminders", "ReminderPolicy")
    for kind in ("report", "task"):
        ReminderPolicy.objects.get_or_create(
            subject_kind=kind, defaults={"days_before": "14, 7, 3, 1", "on_due_day": True, "days_after": "1, 7"}
        )


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]

    operations = [migrations.RunPython(default_policies, migrations.RunPython.noop)]
