from django.utils.translation import pgettext_lazy

from core import navigation
from core.roles import Role

navigation.register(
    pgettext_lazy("navigation", "Người dùng"),
    "accounts:people",
    roles=(Role.PROVINCE_STAFF, Role.OFFICER),
    order=80,
    group="admin",
)
navigation.register(
    pgettext_lazy("navigation", "Sắp xếp đơn vị"),
    "accounts:reform",
    roles=(Role.PROVINCE_STAFF,),
    order=82,
    group="admin",
)
