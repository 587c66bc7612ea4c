from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm, VersionField
from reminders.models import Reminder, ReminderPolicy
from reminders.steps import parse_days


class ReminderPolicyForm(PortalModelForm):
    version = VersionField()

    class Meta:
        model = ReminderPolicy
        fields = ["is_active", "days_before", "on_due_day", "days_after"]

    def clean_days_before(self):
        days = parse_days(self.cleaned_data["days_before"])
        return ", ".join(str(d) for d in days)

    def clean_days_after(self):
        days = parse_days(self.cleaned_data["days_after"])
        return ", ".join(str(d) for d in sorted(days))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("is_active") and not (
            cleaned.get("days_before") or cleaned.get("on_due_day") or cleaned.get("days_after")
        ):
            raise ValidationError(gettext("Lịch đang bật phải có ít nhất một bước nhắc (trước hạn, ngày hạn hoặc sau hạn)."))
        return cleaned


STEP_CHOICES = [("", _("Mọi bước")), ("truoc", _("Nhắc trước hạn, ngày hạn")), ("qua", _("Báo quá hạn"))]


class ReminderFilterForm(PortalForm):
    """The filters of the record of urging (GET); bad values are ignored with a message."""

    q = forms.CharField(label=_("Đơn vị"), required=False, max_length=100)
    loai = forms.ChoiceField(label=_("Loại việc"), required=False, choices=[("", _("Tất cả")), *Reminder.SubjectKind.choices])
    buoc = forms.ChoiceField(label=_("Bước"), required=False, choices=STEP_CHOICES)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Reminder.Status.choices])
    tu = forms.DateField(label=_("Từ ngày"), required=False)
    den = forms.DateField(label=_("Đến ngày"), required=False)
    ma = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu"), cleaned.get("den")
        if start and end and start > end:
            self.add_error("den", gettext("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return cleaned
