"""Who may see and do what with a registration. Views and services ask these functions; they ask
the Scope (accounts/scope.py), which is the one place the scope rule lives.

- A cadre sees only their own registrations; a cadre's task in draft is private to the cadre.
- Officers, provincial staff, reviewers and observers see the registrations of the units in
  their subtree (others' personal drafts excepted).
- The owner changes, submits, reports progress and completion: the cadre for a task; for a
  unit's registration, whoever manages the unit (its officers, or the levels above).
- The approver approves, returns and evaluates: for a cadre's task, an officer of the cadre's
  committee (`acts_for`); for a unit's registration, the level above (`supervises`); for the
  province's own, its provincial staff (there is no level above it in the portal).
- Outsiders get 404; insiders who may not act get 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import Scope
from core.access import checked
from documents import access as documents_access
from registrations.models import Field, ProgressUpdate, Registration
from units.cache import covers_whole_tree

Status = Registration.Status


def visible_q(scope: Scope) -> Q:
    """A filter for the registrations this scope may see."""
    q = Q(person_id=scope.user.pk) if scope.user.is_authenticated else Q(pk__in=[])
    if scope.visible_paths:
        # A scope over the whole tree (the central committee nationally, the province in a
        # provincial deployment) needs no test of the unit's path: no join with the units table
        # over every row of the list.
        units = Q() if covers_whole_tree(scope.visible_paths) else scope.units_q("unit")
        q |= units & ~Q(kind=Registration.Kind.TASK, status=Status.DRAFT)
    return q


def visible_registrations(scope: Scope):
    return Registration.objects.filter(visible_q(scope))


def can_view_registration(scope: Scope, registration: Registration) -> bool:
    if registration.person_id is not None and registration.person_id == scope.user.pk:
        return True
    if registration.is_task and registration.status == Status.DRAFT:
        return False
    return scope.in_subtree(registration.unit)


def is_owner(scope: Scope, registration: Registration) -> bool:
    if registration.is_task:
        return registration.person_id == scope.user.pk
    return scope.manages(registration.unit)


def is_approver(scope: Scope, registration: Registration) -> bool:
    if registration.is_task:
        return registration.person_id != scope.user.pk and scope.acts_for(registration.unit.committee)
    if registration.unit.parent_id is None:
        return scope.is_province_staff and scope.acts_for(registration.unit)
    return scope.supervises(registration.unit)


def can_edit_registration(scope, registration) -> bool:
    return registration.is_editable and is_owner(scope, registration)


def can_submit_registration(scope, registration) -> bool:
    return registration.is_editable and is_owner(scope, registration)


def can_delete_registration(scope, registration) -> bool:
    return registration.status == Status.DRAFT and is_owner(scope, registration)


def can_decide_registration(scope, registration) -> bool:
    """Approve or return."""
    return registration.status == Status.SUBMITTED and is_approver(scope, registration)


def can_report_progress_registration(scope, registration) -> bool:
    return registration.status in (Status.APPROVED, Status.IN_PROGRESS) and is_owner(scope, registration)


def can_start_registration(scope, registration) -> bool:
    return registration.status == Status.APPROVED and is_owner(scope, registration)


def can_complete_registration(scope, registration) -> bool:
    return registration.status == Status.IN_PROGRESS and is_owner(scope, registration)


def can_evaluate_registration(scope, registration) -> bool:
    return registration.status == Status.COMPLETED and is_approver(scope, registration)


def actions_for(scope, registration) -> dict[str, bool]:
    """What the detail page offers this person."""
    return {
        "edit": can_edit_registration(scope, registration),
        "submit": can_submit_registration(scope, registration),
        "delete": can_delete_registration(scope, registration),
        "decide": can_decide_registration(scope, registration),
        "progress": can_report_progress_registration(scope, registration),
        "start": can_start_registration(scope, registration),
        "complete": can_complete_registration(scope, registration),
        "evaluate": can_evaluate_registration(scope, registration),
    }


# --- access helpers for views ------------------------------------------------------------------
def get_registration_for(request, pk: int, need: str = "view") -> Registration:
    """need: "view", "own" (edit, submit, progress, complete: the cadre, or whoever manages the unit),
    "approve" (approve, return, evaluate: the level above, or the cadre's committee)."""
    registration = (
        Registration.objects.select_related("unit", "unit__parent", "person", "field", "campaign").filter(pk=pk).first()
    )
    return checked(
        registration,
        request.scope,
        need,
        view=can_view_registration,
        not_found=_("Không tìm thấy đăng ký."),
        needs={
            "own": (is_owner, _("Chỉ người, đơn vị đăng ký mới được thực hiện thao tác này.")),
            "approve": (is_approver, _("Bạn không phải cấp duyệt, đánh giá đăng ký này.")),
        },
    )


# --- files: evidence belongs to a progress update (or to the registration itself); whoever may see
# the registration sees them, its owner adds them while reporting progress.
def _registration_of(owner) -> Registration:
    return owner.registration if isinstance(owner, ProgressUpdate) else owner


for _model in (Registration, ProgressUpdate):
    documents_access.register(
        _model,
        can_view=lambda scope, owner: can_view_registration(scope, _registration_of(owner)),
        can_change=lambda scope, owner: can_report_progress_registration(scope, _registration_of(owner)),
    )


def get_field_for(request, pk: int, need: str = "change") -> Field:
    """The list of fields of work is kept by provincial staff."""
    if not request.scope.is_province_staff:
        raise PermissionDenied(_("Chức năng này không dành cho vai trò của bạn."))
    field = Field.objects.filter(pk=pk).first()
    if field is None:
        raise Http404(_("Không tìm thấy lĩnh vực."))
    return field
