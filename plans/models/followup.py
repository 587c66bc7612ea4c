"""Inspection and supervision records (kiểm tra, giám sát) and the commemorations of 2020
(90 years of the Party's mass mobilisation work, 90 years of the Front) with the activities units
register for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCTextField, SearchKeyField


class Inspection(Versioned):
    """An upper committee inspects or supervises a lower unit's work; the inspected unit sees the
    record and reports how it follows the recommendations."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    class FollowUp(models.TextChoices):
        PENDING = "pending", _("Chưa thực hiện kiến nghị")
        IN_PROGRESS = "in_progress", _("Đang thực hiện kiến nghị")
        DONE = "done", _("Đã thực hiện xong kiến nghị")
        NONE = "none", _("Không có kiến nghị")

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị kiểm tra"), on_delete=models.PROTECT, related_name="inspections_made"
    )
    inspected_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="inspections"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("theo kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices, default=Kind.INSPECTION)
    inspected_on = models.DateField(_("ngày kiểm tra"))
    team = NFCTextField(_("đoàn kiểm tra"), help_text=_("Trưởng đoàn và thành viên, mỗi người một dòng."))
    content = NFCTextField(_("nội dung kiểm tra"))
    findings = NFCTextField(_("kết quả, nhận xét"), blank=True)
    recommendations = NFCTextField(_("kiến nghị"), blank=True)
    follow_up_status = models.CharField(
        _("thực hiện kiến nghị"), max_length=12, choices=FollowUp.choices, default=FollowUp.PENDING
    )
    follow_up_note = NFCTextField(_("đơn vị báo cáo việc thực hiện kiến nghị"), blank=True)
    follow_up_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("inspected_unit.name", "content", "findings", "recommendations", "team"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên bản kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["inspected_unit", "-inspected_on"], name="inspection_unit_date")]

    def __str__(self):
        return gettext("%(kind)s %(unit)s ngày %(date)s") % {
            "kind": self.get_kind_display(),
            "unit": self.inspected_unit,
            "date": f"{self.inspected_on:%d/%m/%Y}",
        }

    @property
    def team_lines(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]
