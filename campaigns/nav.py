from django.utils.translation import gettext_lazy as _

from danvan import navigation

navigation.register(_("Trang chủ"), "home", order=0)
navigation.register(_("Đơn vị"), "campaigns:units", roles=("province_staff", "reviewer", "officer", "observer"), order=70)
