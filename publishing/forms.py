"""Forms of exemplars, articles and contest entries (side effects stay in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, VersionField
from publishing.models import ContestEntry, Exemplar
from units.models import Unit


class ExemplarForm(PortalForm):
    kind = forms.ChoiceField(label=_("Tập thể hay cá nhân"), choices=Exemplar.Kind.choices, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), help_text=_("Tập thể được đề nghị, hoặc đơn vị công tác của cá nhân.")
    )
    name = forms.CharField(label=_("Tên tập thể hoặc họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ (với cá nhân)"), max_length=200, required=False)
    achievements = forms.CharField(
        label=_("Thành tích, việc làm tiêu biểu"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000
    )
    period = forms.CharField(label=_("Giai đoạn"), max_length=60, required=False, help_text=_("Ví dụ: 2017-2020 hoặc năm 2020."))
    registration = forms.IntegerField(widget=forms.HiddenInput, required=False)
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = VersionField(required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class DecideForm(PortalForm):
    decision = forms.ChoiceField(
        label=_("Kết quả xét"),
        choices=(("recognise", _("Công nhận gương điển hình")), ("reject", _("Không công nhận"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến, lý do (bắt buộc khi không công nhận)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ArticleForm(PortalForm):
    title = forms.CharField(label=_("Tiêu đề"), max_length=250)
    summary = forms.CharField(
        label=_("Tóm tắt (sa-pô)"), required=False, max_length=600, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hai, ba câu giới thiệu bài; hiện trên trang chủ và khi chia sẻ."),
    )  # fmt: skip
    body = forms.CharField(
        label=_("Nội dung"), required=False, max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "article-editor", "data-editor": "article"}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống. Dùng các nút phía trên để in đậm, làm tiêu đề mục, danh sách, trích dẫn, chèn liên kết hoặc ảnh đã tải lên."),
    )  # fmt: skip
    byline = forms.CharField(label=_("Tác giả (ghi cuối bài)"), max_length=200, required=False)
    # Choices are given as lists of objects loaded once by the view (one query each, also for the
    # page that shows them); cleaned_data holds the chosen objects.
    exemplars = forms.TypedMultipleChoiceField(
        label=_("Gương điển hình được nói đến"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    models = forms.TypedMultipleChoiceField(
        label=_("Mô hình “Dân vận khéo” được nói đến"), coerce=int, required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}), help_text=_("Giữ Ctrl (trên điện thoại: chạm) để chọn nhiều mô hình."),
    )  # fmt: skip
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = VersionField(required=False)

    def __init__(self, *args, exemplars=(), models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._objects = {"exemplars": {e.pk: e for e in exemplars}, "models": {r.pk: r for r in models}}
        self.fields["exemplars"].choices = [(e.pk, f"{e.name} — {e.unit.name}") for e in exemplars]
        self.fields["models"].choices = [(r.pk, f"{r.title} — {r.unit.name}") for r in models]
        if not exemplars:
            del self.fields["exemplars"]
        if not models:
            del self.fields["models"]

    def clean(self):
        cleaned = super().clean()
        for name, objects in self._objects.items():
            cleaned[name] = [objects[pk] for pk in cleaned.get(name) or [] if pk in objects]
        return cleaned


class ArticleUnitForm(PortalForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị viết bài"), queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class PhotoForm(PortalForm):
    photo = forms.FileField(
        label=_("Ảnh (JPG, PNG, WEBP; tối đa 10 MB)"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    caption = forms.CharField(label=_("Chú thích ảnh"), max_length=300, required=False)


class PublishForm(PortalForm):
    publish_at = forms.DateTimeField(
        label=_("Hẹn giờ đăng (để trống: đăng ngay)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Ý kiến (không bắt buộc)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ArticleReturnForm(PortalForm):
    comment = forms.CharField(label=_("Ý kiến trả lại"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class UnpublishForm(PortalForm):
    comment = forms.CharField(
        label=_("Lý do gỡ xuống (không bắt buộc)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContestForm(PortalForm):
    category = forms.ChoiceField(label=_("Thể loại"), choices=ContestEntry.Category.choices)
    author_name = forms.CharField(label=_("Tác giả, nhóm tác giả"), max_length=200)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ContestFilterForm(PortalForm):
    category = forms.ChoiceField(label=_("Thể loại"), choices=[("", _("Tất cả"))] + ContestEntry.Category.choices, required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
