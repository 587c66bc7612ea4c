"""Inspection and supervision records (kiểm tra, giám sát) and the commemorations of 2020
(90 years of the Party's mass mobilisation work, 90 years of the Front) with the activities units
register for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField


class Commemoration(models.Model):
    """An anniversary the campaign celebrates (e.g. 15/10/1930 – 15/10/2020)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="commemorations"
    )
    title = NFCCharField(_("tên sự kiện"), max_length=300)
    founded_on = models.DateField(_("ngày truyền thống"))
    anniversary_on = models.DateField(_("ngày kỷ niệm"))
    description = NFCTextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("sự kiện kỷ niệm")
        verbose_name_plural = _("sự kiện kỷ niệm")
        ordering = ["anniversary_on", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "title"], name="commemoration_campaign_title_unique")]

    def __str__(self):
        return self.title

    @property
    def years(self) -> int:
        return self.anniversary_on.year - self.founded_on.year


class CommemorationActivity(Versioned):
    """What a unit registers to do for a commemoration, and, once held, what came of it."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Lễ kỷ niệm, gặp mặt")
        CONTEST = "contest", _("Hội thi, cuộc thi")
        SEMINAR = "seminar", _("Tọa đàm, hội thảo")
        PROPAGANDA = "propaganda", _("Tuyên truyền, triển lãm")
        WORK = "work", _("Công trình, phần việc")
        OTHER = "other", _("Hoạt động khác")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã đăng ký")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Không tổ chức")

    commemoration = models.ForeignKey(
        Commemoration, verbose_name=_("sự kiện kỷ niệm"), on_delete=models.CASCADE, related_name="activities"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="commemoration_activities"
    )
    kind = models.CharField(_("loại hoạt động"), max_length=12, choices=Kind.choices, default=Kind.MEETING)
    title = NFCCharField(_("tên hoạt động"), max_length=300)
    planned_on = models.DateField(_("ngày dự kiến"))
    location = NFCCharField(_("địa điểm"), max_length=200, blank=True)
    description = NFCTextField(_("mô tả"), blank=True)
    expected_participants = models.PositiveIntegerField(_("số người dự kiến"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    result = NFCTextField(_("kết quả"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động kỷ niệm")
        verbose_name_plural = _("hoạt động kỷ niệm")
        ordering = ["planned_on", "unit__path", "id"]

    def __str__(self):
        return self.title
