from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(_("Nhật ký thư"), "notifications:mail_log", roles=("province_staff",), order=85, group="admin")
navigation.register(
    _("Nhắc hạn"), "notifications:reminders", roles=("province_staff", "reviewer", "officer", "observer"), order=84,
    active_prefixes=("/thong-bao/nhac-han/",), group="admin",
)
