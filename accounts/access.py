"""Who may see and manage people: officers and provincial staff see the people who hold a role in
their subtree and manage those roles; everyone else gets 403, outsiders to a person 404."""

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.scope import require_roles
from core.access import checked, require
from core.roles import MANAGERS


def visible_people(scope):
    """People holding a role somewhere in this scope's subtrees."""
    visible_memberships = Membership.objects.filter(scope.units_q("unit"))
    return User.objects.filter(pk__in=visible_memberships.values("user_id"))


def get_person_for(request, pk: int, need: str = "view") -> User:
    require_roles(request, *MANAGERS)
    user = visible_people(request.scope).filter(pk=pk).first()
    if user is None:
        raise Http404(_("Không tìm thấy người dùng."))
    return user


def get_membership_for(request, pk: int, need: str = "view") -> Membership:
    """A role held in the user's subtree (locking or reopening it is checked by the service)."""
    require_roles(request, *MANAGERS)
    membership = Membership.objects.select_related("unit", "user").filter(pk=pk).first()
    return checked(
        membership,
        request.scope,
        need,
        view=lambda scope, m: scope.sees_unit(m.unit),
        not_found=_("Không tìm thấy vai trò."),
        needs={},
    )


# --- the reform page: provincial staff move the people of units a map change closed ---------------
def reform_scope_for(request):
    """The reform page is for provincial staff (403 for everyone else); returns their scope."""
    scope = request.scope
    require(scope.is_province_staff, _("Chỉ cán bộ Ủy ban MTTQ tỉnh sắp xếp người dùng theo đơn vị mới."))
    return scope


def get_reform_membership_for(request, pk: int, need: str = "view") -> Membership:
    """A role held in the provincial staff's subtree, to move or end ("move"); whether it still waits
    to be moved is the service's question, answered with a message rather than an error page."""
    scope = reform_scope_for(request)
    membership = Membership.objects.select_related("unit", "unit__parent", "user").filter(pk=pk).first()
    return checked(
        membership,
        scope,
        need,
        view=lambda scope, m: scope.is_staff_for(m.unit),
        not_found=_("Không tìm thấy vai trò."),
        needs={"move": (lambda scope, m: scope.is_staff_for(m.unit), _("Vai trò này không thuộc phạm vi bạn quản lý."))},
    )
