from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core.forms import PortalForm, VersionField
from core.templatetags.vn import vn_number
from reports.models import NARRATIVE_MAX, SECTIONS, ReportingPeriod
from units.models import Unit

NARRATIVE_HELP = {
    "results": _("Những việc đã làm được, nêu rõ cách làm hay, con số, địa chỉ cụ thể."),
    "limitations": _("Những việc chưa làm được và nguyên nhân (khách quan, chủ quan)."),
    "lessons": _("Những kinh nghiệm rút ra để làm tốt hơn."),
    "directions": _("Nhiệm vụ trọng tâm của thời gian tới."),
    "proposals": _("Đề xuất, kiến nghị với cấp trên (nếu có)."),
}


def _narrative_field(key, label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=NARRATIVE_MAX,
        help_text=NARRATIVE_HELP.get(key, ""),
        widget=forms.Textarea(attrs={"rows": 8, "class": "report-section"}),
        error_messages={
            "max_length": gettext("Mỗi phần dài tối đa %(limit)s ký tự (hiện có %(show_value)s).")
            % {"limit": vn_number(NARRATIVE_MAX), "show_value": "%(show_value)s"}
        },
    )


class PeriodForm(PortalForm):
    campaign = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=Campaign.objects.all(), empty_label=None)
    kind = forms.ChoiceField(label=_("Loại kỳ báo cáo"), choices=ReportingPeriod.Kind.choices)
    title = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=300, help_text=_("Ví dụ: Báo cáo sơ kết 6 tháng đầu năm 2020"))
    covers_from = forms.DateField(label=_("Số liệu từ ngày"))
    covers_to = forms.DateField(label=_("Số liệu đến ngày"))
    due_on = forms.DateField(label=_("Hạn gửi báo cáo"), help_text=_("Báo cáo gửi đến hết ngày này (giờ Việt Nam) là đúng hạn."))
    receiving_unit = forms.ModelChoiceField(
        label=_("Đơn vị nhận báo cáo"), queryset=Unit.objects.none(), to_field_name="code", empty_label=None
    )
    audience = forms.ChoiceField(
        label=_("Đơn vị phải báo cáo"), choices=ReportingPeriod.Audience.choices, widget=forms.RadioSelect
    )
    selected_units = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị được chọn"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chỉ dùng khi chọn “Các đơn vị được chọn”."),
    )
    instructions = forms.CharField(
        label=_("Hướng dẫn, yêu cầu"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField(required=False)

    def __init__(self, *args, receivers=None, lower_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = receivers if receivers is not None else Unit.objects.none()
        self.fields["selected_units"].queryset = lower_units if lower_units is not None else Unit.objects.none()
        self.fields["selected_units"].label_from_instance = lambda u: f"{u.name} ({u.parent.name if u.parent_id else ''})"

    def clean(self):
        data = super().clean()
        start, end, due = data.get("covers_from"), data.get("covers_to"), data.get("due_on")
        if start and end and start > end:
            self.add_error("covers_to", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu lấy số liệu."))
        if start and due and due < start:
            self.add_error("due_on", _("Hạn gửi không được trước ngày bắt đầu lấy số liệu."))
        return data


class ReportForm(PortalForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"), required=False, max_length=60, help_text=_("Ví dụ: 25/BC-MTTQ (để trống nếu chưa lấy số).")
    )
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký"), required=False, max_length=60, help_text=_("TM. BAN THƯỜNG TRỰC, KT. CHỦ TỊCH …")
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=60)
    signer_name = forms.CharField(label=_("Họ tên người ký"), required=False, max_length=120)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SECTIONS:
            self.fields[key] = _narrative_field(key, label)
        # Sections first, then the document's number and signature block.
        order = [key for key, _ in SECTIONS] + ["number", "signer_authority", "signer_title", "signer_name", "version"]
        self.order_fields(order)


class SummaryForm(ReportForm):
    addressees = forms.CharField(
        label=_("Kính gửi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi nơi một dòng."),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi nơi một dòng."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].help_text = _("Ví dụ: 112/BC-MTTQ-BTT")


class ReviewForm(PortalForm):
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()


class ReasonForm(PortalForm):
    reason = forms.CharField(label=_("Lý do mở lại"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()


class VersionOnlyForm(PortalForm):
    version = VersionField()


class IssueForm(PortalForm):
    issued_on = forms.DateField(label=_("Ngày ban hành"))
    version = VersionField()


class AttachmentForm(PortalForm):
    file = forms.FileField(label=_("Tệp đính kèm"), help_text=_("Ảnh, PDF, Word, Excel, PowerPoint; tối đa 10 MB."))
    caption = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)
