"""Exemplars: nominated by a unit (within its subtree, from a registration or directly),
recognised or not by the province. Each function validates, writes in one transaction, records
history (HistoricalRecords) and notifies."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scope import Scope
from campaigns.models import Campaign
from campaigns.services import require_open
from core.concurrency import bump_version
from core.roles import Role
from notifications.services import notify
from publishing import access, figures, public_cache
from publishing.models import Exemplar
from registrations.models import Registration

Status = Exemplar.Status


@dataclass
class ExemplarInput:
    kind: str
    unit: object
    name: str
    achievements: str
    position: str = ""
    person: object = None
    period: str = ""
    registration: Registration | None = None
    campaign: object = None  # the year it is nominated in (its registration's, when it comes from one)


def _validate(data: ExemplarInput, scope: Scope) -> None:
    errors = {}
    if data.kind not in Exemplar.Kind.values:
        errors["kind"] = _("Hãy chọn tập thể hay cá nhân.")
    if not (data.name or "").strip():
        errors["name"] = _("Hãy ghi tên tập thể hoặc họ và tên.")
    if not (data.achievements or "").strip():
        errors["achievements"] = _("Hãy ghi thành tích, việc làm tiêu biểu.")
    for name, limit, label in (("name", 200, _("Tên")), ("position", 200, _("Chức vụ")), ("period", 60, _("Giai đoạn"))):
        if len((getattr(data, name) or "").strip()) > limit:
            errors[name] = _("%(label)s dài quá %(limit)s ký tự.") % {"label": label, "limit": limit}
    if data.unit is None:
        errors["unit"] = _("Hãy chọn đơn vị.")
    elif not scope.manages(data.unit):
        errors["unit"] = _("Chỉ đề nghị gương điển hình trong phạm vi đơn vị mình quản lý.")
    if errors:
        raise ValidationError(errors)


def _nominating_unit(scope: Scope, unit):
    """The committee the nominating officer acts for: the most specific managed one above the unit."""
    best = None
    for g in scope.grants:
        if (
            g.role in (Role.OFFICER, Role.PROVINCE_STAFF)
            and unit.path.startswith(g.committee_path)
            and (best is None or len(g.committee_path) > len(best.committee_path))
        ):
            best = g
    from units.models import Unit

    return Unit.objects.get(pk=best.committee_id)


def exemplar_nominate(*, data: ExemplarInput, by, client_token: uuid.UUID | None = None) -> Exemplar:
    scope = Scope.for_user(by)
    if data.registration is not None:
        data.campaign = data.registration.campaign
    if data.campaign is None:  # not from a page (a script, the demo): the current year
        data.campaign = Campaign.current()
    if data.campaign is None:
        raise ValidationError(_("Chưa có phong trào thi đua nào để đề nghị gương điển hình."))
    require_open(data.campaign)
    if scope.is_read_only:
        raise PermissionDenied(_("Vai trò của bạn không đề nghị gương điển hình."))
    _validate(data, scope)
    if client_token is not None:
        existing = Exemplar.objects.filter(nominated_by=by, client_token=client_token).first()
        if existing is not None:
            return existing  # the same form sent twice
    exemplar = Exemplar(
        campaign=data.campaign,
        kind=data.kind, unit=data.unit, name=data.name.strip(), position=(data.position or "").strip(),
        person=data.person if data.kind == Exemplar.Kind.INDIVIDUAL else None, registration=data.registration,
        achievements=data.achievements.strip(), period=(data.period or "").strip(), nominated_by=by,
        nominating_unit=_nominating_unit(scope, data.unit), client_token=client_token,
    )  # fmt: skip
    exemplar._history_user = by
    try:
        with transaction.atomic():
            exemplar.save()
            figures.exemplar_changed(exemplar.unit_id)
            _notify_province(exemplar, by)
    except IntegrityError:
        existing = Exemplar.objects.filter(nominated_by=by, client_token=client_token).first()
        if existing is None:
            raise
        return existing
    return exemplar


def exemplar_update(*, exemplar: Exemplar, data: ExemplarInput, by, expected_version: int) -> Exemplar:
    require_open(exemplar.campaign)
    scope = Scope.for_user(by)
    if not access.can_edit_exemplar(scope, exemplar):
        raise PermissionDenied(_("Chỉ đơn vị đề nghị mới sửa được đề nghị này, khi tỉnh chưa xét."))
    _validate(data, scope)
    with transaction.atomic():
        bump_version(exemplar, expected=expected_version)
        moved_from = exemplar.unit_id
        exemplar.kind = data.kind
        exemplar.unit = data.unit
        exemplar.name = data.name.strip()
        exemplar.position = (data.position or "").strip()
        exemplar.person = data.person if data.kind == Exemplar.Kind.INDIVIDUAL else None
        exemplar.achievements = data.achievements.strip()
        exemplar.period = (data.period or "").strip()
        exemplar._history_user = by
        exemplar.save()
        figures.exemplar_changed(moved_from, exemplar.unit_id)
    return exemplar


def exemplar_decide(*, exemplar: Exemplar, by, recognise: bool, note: str = "", at=None) -> Exemplar | None:
    """Recognise, or not (a reason is required). Deciding again the same way changes nothing (None);
    the province may change its decision (a recognition withdrawn needs a reason too)."""
    require_open(exemplar.campaign)
    scope = Scope.for_user(by)
    if not access.can_decide_exemplar(scope, exemplar):
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh mới xét công nhận gương điển hình."))
    note = (note or "").strip()
    if not recognise and not note:
        raise ValidationError({"note": _("Hãy ghi lý do không công nhận.")})
    to_status = Status.RECOGNISED if recognise else Status.NOT_RECOGNISED
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status == to_status:
            return None
        at = at or timezone.now()
        locked.status = to_status
        locked.decided_by = by
        locked.decided_at = at
        locked.recognised_at = at if recognise else None
        locked.decision_note = note
        locked.version += 1
        locked._history_user = by
        locked.save()
        figures.exemplar_changed(locked.unit_id)
        recipients = [locked.nominated_by] + [
            m.user for m in Membership.objects.officers_of(locked.nominating_unit).select_related("user")
        ]
        verdict = "được tỉnh công nhận" if recognise else "không được công nhận"  # vi-only
        notify(
            recipients=recipients, kind="exemplar_decided", title=f"Gương điển hình “{locked.name}” {verdict}"[:300],  # vi-only
            body=note, url=reverse("exemplars:detail", args=[locked.pk]), target=locked, unit=locked.unit, actor=by,
        )  # fmt: skip
        transaction.on_commit(public_cache.bump)
    for f in ("status", "decided_by", "decided_at", "recognised_at", "decision_note", "version"):
        setattr(exemplar, f, getattr(locked, f))
    return locked


def _notify_province(exemplar: Exemplar, by) -> None:
    staff = Membership.objects.active().filter(role=Role.PROVINCE_STAFF).select_related("user", "unit", "unit__parent")
    recipients = [m.user for m in staff if exemplar.unit.path.startswith(m.unit.committee.path)]
    notify(
        recipients=recipients, kind="exemplar_nominated",
        title=f"Đề nghị gương điển hình: “{exemplar.name}” — {exemplar.unit.name}"[:300],  # vi-only
        url=reverse("exemplars:detail", args=[exemplar.pk]), target=exemplar, unit=exemplar.unit, actor=by,
    )  # fmt: skip
