"""Progress updates: date, text, figures against the targets, percent done, evidence files."""

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import Scope
from campaigns.services import require_open
from core.uploads import validate_upload
from documents.services import attachment_add
from registrations import access
from registrations.models import ProgressUpdate, ProgressValue, Registration
from registrations.services.workflow import registration_start

MAX_FILES = 10


def progress_add(
    *,
    registration: Registration,
    by,
    reported_on: dt.date,
    text: str,
    percent: int,
    values: dict[int, Decimal] | None = None,
    files=(),
    client_token: uuid.UUID | None = None,
) -> ProgressUpdate:
    """Add an update; the first one on an approved registration starts it. Any refused file refuses
    the whole update (nothing half-saved); the same form sent twice adds one update."""
    require_open(registration.campaign)
    scope = Scope.for_user(by)
    if not access.is_owner(scope, registration):
        raise PermissionDenied(_("Chỉ người, đơn vị đăng ký mới được cập nhật tiến độ."))
    if client_token:
        existing = ProgressUpdate.objects.filter(registration=registration, client_token=client_token).first()
        if existing is not None:
            return existing
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if not text:
        errors.setdefault("text", []).append(_("Hãy ghi nội dung đã thực hiện."))
    if percent is None or not 0 <= percent <= 100:
        errors.setdefault("percent", []).append(_("Tỷ lệ hoàn thành từ 0 đến 100%."))
    if reported_on is None:
        errors.setdefault("reported_on", []).append(_("Hãy nhập ngày cập nhật."))
    elif reported_on > timezone.localdate():
        errors.setdefault("reported_on", []).append(_("Ngày cập nhật không được sau hôm nay."))
    files = list(files or [])
    if len(files) > MAX_FILES:
        errors.setdefault("files", []).append(_("Mỗi lần cập nhật gửi tối đa %(n)s tệp.") % {"n": MAX_FILES})
    for f in files:
        try:
            validate_upload(f)
        except ValidationError as exc:
            errors.setdefault("files", []).extend(exc.messages)
    targets = {t.pk: t for t in registration.targets.all()}
    clean_values = {}
    for target_id, value in (values or {}).items():
        if value is None:
            continue
        if target_id not in targets:
            raise ValidationError(_("Chỉ tiêu không thuộc đăng ký này."))
        if value < 0:
            errors.setdefault("values", []).append(
                _("Kết quả của “%(target)s” không được âm.") % {"target": targets[target_id].name}
            )
        clean_values[target_id] = value
    if errors:
        raise ValidationError(errors)

    stored = []
    try:
        with transaction.atomic():
            locked = Registration.objects.select_for_update().get(pk=registration.pk)
            if locked.status not in (Registration.Status.APPROVED, Registration.Status.IN_PROGRESS):
                raise ValidationError(
                    _("Đăng ký đang ở trạng thái “%(status)s”: chỉ cập nhật tiến độ khi đã duyệt và đang thực hiện.")
                    % {"status": locked.get_status_display()}
                )
            if locked.status == Registration.Status.APPROVED:
                registration_start(registration=locked, by=by)
            update = ProgressUpdate.objects.create(
                registration=locked, reported_on=reported_on, text=text, percent=percent, created_by=by, client_token=client_token
            )
            ProgressValue.objects.bulk_create(
                [ProgressValue(update=update, target_id=tid, value=value) for tid, value in clean_values.items()]
            )
            for f in files:
                stored.append(attachment_add(owner=update, uploaded=f, by=by))
            latest = locked.progress_updates.order_by("-reported_on", "-id").values_list("percent", flat=True).first()
            Registration.objects.filter(pk=locked.pk).update(percent_done=latest, updated_at=timezone.now())
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
            if attachment.thumbnail:
                attachment.thumbnail.delete(save=False)
        raise
    registration.refresh_from_db()
    return update
