from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from documents.access import get_attachment_for, get_document_for
from documents.models import GeneratedDocument
from documents.services import document_of_state, document_request

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}


def _file_response(field, *, filename: str, content_type: str, inline: bool):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Tệp không còn trên máy chủ.")) from exc
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    # An uploaded file must never run as a page of the portal.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


@login_required
def attachment_download(request, pk: int):
    attachment = get_attachment_for(request, pk)
    return _file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.mime, inline=attachment.mime in INLINE_TYPES
    )


@login_required
def attachment_thumbnail(request, pk: int):
    attachment = get_attachment_for(request, pk)
    if not attachment.thumbnail:
        raise Http404(_("Tệp này không có ảnh thu nhỏ."))
    return _file_response(attachment.thumbnail, filename=f"thumb-{attachment.pk}.jpg", content_type="image/jpeg", inline=True)


@login_required
def document_status(request, pk: int):
    """The progress of a PDF render; polls itself (htmx, or a meta refresh without JS) until done."""
    document = get_document_for(request, pk)
    owner = document.checked_owner
    template = "documents/_status.html" if request.htmx else "documents/status.html"
    return render(request, template, {"document": document, "owner": owner})


@login_required
def document_download(request, pk: int):
    document = get_document_for(request, pk)
    if document.status != GeneratedDocument.Status.DONE or not document.file:
        raise Http404(_("Văn bản chưa tạo xong."))
    return _file_response(document.file, filename=document.filename, content_type="application/pdf", inline=False)


def document_ask(request, *, owner, kind: str, source_key: str, title: str, filename: str, back: str):
    """A PDF address of a record (its view has checked access): a POST asks for the document of the
    record's current state (rendered once per state); a GET only looks (document_offer)."""
    if request.method == "POST":
        document = document_request(
            owner=owner, kind=kind, source_key=source_key, title=title, filename=filename, by=request.user
        )
        return redirect("documents:document_status", pk=document.pk)
    return document_offer(request, document=document_of_state(kind=kind, source_key=source_key), title=title, back=back)


def document_offer(request, *, document: GeneratedDocument | None, title: str, back: str):
    """What a GET of a PDF address answers (asking for a document is a POST: it creates a record):
    the document of the current state when it was asked for already, else a page with the button
    that asks for it."""
    if document is not None and document.status != GeneratedDocument.Status.FAILED:
        return redirect("documents:document_status", pk=document.pk)
    return render(request, "documents/request.html", {"title": title, "back": back, "failed": document is not None})
