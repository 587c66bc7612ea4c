from danvan import navigation

from .models import Role

navigation.register("Người dùng", "accounts:people", roles=(Role.PROVINCE_STAFF, Role.OFFICER), order=80)
