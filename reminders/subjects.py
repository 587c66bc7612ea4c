"""What has a deadline: the open reporting periods (each unit that must report and has not sent
its report) and the open assignments of plan tasks in force. Each collector reads everything in a
fixed number of queries, whatever the number of units, and returns `Candidate`s.

The reports app's selectors (`reports.selectors.units_required`, `reports_missing`) answer the
same question for one period at a time; the sweep needs all periods at once, so the query is
written here with the same rules (tests/test_subjects.py checks both agree)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from reminders import links
from units.models import Unit

REPORT = "report"
TASK = "task"
UNIT_FIELDS = ("id", "code", "name", "level", "kind", "parent_id", "path", "depth", "position", "valid_from", "valid_to")


@dataclass
class Candidate:
    kind: str
    subject_id: int
    unit: Unit
    due_on: dt.date
    title: str  # what is due, as it reads in a sentence
    url: str  # where the unit does it
    upper_unit: Unit | None  # who is told when it is overdue
    upper_url: str  # where the upper level follows it
    target_type: ContentType
    # What the upper level's overdue notice is about: one notice lists every late unit of the same
    # group (the reporting period; the plan task, whose assignments are the units' subjects).
    group_type: ContentType | None = None
    group_id: int | None = None
    detail: str = ""  # one more line for the message body
    step: int | None = None

    @property
    def key(self) -> tuple:
        return (self.kind, self.subject_id, self.unit.pk, self.due_on)


def _valid_on(unit: Unit, day: dt.date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or unit.valid_to > day)


def report_candidates(*, due_from: dt.date, due_to: dt.date, now: dt.datetime | None = None) -> list[Candidate]:
    """Units that must report in an open period due between the two dates and have not sent it."""
    from reports.models import Report, ReportingPeriod

    now = now or timezone.now()
    periods = list(
        ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN, due_on__gte=due_from, due_on__lte=due_to)
        .select_related("receiving_unit")
        .order_by("due_on", "id")
    )
    if not periods:
        return []
    children = [p for p in periods if p.audience != ReportingPeriod.Audience.SELECTED]
    chosen = [p for p in periods if p.audience == ReportingPeriod.Audience.SELECTED]
    by_parent: dict[int, list[Unit]] = defaultdict(list)
    if children:
        for unit in (
            Unit.objects.committees()
            .filter(parent_id__in={p.receiving_unit_id for p in children})
            .only(*UNIT_FIELDS)
            .order_by("position", "code")
        ):
            by_parent[unit.parent_id].append(unit)
    selected: dict[int, list[Unit]] = defaultdict(list)
    if chosen:
        through = ReportingPeriod.selected_units.through
        for row in (
            through.objects.filter(reportingperiod_id__in=[p.pk for p in chosen])
            .select_related("unit")
            .order_by("unit__position", "unit__code")
        ):
            selected[row.reportingperiod_id].append(row.unit)
    # "Has not submitted" as of now: a report first sent later than the sweep's moment does not
    # count (it matters only when the sweep is run for a past date).
    sent = set(
        Report.objects.filter(
            period_id__in=[p.pk for p in periods], submitted_at__isnull=False, submitted_at__lte=now
        ).values_list("period_id", "unit_id")
    )
    content_type = ContentType.objects.get_for_model(ReportingPeriod)
    found = []
    for period in periods:
        if period.audience == ReportingPeriod.Audience.SELECTED:
            units = selected[period.pk]
        else:
            units = [u for u in by_parent[period.receiving_unit_id] if _valid_on(u, period.due_on)]
        upper_url = links.period_overview(period)
        unit_url = links.report_for_unit_pattern(period)  # one reverse() per period, not per unit
        for unit in units:
            if (period.pk, unit.pk) in sent:
                continue
            found.append(
                Candidate(
                    kind=REPORT,
                    subject_id=period.pk,
                    unit=unit,
                    due_on=period.due_on,
                    title=period.title,
                    url=unit_url.replace(links.CODE, unit.code),
                    upper_unit=period.receiving_unit,
                    upper_url=upper_url,
                    target_type=content_type,
                    group_type=content_type,
                    group_id=period.pk,
                    detail=f"Báo cáo gửi Ban Thường trực {period.receiving_unit.committee_name}.",
                )
            )
    return found


def task_candidates(*, due_from: dt.date, due_to: dt.date, day: dt.date) -> list[Candidate]:
    """Open assignments of plans in force, due between the two dates, of units open on `day`.

    A plan task of kind "report" (a report deadline named in a plan) is left to the reporting
    period of the same campaign and due date when there is one, so a unit is not reminded twice
    of the same report."""
    from plans.models import PlanTask, TaskAssignment
    from reports.models import ReportingPeriod

    assignments = list(
        TaskAssignment.objects.in_force()
        .open()
        .filter(due_on__gte=due_from, due_on__lte=due_to, unit__valid_from__lte=day)
        .exclude(unit__valid_to__lte=day)
        .select_related("unit", "unit__parent", "task", "task__plan", "task__plan__unit")
        .order_by("due_on", "unit__path", "id")
    )
    if not assignments:
        return []
    report_days = set(
        ReportingPeriod.objects.filter(campaign_id__in={a.task.plan.campaign_id for a in assignments}).values_list(
            "campaign_id", "due_on"
        )
    )
    content_type = ContentType.objects.get_for_model(TaskAssignment)
    task_type = ContentType.objects.get_for_model(PlanTask)
    found = []
    for a in assignments:
        task, plan = a.task, a.task.plan
        if task.kind == PlanTask.Kind.REPORT and (plan.campaign_id, a.due_on) in report_days:
            continue
        # The level that follows the task: the plan's issuer, or the unit's parent for a unit's own tasks.
        upper = plan.unit if plan.unit_id != a.unit_id else a.unit.parent
        text = " ".join(task.text.split())
        short = text if len(text) <= 120 else text[:117].rstrip() + "…"
        found.append(
            Candidate(
                kind=TASK,
                subject_id=a.pk,
                unit=a.unit,
                due_on=a.due_on,
                title=short,
                url=links.assignment(a),
                upper_unit=upper,
                upper_url=links.assignment_followup(a, upper),
                target_type=content_type,
                group_type=task_type,
                group_id=task.pk,
                detail=f"Nhiệm vụ theo {plan.short_label} của {plan.unit.committee_name}.",
            )
        )
    return found
