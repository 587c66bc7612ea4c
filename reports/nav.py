from django.utils.translation import pgettext_lazy

from core import navigation

navigation.register(
    pgettext_lazy("navigation", "Báo cáo"), "reports:index", roles=("province_staff", "reviewer", "officer", "observer"), order=50
)
