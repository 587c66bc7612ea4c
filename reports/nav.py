from django.utils.translation import gettext_lazy as _

from danvan import navigation

navigation.register(_("Báo cáo"), "reports:index", roles=("province_staff", "reviewer", "officer", "observer"), order=50)
