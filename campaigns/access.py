"""Who may see and change a campaign's records: commemoration activities are seen by whoever sees
the unit (and by the unit's cadres), registered and changed by whoever manages it; the campaign
itself is edited by provincial staff."""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scope import Scope
from campaigns.models import Campaign, Commemoration, CommemorationActivity
from core.access import checked
from documents import access as documents_access


def activity_visible_q(scope: Scope) -> Q:
    q = scope.units_q("unit")
    cadre = scope.cadre_committee_ids
    if cadre:
        q |= Q(unit_id__in=cadre)
    return q


def can_view_activity(scope: Scope, activity: CommemorationActivity) -> bool:
    return scope.sees_unit(activity.unit)


def get_activity_for(request, pk: int, need: str = "view") -> CommemorationActivity:
    """need: "view", "change" (whoever manages the activity's unit)."""
    activity = (
        CommemorationActivity.objects.select_related("unit", "commemoration", "commemoration__campaign").filter(pk=pk).first()
    )
    return checked(
        activity,
        request.scope,
        need,
        view=can_view_activity,
        not_found=_("Không tìm thấy hoạt động."),
        needs={
            "change": (lambda scope, a: scope.manages(a.unit), _("Bạn chỉ xem được hoạt động này.")),
        },
    )


def get_commemoration_for(request, pk: int, need: str = "view") -> Commemoration:
    """A commemoration of a campaign: every signed-in person reads it (each sees the activities of their own subtree)."""
    event = Commemoration.objects.select_related("campaign").filter(pk=pk).first()
    return checked(
        event, request.scope, need, view=lambda scope, e: True, not_found=_("Không tìm thấy sự kiện kỷ niệm."), needs={}
    )


def can_edit_campaign(scope, campaign) -> bool:
    return scope.is_province_staff


def can_open_campaign(scope) -> bool:
    """Opening a campaign year is provincial staff's (the province runs the movement)."""
    return scope.is_province_staff


def get_campaign_for(request, pk: int, need: str = "view"):
    """Every signed-in person reads a campaign; provincial staff change it ("change")."""
    campaign = Campaign.objects.filter(pk=pk).first()
    return checked(
        campaign,
        request.scope,
        need,
        view=lambda scope, c: True,
        not_found=_("Không tìm thấy phong trào."),
        needs={
            "change": (can_edit_campaign, _("Chỉ cán bộ Ủy ban MTTQ tỉnh sửa được thông tin phong trào.")),
        },
    )


documents_access.register(
    CommemorationActivity, can_view=can_view_activity, can_change=lambda scope, activity: scope.manages(activity.unit)
)
