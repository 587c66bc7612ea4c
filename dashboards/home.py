"""Home item: the dashboard of the person's own committee (no query: the scope knows the unit)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import home

ROLES = ("province_staff", "officer")


@home.register(order=5)
def dashboard_link(request, scope):
    if not scope.has_role(*ROLES) or scope.home_unit is None:
        return None
    unit = scope.home_unit
    return home.HomeSection(
        title=_("Bảng điều khiển"),
        items=[
            home.HomeItem(
                text=_("Toàn cảnh phong trào của %(committee)s") % {"committee": unit.committee_name},
                url=reverse("dashboards:unit", kwargs={"code": unit.code}),
                detail=_("Kế hoạch, đăng ký, tỷ lệ cán bộ đăng ký, báo cáo, nhiệm vụ quá hạn của từng đơn vị trực thuộc."),
            )
        ],
        action_label=_("Mở bảng điều khiển"),
        action_url=reverse("dashboards:overview"),
    )
