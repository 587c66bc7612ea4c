from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.figures import CountedAdmin
from plans.figures import INSP, PLAN, TASK, assignment_units
from plans.models import Inspection, Plan, PlanSection, PlanTask, TaskAssignment, TaskUpdate, Urging, UrgingNotice


class PlanSectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0
    fields = ("part", "position", "number", "heading", "body", "target_unit", "target_level")
    raw_id_fields = ("target_unit",)


@admin.register(Plan)
class PlanAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("number", "title", "unit", "campaign", "status", "revision", "issued_on", "issued_at", "superseded_at")
    list_filter = ("status", "campaign", "unit__level")
    search_fields = ("number", "title", "search_key")
    raw_id_fields = ("unit", "based_on", "previous", "issued_by", "created_by")
    list_select_related = ("unit", "campaign")
    inlines = [PlanSectionInline]

    def counted_in(self, obj):
        units = [obj.unit_id, *assignment_units([obj.pk])]
        return [{"families": [PLAN, TASK], "units": units, "campaign": obj.campaign_id}]


@admin.register(PlanTask)
class PlanTaskAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("text", "plan", "kind", "target_unit", "target_level", "due_on")
    list_filter = ("kind", "target_level")
    search_fields = ("text",)
    raw_id_fields = ("plan", "section", "target_unit", "origin", "tracked_by")
    list_select_related = ("plan", "target_unit")

    def counted_in(self, obj):
        units = TaskAssignment.objects.filter(task_id=obj.pk).values_list("unit_id", flat=True)
        return [{"families": [TASK], "units": list(units), "campaign": obj.plan.campaign_id}]


class TaskUpdateInline(admin.TabularInline):
    model = TaskUpdate
    extra = 0
    fields = ("created_at", "status", "text", "by")
    readonly_fields = ("created_at",)
    raw_id_fields = ("by",)


@admin.register(TaskAssignment)
class TaskAssignmentAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("task", "unit", "due_on", "status", "done_at")
    list_filter = ("status",)
    search_fields = ("task__text", "unit__name")
    raw_id_fields = ("task", "unit")
    list_select_related = ("task", "unit")
    inlines = [TaskUpdateInline]

    def counted_in(self, obj):
        return [{"families": [TASK], "units": [obj.unit_id], "campaign": obj.task.plan.campaign_id}]


class UrgingInline(admin.TabularInline):
    model = Urging
    extra = 0
    raw_id_fields = ("assignment", "unit", "by")


@admin.register(UrgingNotice)
class UrgingNoticeAdmin(admin.ModelAdmin):
    list_display = ("subject", "number", "unit", "sent_on", "by", "created_at")
    search_fields = ("subject", "number", "search_key")
    raw_id_fields = ("unit", "by")
    inlines = [UrgingInline]


@admin.register(Inspection)
class InspectionAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ("inspected_unit", "kind", "inspected_on", "unit", "follow_up_status")
    list_filter = ("kind", "follow_up_status")
    search_fields = ("search_key",)
    raw_id_fields = ("unit", "inspected_unit", "plan", "created_by")

    def counted_in(self, obj):
        return [{"families": [INSP], "units": [obj.unit_id, obj.inspected_unit_id], "campaign": obj.campaign_id}]
