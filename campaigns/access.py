"""Who may see and change a campaign's records: commemoration activities are seen by whoever sees
the unit (and by the unit's cadres), registered and changed by whoever manages it; the campaign
itself is edited by provincial staff."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import Scope
from campaigns.models import CommemorationActivity
from documents import access as documents_access


def activity_visible_q(scope: Scope) -> Q:
    q = scope.units_q("unit")
    cadre = scope.cadre_committee_ids
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


documents_access.register(
    CommemorationActivity, can_view=can_view_activity, can_change=lambda scope, activity: scope.manages(activity.unit)
)
