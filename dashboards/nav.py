from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(
    _("Bảng điều khiển"), "dashboards:overview", roles=("province_staff", "reviewer", "officer", "observer"), order=15
)
