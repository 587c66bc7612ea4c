from django.contrib import admin

from campaigns.models import Campaign, Commemoration, CommemorationActivity, Movement


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "position")


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "theme", "status")
    filter_horizontal = ("movements",)


class CommemorationActivityInline(admin.TabularInline):
    model = CommemorationActivity
    extra = 0
    fields = ("unit", "kind", "title", "planned_on", "status", "participants")
    raw_id_fields = ("unit",)


@admin.register(Commemoration)
class CommemorationAdmin(admin.ModelAdmin):
    list_display = ("title", "founded_on", "anniversary_on", "campaign")
    inlines = [CommemorationActivityInline]
