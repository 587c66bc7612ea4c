"""Inspection and supervision records (kiểm tra, giám sát) and the commemorations of 2020
(90 years of the Party's mass mobilisation work, 90 years of the Front) with the activities units
register for them."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from danvan.concurrency import Versioned
from danvan.fields import NFCCharField, NFCTextField, SearchKeyField


class Inspection(Versioned):
    """An upper committee inspects or supervises a lower unit's work; the inspected unit sees the
    record and reports how it follows the recommendations."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Kiểm tra"
        SUPERVISION = "supervision", "Giám sát"

    class FollowUp(models.TextChoices):
        PENDING = "pending", "Chưa thực hiện kiến nghị"
        IN_PROGRESS = "in_progress", "Đang thực hiện kiến nghị"
        DONE = "done", "Đã thực hiện xong kiến nghị"
        NONE = "none", "Không có kiến nghị"

    unit = models.ForeignKey("campaigns.Unit", verbose_name="đơn vị kiểm tra", on_delete=models.PROTECT, related_name="inspections_made")
    inspected_unit = models.ForeignKey(
        "campaigns.Unit", verbose_name="đơn vị được kiểm tra", on_delete=models.PROTECT, related_name="inspections"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào thi đua", null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    plan = models.ForeignKey(
        "campaigns.Plan", verbose_name="theo kế hoạch", null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections"
    )
    kind = models.CharField("hình thức", max_length=12, choices=Kind.choices, default=Kind.INSPECTION)
    inspected_on = models.DateField("ngày kiểm tra")
    team = NFCTextField("đoàn kiểm tra", help_text="Trưởng đoàn và thành viên, mỗi người một dòng.")
    content = NFCTextField("nội dung kiểm tra")
    findings = NFCTextField("kết quả, nhận xét", blank=True)
    recommendations = NFCTextField("kiến nghị", blank=True)
    follow_up_status = models.CharField("thực hiện kiến nghị", max_length=12, choices=FollowUp.choices, default=FollowUp.PENDING)
    follow_up_note = NFCTextField("đơn vị báo cáo việc thực hiện kiến nghị", blank=True)
    follow_up_at = models.DateTimeField("báo cáo lúc", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("inspected_unit.name", "content", "findings", "recommendations", "team"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = "biên bản kiểm tra, giám sát"
        verbose_name_plural = "kiểm tra, giám sát"
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["inspected_unit", "-inspected_on"], name="inspection_unit_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.inspected_unit} ngày {self.inspected_on:%d/%m/%Y}"

    @property
    def team_lines(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class Commemoration(models.Model):
    """An anniversary the campaign celebrates (e.g. 15/10/1930 – 15/10/2020)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào thi đua", on_delete=models.PROTECT, related_name="commemorations"
    )
    title = NFCCharField("tên sự kiện", max_length=300)
    founded_on = models.DateField("ngày truyền thống")
    anniversary_on = models.DateField("ngày kỷ niệm")
    description = NFCTextField("mô tả", blank=True)

    class Meta:
        verbose_name = "sự kiện kỷ niệm"
        verbose_name_plural = "sự kiện kỷ niệm"
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
        MEETING = "meeting", "Lễ kỷ niệm, gặp mặt"
        CONTEST = "contest", "Hội thi, cuộc thi"
        SEMINAR = "seminar", "Tọa đàm, hội thảo"
        PROPAGANDA = "propaganda", "Tuyên truyền, triển lãm"
        WORK = "work", "Công trình, phần việc"
        OTHER = "other", "Hoạt động khác"

    class Status(models.TextChoices):
        REGISTERED = "registered", "Đã đăng ký"
        HELD = "held", "Đã tổ chức"
        CANCELLED = "cancelled", "Không tổ chức"

    commemoration = models.ForeignKey(Commemoration, verbose_name="sự kiện kỷ niệm", on_delete=models.CASCADE, related_name="activities")
    unit = models.ForeignKey("campaigns.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="commemoration_activities")
    kind = models.CharField("loại hoạt động", max_length=12, choices=Kind.choices, default=Kind.MEETING)
    title = NFCCharField("tên hoạt động", max_length=300)
    planned_on = models.DateField("ngày dự kiến")
    location = NFCCharField("địa điểm", max_length=200, blank=True)
    description = NFCTextField("mô tả", blank=True)
    expected_participants = models.PositiveIntegerField("số người dự kiến", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.REGISTERED)
    participants = models.PositiveIntegerField("số người tham gia", null=True, blank=True)
    result = NFCTextField("kết quả", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("đăng ký lúc", auto_now_add=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hoạt động kỷ niệm"
        verbose_name_plural = "hoạt động kỷ niệm"
        ordering = ["planned_on", "unit__path", "id"]

    def __str__(self):
        return self.title
