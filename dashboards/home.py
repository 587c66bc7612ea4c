"""Home item: the dashboard of the person's own committee (no query: the scope knows the unit, the
request the campaign year)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.selection import selected_campaign
from core import home
from dashboards.selectors import is_valid_on

ROLES = ("province_staff", "officer")


@home.register(order=5)
def dashboard_link(request, scope):
    if not scope.has_role(*ROLES) or scope.home_unit is None:
        return None
    unit = scope.home_unit
    campaign = selected_campaign(request)
    # A unit of another map than the year's (a 2020 district read in 2026) has no page under its
    # code in that year: the overview finds the person's committee on the year's map.
    on_the_map = campaign is None or is_valid_on(unit, campaign.map_date)
    url = reverse("dashboards:unit", kwargs={"code": unit.code}) if on_the_map else reverse("dashboards:overview")
    return home.HomeSection(
        title=_("Bảng điều khiển"),
        items=[
            home.HomeItem(
                text=_("Toàn cảnh phong trào của %(committee)s") % {"committee": unit.committee_name},
                url=url,
                detail=_("Kế hoạch, đăng ký, tỷ lệ cán bộ đăng ký, báo cáo, nhiệm vụ quá hạn của từng đơn vị trực thuộc."),
            )
        ],
        action_label=_("Mở bảng điều khiển"),
        action_url=reverse("dashboards:overview"),
    )
