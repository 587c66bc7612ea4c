"""Forms of the plan pages. Side effects stay in the services; these only validate input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CommemorationActivity, Movement
from core.forms import MultipleFileField, PortalForm, PortalModelForm, TokenField, VersionField
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
        fields = ["name", "theme", "status", "description", "movements", "map_on"]
        widgets = {"movements": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"status": _("“Đã tổng kết”: dữ liệu của năm chỉ còn để xem, in và xuất; không ai sửa được nữa.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movements"].queryset = Movement.objects.order_by("position", "name")
        self.fields["movements"].label_from_instance = lambda m: m.name
        self.fields["version"].initial = self.instance.version
        self.fields["name"].required = False  # empty: the name stays as it is

    def clean_name(self):
        return self.cleaned_data.get("name") or self.instance.name


class CampaignOpenForm(PortalForm):
    """The next year's campaign, opened from this one: the theme and text are new; the movements
    are the source's unless changed; fields of work and reporting periods are carried over."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    name = forms.CharField(
        label=_("Tên phong trào"), max_length=300, required=False, help_text=_("Để trống: tên theo mẫu của năm.")
    )
    theme = forms.CharField(label=_("Chủ đề năm"), max_length=300, required=False)
    description = forms.CharField(label=_("Mô tả"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    movements = forms.ModelMultipleChoiceField(
        label=_("Cuộc vận động, phong trào gắn với"),
        queryset=Movement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    map_on = forms.DateField(
        label=_("Bản đồ đơn vị theo ngày"),
        required=False,
        help_text=_("Để trống: ngày 01/01 của năm. Cây đơn vị có hiệu lực vào ngày này là cây của năm."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movements"].queryset = Movement.objects.order_by("position", "name")
        self.fields["movements"].label_from_instance = lambda m: m.name
