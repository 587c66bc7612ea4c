from django.contrib import admin

from campaigns.models import Campaign, Commemoration, CommemorationActivity, Movement
from core.figures import CountedAdmin


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "position")


@admin.register(Campaign)
class CampaignAdmin(CountedAdmin, admin.ModelAdmin):
    list_display = ("year", "name", "theme", "status")
    filter_horizontal = ("movements",)

    def counted_change(self, before, after, before_calls):
        if before is None or (before.starts_on, before.ends_on) != (after.starts_on, after.ends_on):
            return [{"units": None, "campaign": after.pk}]  # new, or other days: counted from scratch
        return [{"renamed": None}]  # its dashboards name it


class CommemorationActivityInline(admin.TabularInline):
    model = CommemorationActivity
    extra = 0
    fields = ("unit", "kind", "title", "planned_on", "status", "participants")
    raw_id_fields = ("unit",)


@admin.register(Commemoration)
class CommemorationAdmin(admin.ModelAdmin):
    list_display = ("title", "founded_on", "anniversary_on", "campaign")
    inlines = [CommemorationActivityInline]
