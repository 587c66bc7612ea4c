from django.utils.translation import pgettext_lazy

from core import navigation

navigation.register(
    pgettext_lazy("navigation", "Đơn vị"),
    "units:units",
    roles=("province_staff", "reviewer", "officer", "observer"),
    order=70,
    group="admin",
)
