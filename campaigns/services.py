"""Business rules of a campaign: its own settings and the units' commemoration activities."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    require_open(commemoration.campaign)
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
    *,
    campaign: Campaign,
    by,
    expected_version: int,
    theme: str,
    status: str,
    description: str,
    movements,
    name: str | None = None,
    map_on: dt.date | None = None,
) -> Campaign:
    scope = Scope.for_user(by)
    if not scope.is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh sửa được thông tin phong trào."))
    with transaction.atomic():
        fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
        bump_version(fresh, expected=expected_version)
        if map_on is not None and not fresh.contains(map_on):
            raise ValidationError({"map_on": _("Ngày lấy bản đồ đơn vị phải nằm trong năm %(year)s.") % {"year": fresh.year}})
        fresh.theme = theme
        fresh.status = status
        if name is not None and name.strip():
            fresh.name = name.strip()
        fresh.map_on = map_on
        fresh.description = description
        fresh.save()
        fresh.movements.set(movements)
        figures.renamed()  # every dashboard of the campaign shows it
    return fresh


def campaign_name(year: int) -> str:
    return f"Phong trào thi đua “Dân vận khéo” năm {year}"  # vi-only: the campaign's proper name


def campaign_open(
    *,
    source: Campaign | None,
    by,
    year: int,
    name: str = "",
    theme: str = "",
    description: str = "",
    movements=None,
    map_on: dt.date | None = None,
) -> tuple[Campaign, list[str]]:
    """Open a campaign year, from `source` (the year it follows) when there is one: the theme and text
    are new; the movements are the chosen ones (the source's by default); each room carries over what
    it owns (campaigns.carry_over: fields of work, reporting periods with the new deadlines). The new
    year is "being prepared" until provincial staff set it running. Returns the campaign and what was
    carried over, in words."""
    from campaigns import carry_over

    scope = Scope.for_user(by)
    if not scope.is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh mở được phong trào năm mới."))
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm phải từ 2000 đến 2100.")})
    existing = Campaign.objects.filter(year=year).first()
    if existing is not None:
        raise ValidationError({"year": _("Năm %(year)s đã có “%(name)s”.") % {"year": year, "name": existing.name}})
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if map_on is not None and not (starts_on <= map_on <= ends_on):
        raise ValidationError({"map_on": _("Ngày lấy bản đồ đơn vị phải nằm trong năm %(year)s.") % {"year": year}})
    with transaction.atomic():
        campaign = Campaign(
            year=year,
            name=(name or "").strip() or campaign_name(year),
            theme=theme,
            description=description,
            status=Campaign.Status.PLANNING,
            starts_on=starts_on,
            ends_on=ends_on,
            map_on=map_on,
            opened_from=source,
        )
        campaign._history_user = by
        try:
            with transaction.atomic():
                campaign.save()
        except IntegrityError as exc:  # the same form sent twice
            raise ValidationError({"year": _("Năm %(year)s vừa được mở (có thể do bấm hai lần).") % {"year": year}}) from exc
        chosen = list(movements) if movements is not None else (list(source.movements.all()) if source else [])
        campaign.movements.set(chosen)
        done = [
            ngettext("%(n)s cuộc vận động, phong trào gắn với", "%(n)s cuộc vận động, phong trào gắn với", len(chosen))
            % {"n": len(chosen)}
        ]
        done += carry_over.run(source=source, target=campaign, by=by)
        figures.changed(units=None, campaign=campaign)
    return campaign, done


def require_open(campaign: Campaign) -> None:
    """The write services of every room call this: a closed year is an archive."""
    if campaign is not None and campaign.is_closed:
        raise ValidationError(
            _("Phong trào năm %(year)s đã tổng kết: dữ liệu chỉ để xem, không sửa được.") % {"year": campaign.year},
            code="campaign_closed",
        )
