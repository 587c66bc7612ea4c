"""Forms of the plan pages. Side effects stay in the services; these only validate input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CommemorationActivity, Movement
from core.forms import MultipleFileField, PortalModelForm, TokenField, VersionField
from units.forms import UnitChoiceField
from units.models import Unit


# --- commemorations and the campaign -------------------------------------------------------------------------------
class ActivityForm(PortalModelForm):
    token = TokenField()
    version = VersionField(required=False)
    files = MultipleFileField(label=_("Ảnh, tài liệu (tối đa 5 tệp)"))

    class Meta:
        model = CommemorationActivity
        fields = [
            "unit",
            "kind",
            "title",
            "planned_on",
            "location",
            "expected_participants",
            "description",
            "status",
            "participants",
            "result",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(
            label=_("Đơn vị tổ chức"), queryset=units if units is not None else Unit.objects.none()
        )
        if self.instance and self.instance.pk:
            self.fields["unit"].initial = self.instance.unit_id
            self.fields["version"].initial = self.instance.version


class CampaignForm(PortalModelForm):
    version = VersionField()

    class Meta:
        model = Campaign
        fields = ["theme", "status", "description", "movements"]
        widgets = {"movements": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movements"].queryset = Movement.objects.order_by("position", "name")
        self.fields["movements"].label_from_instance = lambda m: m.name
        self.fields["version"].initial = self.instance.version
