"""Plans (kế hoạch) and their items.

A plan is a numbered administrative document of one committee (the issuer) for one campaign.
Each level writes its own plan "căn cứ" (based on) the plan of the level above (`based_on`), or
on an external document (`basis`, free text). A plan is drafted, then issued; an issued plan is
locked. Changing it makes a new revision (a new row, `previous` → the revision it amends); the
old revision stays as it was and is marked superseded when the new one is issued.

Its text is split the way the seed document is: the three parts (I. Mục đích, yêu cầu; II. Nội
dung; III. Tổ chức thực hiện) hold numbered sections; sections of part III are addressed to a
unit or to every unit of a level, and hold the plan's tasks (PlanTask), which become one
TaskAssignment per assignee unit when the plan is issued (models/tasks.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class TargetLevel(models.TextChoices):
    """Levels a section or a task can be addressed to, as a whole ("Ủy ban MTTQ các huyện")."""

    DISTRICT = "district", _("Mọi đơn vị cấp huyện")
    COMMUNE = "commune", _("Mọi đơn vị cấp xã")


class PlanQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Plan.Status.ISSUED)

    def current(self):
        """Issued and not replaced by a later revision: the plans in force."""
        return self.filter(status=Plan.Status.ISSUED, superseded_at__isnull=True)

    def drafts(self):
        return self.filter(status=Plan.Status.DRAFT)

    def for_list(self):
        return self.select_related("unit", "campaign", "based_on", "based_on__unit")


class Plan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="plans"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="plans")
    board = NFCCharField(_("cơ quan ký ban hành"), max_length=120, default="Ban Thường trực")  # vi-only
    number = NFCCharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 05/KH-MTTQ-BTT"))
    issued_on = models.DateField(_("ngày văn bản"), null=True, blank=True)
    place = NFCCharField(_("địa danh"), max_length=80, blank=True, help_text=_("Viết trước ngày tháng: “Tuyên Quang, ngày …”"))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("căn cứ kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived_plans",
    )
    basis = NFCTextField(
        _("căn cứ"),
        blank=True,
        help_text=_("Mỗi dòng một căn cứ, ví dụ: Căn cứ Kế hoạch số 54-KH/BCĐ ngày 12/02/2020 của Ban Chỉ đạo …;"),
    )
    title = NFCCharField(_("trích yếu"), max_length=300)
    intro = NFCTextField(_("lời mở đầu"), blank=True)
    closing = NFCTextField(_("đoạn kết"), blank=True, help_text=_("Đề nghị, thời hạn báo cáo, … (sau phần Tổ chức thực hiện)"))
    recipients = NFCTextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận; dòng cuối: Lưu VT, …"))
    signer_authority = NFCCharField(_("thẩm quyền ký"), max_length=80, blank=True, default="TM. BAN THƯỜNG TRỰC")  # vi-only
    signer_title = NFCCharField(_("chức vụ người ký"), max_length=80, blank=True, default="CHỦ TỊCH")  # vi-only
    signer_name = NFCCharField(_("họ và tên người ký"), max_length=120, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    issued_at = models.DateTimeField(_("ban hành trên cổng lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous = models.ForeignKey(
        "self", verbose_name=_("thay thế phiên bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    superseded_at = models.DateTimeField(_("bị thay thế lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    search_key = SearchKeyField(sources=("title", "number", "unit.name"))
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "kế hoạch")
        ordering = ["campaign", "unit__path", "-revision"]
        indexes = [
            models.Index(fields=["campaign", "unit", "status"], name="plan_campaign_unit_status"),
        ]
        constraints = [
            # One draft amendment per revision: a double click on "Điều chỉnh" cannot make two.
            models.UniqueConstraint(fields=["previous"], condition=Q(status="draft"), name="plan_one_draft_amendment"),
        ]

    def __str__(self):
        # Vietnamese whatever the page language: also written into records (history, notices).
        number = f"số {self.number} " if self.number else ""  # vi-only
        return f"Kế hoạch {number}của {self.unit.committee_name}"  # vi-only

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_current(self) -> bool:
        return self.is_issued and self.superseded_at is None

    @property
    def basis_lines(self) -> list[str]:
        return [line.strip() for line in (self.basis or "").splitlines() if line.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        return [
            line.strip().lstrip("-").strip().rstrip(";.").strip() for line in (self.recipients or "").splitlines() if line.strip()
        ]

    @property
    def short_label(self) -> str:
        """ "Kế hoạch số 04/KH-MTTQ-BTT" (or the title while it has no number), always in Vietnamese:
        it is written into notifications, reminders and document titles. Pages use `display_label`."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.display_label

    @property
    def display_label(self) -> str:
        """`short_label` in the page's language ("Plan No. 04/KH-MTTQ-BTT" in English)."""
        if self.number:
            return gettext("Kế hoạch số %(number)s") % {"number": self.number}
        return gettext("Kế hoạch “%(title)s”") % {"title": self.title}


class PlanSection(Versioned):
    """A numbered section of one of the plan's three parts ("1.", "1.1.", "2.3."…).

    Sections of part III (implementation) are addressed to a unit or to every unit of a level, and
    list the plan's tasks under them. `origin` is the section of the upper (or previous) plan this
    one was copied from: the comparison page uses it to tell added, removed and changed sections.
    """

    class Part(models.TextChoices):
        PURPOSES = "purposes", _("I. Mục đích, yêu cầu")
        CONTENTS = "contents", _("II. Nội dung")
        IMPLEMENTATION = "implementation", _("III. Tổ chức thực hiện")

    # The parts' headings as the plan document prints them (PDF): document text, stays Vietnamese.
    PART_TITLES = {"purposes": "Mục đích, yêu cầu", "contents": "Nội dung", "implementation": "Tổ chức thực hiện"}  # vi-only
    PART_NUMERALS = {"purposes": "I", "contents": "II", "implementation": "III"}

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="sections")
    part = models.CharField(_("phần"), max_length=16, choices=Part.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    number = NFCCharField(_("số mục"), max_length=20, blank=True, help_text=_("Ví dụ: 1. hoặc 2.3. (để trống nếu không đánh số)"))
    heading = NFCCharField(_("tiêu đề mục"), max_length=500, blank=True)
    body = NFCTextField(_("nội dung"), blank=True, help_text=_("Mỗi đoạn một dòng; dòng bắt đầu bằng “- ” là một gạch đầu dòng."))
    target_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("giao cho đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_level = models.CharField(_("giao cho cấp"), max_length=10, choices=TargetLevel.choices, blank=True)
    origin = models.ForeignKey(
        "self", verbose_name=_("sao từ mục"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    # A random value the "add" form carries: the same form sent twice adds one section.
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục của kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "mục của kế hoạch")
        ordering = ["plan", "part", "position", "id"]
        indexes = [models.Index(fields=["plan", "part", "position"], name="plansection_plan_part_pos")]

    def __str__(self):
        return f"{self.number} {self.heading or self.body[:60]}".strip()

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in (self.body or "").splitlines() if line.strip()]

    @property
    def depth(self) -> int:
        """ "1." → 1, "1.1." → 2: how deep the number is (headings of depth 2 are set in italics)."""
        return len([p for p in self.number.strip().strip(".").split(".") if p]) if self.number.strip() else 0

    @property
    def target_label(self) -> str:
        if self.target_unit_id:
            return self.target_unit.committee_name
        if self.target_level:
            return self.get_target_level_display()
        return ""


class PlanTask(Versioned):
    """An item of a plan addressed to one unit or to every unit of a level, with a due date.

    `kind` says what finishes it: an ordinary action is marked done by the assignee; "plan"
    (write your own plan) is done when the assignee issues a plan based on this one; "report"
    is a report deadline (the report itself belongs to the reports app).
    """

    class Kind(models.TextChoices):
        ACTION = "action", _("Nhiệm vụ")
        PLAN = "plan", _("Xây dựng kế hoạch cấp dưới")
        REPORT = "report", _("Hạn báo cáo")

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        PlanSection,
        verbose_name=_("thuộc mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        help_text=_("Mục của phần Tổ chức thực hiện; để trống với các hạn báo cáo nêu ở đoạn kết."),
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.ACTION)
    text = NFCTextField(_("nội dung nhiệm vụ"))
    target_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("giao cho đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_level = models.CharField(_("giao cho cấp"), max_length=10, choices=TargetLevel.choices, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"))
    origin = models.ForeignKey(
        "self", verbose_name=_("sao từ nhiệm vụ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    # For a unit's own copy of an upper plan's item: the upper plan's assignment to this unit,
    # which follows it (set when the plan is issued), so the same work is not tracked twice.
    tracked_by = models.ForeignKey(
        "plans.TaskAssignment",
        verbose_name=_("theo dõi theo việc được giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ của kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "nhiệm vụ của kế hoạch")
        ordering = ["plan", "section__position", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(target_unit__isnull=False) & ~Q(target_level="")), name="plantask_one_target_kind"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def target_label(self) -> str:
        if self.target_unit_id:
            return self.target_unit.committee_name
        if self.target_level:
            return self.get_target_level_display()
        return ""
