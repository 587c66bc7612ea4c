"""Dashboards are for those who follow units (not cadres): a unit's dashboard is seen by whoever
sees the unit."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from core.roles import FOLLOWERS
from dashboards.selectors import unit_with_children


def require_reader(request) -> None:
    if not request.scope.has_role(*FOLLOWERS):
        raise PermissionDenied(_("Bảng điều khiển dành cho cán bộ Mặt trận phụ trách, theo dõi đơn vị."))


def get_dashboard_unit_for(request, code: str | None, need: str = "view"):
    """The unit and its child committees: the user's own committee, or the one with this code if
    the user sees it (404 otherwise); readers only (403)."""
    if code is None:
        require_reader(request)
        unit = request.scope.home_unit
        if unit is None:
            raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
        return unit, None
    unit, children = unit_with_children(code)
    if unit is None or not request.scope.sees_unit(unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    require_reader(request)
    return unit, children
