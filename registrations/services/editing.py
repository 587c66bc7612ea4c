"""Creating and changing what is registered (while it is a draft or was returned)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scope import Scope
from campaigns.services import require_open
from core.concurrency import bump_version
from core.roles import Role
from registrations import access, figures
from registrations.models import Registration, Target

Kind = Registration.Kind


@dataclass
class TargetInput:
    name: str
    target_value: Decimal
    unit_of_measure: str = ""


@dataclass
class RegistrationInput:
    kind: str
    unit: object
    campaign: object
    title: str
    person: object = None
    description: str = ""
    field: object = None
    movements: list = dataclass_field(default_factory=list)
    areas: list = dataclass_field(default_factory=list)
    area_note: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    responsible: str = ""
    expected_result: str = ""
    # None leaves the targets as they are; a list replaces them.
    targets: list[TargetInput] | None = None


def check_dates(starts_on, ends_on, campaign) -> dict[str, str]:
    """Errors by field for dates that cannot be right (shared with the import)."""
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
    elif campaign is not None:
        span = {"start": f"{campaign.starts_on:%d/%m/%Y}", "end": f"{campaign.ends_on:%d/%m/%Y}"}
        if ends_on and ends_on < campaign.starts_on:
            errors["ends_on"] = _("Ngày kết thúc ở trước năm phong trào (%(start)s – %(end)s).") % span
        if starts_on and starts_on > campaign.ends_on:
            errors["starts_on"] = _("Ngày bắt đầu ở sau năm phong trào (%(start)s – %(end)s).") % span
    return errors


def cadre_membership(user, unit) -> Membership | None:
    return Membership.objects.active().filter(user=user, unit=unit, role=Role.CADRE).first()


def check_input(data: RegistrationInput, *, by, scope: Scope, existing: Registration | None = None) -> None:
    errors: dict[str, str] = {}
    if data.kind not in Kind.values:
        errors["kind"] = _("Loại đăng ký không hợp lệ.")
    if not (data.title or "").strip():
        errors["title"] = _("Hãy nhập tên nội dung, việc làm hoặc mô hình.")
    if data.unit is None or not data.unit.is_open:
        errors["unit"] = _("Đơn vị không còn hoạt động hoặc chưa được chọn.")
    errors.update(check_dates(data.starts_on, data.ends_on, data.campaign))
    if data.field is not None and not data.field.is_active and (existing is None or existing.field_id != data.field.pk):
        errors["field"] = _("Lĩnh vực “%(field)s” không còn dùng; hãy chọn lĩnh vực khác.") % {"field": data.field}
    if data.unit is not None:
        outside = [a.name for a in data.areas if not a.path.startswith(data.unit.committee.path)]
        if outside and data.kind != Kind.TASK and data.unit.parent_id is not None:
            errors["areas"] = _("Địa bàn không thuộc đơn vị đăng ký: %(areas)s.") % {"areas": ", ".join(outside)}
    for target in data.targets or []:
        if target.target_value is None or target.target_value < 0:
            errors["targets"] = _("Giá trị chỉ tiêu phải là số không âm.")
        elif not target.name.strip():
            errors["targets"] = _("Mỗi chỉ tiêu cần có tên.")
    if errors:
        raise ValidationError(errors)
    # Who may register this, for whom.
    if data.kind == Kind.TASK:
        if data.person is None:
            raise ValidationError({"person": _("Việc làm cá nhân phải có cán bộ đăng ký.")})
        if cadre_membership(data.person, data.unit) is None:
            raise ValidationError(
                {"unit": _("%(person)s không phải cán bộ của %(unit)s.") % {"person": data.person, "unit": data.unit.name}}
            )
        if data.person.pk != by.pk and not scope.manages(data.unit):
            raise PermissionDenied(_("Bạn chỉ được đăng ký việc làm của chính mình."))
    else:
        if data.person is not None:
            raise ValidationError({"person": _("Đăng ký của tập thể không gắn với một cán bộ.")})
        if not scope.manages(data.unit):
            raise PermissionDenied(_("Bạn không được đăng ký thay cho đơn vị này."))


def _apply(registration: Registration, data: RegistrationInput) -> None:
    for name in ("kind", "unit", "campaign", "title", "person", "description", "field", "area_note", "starts_on", "ends_on",
                 "responsible", "expected_result"):  # fmt: skip
        setattr(registration, name, getattr(data, name))
    registration.title = registration.title.strip()


def _save_relations(registration: Registration, data: RegistrationInput) -> None:
    registration.movements.set(data.movements)
    registration.areas.set(data.areas)
    if data.targets is not None:
        registration.targets.all().delete()
        Target.objects.bulk_create(
            [
                Target(
                    registration=registration,
                    name=t.name.strip(),
                    unit_of_measure=t.unit_of_measure.strip(),
                    target_value=t.target_value,
                    position=i,
                )
                for i, t in enumerate(data.targets, start=1)
            ]
        )


def find_by_token(*, by, client_token) -> Registration | None:
    if not client_token:
        return None
    return Registration.objects.filter(created_by=by, client_token=client_token).first()


def registration_create(*, data: RegistrationInput, by, client_token: uuid.UUID | None = None) -> Registration:
    """A new draft. With a client token, the same form sent twice returns the first registration."""
    require_open(data.campaign)
    scope = Scope.for_user(by)
    existing = find_by_token(by=by, client_token=client_token)
    if existing is not None:
        return existing
    check_input(data, by=by, scope=scope)
    registration = Registration(created_by=by, client_token=client_token)
    registration._history_user = by  # recorded in the history also outside a request (imports, demo)
    _apply(registration, data)
    try:
        with transaction.atomic():
            registration.save()
            _save_relations(registration, data)
            figures.registration_changed(units=[registration.unit_id], campaigns=[registration.campaign_id])
    except IntegrityError:
        # The same form arrived twice at the same moment: the other request created it.
        existing = find_by_token(by=by, client_token=client_token)
        if existing is None:
            raise
        return existing
    return registration


def registration_update(*, registration: Registration, data: RegistrationInput, by, expected_version: int) -> Registration:
    """Change a draft or a returned registration; refused over a newer version (StaleObjectError)."""
    require_open(registration.campaign)
    scope = Scope.for_user(by)
    if not access.is_owner(scope, registration):
        raise PermissionDenied(_("Chỉ người, đơn vị đăng ký mới được sửa."))
    if not registration.is_editable:
        raise ValidationError(
            _("Đăng ký đang ở trạng thái “%(status)s”, không sửa được nữa.") % {"status": registration.get_status_display()}
        )
    if data.kind != registration.kind or (registration.is_task and data.person != registration.person):
        raise ValidationError(_("Không đổi được loại đăng ký hay người đăng ký; hãy tạo đăng ký mới."))
    check_input(data, by=by, scope=scope, existing=registration)
    with transaction.atomic():
        bump_version(registration, expected=expected_version)
        registration._history_user = by
        counted = (registration.unit_id, registration.campaign_id, registration.field_id)
        _apply(registration, data)
        registration.save()
        _save_relations(registration, data)
        if counted != (registration.unit_id, registration.campaign_id, registration.field_id):
            # A draft or a returned registration moved to another unit, campaign or field.
            figures.registration_changed(
                units=[counted[0], registration.unit_id], campaigns=[counted[1], registration.campaign_id],
                persons=[registration.person_id], sent_changed=registration.is_task and counted[1] != registration.campaign_id,
            )  # fmt: skip
    return registration


def registration_delete(*, registration: Registration, by) -> None:
    """Only a draft is deleted (nothing was sent to anyone yet)."""
    require_open(registration.campaign)
    scope = Scope.for_user(by)
    if not access.is_owner(scope, registration):
        raise PermissionDenied(_("Chỉ người, đơn vị đăng ký mới được xóa bản nháp."))
    with transaction.atomic():
        locked = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if locked is None:
            return
        if locked.status != Registration.Status.DRAFT:
            raise ValidationError(_("Chỉ xóa được bản nháp; đăng ký đã gửi được giữ lại cùng lịch sử xử lý."))
        locked.delete()
        figures.registration_changed(units=[locked.unit_id], campaigns=[locked.campaign_id])
