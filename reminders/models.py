from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField
from notifications.models import Notification
from reminders.steps import step_label


class ReminderPolicy(Versioned):
    """When deadline reminders go out for one kind of subject: days before the due date, on the
    day, days after it. Provincial staff edit it in the portal (and in the admin)."""

    class SubjectKind(models.TextChoices):
        REPORT = "report", _("Báo cáo định kỳ")
        TASK = "task", _("Nhiệm vụ trong kế hoạch")

    subject_kind = models.CharField(_("nhắc hạn cho"), max_length=10, choices=SubjectKind.choices, unique=True)
    is_active = models.BooleanField(_("đang bật"), default=True)
    days_before = models.CharField(
        _("nhắc trước hạn (ngày)"),
        max_length=100,
        default="14, 7, 3, 1",
        blank=True,
        help_text=_("Các số ngày trước hạn, cách nhau bằng dấu phẩy, ví dụ: 14, 7, 3, 1"),
    )
    on_due_day = models.BooleanField(_("nhắc vào ngày hạn"), default=True)
    days_after = models.CharField(
        _("báo quá hạn sau (ngày)"),
        max_length=100,
        default="1, 7",
        blank=True,
        help_text=_("Các số ngày sau hạn, ví dụ: 1, 7. Thông báo quá hạn gửi cả cấp trên."),
    )
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("lịch nhắc hạn")
        verbose_name_plural = _("lịch nhắc hạn")
        ordering = ["subject_kind"]

    def __str__(self):
        return gettext("Lịch nhắc hạn: %(kind)s") % {"kind": self.get_subject_kind_display()}

    def offsets(self) -> list[int]:
        """The steps as days relative to the due date (negative before it), in order."""
        from reminders.steps import offsets_from

        return offsets_from(self.days_before, self.on_due_day, self.days_after)


class Reminder(models.Model):
    """One deadline reminder for one (subject, unit, due date, step): the record of urging, and the
    key that makes the sweep safe to run twice. The row is claimed (inserted) before anyone is
    notified and marked sent in the transaction that creates the notifications; a claim left
    without "sent" by a worker that died is taken over by a later sweep once it is stale."""

    SubjectKind = ReminderPolicy.SubjectKind

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        NO_RECIPIENTS = "no_recipients", _("Không có người nhận")
        # A claim left by a worker that died, overtaken by a later step before anyone retried it.
        SUPERSEDED = "superseded", _("Không gửi (đã đến bước sau)")

    subject_kind = models.CharField(_("loại việc"), max_length=10, choices=SubjectKind.choices)
    # A ReportingPeriod (kind "report") or a campaigns.TaskAssignment (kind "task").
    subject_id = models.PositiveBigIntegerField(_("mã việc"))
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị được nhắc"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("hạn"))
    # Days relative to the due date: -3 is "3 days before", 0 the due day, 1 "1 day overdue".
    step = models.SmallIntegerField(_("bước nhắc"))
    upper_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("cấp trên được báo"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_title = NFCCharField(_("nội dung"), max_length=500)
    subject_url = models.CharField(_("liên kết"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=14, choices=Status.choices, default=Status.CLAIMED)
    swept_on = models.DateField(_("ngày quét"))
    claim_token = models.CharField(max_length=32, db_index=True)
    claimed_at = models.DateTimeField(_("nhận việc lúc"))
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần nhận việc"), default=1)
    notifications = models.ManyToManyField(Notification, verbose_name=_("thông báo"), blank=True, related_name="reminders")

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("nhật ký nhắc hạn")
        ordering = ["-swept_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "subject_id", "unit", "due_on", "step"], name="reminder_once_per_step"
            ),
        ]
        indexes = [
            models.Index(fields=["subject_kind", "subject_id"], name="reminder_subject"),
            models.Index(fields=["swept_on", "status"], name="reminder_swept_status"),
        ]

    def __str__(self):
        return f"{self.unit}: {self.subject_title} ({self.step_label})"

    @property
    def step_label(self) -> str:
        return step_label(self.step)
