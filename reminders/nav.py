from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(
    _("Nhắc hạn"),
    "reminders:reminders",
    roles=("province_staff", "reviewer", "officer", "observer"),
    order=84,
    active_prefixes=("/thong-bao/nhac-han/",),
    group="admin",
)
