from django.utils.translation import gettext_lazy as _

from danvan import navigation

from .models import Role

navigation.register(_("Người dùng"), "accounts:people", roles=(Role.PROVINCE_STAFF, Role.OFFICER), order=80, group="admin")
