"""Checking uploads by their content, not their name, and storing them privately.

A file is accepted when the bytes say it is an allowed type (filetype reads the magic numbers and,
for Office files, the zip members), it is not larger than the limit, and, for images, Pillow can
decode it. The stored name is random; the original name is kept only for display.
"""

import hashlib
import io
import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
EVIDENCE_TYPES = {**IMAGE_TYPES, **DOCUMENT_TYPES}
ALLOWED_DESCRIPTION = _("ảnh (JPG, PNG, WEBP, GIF), PDF, Word, Excel, PowerPoint hoặc OpenDocument")
THUMBNAIL_SIZE = (480, 480)


def human_size(num_bytes: int) -> str:
    if num_bytes >= 1024 * 1024:
        return f"{num_bytes / (1024 * 1024):.1f} MB".replace(".", ",")
    if num_bytes >= 1024:
        return f"{num_bytes / 1024:.0f} KB"
    return f"{num_bytes} byte"


def sniff(uploaded) -> str | None:
    """The MIME type the content says, or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    # Office Open XML files are zips; filetype needs more than the first bytes to tell them apart.
    if kind.mime in {"application/zip"} or kind.extension in {"docx", "xlsx", "pptx"}:
        data = uploaded.read()
        uploaded.seek(0)
        kind = filetype.guess(data) or kind
    return kind.mime


def validate_upload(uploaded, *, allowed: dict[str, str] = EVIDENCE_TYPES, max_bytes: int | None = None) -> str:
    """Return the detected MIME type, or raise a ValidationError in Vietnamese."""
    max_bytes = max_bytes or settings.DANVAN_MAX_UPLOAD_BYTES
    name = getattr(uploaded, "name", gettext("tệp"))
    if uploaded.size > max_bytes:
        raise ValidationError(
            gettext("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s."),
            code="too_large",
            params={"name": name, "size": human_size(uploaded.size), "limit": human_size(max_bytes)},
        )
    if uploaded.size == 0:
        raise ValidationError(gettext("Tệp “%(name)s” rỗng."), code="empty", params={"name": name})
    mime = sniff(uploaded)
    if mime not in allowed:
        raise ValidationError(
            gettext("Nội dung tệp “%(name)s” không phải là %(allowed)s; tệp không được nhận."),
            code="bad_type",
            params={
                "name": name,
                "allowed": ALLOWED_DESCRIPTION if allowed is EVIDENCE_TYPES else ", ".join(sorted(set(allowed.values()))).upper(),
            },
        )
    if mime in IMAGE_TYPES:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(uploaded) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise ValidationError(
                gettext("Ảnh “%(name)s” bị hỏng hoặc không đọc được."), code="bad_image", params={"name": name}
            ) from exc
        finally:
            uploaded.seek(0)
    return mime


def random_name(mime: str) -> str:
    extension = EVIDENCE_TYPES.get(mime, "bin")
    return f"{uuid.uuid4().hex}.{extension}"


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else iter(lambda: uploaded.read(65536), b""):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def make_thumbnail(uploaded) -> ContentFile | None:
    """A JPEG thumbnail (at most 480×480) of an image, or None for anything else."""
    from PIL import Image, ImageOps

    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=82, optimize=True)
    except OSError:
        return None
    finally:
        uploaded.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
