from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(_("Nhật ký thư"), "notifications:mail_log", roles=("province_staff",), order=85, group="admin")
