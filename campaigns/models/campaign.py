from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class Movement(models.Model):
    """A national movement or campaign the emulation is linked to (plan II.2.2)."""

    name = NFCCharField(_("tên cuộc vận động, phong trào"), max_length=300, unique=True)
    short_name = NFCCharField(_("tên ngắn"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    search_key = SearchKeyField(sources=("name", "short_name"))

    class Meta:
        verbose_name = _("cuộc vận động, phong trào")
        verbose_name_plural = _("cuộc vận động, phong trào")
        ordering = ["position", "name"]

    def __str__(self):
        return self.short_name or self.name


class Campaign(Versioned):
    """One year of the "Dân vận khéo" emulation movement.

    A campaign reads the unit tree valid on `map_date` (`map_on`, else its first day) (units.Unit.valid_from/valid_to): the 2020
    campaign keeps its districts after the 2025 map is loaded, the 2026 one has none. A closed
    campaign (its year reviewed) is an archive: readable, searchable, printable, never changed.
    """

    class Status(models.TextChoices):
        PLANNING = "planning", _("Đang chuẩn bị")
        ACTIVE = "active", _("Đang triển khai")
        CLOSED = "closed", _("Đã tổng kết")

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    name = NFCCharField(_("tên phong trào"), max_length=300)
    theme = NFCCharField(_("chủ đề năm"), max_length=300, blank=True)
    description = NFCTextField(_("mô tả"), blank=True)
    movements = models.ManyToManyField(Movement, verbose_name=_("cuộc vận động, phong trào gắn với"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    map_on = models.DateField(
        _("bản đồ đơn vị theo ngày"),
        null=True,
        blank=True,
        help_text=_("Phong trào dùng cây đơn vị có hiệu lực vào ngày này; để trống: ngày bắt đầu."),
    )
    opened_from = models.ForeignKey(
        "self", verbose_name=_("mở từ phong trào năm"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year"]

    def __str__(self):
        return self.name

    @property
    def map_date(self):
        """The day whose unit tree this campaign reads."""
        return self.map_on or self.starts_on

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_current(self) -> bool:
        current = type(self).current()
        return current is not None and current.pk == self.pk

    def units(self):
        """The unit tree of this campaign's year (the rows valid on `map_date`)."""
        from units.models import Unit

        return Unit.objects.valid_on(self.map_date)

    def contains(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    @classmethod
    def current(cls):
        """The active campaign with the latest year (None before the first one exists)."""
        return cls.objects.filter(status=cls.Status.ACTIVE).order_by("-year").first() or cls.objects.order_by("-year").first()
