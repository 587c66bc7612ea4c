"""Who may see and do what with plans, tasks, urgings, inspections and commemoration activities.
Views load every object through one helper here; the helpers ask the Scope (accounts/scope.py).

- A plan is seen by whoever sees its unit (drafts included: the level above follows the drafting),
  and, once issued, by the units below it (a lower level reads the plan it must implement).
  A cadre sees only the issued plans of their own committee.
- Only the committee's own officers (provincial staff for the province) write and issue its plan
  (`acts_for`).
- Tasks, urgings, inspections: seen by the unit concerned and the levels above it (not by cadres);
  an assignee updates its own assignments; the upper level (`supervises`) urges and inspects.
- Outsiders get 404; insiders without the right get 403.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import Scope
from core.access import checked
from documents import access as documents_access
from plans.models import Inspection, Plan, PlanSection, PlanTask, TaskAssignment, TaskUpdate, UrgingNotice


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


# --- plans ------------------------------------------------------------------------------------------
def plan_visible_q(scope: Scope) -> Q:
    q = scope.units_q("unit")
    ancestors = {a for root in scope.visible_paths for a in _ancestor_paths(root)}
    if ancestors:
        q |= Q(status=Plan.Status.ISSUED, unit__path__in=sorted(ancestors))
    cadre = scope.cadre_committee_ids
    if cadre:
        q |= Q(status=Plan.Status.ISSUED, unit_id__in=cadre)
    return q


def can_view_plan(scope: Scope, plan: Plan) -> bool:
    if scope.in_subtree(plan.unit):
        return True
    if not plan.is_issued:
        return False
    if any(root.startswith(plan.unit.path) for root in scope.visible_paths):
        return True
    return plan.unit_id in scope.cadre_committee_ids


def can_follow_plan(scope: Scope, plan: Plan) -> bool:
    """Sees the plan's unit and its subtree (cascade, tasks): not a cadre, not a lower unit."""
    return scope.in_subtree(plan.unit)


def can_edit_plan(scope: Scope, plan: Plan) -> bool:
    return scope.acts_for(plan.unit)


def get_plan_for(request, pk: int, need: str = "view") -> Plan:
    """need: "view", "edit" (the issuing committee drafts, edits, issues), "follow" (cascade, tasks)."""
    plan = (
        Plan.objects.select_related("unit", "unit__parent", "campaign", "based_on", "based_on__unit", "previous")
        .filter(pk=pk)
        .first()
    )
    return checked(
        plan,
        request.scope,
        need,
        view=can_view_plan,
        not_found=_("Không tìm thấy kế hoạch."),
        needs={
            "edit": (can_edit_plan, _("Chỉ cán bộ của đơn vị ban hành mới soạn, sửa và ban hành kế hoạch này.")),
            "follow": (can_follow_plan, _("Trang này dành cho đơn vị ban hành kế hoạch và cấp trên của đơn vị.")),
        },
    )


def get_section_for(request, pk: int, need: str = "edit") -> PlanSection:
    """A section of a plan, to change it: what its plan allows (need "edit" of the plan)."""
    section = PlanSection.objects.select_related("plan").filter(pk=pk).first()
    if section is None:
        raise Http404(_("Không tìm thấy mục."))
    section.plan = get_plan_for(request, section.plan_id, need=need)
    return section


def get_task_for(request, pk: int, need: str = "edit") -> PlanTask:
    """A task of a plan, to change it: what its plan allows (need "edit" of the plan)."""
    task = PlanTask.objects.select_related("plan", "section").filter(pk=pk).first()
    if task is None:
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    task.plan = get_plan_for(request, task.plan_id, need=need)
    return task


# --- assignments ------------------------------------------------------------------------------------------
def assignment_visible_q(scope: Scope) -> Q:
    return scope.units_q("unit")


def can_view_assignment(scope: Scope, assignment: TaskAssignment) -> bool:
    return scope.in_subtree(assignment.unit)


def get_assignment_for(request, pk: int, need: str = "view") -> TaskAssignment:
    """need: "view", "update" (the assignee committee reports progress)."""
    assignment = (
        TaskAssignment.objects.select_related(
            "unit", "unit__parent", "task", "task__plan", "task__plan__unit", "task__plan__campaign", "task__section"
        )
        .filter(pk=pk)
        .first()
    )
    return checked(
        assignment,
        request.scope,
        need,
        view=can_view_assignment,
        not_found=_("Không tìm thấy việc được giao."),
        insider=(lambda scope, a: scope.sees_unit(a.unit), _("Cán bộ, đảng viên không xem việc được giao của đơn vị.")),
        needs={
            "update": (
                lambda scope, a: scope.acts_for(a.unit),
                _("Chỉ cán bộ của đơn vị được giao mới cập nhật tiến độ việc này."),
            )
        },
    )


# --- urging notices -----------------------------------------------------------------------------------------
def can_view_notice(scope: Scope, notice: UrgingNotice, urged_units) -> bool:
    if scope.in_subtree(notice.unit):
        return True
    return any(scope.in_subtree(u) for u in urged_units)


def get_notice_for(request, pk: int, need: str = "view") -> UrgingNotice:
    notice = UrgingNotice.objects.select_related("unit", "by").filter(pk=pk).first()
    if notice is not None:
        notice.urged_units = [u.unit for u in notice.urgings.select_related("unit")]
    return checked(
        notice,
        request.scope,
        need,
        view=lambda scope, n: can_view_notice(scope, n, n.urged_units),
        needs={},
        not_found=_("Không tìm thấy công văn đôn đốc."),
        insider=(
            lambda scope, n: any(scope.sees_unit(u) for u in [n.unit, *n.urged_units]),
            _("Cán bộ, đảng viên không xem công văn đôn đốc."),
        ),
    )


# --- inspections ------------------------------------------------------------------------------------------
def inspection_visible_q(scope: Scope) -> Q:
    return scope.units_q("inspected_unit") | scope.units_q("unit")


def can_view_inspection(scope: Scope, inspection: Inspection) -> bool:
    return scope.in_subtree(inspection.inspected_unit) or scope.in_subtree(inspection.unit)


def get_inspection_for(request, pk: int, need: str = "view") -> Inspection:
    """need: "view", "edit" (the inspecting committee), "follow_up" (the inspected one reports on the recommendations)."""
    inspection = (
        Inspection.objects.select_related("unit", "inspected_unit", "plan", "campaign", "created_by").filter(pk=pk).first()
    )
    return checked(
        inspection,
        request.scope,
        need,
        view=can_view_inspection,
        not_found=_("Không tìm thấy biên bản kiểm tra."),
        insider=(lambda scope, i: scope.sees_unit(i.inspected_unit), _("Cán bộ, đảng viên không xem biên bản kiểm tra.")),
        needs={
            "edit": (lambda scope, i: scope.acts_for(i.unit), _("Chỉ đơn vị kiểm tra mới sửa biên bản.")),
            "follow_up": (
                lambda scope, i: scope.acts_for(i.inspected_unit) or scope.acts_for(i.unit),
                _("Chỉ đơn vị được kiểm tra mới báo cáo việc thực hiện kiến nghị."),
            ),
        },
    )


# --- files kept on these records (documents app) -------------------------------------------------------------
documents_access.register(Plan, can_view=can_view_plan)
documents_access.register(
    TaskUpdate,
    can_view=lambda scope, update: can_view_assignment(scope, update.assignment),
    can_change=lambda scope, update: scope.acts_for(update.assignment.unit),
)
documents_access.register(
    UrgingNotice,
    can_view=lambda scope, notice: can_view_notice(scope, notice, [u.unit for u in notice.urgings.select_related("unit")]),
)
documents_access.register(
    Inspection,
    can_view=can_view_inspection,
    can_change=lambda scope, inspection: scope.acts_for(inspection.unit) or scope.acts_for(inspection.inspected_unit),
)
