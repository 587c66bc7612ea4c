"""Following plan tasks: one assignment per (task, assignee unit), the assignee's updates with
evidence, and the upper level's urging (đôn đốc).

Overdue is derived, never stored: not done and the due date has passed. Assignments exist only
for issued plans (they are made when the plan is issued); those of a revision that was replaced
are moved to the new revision's copy of the task, so status, updates and urgings stay together.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class TaskAssignmentQuerySet(models.QuerySet):
    def in_force(self):
        """Assignments of plans that are issued and not replaced by a later revision."""
        return self.filter(task__plan__status="issued", task__plan__superseded_at__isnull=True)

    def open(self):
        return self.exclude(status=TaskAssignment.Status.DONE)

    def overdue(self, on: dt.date):
        """Not done and the due date is before `on`."""
        return self.in_force().open().filter(due_on__lt=on)

    def at_risk(self, on: dt.date, days: int = 7):
        """Not done and due between `on` and `on + days` (inclusive)."""
        return self.in_force().open().filter(due_on__gte=on, due_on__lte=on + dt.timedelta(days=days))

    def done(self):
        return self.filter(status=TaskAssignment.Status.DONE)

    def in_subtree(self, unit, *, include_self: bool = True):
        qs = self.filter(unit__path__startswith=unit.path)
        return qs if include_self else qs.exclude(unit=unit)


class TaskAssignment(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    task = models.ForeignKey("plans.PlanTask", verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="task_assignments"
    )
    due_on = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    last_update_at = models.DateTimeField(_("cập nhật gần nhất"), null=True, blank=True)
    created_at = models.DateTimeField(_("giao lúc"), auto_now_add=True)
    history = HistoricalRecords()

    objects = TaskAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("việc được giao")
        verbose_name_plural = _("việc được giao")
        ordering = ["due_on", "unit__path", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="taskassignment_task_unit_unique")]
        indexes = [models.Index(fields=["status", "due_on"], name="taskassignment_status_due")]

    def __str__(self):
        return f"{self.unit}: {self.task}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    def days_late(self, on: dt.date) -> int:
        """Days past the due date (0 when not late); for a done task, how late it was done."""
        if self.is_done:
            if self.done_at is None:
                return 0
            from core.dates import local_day

            return max(0, (local_day(self.done_at) - self.due_on).days)
        return max(0, (on - self.due_on).days)

    def state(self, on: dt.date, days: int = 7) -> str:
        """done / overdue / at_risk / open — for badges and filters."""
        if self.is_done:
            return "done"
        if self.due_on < on:
            return "overdue"
        if self.due_on <= on + dt.timedelta(days=days):
            return "at_risk"
        return "open"


class TaskUpdate(models.Model):
    """What the assignee reports: text, the status it moves to, evidence (attachments)."""

    assignment = models.ForeignKey(
        TaskAssignment, verbose_name=_("việc được giao"), on_delete=models.CASCADE, related_name="updates"
    )
    text = NFCTextField(_("nội dung cập nhật"))
    status = models.CharField(_("trạng thái sau cập nhật"), max_length=12, choices=TaskAssignment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    # A random value the form carries: the same form sent twice records one update.
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:80]


class UrgingNotice(models.Model):
    """One urging sent by an upper committee to one or more late units (a công văn đôn đốc)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị đôn đốc"), on_delete=models.PROTECT, related_name="urging_notices"
    )
    number = NFCCharField(
        _("số công văn"), max_length=60, blank=True, help_text=_("Ví dụ: 15/MTTQ-BTT (công văn không có tên loại)")
    )
    subject = NFCCharField(_("trích yếu (V/v)"), max_length=300)
    message = NFCTextField(_("nội dung đôn đốc"))
    place = NFCCharField(_("địa danh"), max_length=80, blank=True)
    sent_on = models.DateField(_("ngày công văn"))
    signer_authority = NFCCharField(_("thẩm quyền ký"), max_length=80, blank=True, default="TM. BAN THƯỜNG TRỰC")  # vi-only
    signer_title = NFCCharField(_("chức vụ người ký"), max_length=80, blank=True, default="PHÓ CHỦ TỊCH")  # vi-only
    signer_name = NFCCharField(_("họ và tên người ký"), max_length=120, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("subject", "number", "message"))

    class Meta:
        verbose_name = _("đợt đôn đốc")
        verbose_name_plural = _("đợt đôn đốc")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject


class Urging(models.Model):
    """One urged (unit, assignment) of a notice: recorded on the task, visible to the urged unit."""

    notice = models.ForeignKey(UrgingNotice, verbose_name=_("đợt đôn đốc"), on_delete=models.CASCADE, related_name="urgings")
    assignment = models.ForeignKey(
        TaskAssignment, verbose_name=_("việc được giao"), on_delete=models.CASCADE, related_name="urgings"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị bị đôn đốc"), on_delete=models.PROTECT, related_name="urgings")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đôn đốc"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    due_on = models.DateField(_("hạn lúc đôn đốc"))
    days_late = models.PositiveIntegerField(_("số ngày quá hạn lúc đôn đốc"), default=0)

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("lần đôn đốc")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["notice", "assignment"], name="urging_notice_assignment_unique")]
        indexes = [models.Index(fields=["unit", "-created_at"], name="urging_unit_created")]

    def __str__(self):
        return gettext("Đôn đốc %(unit)s: %(task)s") % {"unit": self.unit, "task": self.assignment.task}
