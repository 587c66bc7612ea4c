"""Dashboards are for those who follow units (not cadres): a unit's dashboard is seen by whoever
sees the unit."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selection import selected_campaign
from core.roles import FOLLOWERS
from dashboards.selectors import is_valid_on, unit_with_children


def require_reader(request) -> None:
    if not request.scope.has_role(*FOLLOWERS):
        raise PermissionDenied(_("Bảng điều khiển dành cho cán bộ Mặt trận phụ trách, theo dõi đơn vị."))


def get_dashboard_unit_for(request, code: str | None, need: str = "view", *, campaign=None):
    """The unit and its child committees (None: not read yet) on the map of the campaign the page
    works in (`campaign`, else the selected one; today's map without any): the user's own
    committee, or the one with this code if the user sees it (404 otherwise); readers only (403).

    A code names a different row on each map (Xã Tân Trào is "/08/076/02545/" in 2020 and
    "/08/02545/" since July 2025): the row of the campaign's map is looked up, then the scope
    (subtrees by path) decides whether the user sees it."""
    campaign = campaign if campaign is not None else selected_campaign(request)
    day = campaign.map_date if campaign is not None else timezone.localdate()
    if code is None:
        require_reader(request)
        unit = request.scope.home_unit
        if unit is None:
            raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
        if is_valid_on(unit, day):
            return unit, None
        # Another map's row (a membership not yet moved to the new map, or already moved, read
        # in an earlier year): the same code on this map if the user sees it there, else that row.
        mapped, children = unit_with_children(unit.code, on=day)
        if mapped is not None and request.scope.sees_unit(mapped):
            return mapped, children
        return unit, None
    unit, children = unit_with_children(code, on=day)
    if unit is None or not request.scope.sees_unit(unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    require_reader(request)
    return unit, children
