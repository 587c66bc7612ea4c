from django.contrib import admin

from core.figures import CountedAdmin
from units.models import Unit

# What places a unit in the tree (and decides which figures it counts in).
STRUCTURE = ("parent_id", "path", "level", "kind", "valid_from", "valid_to")


@admin.register(Unit)
class UnitAdmin(CountedAdmin, admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("code", "name", "search_key")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "depth")
    list_select_related = ("parent",)

    def counted_in(self, obj):
        return [{"units": None}]  # a unit added or removed: the tree changed, every figure is counted again

    def counted_change(self, before, after, before_calls):
        if before is not None and all(getattr(before, f) == getattr(after, f) for f in STRUCTURE):
            return [{"renamed": [after.pk, after.parent_id]}]  # renamed or reordered: its and its parent's dashboards show it
        return [{"units": None}]  # added, moved, closed, reopened, or its level changed: the tree changed


# --- Plans (issue 3) -------------------------------------------------------------------------------
