from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registrations.models import Field, ProgressUpdate, ProgressValue, Registration, Target, Transition


@admin.register(Field)
class FieldAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position", "is_active")
    list_editable = ("position", "is_active")


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ("action", "from_status", "to_status", "by", "at", "comment", "rating")
    can_delete = False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "unit", "person", "status", "rating", "updated_at")
    list_filter = ("kind", "status", "rating", "campaign", "field")
    search_fields = ("title", "search_key", "unit__code")
    raw_id_fields = ("unit", "person", "created_by", "areas")
    filter_horizontal = ("movements",)
    inlines = [TargetInline, TransitionInline]
    readonly_fields = ("version", "submitted_at", "approved_at", "completed_at", "evaluated_at")


class ProgressValueInline(admin.TabularInline):
    model = ProgressValue
    extra = 0


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ("registration", "reported_on", "percent", "created_by")
    raw_id_fields = ("registration", "created_by")
    inlines = [ProgressValueInline]


# Exemplars, articles and contest entries. An article's text is read-only here: it is stored only
# through the services, which sanitise it (registrations/sanitise.py).


