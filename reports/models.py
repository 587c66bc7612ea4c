"""Periodic reports of the campaign (plan II.2.4 and the end of section III of the seed plan).

A `ReportingPeriod` says who must report what to whom by when: the six-month review (due 10 June)
and the annual report (due 20 December) of the districts to the province, or of the communes to
their district when a district asks for it. A `Report` is one unit's report for one period; every
submission freezes a `ReportVersion` (figures + narrative); `ReportEvent` records each step of the
workflow (submitted, returned, accepted, reopened). `ConsolidatedReport` is the receiving unit's
own summary of a period.

Timeliness: a report is on time when it was first submitted at or before the end of the due day
in Asia/Ho_Chi_Minh (core.dates.end_of_day); days late count local calendar days. A report that
is returned and sent again keeps the timeliness of its first submission: the unit did report by
the deadline, the corrections are the reviewer's request.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.dates import end_of_day, local_day
from core.fields import NFCCharField, NFCTextField

# The narrative sections of a report, in the order of a Vietnamese review report.
SECTIONS = [
    ("results", _("Kết quả đạt được")),
    ("limitations", _("Hạn chế, nguyên nhân")),
    ("lessons", _("Bài học kinh nghiệm")),
    ("directions", _("Phương hướng, nhiệm vụ")),
    ("proposals", _("Đề xuất, kiến nghị")),
]
SECTION_KEYS = [key for key, _ in SECTIONS]
SECTION_LABELS = dict(SECTIONS)
NARRATIVE_MAX = 30_000


def days_late_for(submitted_at: dt.datetime, due_on: dt.date) -> int:
    """0 when submitted at or before the end of the due day (local time); else local days after it."""
    if submitted_at <= end_of_day(due_on):
        return 0
    return (local_day(submitted_at) - due_on).days


class ReportingPeriod(Versioned):
    class Kind(models.TextChoices):
        SIX_MONTH = "six_month", _("Sơ kết 6 tháng")
        ANNUAL = "annual", _("Tổng kết năm")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang nhận báo cáo")
        CLOSED = "closed", _("Đã khóa sổ")

    class Audience(models.TextChoices):
        CHILDREN = "children", _("Tất cả đơn vị trực thuộc")
        SELECTED = "selected", _("Các đơn vị được chọn")

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="reporting_periods"
    )
    kind = models.CharField(_("loại kỳ báo cáo"), max_length=10, choices=Kind.choices)
    title = NFCCharField(_("tên kỳ báo cáo"), max_length=300)
    covers_from = models.DateField(_("số liệu từ ngày"))
    covers_to = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.OPEN)
    receiving_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị nhận báo cáo"),
        on_delete=models.PROTECT,
        related_name="received_periods",
        help_text=_("Báo cáo gửi Ban Thường trực đơn vị này (qua Ban Tuyên giáo nếu có)."),
    )
    audience = models.CharField(_("đơn vị phải báo cáo"), max_length=10, choices=Audience.choices, default=Audience.CHILDREN)
    selected_units = models.ManyToManyField("units.Unit", verbose_name=_("các đơn vị được chọn"), blank=True, related_name="+")
    instructions = NFCTextField(_("hướng dẫn, yêu cầu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-due_on", "receiving_unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind", "receiving_unit"], name="period_unique_per_receiver"),
            models.CheckConstraint(condition=Q(covers_to__gte=models.F("covers_from")), name="period_covers_in_order"),
        ]
        indexes = [models.Index(fields=["receiving_unit", "status"], name="period_receiver_status")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def deadline(self) -> dt.datetime:
        return end_of_day(self.due_on)


class ReportQuerySet(models.QuerySet):
    def reported(self):
        """Sent at least once (submitted, returned or accepted)."""
        return self.filter(submitted_at__isnull=False)

    def on_time(self):
        return self.reported().filter(days_late=0)

    def late(self):
        return self.reported().filter(days_late__gt=0)

    def awaiting_review(self):
        return self.filter(status=Report.Status.SUBMITTED)


class Report(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    period = models.ForeignKey(ReportingPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = NFCCharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 25/BC-MTTQ"))
    results = NFCTextField(SECTION_LABELS["results"], blank=True)
    limitations = NFCTextField(SECTION_LABELS["limitations"], blank=True)
    lessons = NFCTextField(SECTION_LABELS["lessons"], blank=True)
    directions = NFCTextField(SECTION_LABELS["directions"], blank=True)
    proposals = NFCTextField(SECTION_LABELS["proposals"], blank=True)
    signer_authority = NFCCharField(
        _("thẩm quyền ký"), max_length=60, default="TM. BAN THƯỜNG TRỰC", blank=True
    )  # vi-only (signature block of the document)
    signer_title = NFCCharField(
        _("chức vụ người ký"), max_length=60, default="CHỦ TỊCH"
    )  # vi-only (signature block of the document)
    signer_name = NFCCharField(_("họ tên người ký"), max_length=120, blank=True)
    # First submission: the moment that decides timeliness; days_late is kept in step with the
    # period's due date (reports.services.period_save recomputes it when the deadline moves).
    submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    days_late = models.PositiveIntegerField(_("số ngày muộn"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("gửi gần nhất lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["period", "unit__position", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_unique_per_period_unit"),
            models.CheckConstraint(condition=Q(status="draft") | Q(submitted_at__isnull=False), name="report_sent_has_time"),
        ]
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self):
        return f"{self.period} — {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_on_time(self) -> bool | None:
        """None before the first submission."""
        if self.days_late is None:
            return None
        return self.days_late == 0

    def narrative(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in SECTION_KEYS}


class ReportVersion(models.Model):
    """What was sent at one submission: frozen figures, narrative, attachments."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Chờ tiếp nhận")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        REOPENED = "reopened", _("Đã tiếp nhận, sau đó mở lại")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("lần gửi"))
    # The Report.version the sender was looking at: the same form sent twice finds this row.
    report_version = models.PositiveIntegerField()
    submitted_at = models.DateTimeField(_("gửi lúc"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    number_symbol = NFCCharField(_("số, ký hiệu"), max_length=60, blank=True)
    narrative = models.JSONField(_("nội dung"))
    figures = models.JSONField(_("số liệu"))
    attachments = models.JSONField(_("tệp đính kèm"), default=list)
    signer = models.JSONField(_("người ký"), default=dict)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reviewed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = NFCTextField(_("ý kiến"), blank=True)
    # The word differences of each section against the version before (reports/diff.py), computed
    # once when the version is sent: comparing long texts costs seconds, the page only reads them.
    changes = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self):
        return gettext("%(report)s — lần %(number)s") % {"report": self.report, "number": self.number}

    def figure_values(self) -> dict[str, int]:
        return {f["key"]: f["value"] for f in self.figures}


class ReportEvent(models.Model):
    """One step of a report's workflow: who, when, what, why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Gửi báo cáo")
        RESUBMITTED = "resubmitted", _("Gửi lại báo cáo")
        RETURNED = "returned", _("Trả lại để bổ sung, chỉnh sửa")
        ACCEPTED = "accepted", _("Tiếp nhận báo cáo")
        REOPENED = "reopened", _("Mở lại báo cáo đã tiếp nhận")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=12, choices=Action.choices)
    version_number = models.PositiveSmallIntegerField(_("lần gửi"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("lúc"))
    comment = NFCTextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("bước xử lý báo cáo")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["report", "at"], name="report_event_report_at")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%d/%m/%Y %H:%M}"


class ConsolidatedReport(Versioned):
    """The receiving unit's summary of a period (the province's "báo cáo tổng hợp")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        ISSUED = "issued", _("Đã ban hành")

    period = models.OneToOneField(ReportingPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="summary")
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    number = NFCCharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 112/BC-MTTQ-BTT"))
    addressees = NFCTextField(_("kính gửi"), blank=True, help_text=_("Mỗi nơi một dòng."))
    recipients = NFCTextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi một dòng; dòng cuối thường là “Lưu: VT, BTG”."))
    results = NFCTextField(SECTION_LABELS["results"], blank=True)
    limitations = NFCTextField(SECTION_LABELS["limitations"], blank=True)
    lessons = NFCTextField(SECTION_LABELS["lessons"], blank=True)
    directions = NFCTextField(SECTION_LABELS["directions"], blank=True)
    proposals = NFCTextField(SECTION_LABELS["proposals"], blank=True)
    signer_authority = NFCCharField(
        _("thẩm quyền ký"), max_length=60, default="TM. BAN THƯỜNG TRỰC", blank=True
    )  # vi-only (signature block of the document)
    signer_title = NFCCharField(
        _("chức vụ người ký"), max_length=60, default="CHỦ TỊCH"
    )  # vi-only (signature block of the document)
    signer_name = NFCCharField(_("họ tên người ký"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Frozen at issue: {"units": [...], "figures": [...], "totals": {...}, "completeness": {...}}.
    frozen = models.JSONField(_("số liệu khi ban hành"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")

    def __str__(self):
        return gettext("Báo cáo tổng hợp — %(period)s") % {"period": self.period}

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def narrative(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in SECTION_KEYS}

    def addressee_lines(self) -> list[str]:
        return [line.strip(" -;.") for line in self.addressees.splitlines() if line.strip(" -;.")]

    def recipient_lines(self) -> list[str]:
        return [line.strip(" -;.") for line in self.recipients.splitlines() if line.strip(" -;.")]
