"""Progress of a registration: dated updates with text, figures against the targets, the percent
done, and evidence files (documents.Attachment owned by the update)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import NFCTextField
from registrations.models.registration import Registration, Target


class ProgressUpdate(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="progress_updates")
    reported_on = models.DateField(_("ngày cập nhật"))
    text = NFCTextField(_("nội dung đã thực hiện"))
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    # The same form sent twice adds one update, not two.
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["registration", "reported_on"], name="reg_progress_reported")]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="reg_progress_percent_max_100"),
            models.UniqueConstraint(
                fields=["registration", "client_token"],
                condition=Q(client_token__isnull=False),
                name="reg_progress_token_unique",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} — {self.reported_on} — {self.percent}%"


class ProgressValue(models.Model):
    """The value reached for one target at one update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("đạt được"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("kết quả theo chỉ tiêu")
        verbose_name_plural = _("kết quả theo chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["update", "target"], name="reg_progress_value_unique")]

    def __str__(self):
        return f"{self.target_id}: {self.value}"
