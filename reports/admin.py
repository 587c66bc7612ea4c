from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.figures import CountedAdmin
from reports.figures import REP
from reports.models import ConsolidatedReport, Report, ReportEvent, ReportingPeriod, ReportVersion


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "receiving_unit", "kind", "due_on", "status"]
    list_filter = ["kind", "status", "campaign"]
    raw_id_fields = ["receiving_unit"]
    filter_horizontal = ["selected_units"]

    def counted_in(self, obj):
        # Its receiving unit's dashboard counts its reports and names it.
        return [
            {"families": [REP], "units": [obj.receiving_unit_id], "campaign": obj.campaign_id},
            {"renamed": [obj.receiving_unit_id]},
        ]


class VersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "outcome", "reviewed_by", "reviewed_at", "review_comment"]
    readonly_fields = fields
    can_delete = False


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ["action", "version_number", "by", "at", "comment"]
    can_delete = False


@admin.register(Report)
class ReportAdmin(CountedAdmin, SimpleHistoryAdmin):
    list_display = ["period", "unit", "status", "submitted_at", "days_late"]
    list_filter = ["status", "period"]
    raw_id_fields = ["unit"]
    inlines = [VersionInline, EventInline]

    def counted_in(self, obj):
        period = obj.period
        return [{"families": [REP], "units": [period.receiving_unit_id], "campaign": period.campaign_id}]


@admin.register(ConsolidatedReport)
class ConsolidatedReportAdmin(SimpleHistoryAdmin):
    list_display = ["period", "status", "issued_on"]
