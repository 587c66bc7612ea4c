from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Readable, never editable: no add, change or delete, even for superusers."""

    list_display = ("at", "user", "action", "model_name", "object_repr", "unit")
    list_filter = ("action", "model_label")
    search_fields = ("object_repr", "user__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
