from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.fields import NFCCharField, NFCTextField


class Notification(models.Model):
    """One message to one person in the in-app notification centre."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("loại", max_length=50)
    title = NFCCharField("tiêu đề", max_length=300)
    body = NFCTextField("nội dung", blank=True)
    url = models.CharField("liên kết", max_length=500, blank=True)
    unit = models.ForeignKey("campaigns.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
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
    kind = models.CharField("loại thông báo", max_length=50)
    email = models.BooleanField("gửi e-mail", default=True)

    class Meta:
        verbose_name = "tùy chọn nhận thông báo"
        verbose_name_plural = "tùy chọn nhận thông báo"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_user_kind_unique")]

    def __str__(self):
        return f"{self.user}: {self.kind} ({'e-mail' if self.email else 'không e-mail'})"


class EmailDelivery(models.Model):
    """The mail log: every e-mail the portal tried to send, with its outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi lỗi"

    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField("loại", max_length=50)
    to = models.EmailField("gửi tới")
    subject = NFCCharField("tiêu đề", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thư đã gửi"
        verbose_name_plural = "nhật ký thư"
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
        verbose_name = "việc chờ đưa vào hàng đợi"
        verbose_name_plural = "việc chờ đưa vào hàng đợi"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_pending")]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"
