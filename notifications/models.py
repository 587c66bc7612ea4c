from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField

from .reminders.steps import step_label


class Notification(models.Model):
    """One message to one person in the in-app notification centre."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=50)
    title = NFCCharField(_("tiêu đề"), max_length=300)
    body = NFCTextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    unit = models.ForeignKey("campaigns.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return self.title

    @property
    def kind_label(self) -> str:
        from .kinds import label

        return label(self.kind)


class Preference(models.Model):
    """Whether a person gets e-mail for one kind of notification (in-app ones always arrive)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(_("loại thông báo"), max_length=50)
    email = models.BooleanField(_("gửi e-mail"), default=True)

    class Meta:
        verbose_name = _("tùy chọn nhận thông báo")
        verbose_name_plural = _("tùy chọn nhận thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_user_kind_unique")]

    def __str__(self):
        email = "e-mail" if self.email else gettext("không e-mail")
        return f"{self.user}: {self.kind} ({email})"


class EmailDelivery(models.Model):
    """The mail log: every e-mail the portal tried to send, with its outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ gửi")
        # Claimed by one worker while it talks to the mail server: a second copy of the task
        # (a redelivered message, the periodic retry) leaves it alone unless the claim is stale.
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("loại"), max_length=50)
    to = models.EmailField(_("gửi tới"))
    subject = NFCCharField(_("tiêu đề"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("thử gần nhất lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư đã gửi")
        verbose_name_plural = _("nhật ký thư")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="delivery_status_created")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class OutboxItem(models.Model):
    """A task that could not be queued (Redis down). `flush_outbox` queues it later; nothing is lost."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc chờ đưa vào hàng đợi")
        verbose_name_plural = _("việc chờ đưa vào hàng đợi")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_pending")]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"


class ReminderPolicy(Versioned):
    """When deadline reminders go out for one kind of subject: days before the due date, on the
    day, days after it. Provincial staff edit it in the portal (and in the admin)."""

    class SubjectKind(models.TextChoices):
        REPORT = "report", _("Báo cáo định kỳ")
        TASK = "task", _("Nhiệm vụ trong kế hoạch")

    subject_kind = models.CharField(_("nhắc hạn cho"), max_length=10, choices=SubjectKind.choices, unique=True)
    is_active = models.BooleanField(_("đang bật"), default=True)
    days_before = models.CharField(
        _("nhắc trước hạn (ngày)"), max_length=100, default="14, 7, 3, 1", blank=True,
        help_text=_("Các số ngày trước hạn, cách nhau bằng dấu phẩy, ví dụ: 14, 7, 3, 1"),
    )
    on_due_day = models.BooleanField(_("nhắc vào ngày hạn"), default=True)
    days_after = models.CharField(
        _("báo quá hạn sau (ngày)"), max_length=100, default="1, 7", blank=True,
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
        from .reminders.steps import offsets_from

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
    unit = models.ForeignKey("campaigns.Unit", verbose_name=_("đơn vị được nhắc"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("hạn"))
    # Days relative to the due date: -3 is "3 days before", 0 the due day, 1 "1 day overdue".
    step = models.SmallIntegerField(_("bước nhắc"))
    upper_unit = models.ForeignKey(
        "campaigns.Unit", verbose_name=_("cấp trên được báo"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
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

    @property
    def is_overdue_notice(self) -> bool:
        return self.step > 0

