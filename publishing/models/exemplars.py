"""Exemplars ("gương điển hình Dân vận khéo", plan II.2.3): a collective (a unit, or a group in it)
or an individual held up as an example; nominated by a unit within its subtree (from a
registration or directly), recognised (or not, with a reason) by the province."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class ExemplarQuerySet(models.QuerySet):
    def recognised(self):
        return self.filter(status=Exemplar.Status.RECOGNISED)

    def in_subtree(self, unit):
        return self.filter(unit__path__startswith=unit.path)

    def for_list(self):
        return self.select_related("unit", "unit__parent", "person", "registration")


class Exemplar(Versioned):
    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Được đề nghị")
        RECOGNISED = "recognised", _("Được tỉnh công nhận")
        NOT_RECOGNISED = "not_recognised", _("Không được công nhận")

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="exemplars"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="exemplars",
        help_text=_("Tập thể được đề nghị; với cá nhân là đơn vị công tác của người đó."),
    )
    name = NFCCharField(
        _("tên tập thể hoặc họ và tên"),
        max_length=200,
        help_text=_("Ví dụ: “Ban công tác Mặt trận thôn Tân Lập” hoặc “Nguyễn Văn A”."),
    )
    position = NFCCharField(_("chức vụ"), max_length=200, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản của cá nhân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
    )
    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("từ đăng ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
    )
    achievements = NFCTextField(_("thành tích, việc làm tiêu biểu"))
    period = NFCCharField(_("giai đoạn"), max_length=60, blank=True, help_text=_("Ví dụ: 2017-2020 hoặc năm 2020."))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.NOMINATED)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominating_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="exemplars_nominated"
    )
    nominated_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xét"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("xét lúc"), null=True, blank=True)
    recognised_at = models.DateTimeField(_("công nhận lúc"), null=True, blank=True)
    decision_note = NFCTextField(_("ý kiến, lý do"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("name", "position", "unit.name", "achievements"))
    history = HistoricalRecords()

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")
        ordering = ["-nominated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "recognised_at"], name="exemplar_status_recognised"),
            models.Index(fields=["unit", "status"], name="exemplar_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="recognised", recognised_at__isnull=False) | ~Q(status="recognised"),
                name="exemplar_recognised_has_date",
            ),
            models.UniqueConstraint(
                fields=["nominated_by", "client_token"],
                condition=Q(client_token__isnull=False),
                name="exemplar_client_token_unique",
            ),
        ]

    def __str__(self):
        return self.name
