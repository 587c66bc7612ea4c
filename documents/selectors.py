"""The one way to read the files kept on records: by owner, for many owners at once, or one photo."""

from django.contrib.contenttypes.models import ContentType

from documents.models import Attachment


def attachments_of(owner, *, images: bool = False):
    """The owner's files, oldest first (a queryset: callers may filter or select more)."""
    qs = Attachment.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)
    if images:
        qs = qs.filter(mime__startswith="image/")
    return qs.order_by("uploaded_at", "id")


def attachments_by_owner(objects) -> dict[int, list[Attachment]]:
    """Files of several records of one model in one query: {owner id: [attachments, oldest first]}."""
    objects = list(objects)
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    found: dict[int, list[Attachment]] = {o.pk: [] for o in objects}
    for a in Attachment.objects.filter(owner_type=content_type, owner_id__in=list(found)).order_by("uploaded_at", "id"):
        found[a.owner_id].append(a)
    return found


def image_of(model, pk: int) -> Attachment | None:
    """An image kept on some record of `model` (e.g. an article's photo), or None."""
    return Attachment.objects.filter(
        pk=pk, owner_type=ContentType.objects.get_for_model(model), mime__startswith="image/"
    ).first()
