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

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import Scope
from documents import access as documents_access
from plans.models import Inspection, Plan, TaskAssignment, TaskUpdate, UrgingNotice


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


def plan_for_view(request, pk: int) -> Plan:
    plan = Plan.objects.select_related("unit", "unit__parent", "campaign", "based_on", "based_on__unit", "previous").filter(pk=pk).first()
    if plan is None or not can_view_plan(request.scope, plan):
        raise Http404(_("Không tìm thấy kế hoạch."))
    return plan


def plan_for_edit(request, pk: int) -> Plan:
    plan = plan_for_view(request, pk)
    if not can_edit_plan(request.scope, plan):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị ban hành mới soạn, sửa và ban hành kế hoạch này."))
    return plan


def plan_for_follow(request, pk: int) -> Plan:
    plan = plan_for_view(request, pk)
    if not can_follow_plan(request.scope, plan):
        raise PermissionDenied(_("Trang này dành cho đơn vị ban hành kế hoạch và cấp trên của đơn vị."))
    return plan


# --- assignments ------------------------------------------------------------------------------------------
def assignment_visible_q(scope: Scope) -> Q:
    return scope.units_q("unit")


def can_view_assignment(scope: Scope, assignment: TaskAssignment) -> bool:
    return scope.in_subtree(assignment.unit)


def assignment_for_view(request, pk: int) -> TaskAssignment:
    assignment = (
        TaskAssignment.objects.select_related("unit", "unit__parent", "task", "task__plan", "task__plan__unit", "task__plan__campaign", "task__section")
        .filter(pk=pk)
        .first()
    )
    scope = request.scope
    if assignment is None:
        raise Http404(_("Không tìm thấy việc được giao."))
    if not can_view_assignment(scope, assignment):
        if scope.sees_unit(assignment.unit):
            raise PermissionDenied(_("Cán bộ, đảng viên không xem việc được giao của đơn vị."))
        raise Http404(_("Không tìm thấy việc được giao."))
    return assignment


def assignment_for_update(request, pk: int) -> TaskAssignment:
    assignment = assignment_for_view(request, pk)
    if not request.scope.acts_for(assignment.unit):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị được giao mới cập nhật tiến độ việc này."))
    return assignment


# --- urging notices -----------------------------------------------------------------------------------------
def can_view_notice(scope: Scope, notice: UrgingNotice, urged_units) -> bool:
    if scope.in_subtree(notice.unit):
        return True
    return any(scope.in_subtree(u) for u in urged_units)


def notice_for_view(request, pk: int) -> UrgingNotice:
    notice = UrgingNotice.objects.select_related("unit", "by").filter(pk=pk).first()
    if notice is None:
        raise Http404(_("Không tìm thấy công văn đôn đốc."))
    urged_units = [u.unit for u in notice.urgings.select_related("unit")]
    scope = request.scope
    if not can_view_notice(scope, notice, urged_units):
        if any(scope.sees_unit(u) for u in [notice.unit, *urged_units]):
            raise PermissionDenied(_("Cán bộ, đảng viên không xem công văn đôn đốc."))
        raise Http404(_("Không tìm thấy công văn đôn đốc."))
    notice.urged_units = urged_units
    return notice


# --- inspections ------------------------------------------------------------------------------------------
def inspection_visible_q(scope: Scope) -> Q:
    return scope.units_q("inspected_unit") | scope.units_q("unit")


def can_view_inspection(scope: Scope, inspection: Inspection) -> bool:
    return scope.in_subtree(inspection.inspected_unit) or scope.in_subtree(inspection.unit)


def inspection_for_view(request, pk: int) -> Inspection:
    inspection = Inspection.objects.select_related("unit", "inspected_unit", "plan", "campaign", "created_by").filter(pk=pk).first()
    scope = request.scope
    if inspection is None:
        raise Http404(_("Không tìm thấy biên bản kiểm tra."))
    if not can_view_inspection(scope, inspection):
        if scope.sees_unit(inspection.inspected_unit):
            raise PermissionDenied(_("Cán bộ, đảng viên không xem biên bản kiểm tra."))
        raise Http404(_("Không tìm thấy biên bản kiểm tra."))
    return inspection


def inspection_for_edit(request, pk: int) -> Inspection:
    inspection = inspection_for_view(request, pk)
    if not request.scope.acts_for(inspection.unit):
        raise PermissionDenied(_("Chỉ đơn vị kiểm tra mới sửa biên bản."))
    return inspection


def inspection_for_follow_up(request, pk: int) -> Inspection:
    inspection = inspection_for_view(request, pk)
    scope = request.scope
    if not (scope.acts_for(inspection.inspected_unit) or scope.acts_for(inspection.unit)):
        raise PermissionDenied(_("Chỉ đơn vị được kiểm tra mới báo cáo việc thực hiện kiến nghị."))
    return inspection


# --- files kept on these records (documents app) -------------------------------------------------------------
documents_access.register(Plan, can_view=can_view_plan)
documents_access.register(
    TaskUpdate,
    can_view=lambda scope, update: can_view_assignment(scope, update.assignment),
    can_change=lambda scope, update: scope.acts_for(update.assignment.unit),
)
documents_access.register(
    UrgingNotice, can_view=lambda scope, notice: can_view_notice(scope, notice, [u.unit for u in notice.urgings.select_related("unit")])
)
documents_access.register(
    Inspection,
    can_view=can_view_inspection,
    can_change=lambda scope, inspection: scope.acts_for(inspection.unit) or scope.acts_for(inspection.inspected_unit),
)
