from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reminders.models import Reminder, ReminderPolicy
from reminders.steps import parse_days


class ReminderPolicyAdminForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ("subject_kind", "is_active", "days_before", "on_due_day", "days_after")

    def clean_days_before(self):
        return ", ".join(str(d) for d in parse_days(self.cleaned_data["days_before"]))

    def clean_days_after(self):
        return ", ".join(str(d) for d in sorted(parse_days(self.cleaned_data["days_after"])))


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(SimpleHistoryAdmin):
    form = ReminderPolicyAdminForm
    list_display = ("subject_kind", "is_active", "days_before", "on_due_day", "days_after", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The record of urging, read-only: rows are written by the sweep alone."""

    list_display = ("swept_on", "unit", "subject_kind", "subject_title", "step", "status", "sent_at")
    list_filter = ("status", "subject_kind", "step")
    search_fields = ("subject_title", "unit__name")
    raw_id_fields = ("unit", "upper_unit")
    readonly_fields = [f.name for f in Reminder._meta.fields]
    exclude = ("notifications",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
