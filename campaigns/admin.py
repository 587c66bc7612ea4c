from django.contrib import admin

from .models import Campaign, Movement, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("code", "name", "search_key")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "depth")
    list_select_related = ("parent",)


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "position")


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "theme", "status")
    filter_horizontal = ("movements",)
