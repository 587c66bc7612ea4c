"""Following plans: the assignee's updates, the upper level's urging, inspection records,
commemoration activities, and the campaign's own settings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scope import Scope
from accounts.selectors import officers_of
from campaigns.services import require_open
from core import figures
from core.concurrency import bump_version
from core.dates import short_date
from core.roles import Role
from documents.services import attachments_add, attachments_check
from plans import figures as plan_figures
from plans.models import Inspection, Plan, TaskAssignment, TaskUpdate, Urging, UrgingNotice
from units.models import Unit


# --- the assignee reports --------------------------------------------------------------------------------
def assignment_update(
    *, assignment: TaskAssignment, by, text: str, status: str, files=(), token: str | None = None
) -> TaskUpdate:
    """Record the assignee's progress (text, new status, evidence). The same form sent twice
    (same token) records one update."""
    require_open(assignment.task.plan.campaign)
    scope = Scope.for_user(by)
    if not scope.acts_for(assignment.unit):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị được giao mới cập nhật tiến độ việc này."))
    if token:
        existing = TaskUpdate.objects.filter(token=token).first()
        if existing is not None:
            return existing
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Hãy ghi nội dung cập nhật (đã làm gì, kết quả ra sao)."), code="empty")
    if status not in TaskAssignment.Status.values:
        raise ValidationError(_("Trạng thái không hợp lệ."), code="bad_status")
    attachments_check(files)
    with transaction.atomic():
        fresh = TaskAssignment.objects.select_for_update(of=("self",)).select_related("task__plan").get(pk=assignment.pk)
        plan = fresh.task.plan
        if not plan.is_current:
            raise ValidationError(
                _("Kế hoạch giao việc này đã được thay thế bằng phiên bản mới; hãy cập nhật ở việc tương ứng của phiên bản mới."),
                code="superseded",
            )
        now = timezone.now()
        update = TaskUpdate(assignment=fresh, text=text, status=status, by=by, token=token or None)
        try:
            with transaction.atomic():
                update.save()
        except IntegrityError:
            return TaskUpdate.objects.get(token=token)
        fresh.status = status
        fresh.done_at = (fresh.done_at or now) if status == TaskAssignment.Status.DONE else None
        fresh.last_update_at = now
        fresh.version += 1
        fresh.save(update_fields=["status", "done_at", "last_update_at", "version"])
        figures.changed(families=[plan_figures.TASK], units=[fresh.unit_id], campaign=plan.campaign_id)
        attachments_add(owner=update, files=files, by=by)
    return update


# --- urging -----------------------------------------------------------------------------------------------
def urging_committee(scope) -> Unit | None:
    """The committee an officer urges for: their own (the highest they act for)."""
    home = scope.home_unit
    return home if home is not None and scope.acts_for(home) else None


def urging_send(
    *,
    by,
    unit: Unit,
    assignments: list[TaskAssignment],
    subject: str,
    message: str,
    number: str = "",
    sent_on: dt.date | None = None,
    signer_authority: str = "",
    signer_title: str = "",
    signer_name: str = "",
    token: str | None = None,
) -> tuple[UrgingNotice, bool]:
    """Urge late units: one notice (the letter) with one Urging per selected assignment, an
    in-app notice and an e-mail to the urged units' officers. Sent twice (same token): one notice."""
    require_open(assignments[0].task.plan.campaign if assignments else None)
    scope = Scope.for_user(by)
    if token:
        existing = UrgingNotice.objects.filter(token=token).first()
        if existing is not None:
            return existing, False
    if unit is None or not scope.acts_for(unit):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị cấp trên mới đôn đốc được."))
    if not assignments:
        raise ValidationError(_("Hãy chọn ít nhất một việc của đơn vị cần đôn đốc."), code="none_selected")
    today = timezone.localdate()
    sent_on = sent_on or today
    problems = []
    for a in assignments:
        if not scope.supervises(a.unit) or a.unit_id == unit.pk or not a.unit.path.startswith(unit.path):
            raise PermissionDenied(
                _("%(unit)s không thuộc các đơn vị cấp dưới của %(upper)s.") % {"unit": a.unit.name, "upper": unit.name}
            )
        if a.is_done:
            problems.append(_("%(unit)s đã hoàn thành “%(task)s”.") % {"unit": a.unit.name, "task": a.task.text[:60]})
        elif not a.task.plan.is_current:
            problems.append(_("Việc “%(task)s” thuộc phiên bản kế hoạch đã được thay thế.") % {"task": a.task.text[:60]})
    if problems:
        raise ValidationError(
            [_("Không đôn đốc việc đã xong hoặc đã hết hiệu lực; hãy bỏ chọn:"), *problems], code="done_selected"
        )
    if not (subject or "").strip() or not (message or "").strip():
        raise ValidationError(_("Công văn đôn đốc cần có trích yếu (V/v) và nội dung."), code="empty")
    if sent_on > today:
        raise ValidationError(
            _("Ngày công văn (%(date)s) không thể sau hôm nay."), code="future", params={"date": short_date(sent_on)}
        )
    from core import docformat

    with transaction.atomic():
        notice = UrgingNotice(
            unit=unit,
            number=number.strip(),
            subject=subject.strip(),
            message=message.strip(),
            sent_on=sent_on,
            place=docformat.unit_place(unit),
            signer_authority=signer_authority,
            signer_title=signer_title,
            signer_name=signer_name,
            by=by,
            token=token or None,
        )
        try:
            with transaction.atomic():
                notice.save()
        except IntegrityError:
            return UrgingNotice.objects.get(token=token), False
        Urging.objects.bulk_create(
            [
                Urging(notice=notice, assignment=a, unit=a.unit, by=by, due_on=a.due_on, days_late=a.days_late(today))
                for a in sorted(assignments, key=lambda a: (a.unit.path, a.due_on))
            ]
        )
        _notify_urged(notice=notice, assignments=assignments, by=by)
    return notice, True


def _notify_urged(*, notice: UrgingNotice, assignments, by) -> None:
    from notifications.services import notify

    by_unit: dict[int, list[TaskAssignment]] = {}
    units = {}
    for a in assignments:
        by_unit.setdefault(a.unit_id, []).append(a)
        units[a.unit_id] = a.unit
    people_by_unit: dict[int, list] = {}
    for m in (
        Membership.objects.active()
        .filter(unit_id__in=list(units), role__in=[Role.OFFICER, Role.PROVINCE_STAFF])
        .select_related("user")
    ):
        people_by_unit.setdefault(m.unit_id, []).append(m.user)
    url = reverse("plans:urging_detail", kwargs={"pk": notice.pk})
    for unit_id, items in by_unit.items():
        lines = [f"- {a.task.text[:120]} (hạn {short_date(a.due_on)})" for a in items]  # vi-only
        notify(
            recipients=people_by_unit.get(unit_id, []),
            kind="task_urged",
            title=f"{notice.unit.committee_name} đôn đốc {len(items)} việc quá hạn hoặc sắp đến hạn",  # vi-only
            body=f"{notice.message}\n\nViệc được đôn đốc:\n" + "\n".join(lines),  # vi-only
            url=url,
            target=notice,
            unit=units[unit_id],
            actor=by,
        )


# --- inspections --------------------------------------------------------------------------------------------
INSPECTION_FIELDS = (
    "kind",
    "inspected_on",
    "team",
    "content",
    "findings",
    "recommendations",
    "follow_up_status",
    "plan",
    "campaign",
)


def inspection_save(
    *,
    by,
    unit: Unit,
    inspected_unit: Unit,
    inspection: Inspection | None = None,
    expected_version: int | None = None,
    files=(),
    token: str | None = None,
    **fields,
) -> tuple[Inspection, bool]:
    """Create or change an inspection record of the inspecting committee (`unit`)."""
    scope = Scope.for_user(by)
    if token and inspection is None:
        existing = Inspection.objects.filter(token=token).first()
        if existing is not None:
            return existing, False
    if not scope.acts_for(unit):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị kiểm tra mới ghi biên bản kiểm tra."))
    if inspected_unit.pk == unit.pk or not inspected_unit.path.startswith(unit.path) or not scope.supervises(inspected_unit):
        raise ValidationError(
            _("%(unit)s không phải đơn vị cấp dưới của %(upper)s."),
            code="not_below",
            params={"unit": inspected_unit.name, "upper": unit.name},
        )
    inspected_on = fields.get("inspected_on")
    if inspected_on and inspected_on > timezone.localdate():
        raise ValidationError(
            _("Ngày kiểm tra (%(date)s) không thể sau hôm nay."), code="future", params={"date": short_date(inspected_on)}
        )
    plan = fields.get("plan")
    if plan is not None and not inspected_unit.path.startswith(plan.unit.path):
        raise ValidationError(_("Kế hoạch được chọn không áp dụng cho đơn vị được kiểm tra."), code="plan_outside")
    attachments_check(files)
    created = inspection is None
    with transaction.atomic():
        before = None
        if created:
            inspection = Inspection(unit=unit, created_by=by, token=token or None)
        else:
            inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
            bump_version(inspection, expected=expected_version)
            before = Inspection(
                unit_id=inspection.unit_id, inspected_unit_id=inspection.inspected_unit_id, campaign_id=inspection.campaign_id
            )
        inspection.inspected_unit = inspected_unit
        for name in INSPECTION_FIELDS:
            if name in fields:
                setattr(inspection, name, fields[name])
        if inspection.plan_id and not inspection.campaign_id:
            inspection.campaign_id = inspection.plan.campaign_id
        try:
            with transaction.atomic():
                inspection.save()
        except IntegrityError:
            if token:
                return Inspection.objects.get(token=token), False
            raise
        plan_figures.inspection_changed(*[i for i in (before, inspection) if i is not None])
        attachments_add(owner=inspection, files=files, by=by)
        if created:
            from notifications.services import notify

            with translation.override("vi"):  # the stored notice stays Vietnamese whatever the page's language
                kind_label = inspection.get_kind_display().lower()
            notify(
                recipients=officers_of([inspected_unit]),
                kind="inspection_recorded",
                title=f"{unit.committee_name} đã ghi kết quả {kind_label} ngày {short_date(inspection.inspected_on)}",  # vi-only
                body=inspection.recommendations and f"Kiến nghị:\n{inspection.recommendations}" or "",  # vi-only
                url=reverse("plans:inspection_detail", kwargs={"pk": inspection.pk}),
                target=inspection,
                unit=inspected_unit,
                actor=by,
            )
    return inspection, created


def inspection_follow_up(*, inspection: Inspection, by, status: str, note: str, expected_version: int, files=()) -> Inspection:
    """The inspected unit reports how it follows the recommendations."""
    require_open(inspection.campaign)
    scope = Scope.for_user(by)
    if not (scope.acts_for(inspection.inspected_unit) or scope.acts_for(inspection.unit)):
        raise PermissionDenied(_("Chỉ đơn vị được kiểm tra (hoặc đơn vị kiểm tra) mới cập nhật việc thực hiện kiến nghị."))
    if status not in Inspection.FollowUp.values:
        raise ValidationError(_("Trạng thái không hợp lệ."), code="bad_status")
    attachments_check(files)
    with transaction.atomic():
        fresh = Inspection.objects.select_for_update().get(pk=inspection.pk)
        bump_version(fresh, expected=expected_version)
        fresh.follow_up_status = status
        fresh.follow_up_note = note.strip()
        fresh.follow_up_at = timezone.now()
        fresh.save()
        attachments_add(owner=fresh, files=files, by=by)
    return fresh


# --- after a plan is issued ----------------------------------------------------------------------------------
def plan_issued_notify(*, plan_id: int) -> int:
    """Tell the units that received tasks (and the level above, for a lower plan) that the plan is issued."""
    from notifications.services import notify

    plan = Plan.objects.select_related("unit", "unit__parent", "issued_by").get(pk=plan_id)
    url = reverse("plans:plan_detail", kwargs={"pk": plan.pk})
    label = plan.short_label
    sent = 0
    assignee_units = list(
        Unit.objects.filter(task_assignments__task__plan=plan).exclude(pk=plan.unit_id).distinct().order_by("path")
    )
    if assignee_units:
        sent += len(
            notify(
                recipients=officers_of(assignee_units),
                kind="plan_issued",
                title=f"{plan.unit.committee_name} ban hành {label}: {plan.title}",  # vi-only
                body="Kế hoạch giao việc cho đơn vị. Hãy xem các việc được giao, hạn hoàn thành, và xây dựng kế hoạch của đơn vị căn cứ kế hoạch này.",  # vi-only
                url=url,
                target=plan,
                unit=plan.unit,
                actor=plan.issued_by,
            )
        )
    if plan.based_on_id and plan.unit.parent_id:
        sent += len(
            notify(
                recipients=officers_of([plan.unit.parent]),
                kind="lower_plan_issued",
                title=f"{plan.unit.committee_name} đã ban hành {label}",  # vi-only
                body=f"Kế hoạch căn cứ kế hoạch của cấp trên; ngày văn bản {short_date(plan.issued_on)}.",  # vi-only
                url=url,
                target=plan,
                unit=plan.unit,
                actor=plan.issued_by,
                email=False,
            )
        )
    return sent
