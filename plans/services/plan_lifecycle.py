"""The life of a plan past drafting: deriving a lower plan from the upper one, issuing it (which
locks it and assigns its tasks), and amending an issued plan as a new revision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.scope import Scope
from campaigns.services import require_open
from core.concurrency import bump_version
from core.dates import short_date
from core.queue import enqueue
from plans import figures
from plans.models import Plan, PlanSection, PlanTask, TaskAssignment, TaskUpdate
from plans.services.plans import (
    PLAN_FIELDS,
    check_based_on,
    check_dates,
    lineage_ids,
    lower_units_label,
    number_suggestion,
    plan_defaults,
    plan_reference,
    require_author,
)
from units.models import Unit


# --- deriving a lower plan from the upper one ---------------------------------------------------------
def _copy_section(section: PlanSection, plan: Plan, **overrides) -> PlanSection:
    copy = PlanSection(
        plan=plan,
        part=section.part,
        position=section.position,
        number=section.number,
        heading=section.heading,
        body=section.body,
        target_unit=section.target_unit,
        target_level=section.target_level,
        origin=section,
    )
    for name, value in overrides.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def _copy_task(task: PlanTask, plan: Plan, section: PlanSection | None, **overrides) -> PlanTask:
    copy = PlanTask(
        plan=plan,
        section=section,
        position=task.position,
        kind=task.kind,
        text=task.text,
        target_unit=task.target_unit,
        target_level=task.target_level,
        due_on=task.due_on,
        origin=task,
    )
    for name, value in overrides.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def plan_for_unit_based_on(parent: Plan, unit: Unit) -> Plan | None:
    """The unit's plan (draft or in force) already based on this parent plan (any of its revisions)."""
    return (
        Plan.objects.filter(campaign=parent.campaign, unit=unit, based_on__unit=parent.unit, superseded_at__isnull=True)
        .order_by("status", "-revision", "-id")
        .first()
    )


def plan_derive(*, parent: Plan, unit: Unit, by) -> tuple[Plan, bool]:
    """The unit's draft plan pre-filled from the upper plan: purposes and contents copied; the
    upper plan's tasks for this unit's level (or for this unit) become the unit's own; tasks for
    the level below are passed on; the upper level's own tasks stay with it.

    Idempotent: when the unit already has a plan based on this one, that plan is returned
    (created = False), so a double click makes one plan.
    """
    require_open(parent.campaign)
    scope = Scope.for_user(by)
    if not scope.acts_for(unit):
        raise PermissionDenied(_("Chỉ cán bộ của chính đơn vị mới xây dựng kế hoạch cho đơn vị."))
    with transaction.atomic():
        parent = Plan.objects.select_for_update(of=("self",)).select_related("unit", "campaign").get(pk=parent.pk)
        if unit.parent_id != parent.unit_id:
            raise ValidationError(
                _("%(unit)s không trực thuộc %(parent)s."),
                code="not_child",
                params={"unit": unit.name, "parent": parent.unit.name},
            )
        existing = plan_for_unit_based_on(parent, unit)
        if existing is not None:
            return existing, False
        if not parent.is_current:
            raise ValidationError(
                _("Chỉ xây dựng kế hoạch căn cứ kế hoạch cấp trên đang có hiệu lực (đã ban hành)."), code="not_current"
            )
        plan = Plan(unit=unit, campaign=parent.campaign, based_on=parent, created_by=by)
        for name, value in plan_defaults(unit=unit, campaign=parent.campaign, based_on=parent).items():
            setattr(plan, name, value)
        plan.save()

        sections = list(parent.sections.select_related("target_unit").order_by("part", "position", "id"))
        tasks = list(parent.tasks.select_related("target_unit").order_by("position", "id"))
        tasks_by_section: dict[int | None, list[PlanTask]] = {}
        for task in tasks:
            tasks_by_section.setdefault(task.section_id, []).append(task)

        def is_for_unit(item) -> bool:
            return item.target_unit_id == unit.pk or (item.target_level == unit.level and not item.target_unit_id)

        def is_for_below(item) -> bool:
            if item.target_unit_id:
                return item.target_unit_id != unit.pk and item.target_unit.path.startswith(unit.path)
            return bool(item.target_level) and item.target_level != unit.level and unit.level == Unit.Level.DISTRICT

        created: dict[str, PlanSection] = {}
        counter = [0]

        def target_section(kind: str, source: PlanSection) -> PlanSection:
            """The derived plan's section for the unit itself ("own") or for its lower units ("below")."""
            if kind not in created:
                counter[0] += 10
                number = f"{counter[0] // 10}."
                if kind == "own":
                    created[kind] = _copy_section(
                        source,
                        plan,
                        position=counter[0],
                        number=number,
                        heading=unit.committee_name,
                        target_unit=unit,
                        target_level="",
                    )
                else:
                    created[kind] = _copy_section(
                        source,
                        plan,
                        position=counter[0],
                        number=number,
                        heading=lower_units_label(unit, plan.campaign),
                        body="",
                        target_unit=None,
                        target_level=Unit.Level.COMMUNE,
                    )
            return created[kind]

        for section in sections:
            if section.part != PlanSection.Part.IMPLEMENTATION:
                _copy_section(section, plan)
                continue
            section_for_unit, section_for_below = is_for_unit(section), is_for_below(section)
            if section_for_unit:
                target_section("own", section)
            for task in tasks_by_section.get(section.pk, []):
                untargeted = not task.target_unit_id and not task.target_level
                if is_for_below(task) or (untargeted and section_for_below):
                    _copy_task(task, plan, target_section("below", section))
                elif is_for_unit(task) or (untargeted and section_for_unit):
                    _copy_task(task, plan, target_section("own", section), target_unit=unit, target_level="")
                # Tasks for the upper level itself, or for other units, stay with the upper plan.
        for task in tasks_by_section.get(None, []):
            # Deadlines the upper plan sets outside its sections (e.g. report deadlines) bind the unit itself.
            if is_for_unit(task):
                _copy_task(task, plan, None, target_unit=unit, target_level="")
    return plan, True


# --- issuing ----------------------------------------------------------------------------------------------
def _targets(task: PlanTask, plan: Plan) -> list[Unit]:
    if task.target_unit_id:
        return [task.target_unit]
    if task.target_level:
        return list(
            plan.campaign.units()
            .filter(path__startswith=plan.unit.path, level=task.target_level)
            .exclude(pk=plan.unit_id)
            .order_by("path")
        )
    return [plan.unit]


def _upstream_assignment(task: PlanTask, unit: Unit, own_lineage: set[int]) -> TaskAssignment | None:
    """The assignment an upper plan already made for this unit and this item (followed through the
    chain of copies), so the lower plan's copy is tracked by it instead of twice."""
    seen, origin = set(), task.origin
    while origin is not None and origin.pk not in seen:
        seen.add(origin.pk)
        if origin.plan_id not in own_lineage:
            found = TaskAssignment.objects.filter(task__in=[origin, *origin.copies.all()], unit=unit).first()
            if found is not None:
                return found
        origin = origin.origin
    return None


def issue_problems(plan: Plan) -> list[str]:
    """What stops this draft from being issued (empty when it can be)."""
    problems = []
    if not plan.number.strip():
        problems.append(_("Chưa có số, ký hiệu văn bản."))
    if plan.issued_on is None:
        problems.append(_("Chưa có ngày văn bản."))
    if not plan.title.strip():
        problems.append(_("Chưa có trích yếu."))
    if not plan.signer_name.strip():
        problems.append(_("Chưa có họ và tên người ký."))
    if not plan.sections.exists():
        problems.append(_("Kế hoạch chưa có mục nào."))
    if plan.issued_on:
        early = plan.tasks.filter(due_on__lt=plan.issued_on).count()
        if early:
            problems.append(
                ngettext(
                    "%(n)s nhiệm vụ có hạn hoàn thành trước ngày văn bản (%(date)s).",
                    "%(n)s nhiệm vụ có hạn hoàn thành trước ngày văn bản (%(date)s).",
                    early,
                )
                % {"n": early, "date": short_date(plan.issued_on)}
            )
        if plan.number.strip():
            lineage = lineage_ids(plan)
            taken = (
                Plan.objects.issued()
                .filter(unit=plan.unit, number__iexact=plan.number.strip(), issued_on__year=plan.issued_on.year)
                .exclude(pk__in=lineage)
                .first()
            )
            if taken is not None:
                problems.append(
                    _("Số %(number)s đã dùng cho kế hoạch “%(title)s” năm %(year)s; số gợi ý: %(hint)s.")
                    % {
                        "number": plan.number,
                        "title": taken.title,
                        "year": plan.issued_on.year,
                        "hint": number_suggestion(unit=plan.unit, year=plan.issued_on.year, exclude=plan),
                    }
                )
    if plan.based_on_id:
        try:
            check_based_on(unit=plan.unit, campaign=plan.campaign, based_on=plan.based_on)
            check_dates(plan=plan, issued_on=plan.issued_on, based_on=plan.based_on)
        except ValidationError as exc:
            problems.extend(exc.messages)
    return problems


def plan_issue(*, plan: Plan, by, expected_version: int | None = None) -> tuple[Plan, bool]:
    """Issue a draft: lock it, make one assignment per (task, assignee unit), replace the revision
    it amends, finish the upper plan's "write your plan" task. Issuing twice (a double click)
    changes nothing the second time and returns (plan, False)."""
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    with transaction.atomic():
        fresh = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("unit", "campaign", "based_on", "previous")
            .get(pk=plan.pk)
        )
        if fresh.is_issued:
            return fresh, False
        if expected_version is not None and fresh.version != expected_version:
            bump_version(fresh, expected=expected_version)  # raises StaleObjectError with the changes
        problems = issue_problems(fresh)
        if problems:
            raise ValidationError(problems, code="not_ready")
        now = timezone.now()
        fresh.status = Plan.Status.ISSUED
        fresh.issued_at = now
        fresh.issued_by = by
        fresh.version += 1
        fresh.save()

        lineage = lineage_ids(fresh)
        tasks = list(fresh.tasks.select_related("origin", "target_unit").order_by("position", "id"))
        targets = {task.pk: _targets(task, fresh) for task in tasks}
        moved_units: dict[int, set[int]] = {}
        if fresh.previous_id:
            previous = fresh.previous
            Plan.objects.filter(pk=previous.pk).update(superseded_at=now)
            # The replaced revision's assignments follow their task into the new revision (for the
            # units it still targets), so status, updates and urgings stay together.
            for task in tasks:
                if task.origin_id and task.origin.plan_id == previous.pk:
                    unit_ids = [u.pk for u in targets[task.pk]]
                    moving = TaskAssignment.objects.filter(task_id=task.origin_id, unit_id__in=unit_ids)
                    moved_units[task.pk] = set(moving.values_list("unit_id", flat=True))
                    moving.update(task=task)
                    TaskAssignment.objects.filter(task=task).exclude(due_on=task.due_on).update(due_on=task.due_on)
        new_assignments = []
        for task in tasks:
            for unit in targets[task.pk]:
                if unit.pk in moved_units.get(task.pk, set()):
                    continue
                upstream = _upstream_assignment(task, unit, lineage)
                if upstream is not None:
                    # Already followed through the upper plan's assignment: show that one, not a twin.
                    if task.tracked_by_id != upstream.pk:
                        PlanTask.objects.filter(pk=task.pk).update(tracked_by=upstream)
                    continue
                new_assignments.append(TaskAssignment(task=task, unit=unit, due_on=task.due_on))
        TaskAssignment.objects.bulk_create(new_assignments, ignore_conflicts=True)
        if fresh.based_on_id:
            _finish_plan_tasks(plan=fresh, by=by, now=now)
        figures.plan_issued(fresh)
        from plans.tasks import notify_plan_issued

        enqueue(notify_plan_issued, fresh.pk)
    return fresh, True


def _finish_plan_tasks(*, plan: Plan, by, now) -> None:
    """The upper plan asked this unit to write its plan: issuing it does that task."""
    open_ones = list(
        TaskAssignment.objects.filter(
            unit=plan.unit, task__kind=PlanTask.Kind.PLAN, task__plan__unit=plan.based_on.unit, task__plan__campaign=plan.campaign
        ).exclude(status=TaskAssignment.Status.DONE)
    )
    text = f"Đã ban hành {plan_reference(plan)} trên cổng (tự động ghi nhận)."  # vi-only (a record of the task's progress)
    for assignment in open_ones:
        assignment.status = TaskAssignment.Status.DONE
        assignment.done_at = now
        assignment.last_update_at = now
        assignment.version += 1
        assignment.save(update_fields=["status", "done_at", "last_update_at", "version"])
        TaskUpdate.objects.create(assignment=assignment, text=text, status=TaskAssignment.Status.DONE, by=by)


# --- amending an issued plan --------------------------------------------------------------------------
def plan_amend(*, plan: Plan, by) -> tuple[Plan, bool]:
    """A new draft revision copying the issued plan; the issued one stays in force until the new
    one is issued. Asking twice returns the same draft."""
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    with transaction.atomic():
        fresh = Plan.objects.select_for_update(of=("self",)).select_related("unit", "campaign", "based_on").get(pk=plan.pk)
        existing = Plan.objects.filter(previous=fresh, status=Plan.Status.DRAFT).first()
        if existing is not None:
            return existing, False
        if not fresh.is_current:
            raise ValidationError(_("Chỉ điều chỉnh được phiên bản đang có hiệu lực của kế hoạch."), code="not_current")
        draft = Plan(
            unit=fresh.unit,
            campaign=fresh.campaign,
            based_on=fresh.based_on,
            previous=fresh,
            revision=fresh.revision + 1,
            created_by=by,
        )
        for name in PLAN_FIELDS:
            setattr(draft, name, getattr(fresh, name))
        draft.save()
        copies: dict[int, PlanSection] = {}
        for section in fresh.sections.order_by("part", "position", "id"):
            copies[section.pk] = _copy_section(section, draft)
        for task in fresh.tasks.order_by("position", "id"):
            _copy_task(task, draft, copies.get(task.section_id))
    return draft, True
