"""What units and cadres register (plan II.1): the unit's "content", the cadre's "task", the unit's
"model" (possibly spanning several communes or residential areas), its measurable targets, and the
history of its workflow (who did what, when and why)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class Field(models.Model):
    """A field of work ("lĩnh vực"): a list kept by provincial staff for each campaign year (carried
    over to the next year, where it can be edited without changing a past year's)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.CASCADE, related_name="fields"
    )
    name = NFCCharField(_("tên lĩnh vực"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="field_name_unique_per_campaign")]

    def __str__(self):
        return self.name


class RegistrationQuerySet(models.QuerySet):
    def collective(self):
        return self.exclude(kind=Registration.Kind.TASK)

    def tasks(self):
        return self.filter(kind=Registration.Kind.TASK)

    def registered(self):
        """Sent for approval at least once (drafts do not count in figures)."""
        return self.exclude(status=Registration.Status.DRAFT)

    def in_subtree(self, unit):
        return self.filter(unit__path__startswith=unit.path)

    def for_list(self):
        return self.select_related("unit", "person", "field", "campaign")


class Registration(Versioned):
    class Kind(models.TextChoices):
        CONTENT = "content", _("Nội dung (tập thể)")
        TASK = "task", _("Việc làm (cá nhân)")
        MODEL = "model", _("Mô hình")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Bị trả lại")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        COMPLETED = "completed", _("Đã hoàn thành, chờ đánh giá")
        EVALUATED = "evaluated", _("Đã đánh giá")

    class Rating(models.TextChoices):
        NONE = "", _("Chưa đánh giá")
        EXCELLENT = "excellent", _("Hoàn thành xuất sắc")
        GOOD = "good", _("Hoàn thành tốt")
        DONE = "done", _("Hoàn thành")
        NOT_DONE = "not_done", _("Không hoàn thành")

    # States in which the owner may still change what was registered.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="registrations"
    )
    kind = models.CharField(_("loại đăng ký"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="registrations",
        help_text=_("Đơn vị đăng ký; với việc làm cá nhân là đơn vị của cán bộ."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đăng ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    title = NFCCharField(_("tên nội dung, việc làm, mô hình"), max_length=300)
    description = NFCTextField(_("mô tả"), blank=True)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    movements = models.ManyToManyField(
        "campaigns.Movement", verbose_name=_("cuộc vận động, phong trào gắn với"), blank=True, related_name="registrations"
    )
    areas = models.ManyToManyField(
        "units.Unit",
        verbose_name=_("địa bàn thực hiện"),
        blank=True,
        related_name="registration_areas",
        help_text=_("Các xã, phường, thị trấn nơi mô hình được thực hiện."),
    )
    area_note = NFCCharField(_("thôn, tổ, khu dân cư"), max_length=300, blank=True)
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    responsible = NFCCharField(_("người phụ trách"), max_length=150, blank=True)
    expected_result = NFCTextField(_("kết quả dự kiến"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    rating = models.CharField(_("kết quả đánh giá"), max_length=10, choices=Rating.choices, blank=True, default="")
    evaluation_comment = NFCTextField(_("nhận xét đánh giá"), blank=True)
    percent_done = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # The key of the form that created it: the same form sent twice (double tap, autosave then
    # submit) reaches the same registration instead of creating a second one.
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("title", "unit.name", "person.full_name", "responsible", "area_note"))
    history = HistoricalRecords()

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký")
        verbose_name_plural = _("đăng ký")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["campaign", "kind", "status"], name="reg_campaign_kind_status"),
            models.Index(fields=["unit", "kind", "status"], name="reg_unit_kind_status"),
            models.Index(fields=["person", "status"], name="reg_person_status"),
            # The list's orders and filters at national scale (bench/): each sort key ends with -id
            # so the index gives the order without a sort; the newest-first index carries the
            # columns the visibility filter reads, so deep pages walk the index only.
            models.Index(fields=["status", "-updated_at", "-id"], name="reg_status_upd_cover", include=["unit_id", "person_id"]),
            models.Index(
                fields=["kind", "status", "-updated_at", "-id"], name="reg_kind_status_cover", include=["unit_id", "person_id"]
            ),
            models.Index(
                fields=["-updated_at", "-id"], name="reg_updated_cover", include=["unit_id", "person_id", "kind", "status"]
            ),
            models.Index(fields=["starts_on"], name="reg_starts_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="task") & Q(person__isnull=False)) | (~Q(kind="task") & Q(person__isnull=True)),
                name="reg_task_has_person",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="reg_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="reg_percent_max_100"),
            models.CheckConstraint(condition=Q(status="evaluated") | Q(rating=""), name="reg_rating_when_evaluated"),
            models.UniqueConstraint(
                fields=["created_by", "client_token"], condition=Q(client_token__isnull=False), name="reg_client_token_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_task(self) -> bool:
        return self.kind == self.Kind.TASK

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def owner_label(self) -> str:
        """Who registered it: the cadre (with their unit) or the unit."""
        if self.is_task and self.person_id:
            return f"{self.person} ({self.unit.name})"
        return self.unit.name

    @property
    def approver_unit(self):
        """The committee whose officers approve and evaluate it: the cadre's own committee for a
        task; the level above for a unit's registration (the province's own: the province)."""
        if self.is_task:
            return self.unit.committee
        parent = self.unit.parent
        return parent.committee if parent is not None else self.unit


class Target(models.Model):
    """A measurable target ("chỉ tiêu"): name, unit of measure, value to reach."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    name = NFCCharField(_("chỉ tiêu"), max_length=200)
    unit_of_measure = NFCCharField(_("đơn vị tính"), max_length=50, blank=True)
    target_value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name}: {self.target_value} {self.unit_of_measure}".strip()


class Transition(models.Model):
    """One step of the workflow: who, when, from what to what, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi duyệt")
        APPROVE = "approve", _("Duyệt")
        RETURN = "return", _("Trả lại")
        START = "start", _("Bắt đầu thực hiện")
        COMPLETE = "complete", _("Báo cáo hoàn thành")
        EVALUATE = "evaluate", _("Đánh giá")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=Registration.Status.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=Registration.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    comment = NFCTextField(_("lý do, ý kiến"), blank=True)
    rating = models.CharField(_("kết quả đánh giá"), max_length=10, choices=Registration.Rating.choices, blank=True, default="")

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["registration", "at"], name="reg_transition_at")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.registration_id}"
