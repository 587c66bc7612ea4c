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

from accounts.models import Role
from accounts.scope import Scope

from .models import CommemorationActivity, Inspection, Plan, TaskAssignment, TaskUpdate, UrgingNotice


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def _cadre_committees(scope: Scope) -> list[int]:
    return [g.committee_id for g in scope.grants if g.role == Role.CADRE]


def _in_subtree(scope: Scope, unit) -> bool:
    return any(unit.path.startswith(p) for p in scope.visible_paths)


# --- plans ------------------------------------------------------------------------------------------
def plan_visible_q(scope: Scope) -> Q:
    q = scope.units_q("unit")
    ancestors = {a for root in scope.visible_paths for a in _ancestor_paths(root)}
    if ancestors:
        q |= Q(status=Plan.Status.ISSUED, unit__path__in=sorted(ancestors))
    cadre = _cadre_committees(scope)
    if cadre:
        q |= Q(status=Plan.Status.ISSUED, unit_id__in=cadre)
    return q


def can_view_plan(scope: Scope, plan: Plan) -> bool:
    if _in_subtree(scope, plan.unit):
        return True
    if not plan.is_issued:
        return False
    if any(root.startswith(plan.unit.path) for root in scope.visible_paths):
        return True
    return plan.unit_id in _cadre_committees(scope)


def can_follow_plan(scope: Scope, plan: Plan) -> bool:
    """Sees the plan's unit and its subtree (cascade, tasks): not a cadre, not a lower unit."""
    return _in_subtree(scope, plan.unit)


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
    return _in_subtree(scope, assignment.unit)


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
    if _in_subtree(scope, notice.unit):
        return True
    return any(_in_subtree(scope, u) for u in urged_units)


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
    return _in_subtree(scope, inspection.inspected_unit) or _in_subtree(scope, inspection.unit)


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


# --- commemoration activities -----------------------------------------------------------------------------
def activity_visible_q(scope: Scope) -> Q:
    q = scope.units_q("unit")
    cadre = _cadre_committees(scope)
    if cadre:
        q |= Q(unit_id__in=cadre)
    return q


def can_view_activity(scope: Scope, activity: CommemorationActivity) -> bool:
    return scope.sees_unit(activity.unit)


def activity_for_edit(request, pk: int) -> CommemorationActivity:
    activity = CommemorationActivity.objects.select_related("unit", "commemoration", "commemoration__campaign").filter(pk=pk).first()
    scope = request.scope
    if activity is None or not can_view_activity(scope, activity):
        raise Http404(_("Không tìm thấy hoạt động."))
    if not scope.manages(activity.unit):
        raise PermissionDenied(_("Bạn chỉ xem được hoạt động này."))
    return activity


# --- files kept on these records (documents app) -------------------------------------------------------------
def _register_documents():
    from documents import access

    def scope_of(request):
        return Scope.for_user(request.user)

    access.register(Plan, can_view=lambda r, plan: can_view_plan(scope_of(r), plan))
    access.register(
        TaskUpdate,
        can_view=lambda r, update: can_view_assignment(scope_of(r), update.assignment),
        can_change=lambda r, update: scope_of(r).acts_for(update.assignment.unit),
    )
    access.register(
        UrgingNotice,
        can_view=lambda r, notice: can_view_notice(scope_of(r), notice, [u.unit for u in notice.urgings.select_related("unit")]),
    )
    access.register(
        Inspection,
        can_view=lambda r, inspection: can_view_inspection(scope_of(r), inspection),
        can_change=lambda r, inspection: scope_of(r).acts_for(inspection.unit) or scope_of(r).acts_for(inspection.inspected_unit),
    )
    access.register(
        CommemorationActivity,
        can_view=lambda r, activity: can_view_activity(scope_of(r), activity),
        can_change=lambda r, activity: scope_of(r).manages(activity.unit),
    )


_register_documents()
