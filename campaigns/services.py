"""Business rules of a campaign: its own settings and the units' commemoration activities."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import Scope
from campaigns.models import Campaign, CommemorationActivity
from core import figures
from core.concurrency import bump_version
from core.dates import short_date
from documents.services import attachments_add, attachments_check
from units.models import Unit

# --- commemorations ----------------------------------------------------------------------------------------
ACTIVITY_FIELDS = (
    "kind",
    "title",
    "planned_on",
    "location",
    "description",
    "expected_participants",
    "status",
    "participants",
    "result",
)


def activity_save(
    *,
    by,
    commemoration,
    unit: Unit,
    activity: CommemorationActivity | None = None,
    expected_version: int | None = None,
    files=(),
    token: str | None = None,
    **fields,
) -> tuple[CommemorationActivity, bool]:
    scope = Scope.for_user(by)
    if token and activity is None:
        existing = CommemorationActivity.objects.filter(token=token).first()
        if existing is not None:
            return existing, False
    if not scope.manages(unit):
        raise PermissionDenied(_("Bạn không đăng ký hoạt động cho đơn vị này được."))
    campaign = commemoration.campaign
    planned_on = fields.get("planned_on")
    if planned_on and not (campaign.starts_on <= planned_on <= campaign.ends_on):
        raise ValidationError(
            _("Ngày dự kiến phải trong thời gian của phong trào (từ %(start)s đến %(end)s)."),
            code="outside_campaign",
            params={"start": short_date(campaign.starts_on), "end": short_date(campaign.ends_on)},
        )
    if fields.get("status") == CommemorationActivity.Status.HELD and planned_on and planned_on > timezone.localdate():
        raise ValidationError(_("Hoạt động chưa đến ngày tổ chức nên chưa thể ghi là đã tổ chức."), code="held_in_future")
    attachments_check(files)
    created = activity is None
    with transaction.atomic():
        if created:
            activity = CommemorationActivity(commemoration=commemoration, unit=unit, created_by=by, token=token or None)
        else:
            activity = CommemorationActivity.objects.select_for_update().get(pk=activity.pk)
            bump_version(activity, expected=expected_version)
            activity.unit = unit
        for name in ACTIVITY_FIELDS:
            if name in fields:
                setattr(activity, name, fields[name])
        try:
            with transaction.atomic():
                activity.save()
        except IntegrityError:
            if token:
                return CommemorationActivity.objects.get(token=token), False
            raise
        attachments_add(owner=activity, files=files, by=by)
    return activity, created


# --- the campaign ------------------------------------------------------------------------------------------
def campaign_update(
    *, campaign: Campaign, by, expected_version: int, theme: str, status: str, description: str, movements
) -> Campaign:
    scope = Scope.for_user(by)
    if not scope.is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh sửa được thông tin phong trào."))
    with transaction.atomic():
        fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
        bump_version(fresh, expected=expected_version)
        fresh.theme = theme
        fresh.status = status
        fresh.description = description
        fresh.save()
        fresh.movements.set(movements)
        figures.renamed()  # every dashboard of the campaign shows it
    return fresh
