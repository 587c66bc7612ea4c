"""Files attached to portal records, and PDF documents rendered in the background.

Both point at their owner (a plan, a progress update, a report, …) through a generic relation;
who may see them is decided by the owner's access rule (documents/access.py), never here.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import NFCCharField


def attachment_path(instance, filename):
    return f"attachments/{instance.owner_type.app_label}/{filename}"


def thumbnail_path(instance, filename):
    return f"thumbnails/{instance.owner_type.app_label}/{filename}"


def document_path(instance, filename):
    return f"documents/{instance.kind}/{filename}"


class Attachment(models.Model):
    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=300)
    thumbnail = models.FileField(_("ảnh thu nhỏ"), upload_to=thumbnail_path, max_length=300, blank=True)
    original_name = NFCCharField(_("tên tệp gốc"), max_length=255)
    caption = NFCCharField(_("chú thích"), max_length=300, blank=True)
    mime = models.CharField(_("kiểu nội dung"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="attachment_owner")]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


class GeneratedDocument(models.Model):
    """A PDF rendered by a Celery task from an owner's current state.

    `source_key` identifies that state (e.g. "plan:12:v3"); asking again for the same key
    returns the same document, so a page never renders twice for one version.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RENDERING = "rendering", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("loại văn bản"), max_length=40)
    source_key = models.CharField(max_length=120)
    title = NFCCharField(_("tên văn bản"), max_length=300)
    filename = models.CharField(_("tên tệp tải về"), max_length=200)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=document_path, max_length=300, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản PDF")
        verbose_name_plural = _("văn bản PDF")
        constraints = [models.UniqueConstraint(fields=["kind", "source_key"], name="document_kind_source_unique")]
        indexes = [models.Index(fields=["owner_type", "owner_id", "kind"], name="document_owner_kind")]

    def __str__(self):
        return self.title
