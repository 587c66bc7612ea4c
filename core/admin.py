from django.contrib import admin

from core.models import OutboxItem


@admin.register(OutboxItem)
class OutboxItemAdmin(admin.ModelAdmin):
    list_display = ("task_name", "args", "created_at", "attempts", "sent_at")
