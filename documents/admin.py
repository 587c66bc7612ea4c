from django.contrib import admin

from documents.models import Attachment, GeneratedDocument


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "mime", "size", "owner_type", "owner_id", "uploaded_by", "uploaded_at")
    list_filter = ("mime",)
    readonly_fields = [f.name for f in Attachment._meta.fields]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "pages", "render_ms", "attempts", "requested_at", "finished_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in GeneratedDocument._meta.fields]
