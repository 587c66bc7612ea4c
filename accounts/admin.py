from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Membership, User
from accounts.services import CADRES
from core.figures import CountedAdmin
from core.roles import Role


def _cadre_units(memberships) -> list[int]:
    return [m.unit_id for m in memberships if m.role == Role.CADRE]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    raw_id_fields = ("unit", "created_by")


@admin.register(User)
class UserAdmin(CountedAdmin, BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin"), {"fields": ("full_name", "email", "phone", "must_change_password")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),)
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    search_fields = ("username", "full_name", "email", "search_key")
    inlines = [MembershipInline]

    def counted_in(self, obj):
        # An account switched off, or its roles edited inline: its cadre memberships count again.
        return [{"families": [CADRES], "units": _cadre_units(obj.memberships.all())}]


@admin.register(Membership)
class MembershipAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("user", "role", "unit", "position", "is_active", "ended_on")
    list_filter = ("role", "is_active")
    raw_id_fields = ("user", "unit", "created_by")
    search_fields = ("user__username", "user__full_name", "unit__name", "unit__code")

    def counted_in(self, obj):
        return [{"families": [CADRES], "units": _cadre_units([obj])}]
