"""What is counted of plans, plan tasks and inspections (the figure registry, core/figures.py).

- plans in force (issued, not replaced by a revision) dated by the end of the window, and the
  open committees with such a plan among all open committees (family "plan");
- assignments of plans in force due within the window: done, and overdue (not done, counted from
  the day after the due date) (family "task");
- inspection and supervision records dated within the window (of the campaign, or of none),
  counted both for the units that inspected and for the units inspected (family "insp").
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from campaigns.models import Campaign
from core import figures
from plans.models import Inspection, Plan, TaskAssignment
from units.models import Unit

PLAN, TASK, INSP = "plan", "task", "insp"
COMMITTEES, COMMITTEES_PLANNED = "committees", "committees_planned"


def _plans(window):
    return Plan.objects.current().filter(campaign_id=window.campaign_id, issued_on__lte=window.end)


def _committees(window):
    """The committees on the map of the window's campaign year."""
    map_date = Campaign.objects.filter(pk=window.campaign_id).values_list("map_on", "starts_on").first()
    day = (map_date[0] or map_date[1]) if map_date else window.start
    return Unit.objects.valid_on(day).committees().annotate(planned=Exists(_plans(window).filter(unit_id=OuterRef("pk"))))


def _assignments(window):
    return TaskAssignment.objects.in_force().filter(
        task__plan__campaign_id=window.campaign_id, due_on__gte=window.start, due_on__lte=window.end
    )


def _inspections(window):
    return Inspection.objects.filter(
        Q(campaign_id=window.campaign_id) | Q(campaign__isnull=True), inspected_on__gte=window.start, inspected_on__lte=window.end
    )


def _register():
    done = Q(status=TaskAssignment.Status.DONE)
    g = gettext_noop("Kế hoạch, nhiệm vụ")
    figures.register_source("plans", family=PLAN, rows=_plans)
    figures.register("plans", "plans_issued", gettext_noop("Kế hoạch triển khai đã ban hành (kể cả cấp dưới)"), g)
    figures.register_source("assignments", family=TASK, rows=_assignments)
    figures.register("assignments", "tasks_due", gettext_noop("Việc được giao đến hạn trong kỳ"), g)
    figures.register("assignments", "tasks_done", gettext_noop("Việc được giao đã hoàn thành"), g, done)
    figures.register(
        "assignments",
        "tasks_overdue",
        gettext_noop("Việc được giao quá hạn, chưa hoàn thành"),
        g,
        ~done,
        as_of="due_on",
        after=True,
    )
    g = gettext_noop("Kiểm tra, giám sát")
    figures.register_source("inspections_made", family=INSP, rows=_inspections)
    figures.register("inspections_made", "inspections_made", gettext_noop("Cuộc kiểm tra, giám sát đã tiến hành"), g)
    figures.register_source("inspections_received", family=INSP, rows=_inspections, unit="inspected_unit")
    figures.register("inspections_received", "inspections_received", gettext_noop("Lượt đơn vị được kiểm tra, giám sát"), g)

    # Not in report forms: the dashboards' share of committees that issued their plan.
    figures.register_source("committees", family=PLAN, rows=_committees, unit="")
    figures.register("committees", COMMITTEES, "", "", reported=False)
    figures.register("committees", COMMITTEES_PLANNED, "", "", Q(planned=True), reported=False)


_register()


# --- what the services say they changed ------------------------------------------------------------------
def assignment_units(plan_ids) -> set[int]:
    return set(
        TaskAssignment.objects.filter(task__plan_id__in=[p for p in plan_ids if p]).values_list("unit_id", flat=True).distinct()
    )


def plan_issued(plan) -> None:
    """An issued plan counts for its unit now, with the upper plan's "write your plan" task it
    finished; its assignments (made in bulk, for up to every commune of the country) and those of
    the revision it replaced right after the commit."""
    figures.changed(families=[PLAN, TASK], units=[plan.unit_id], campaign=plan.campaign_id)
    figures.changed(families=[TASK], units=assignment_units([plan.pk, plan.previous_id]), campaign=plan.campaign_id, later=True)


def inspection_changed(*inspections) -> None:
    """Inspections saved (pass the record before and after a change of its units, date or campaign)."""
    for i in inspections:
        figures.changed(families=[INSP], units=[i.unit_id, i.inspected_unit_id], campaign=i.campaign_id)
