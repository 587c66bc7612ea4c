"""Who may see and change a unit: whoever follows a subtree (everyone but cadres) sees the units in
it; provincial staff and officers at or above a unit manage it. Built on the request's scope
(accounts/scope.py), which the accounts middleware attaches to every request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import FOLLOWERS
from documents import access as documents_access
from units.models import Unit


def map_date_of(request):
    """The day whose unit tree the page shows: the map of the campaign year the page works in
    (`request.years`, set by campaigns' middleware), today's map without one."""
    years = getattr(request, "years", None)
    return years.map_date if years is not None else timezone.localdate()


def get_unit_for(request, code: str, need: str = "view", *, on=None) -> Unit:
    """The unit with this code on the map of `on` (default: the page's campaign year): 404 for
    someone who does not see it, 403 for a reader asked to manage it."""
    scope = request.scope
    unit = Unit.objects.valid_on(on or map_date_of(request)).select_related("parent").filter(code=code).first()
    if unit is None or not scope.sees_unit(unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    if need == "manage" and not scope.manages(unit):
        raise PermissionDenied(_("Bạn chỉ có quyền xem đơn vị này."))
    return unit


def require_follower(request) -> None:
    """The unit pages are for those who follow units (not for cadres)."""
    if not request.scope.has_role(*FOLLOWERS):
        raise PermissionDenied(_("Chức năng này không dành cho vai trò của bạn."))


# Files kept on a unit itself (e.g. a committee's decisions): seen by whoever sees the unit, added by whoever manages it.
documents_access.register(
    Unit, can_view=lambda scope, unit: scope.sees_unit(unit), can_change=lambda scope, unit: scope.manages(unit)
)
