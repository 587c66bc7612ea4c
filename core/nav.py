from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(_("Trang chủ"), "home", order=0)
