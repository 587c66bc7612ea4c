import re
import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Movement
from core.fields import TEXT_FORM_MAX_LENGTH
from core.forms import MultipleFileField, PortalForm, VersionField
from registrations.models import Field, Registration
from units.models import Unit

Kind = Registration.Kind
Status = Registration.Status
Rating = Registration.Rating

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(text) -> Decimal | None:
    """A number as Vietnamese write it: "1.500" (thousands), "12,5" (decimal comma); "12.5" too."""
    text = "".join(str(text or "").split())
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(_("“%(value)s” không phải là số."), params={"value": text}) from None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise forms.ValidationError(_("Số quá lớn."))
    return value.quantize(Decimal("0.01"))


class NumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value):
        return parse_number(super().clean(value))


def _unit_label(unit):
    return unit.name if unit.level != Unit.Level.DEPARTMENT or not unit.parent_id else f"{unit.name} ({unit.parent.name})"


class UnitChoiceField(forms.ModelChoiceField):
    # Units already read for the <select> (by code): choosing one of them costs no query.
    offered: dict = {}

    def label_from_instance(self, obj):
        return _unit_label(obj)

    def to_python(self, value):
        if isinstance(value, str) and value in self.offered:
            return self.offered[value]
        return super().to_python(value)


class RegistrationForm(PortalForm):
    """What a unit or a cadre registers. Lenient enough to save a half-written draft; the fields a
    submission needs are checked by `missing_for_submit`."""

    kind = forms.ChoiceField(
        label=_("Loại đăng ký"), choices=[(Kind.CONTENT, Kind.CONTENT.label), (Kind.MODEL, Kind.MODEL.label)]
    )
    unit = UnitChoiceField(label=_("Đơn vị đăng ký"), queryset=Unit.objects.none(), to_field_name="code")
    title = forms.CharField(label=_("Tên nội dung, việc làm, mô hình"), max_length=300)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.none(), required=False, empty_label=_("— Chọn lĩnh vực —")
    )
    description = forms.CharField(
        label=_("Mô tả cách làm"), required=False, max_length=TEXT_FORM_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("Bắt đầu"), required=False)
    ends_on = forms.DateField(label=_("Kết thúc"), required=False)
    responsible = forms.CharField(label=_("Người phụ trách"), max_length=150, required=False)
    expected_result = forms.CharField(
        label=_("Kết quả dự kiến"), required=False, max_length=TEXT_FORM_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    movements = forms.ModelMultipleChoiceField(
        label=_("Gắn với cuộc vận động, phong trào"),
        queryset=Movement.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area_note = forms.CharField(
        label=_("Thôn, tổ, khu dân cư"), max_length=300, required=False, help_text=_("Ví dụ: thôn Tân Lập, khu dân cư Bình Ca.")
    )
    version = VersionField(required=False)
    client_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    SUBMIT_REQUIRED = {
        "field": _("Hãy chọn lĩnh vực."),
        "starts_on": _("Hãy nhập ngày bắt đầu."),
        "ends_on": _("Hãy nhập ngày kết thúc."),
        "expected_result": _("Hãy ghi kết quả dự kiến."),
    }

    def __init__(self, *args, kind: str, units, campaign=None, area_units=None, current_field=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_fixed = kind == Kind.TASK
        fields = Field.objects.filter(campaign=campaign, is_active=True)
        if current_field is not None:
            fields = Field.objects.filter(pk=current_field.pk) | fields
        self.fields["field"].queryset = fields.order_by("position", "name")
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["title"].widget.attrs.update({"autocomplete": "off"})
        if self.kind_fixed:
            self.fields["title"].label = _("Việc làm “Dân vận khéo” đăng ký")
            self.fields["unit"].label = _("Đơn vị công tác")
            del self.fields["kind"], self.fields["responsible"], self.fields["area_note"]
        else:
            self.fields["areas"] = forms.ModelMultipleChoiceField(
                label=_("Địa bàn thực hiện (xã, phường, thị trấn)"),
                queryset=area_units if area_units is not None else Unit.objects.none(),
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 6}),
                help_text=_("Với mô hình thực hiện ở nhiều xã; giữ Ctrl để chọn nhiều."),
            )
            self.fields["areas"].label_from_instance = _unit_label
            self.SUBMIT_REQUIRED = {**self.SUBMIT_REQUIRED, "responsible": _("Hãy ghi người phụ trách.")}
            if editing:
                # The kind and the unit are what the registration is; they do not change once created.
                self.fields["kind"].disabled = True
        if editing:
            self.fields["unit"].disabled = True
        if not self.is_bound and not self.initial.get("client_token"):
            self.initial["client_token"] = uuid.uuid4()

    def missing_for_submit(self) -> dict[str, str]:
        return {name: message for name, message in self.SUBMIT_REQUIRED.items() if not self.cleaned_data.get(name)}


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=200, required=False)
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)
    target_value = NumberField(label=_("Giá trị"), required=False)

    def clean(self):
        cleaned = super().clean()
        name, value = (cleaned.get("name") or "").strip(), cleaned.get("target_value")
        if name and value is None and "target_value" not in self.errors:
            self.add_error("target_value", _("Hãy nhập giá trị chỉ tiêu."))
        if value is not None and not name:
            self.add_error("name", _("Hãy ghi tên chỉ tiêu."))
        if value is not None and value < 0:
            self.add_error("target_value", _("Giá trị chỉ tiêu không được âm."))
        return cleaned


TargetFormSet = forms.formset_factory(TargetForm, extra=2, max_num=20, absolute_max=20, validate_max=True)


def target_formset(data=None, *, initial=None, prefix="chi_tieu"):
    formset = TargetFormSet(data, initial=initial or [], prefix=prefix)
    formset.extra = 1 if initial else 2
    return formset


class ProgressForm(PortalForm):
    reported_on = forms.DateField(label=_("Ngày cập nhật"))
    percent = forms.IntegerField(label=_("Đã hoàn thành (%)"), min_value=0, max_value=100)
    text = forms.CharField(
        label=_("Nội dung đã thực hiện"), max_length=TEXT_FORM_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(
        label=_("Ảnh, tài liệu minh chứng"),
        required=False,
        help_text=_("Ảnh (JPG, PNG), PDF, Word, Excel, PowerPoint; mỗi tệp tối đa 10 MB, tối đa 10 tệp."),
    )
    client_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = "image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
        self.fields["percent"].widget.attrs["inputmode"] = "numeric"
        self.target_fields = []
        for target in targets:
            name = f"target_{target.pk}"
            unit = f" ({target.unit_of_measure})" if target.unit_of_measure else ""
            self.fields[name] = NumberField(label=f"{target.name}{unit}", required=False)
            self.fields[name].help_text = _("Chỉ tiêu: %(value)s%(unit)s") % {
                "value": f"{target.target_value.normalize():f}",
                "unit": unit,
            }
            self.target_fields.append((target, name))
        if not self.is_bound:
            self.initial.setdefault("reported_on", timezone.localdate())
            self.initial.setdefault("client_token", uuid.uuid4())

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày cập nhật không được sau hôm nay."))
        return day

    def target_bound_fields(self):
        return [self[name] for _, name in self.target_fields]

    def target_values(self) -> dict:
        return {target.pk: self.cleaned_data.get(name) for target, name in self.target_fields}


class ReturnForm(PortalForm):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(PortalForm):
    comment = forms.CharField(
        label=_("Ý kiến (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CompleteForm(PortalForm):
    comment = forms.CharField(
        label=_("Tóm tắt kết quả (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EvaluateForm(PortalForm):
    rating = forms.ChoiceField(
        label=_("Kết quả đánh giá"),
        choices=[(r.value, r.label) for r in (Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.NOT_DONE)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


SORTS = {
    "moi": ("-updated_at", "-id"),
    "cu": ("updated_at", "id"),
    "ten": ("title", "id"),
    "don-vi": ("unit__path", "-updated_at", "-id"),
    "bat-dau": ("starts_on", "id"),
    "ket-thuc": ("ends_on", "id"),
    "tien-do": ("-percent_done", "-id"),
    "trang-thai": ("status", "-updated_at", "-id"),
}
SORT_LABELS = {
    "moi": _("Mới cập nhật"),
    "cu": _("Cập nhật lâu nhất"),
    "ten": _("Tên (A–Z)"),
    "don-vi": _("Đơn vị"),
    "bat-dau": _("Ngày bắt đầu"),
    "ket-thuc": _("Ngày kết thúc"),
    "tien-do": _("Tiến độ cao nhất"),
    "trang-thai": _("Trạng thái"),
}


class FilterForm(PortalForm):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Tên, đơn vị, người… (có dấu hay không đều được)"), "type": "search"}),
    )
    unit = UnitChoiceField(label=_("Đơn vị (gồm cấp dưới)"), queryset=Unit.objects.none(), required=False, to_field_name="code")
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả loại")), *Kind.choices])
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False, empty_label=_("Tất cả lĩnh vực")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả trạng thái")), *Status.choices])
    movement = forms.ModelChoiceField(
        label=_("Cuộc vận động, phong trào"), queryset=Movement.objects.all(), required=False, empty_label=_("Tất cả")
    )
    rating = forms.ChoiceField(
        label=_("Kết quả đánh giá"), required=False, choices=[("", _("Tất cả")), *[(r.value, r.label) for r in Rating if r.value]]
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=list(SORT_LABELS.items()))

    def __init__(self, *args, units=None, campaign=None, unit_options=None, **kwargs):
        """The list is one campaign year's (chosen with the year switcher): `campaign` gives the
        fields of work offered. `units`: the units a filter may name (validation); `unit_options`:
        (code, label, fields) of those the <select> offers (registrations.filter_units: the upper
        levels of a large scope)."""
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(campaign=campaign) if campaign else Field.objects.none()
        self.fields["movement"].label_from_instance = lambda m: m.short_name or m.name
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].empty_label = _("Tất cả đơn vị")
            if unit_options is not None:
                from registrations.filter_units import OfferedUnits, UnitSelect

                self.fields["unit"].widget = UnitSelect(options=[(code, label) for code, label, _ in unit_options])
                self.fields["unit"].offered = OfferedUnits(unit_options)

    def show_unit(self, unit) -> None:
        """Make sure the chosen unit is among the options (a unit below the levels offered)."""
        widget = self.fields["unit"].widget if "unit" in self.fields else None
        if unit is not None and hasattr(widget, "options") and all(code != unit.code for code, _ in widget.options):
            from registrations.filter_units import unit_label

            widget.options.append((unit.code, unit_label(unit)))


class FieldForm(PortalForm):
    name = forms.CharField(label=_("Tên lĩnh vực"), max_length=120)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32000, initial=100)
    is_active = forms.BooleanField(label=_("Đang dùng (hiện trong danh sách chọn)"), required=False, initial=True)


class ImportForm(PortalForm):
    file = forms.FileField(
        label=_("Tệp đăng ký (.xlsx theo mẫu, hoặc .csv UTF-8)"),
        help_text=_(
            "Mỗi dòng một nội dung hoặc mô hình của tập thể (việc làm cá nhân do cán bộ tự đăng ký). "
            "Có dòng sai thì không dòng nào được nhập; sửa theo thông báo rồi gửi lại."
        ),
    )
    submit = forms.BooleanField(label=_("Gửi duyệt ngay sau khi nhập (nếu không: lưu thành bản nháp)"), required=False)
