from django.core.files.base import ContentFile

from core.matrix import rule
from documents.models import GeneratedDocument
from documents.tests.factories import png_upload

# The owner is Huyện Sơn Dương's unit record: whoever sees that unit sees its files.
SEES_SON_DUONG = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "nahang": 404, "tantrao": 404, "canbo": 200, "quansat": 200}


def _attachment(world):
    from documents.services import attachment_add

    attachment = attachment_add(owner=world.units["076"], uploaded=png_upload(), by=world.users["sonduong"])
    return {"pk": attachment.pk}


def _document(world):
    from django.contrib.contenttypes.models import ContentType

    unit = world.units["076"]
    document = GeneratedDocument.objects.create(
        owner_type=ContentType.objects.get_for_model(unit),
        owner_id=unit.pk,
        kind="test",
        source_key=f"unit:{unit.pk}",
        title="Văn bản thử",
        filename="van-ban.pdf",
        status=GeneratedDocument.Status.DONE,  # vi-only (test data)
    )
    document.file.save("van-ban.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"pk": document.pk}


rule("documents:attachment", kwargs=_attachment, **SEES_SON_DUONG)
rule("documents:thumbnail", kwargs=_attachment, **SEES_SON_DUONG)
rule("documents:document_status", kwargs=_document, **SEES_SON_DUONG)
rule("documents:document_download", kwargs=_document, **SEES_SON_DUONG)
