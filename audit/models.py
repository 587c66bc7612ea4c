"""The audit trail: one row per change to a record that matters, written from
django-simple-history's history records, never edited or deleted through the portal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATED = "+", pgettext_lazy("audit action", "Tạo mới")
        CHANGED = "~", pgettext_lazy("audit action", "Sửa")
        DELETED = "-", pgettext_lazy("audit action", "Xóa")

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("thao tác"), max_length=1, choices=Action.choices)
    model_label = models.CharField(_("loại dữ liệu (mã)"), max_length=100)
    model_name = models.CharField(_("loại dữ liệu"), max_length=150)
    object_id = models.CharField(_("mã bản ghi"), max_length=64)
    object_repr = models.CharField(_("bản ghi"), max_length=300)
    # The unit the record belongs to, so the trail can be filtered by subtree in one query.
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    changes = models.JSONField(_("thay đổi"), default=list)

    class Meta:
        verbose_name = _("thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model_label", "object_id"], name="audit_object")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_action_display()} {self.model_name} {self.object_repr}"
