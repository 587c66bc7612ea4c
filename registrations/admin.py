from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.services import CADRES
from core.figures import CountedAdmin
from registrations.figures import REG, cadre_units
from registrations.models import Field, ProgressUpdate, ProgressValue, Registration, Target, Transition


@admin.register(Field)
class FieldAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "position", "is_active")
    list_editable = ("position", "is_active")

    def counted_in(self, obj):
        return [{"renamed": None}]  # the dashboards' chart names every field


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ("action", "from_status", "to_status", "by", "at", "comment", "rating")
    can_delete = False


@admin.register(Registration)
class RegistrationAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("title", "kind", "unit", "person", "status", "rating", "updated_at")
    list_filter = ("kind", "status", "rating", "campaign", "field")
    search_fields = ("title", "search_key", "unit__code")
    raw_id_fields = ("unit", "person", "created_by", "areas")
    filter_horizontal = ("movements",)
    inlines = [TargetInline, TransitionInline]
    readonly_fields = ("version", "submitted_at", "approved_at", "completed_at", "evaluated_at")

    def counted_in(self, obj):
        calls = [{"families": [REG], "units": [obj.unit_id], "campaign": obj.campaign_id}]
        if obj.is_task:
            calls.append({"families": [CADRES], "units": cadre_units([obj.person_id]), "campaign": obj.campaign_id})
        return calls


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
