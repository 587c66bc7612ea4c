import logging
import os
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.queue import enqueue
from core.text import nfc
from core.uploads import EVIDENCE_TYPES, make_thumbnail, random_name, sha256_of, validate_upload
from documents.models import Attachment, GeneratedDocument
from documents.renderers import spec_for

logger = logging.getLogger(__name__)


# --- attachments ---------------------------------------------------------------------------------
MAX_FILES_PER_RECORD = 5


def attachments_check(files, *, max_files: int = MAX_FILES_PER_RECORD) -> None:
    """Refuse (ValidationError in Vietnamese) too many files or any file that is not what it says."""
    files = list(files)
    if len(files) > max_files:
        raise ValidationError(_("Mỗi lần chỉ gửi tối đa %(n)s tệp minh chứng."), code="too_many_files", params={"n": max_files})
    for f in files:
        validate_upload(f)


def attachments_add(*, owner, files, by) -> None:
    """Store checked files on the record (inside the caller's transaction)."""
    for f in files:
        attachment_add(owner=owner, uploaded=f, by=by)


def attachment_add(*, owner, uploaded, by, caption: str = "", allowed: dict = EVIDENCE_TYPES) -> Attachment:
    """Check the upload by content (ValidationError in Vietnamese when refused) and store it privately."""
    mime = validate_upload(uploaded, allowed=allowed)
    original = nfc(os.path.basename(uploaded.name or "tep"))[:255]
    attachment = Attachment(
        owner=owner,
        original_name=original,
        caption=caption[:300],
        mime=mime,
        size=uploaded.size,
        sha256=sha256_of(uploaded),
        uploaded_by=by,
    )
    attachment.file.save(random_name(mime), uploaded, save=False)
    if attachment.is_image:
        thumb = make_thumbnail(uploaded)
        if thumb is not None:
            attachment.thumbnail.save(thumb.name, thumb, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        if attachment.thumbnail:
            attachment.thumbnail.delete(save=False)
        raise
    return attachment


def attachment_delete(*, attachment: Attachment) -> None:
    files = [f for f in (attachment.file, attachment.thumbnail) if f]
    attachment.delete()
    for f in files:
        transaction.on_commit(lambda f=f: f.storage.delete(f.name))


# --- generated PDF documents ------------------------------------------------------------------------
def document_request(*, owner, kind: str, source_key: str, title: str, filename: str, by=None) -> GeneratedDocument:
    """The document for this state of the owner; queued for rendering unless it exists already."""
    from django.contrib.contenttypes.models import ContentType

    with transaction.atomic():
        document, created = GeneratedDocument.objects.get_or_create(
            kind=kind,
            source_key=source_key,
            defaults={
                "owner_type": ContentType.objects.get_for_model(owner),
                "owner_id": owner.pk,
                "title": title,
                "filename": filename,
                "requested_by": by,
            },
        )
        if not created and document.status == GeneratedDocument.Status.FAILED:
            GeneratedDocument.objects.filter(pk=document.pk).update(status=GeneratedDocument.Status.PENDING, error="")
            document.status = GeneratedDocument.Status.PENDING
            created = True
        if created:
            from documents.tasks import render_document

            enqueue(render_document, document.pk)
    return document


def document_of_state(*, kind: str, source_key: str) -> GeneratedDocument | None:
    """The document already asked for this state, if any (read only: a GET never creates one)."""
    return GeneratedDocument.objects.filter(kind=kind, source_key=source_key).first()


def latest_document(owner, kind: str) -> GeneratedDocument | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        GeneratedDocument.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk, kind=kind)
        .order_by("-requested_at", "-id")
        .first()
    )


def document_render(*, document_id: int) -> GeneratedDocument:
    """Render the PDF. Safe to run twice: a finished document is left alone, and a render that
    died half-way (worker killed) is simply done again into the same file name."""
    from core.pdf import render_pdf

    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
        if document.status == GeneratedDocument.Status.DONE:
            return document
        document.status = GeneratedDocument.Status.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])
    started = time.perf_counter()
    with translation.override(settings.LANGUAGE_CODE):  # labels in the context, too, in Vietnamese
        spec = spec_for(document.kind, document.owner)
        files = document_files(document.owner, spec.attachments)
        pdf, pages = render_pdf(spec.template, {**spec.context, "document": document}, files=files)
    name = f"{document.kind}-{document.pk}.pdf"
    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
        if document.status == GeneratedDocument.Status.DONE:
            return document  # another worker finished first
        if document.file:
            document.file.delete(save=False)
        document.file.save(name, ContentFile(pdf), save=False)
        document.pages = pages
        document.size = len(pdf)
        document.status = GeneratedDocument.Status.DONE
        document.finished_at = timezone.now()
        document.render_ms = int((time.perf_counter() - started) * 1000)
        document.error = ""
        document.save()
    return document


def document_files(owner, extra=()) -> dict:
    """The files a document may show, by their address on the portal: the images kept on its owner
    and those its renderer names. Read from storage, never through the web."""
    from django.urls import reverse

    from documents.selectors import attachments_of

    images = [*attachments_of(owner, images=True), *(a for a in extra if a.is_image)]
    files = {}
    for a in images:
        files[reverse("documents:attachment", kwargs={"pk": a.pk})] = lambda a=a: (a.file.open("rb"), a.mime)
        if a.thumbnail:
            files[reverse("documents:thumbnail", kwargs={"pk": a.pk})] = lambda a=a: (a.thumbnail.open("rb"), "image/jpeg")
    return files


def document_failed(*, document_id: int, error: str) -> None:
    GeneratedDocument.objects.filter(pk=document_id).exclude(status=GeneratedDocument.Status.DONE).update(
        status=GeneratedDocument.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
