from django.utils.translation import gettext_lazy as _

from core import navigation

navigation.register(_("Nhật ký thay đổi"), "audit:trail", roles=("province_staff",), order=90, group="admin")
