"""Importing registrations from the template .xlsx (or a UTF-8 .csv with the same columns).

Every row is checked first and every problem is reported with its row number; if any row is
wrong nothing is written. Otherwise all rows are created in one transaction (as drafts, or sent
for approval when the importer asks), so an import is never half done.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import Scope
from campaigns.models import Movement
from campaigns.services import require_open
from core.tabular import read_table
from core.text import fold
from registrations.forms import parse_number
from registrations.models import Field, Registration
from registrations.services import RegistrationInput, TargetInput, registration_create, registration_submit
from registrations.services.editing import check_input

Kind = Registration.Kind

COLUMNS = {
    "kind": ("Loại (Nội dung/Mô hình)", "Loại", "Loai", "Kind"),  # vi-only
    "unit_code": ("Mã đơn vị", "Ma don vi", "Unit code"),  # vi-only
    "title": ("Tên nội dung, việc làm, mô hình", "Tên", "Ten", "Title"),  # vi-only
    "description": ("Mô tả", "Mo ta", "Description"),  # vi-only
    "field": ("Lĩnh vực", "Linh vuc", "Field"),  # vi-only
    "movements": (
        "Cuộc vận động, phong trào (cách nhau bởi ;)",  # vi-only
        "Cuộc vận động, phong trào",  # vi-only
        "Phong trào",  # vi-only
        "Movements",
    ),
    "starts_on": ("Bắt đầu (ngày/tháng/năm)", "Bắt đầu", "Bat dau", "Ngày bắt đầu", "Start"),  # vi-only
    "ends_on": ("Kết thúc (ngày/tháng/năm)", "Kết thúc", "Ket thuc", "Ngày kết thúc", "End"),  # vi-only
    "responsible": ("Người phụ trách", "Nguoi phu trach", "Responsible"),  # vi-only
    "expected_result": ("Kết quả dự kiến", "Ket qua du kien", "Expected result"),  # vi-only
    "target_name": ("Chỉ tiêu", "Chi tieu", "Target"),  # vi-only
    "target_unit": ("Đơn vị tính", "Don vi tinh", "Unit of measure"),  # vi-only
    "target_value": ("Giá trị chỉ tiêu", "Gia tri chi tieu", "Target value"),  # vi-only
    "areas": ("Mã xã thực hiện (cách nhau bởi ;)", "Mã xã thực hiện", "Địa bàn", "Areas"),  # vi-only
    "area_note": ("Thôn, tổ, khu dân cư", "Khu dân cư", "Area note"),  # vi-only
}
REQUIRED = ("kind", "unit_code", "title", "field", "starts_on", "ends_on")
TEMPLATE_HEADERS = [names[0] for names in COLUMNS.values()]
KIND_WORDS = {"noi dung": Kind.CONTENT, "mo hinh": Kind.MODEL, "content": Kind.CONTENT, "model": Kind.MODEL}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%d.%m.%Y")
SEPARATORS = re.compile(r"[;\n]+")


def template_example(unit_code: str) -> list[str]:
    return [
        "Mô hình", unit_code, "Mô hình “Dân vận khéo” vận động hiến đất làm đường giao thông nông thôn",  # vi-only
        "Vận động nhân dân hiến đất, góp công làm đường bê tông thôn", "Kinh tế", "Toàn dân đoàn kết xây dựng NTM, ĐTVM",  # vi-only
        "1/3/2020", "30/11/2020", "Nguyễn Văn An", "Hoàn thành 2 km đường bê tông", "Đường bê tông làm mới", "km", "2", "", "",  # vi-only
    ]  # fmt: skip


def parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class ImportResult:
    created: list[Registration] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def registrations_import(*, by, uploaded, campaign, submit: bool = False) -> ImportResult:
    """Rows of a spreadsheet become registrations of the campaign year they are imported into."""
    scope = Scope.for_user(by)
    rows = read_table(uploaded, columns=COLUMNS, required=REQUIRED)
    if campaign is None:
        raise ValidationError(_("Chưa có phong trào thi đua nào để nhập đăng ký."))
    require_open(campaign)
    codes = set()
    for row in rows:
        codes.add(row.values.get("unit_code", ""))
        codes.update(c.strip() for c in SEPARATORS.split(row.values.get("areas", "")) if c.strip())
    units = {u.code: u for u in campaign.units().filter(code__in=codes).select_related("parent")}
    fields = {fold(f.name): f for f in Field.objects.filter(campaign=campaign, is_active=True)}
    movements = {}
    for m in Movement.objects.all():
        movements[fold(m.name)] = m
        if m.short_name:
            movements[fold(m.short_name)] = m

    result = ImportResult()
    planned: list[tuple[int, RegistrationInput]] = []
    for row in rows:
        v = row.values
        problems = []
        kind = KIND_WORDS.get(fold(v.get("kind", "")))
        if kind is None:
            # Personal tasks are registered by the cadres themselves, from their own accounts.
            problems.append(_("loại “%(kind)s” phải là Nội dung hoặc Mô hình") % {"kind": v.get("kind", "")})
        unit = units.get(v.get("unit_code", ""))
        if unit is None or not scope.sees_unit(unit):
            problems.append(
                _("mã đơn vị “%(code)s” không có hoặc không thuộc phạm vi của bạn") % {"code": v.get("unit_code", "")}
            )
        field_obj = fields.get(fold(v.get("field", "")))
        if field_obj is None:
            problems.append(_("lĩnh vực “%(field)s” không có trong danh mục") % {"field": v.get("field", "")})
        chosen_movements = []
        for name in SEPARATORS.split(v.get("movements", "")):
            if name.strip():
                movement = movements.get(fold(name))
                if movement is None:
                    problems.append(_("không có cuộc vận động, phong trào “%(name)s”") % {"name": name.strip()})
                else:
                    chosen_movements.append(movement)
        starts_on, ends_on = parse_date(v.get("starts_on", "")), parse_date(v.get("ends_on", ""))
        if starts_on is None:
            problems.append(_("ngày bắt đầu “%(date)s” không đúng dạng ngày/tháng/năm") % {"date": v.get("starts_on", "")})
        if ends_on is None:
            problems.append(_("ngày kết thúc “%(date)s” không đúng dạng ngày/tháng/năm") % {"date": v.get("ends_on", "")})
        areas = []
        for code in SEPARATORS.split(v.get("areas", "")):
            code = code.strip()
            if code:
                if code not in units:
                    problems.append(_("không có xã mã “%(code)s”") % {"code": code})
                else:
                    areas.append(units[code])
        targets = []
        if v.get("target_name") or v.get("target_value"):
            try:
                value = parse_number(v.get("target_value", ""))
            except ValidationError:
                value = None
            if value is None:
                problems.append(_("giá trị chỉ tiêu “%(value)s” không phải là số") % {"value": v.get("target_value", "")})
            else:
                targets.append(TargetInput(v.get("target_name", ""), value, v.get("target_unit", "")))
        if len(v.get("title", "")) > 300:
            problems.append(_("tên dài quá 300 ký tự"))
        if not problems:
            data = RegistrationInput(
                kind=kind, unit=unit, campaign=campaign, title=v.get("title", ""), person=None,
                description=v.get("description", ""), field=field_obj, movements=chosen_movements, areas=areas,
                area_note=v.get("area_note", "")[:300], starts_on=starts_on, ends_on=ends_on,
                responsible=v.get("responsible", "")[:150],
                expected_result=v.get("expected_result", ""), targets=targets,
            )  # fmt: skip
            try:
                check_input(data, by=by, scope=scope)
            except ValidationError as exc:
                problems.extend(m.rstrip(".").lower()[:1] + m.rstrip(".")[1:] for m in exc.messages)
            except PermissionDenied as exc:
                problems.append(str(exc).rstrip("."))
            else:
                if submit and not data.expected_result.strip():
                    problems.append(_("cần ghi kết quả dự kiến để gửi duyệt"))
                elif submit and not data.responsible.strip():
                    problems.append(_("cần ghi người phụ trách để gửi duyệt"))
                else:
                    planned.append((row.line, data))
        if problems:
            result.errors.append(_("Dòng %(line)s: %(problems)s.") % {"line": row.line, "problems": "; ".join(problems)})
    if result.errors:
        return result
    with transaction.atomic():
        for line, data in planned:
            try:
                registration = registration_create(data=data, by=by)
                if submit:
                    registration_submit(registration=registration, by=by)
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                raise ValidationError(
                    _("Dòng %(line)s: %(error)s Không dòng nào được nhập.") % {"line": line, "error": text}
                ) from exc
            result.created.append(registration)
    return result
