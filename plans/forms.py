"""Forms of the plan pages. Side effects stay in the services; these only validate input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core.forms import MultipleFileField, PortalForm, PortalModelForm, TokenField, VersionField, new_token
from plans.models import Inspection, Plan, PlanSection, PlanTask, TargetLevel, TaskAssignment
from units.forms import UnitChoiceField
from units.models import Unit

LEVEL_CHOICES = [("", _("— Không giao theo cấp —")), *TargetLevel.choices]


# --- plans -----------------------------------------------------------------------------------------------
class PlanForm(PortalModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Plan
        fields = [
            "number",
            "issued_on",
            "place",
            "board",
            "based_on",
            "basis",
            "title",
            "intro",
            "closing",
            "recipients",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 3}),
            "intro": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, based_on_choices=None, number_hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = based_on_choices if based_on_choices is not None else Plan.objects.none()
        self.fields["based_on"].label_from_instance = lambda p: f"{p.display_label} — {p.unit.committee_name} ({p.campaign.year})"
        self.fields["based_on"].empty_label = _("— Không căn cứ kế hoạch trên cổng —")
        self.fields["based_on"].help_text = _(
            "Kế hoạch đã ban hành của cấp trên; nếu căn cứ văn bản ngoài cổng, ghi vào ô “Căn cứ”."
        )
        self.fields["title"].widget.attrs["maxlength"] = 300
        if number_hint:
            self.fields["number"].help_text = _("Số gợi ý (tiếp theo của đơn vị trong năm): %(hint)s") % {"hint": number_hint}
        if self.instance and self.instance.pk:
            self.fields["version"].initial = self.instance.version


class PlanCreateForm(PlanForm):
    campaign = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=Campaign.objects.none(), empty_label=None)

    class Meta(PlanForm.Meta):
        fields = ["campaign", *PlanForm.Meta.fields]

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns if campaigns is not None else Campaign.objects.none()
        self.order_fields(["campaign", *PlanForm.Meta.fields])


class SectionForm(PortalModelForm):
    version = VersionField(required=False)
    token = TokenField()

    class Meta:
        model = PlanSection
        fields = ["part", "number", "heading", "body", "target_unit", "target_level", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_unit"] = UnitChoiceField(
            label=_("Giao cho đơn vị (phần Tổ chức thực hiện)"),
            queryset=units if units is not None else Unit.objects.none(),
            required=False,
        )
        self.fields["target_unit"].initial = self.instance.target_unit_id if self.instance and self.instance.pk else None
        self.fields["target_level"].choices = LEVEL_CHOICES
        self.fields["target_level"].label = _("hoặc giao cho mọi đơn vị của một cấp")
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Số nhỏ đứng trước; để trống: xếp cuối phần.")
        self.fields["target_unit"].empty_label = _("— Không giao cho riêng đơn vị nào —")
        if not (self.instance and self.instance.pk):
            self.initial["position"] = None
            self.initial.setdefault("token", new_token())
        if self.instance and self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_unit") and cleaned.get("target_level"):
            self.add_error("target_level", _("Chọn giao cho một đơn vị hoặc cho cả một cấp, không chọn cả hai."))
        if cleaned.get("part") != PlanSection.Part.IMPLEMENTATION and (cleaned.get("target_unit") or cleaned.get("target_level")):
            self.add_error("target_unit", _("Chỉ các mục của phần Tổ chức thực hiện mới giao cho đơn vị."))
        return cleaned


class TaskForm(PortalModelForm):
    version = VersionField(required=False)
    token = TokenField()

    class Meta:
        model = PlanTask
        fields = ["section", "kind", "text", "target_unit", "target_level", "due_on", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = (
            plan.sections.filter(part=PlanSection.Part.IMPLEMENTATION).order_by("position", "id")
            if plan
            else PlanSection.objects.none()
        )
        self.fields["section"].queryset = sections
        self.fields["section"].label_from_instance = lambda s: f"{s.number} {s.heading}".strip()
        self.fields["section"].empty_label = _("— Không thuộc mục nào (ví dụ: hạn báo cáo ở đoạn kết) —")
        self.fields["target_unit"] = UnitChoiceField(
            label=_("Giao cho đơn vị"),
            queryset=units if units is not None else Unit.objects.none(),
            required=False,
            help_text=_("Để trống cả hai ô: nhận theo mục (hoặc là việc của chính đơn vị ban hành)."),
        )
        self.fields["target_unit"].initial = self.instance.target_unit_id if self.instance and self.instance.pk else None
        self.fields["target_level"].choices = LEVEL_CHOICES
        self.fields["target_level"].label = _("hoặc giao cho mọi đơn vị của một cấp")
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Số nhỏ đứng trước; để trống: xếp cuối mục.")
        self.fields["target_unit"].empty_label = _("— Theo mục (hoặc việc của chính đơn vị ban hành) —")
        if not (self.instance and self.instance.pk):
            self.initial["position"] = None
            self.initial.setdefault("token", new_token())
        if self.instance and self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_unit") and cleaned.get("target_level"):
            self.add_error("target_level", _("Chọn giao cho một đơn vị hoặc cho cả một cấp, không chọn cả hai."))
        return cleaned


class PlanFilterForm(PortalForm):
    q = forms.CharField(label=_("Tìm theo số, trích yếu, đơn vị"), required=False, max_length=100)
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Campaign.objects.all(), required=False, empty_label=_("Mọi năm")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Plan.Status.choices])


# --- tasks and urging -------------------------------------------------------------------------------------
class AssignmentUpdateForm(PortalForm):
    token = TokenField()
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskAssignment.Status.choices)
    text = forms.CharField(label=_("Nội dung cập nhật"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    files = MultipleFileField(
        label=_("Minh chứng (ảnh, PDF, Word, Excel; tối đa 5 tệp, mỗi tệp ≤ 10 MB)"),
    )


FOLLOWUP_STATES = [
    ("late", _("Quá hạn và sắp đến hạn")),
    ("overdue", _("Quá hạn")),
    ("at_risk", _("Sắp đến hạn (7 ngày)")),
    ("open", _("Chưa hoàn thành")),
    ("done", _("Đã hoàn thành")),
    ("all", _("Tất cả")),
]
FOLLOWUP_SORTS = [
    ("han", _("Hạn sớm trước")),
    ("-han", _("Hạn muộn trước")),
    ("don-vi", _("Theo đơn vị")),
    ("don-doc", _("Đôn đốc gần đây trước")),
]


class FollowupFilterForm(PortalForm):
    state = forms.ChoiceField(label=_("Tình trạng"), choices=FOLLOWUP_STATES, required=False)
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Mọi đơn vị cấp dưới"),
    )
    level = forms.ChoiceField(
        label=_("Cấp"), required=False, choices=[("", _("Mọi cấp")), ("district", _("Cấp huyện")), ("commune", _("Cấp xã"))]
    )
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch"), queryset=Plan.objects.none(), required=False, empty_label=_("Mọi kế hoạch")
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=FOLLOWUP_SORTS, required=False)

    def __init__(self, *args, units=None, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.none()
        self.fields["plan"].label_from_instance = lambda p: f"{p.display_label} — {p.unit.name}"


class UrgingForm(PortalForm):
    token = TokenField()
    number = forms.CharField(
        label=_("Số công văn"), required=False, max_length=60, help_text=_("Ví dụ: 15/MTTQ-BTT (có thể ghi sau khi vào sổ).")
    )
    sent_on = forms.DateField(label=_("Ngày công văn"))
    subject = forms.CharField(label=_("Trích yếu (V/v …)"), max_length=300)
    message = forms.CharField(label=_("Nội dung đôn đốc"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=80, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=80, required=False)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=120, required=False)


# --- inspections ---------------------------------------------------------------------------------------------
class InspectionForm(PortalModelForm):
    token = TokenField()
    version = VersionField(required=False)
    files = MultipleFileField(label=_("Tệp đính kèm (biên bản, ảnh; tối đa 5 tệp)"))

    class Meta:
        model = Inspection
        fields = [
            "kind",
            "inspected_unit",
            "inspected_on",
            "plan",
            "team",
            "content",
            "findings",
            "recommendations",
            "follow_up_status",
        ]
        widgets = {
            "team": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 5}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, units=None, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspected_unit"] = UnitChoiceField(
            label=_("Đơn vị được kiểm tra"),
            queryset=units if units is not None else Unit.objects.none(),
        )
        if self.instance and self.instance.pk:
            self.fields["inspected_unit"].initial = self.instance.inspected_unit_id
            self.fields["version"].initial = self.instance.version
        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.none()
        self.fields["plan"].label_from_instance = lambda p: f"{p.display_label} — {p.unit.name}"
        self.fields["plan"].empty_label = _("— Không gắn kế hoạch —")


class InspectionFollowUpForm(PortalForm):
    version = VersionField()
    follow_up_status = forms.ChoiceField(label=_("Thực hiện kiến nghị"), choices=Inspection.FollowUp.choices)
    follow_up_note = forms.CharField(
        label=_("Báo cáo việc thực hiện kiến nghị"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    files = MultipleFileField(label=_("Minh chứng (tối đa 5 tệp)"))
