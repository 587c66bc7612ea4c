from django.utils.translation import gettext_lazy as _

from danvan import navigation

navigation.register(_("Đăng ký"), "registrations:list", roles=("*",), order=30, active_prefixes=("/dang-ky/",))
navigation.register(
    _("Thống kê đăng ký"),
    "registrations:statistics",
    roles=("province_staff", "reviewer", "officer", "observer"),
    order=35,
    active_prefixes=("/dang-ky/thong-ke/",),
)
