"""Accounts: creating people for units and importing a unit's cadres, within the creator's scope."""

import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.scope import Scope
from core import figures
from core.queue import enqueue
from core.roles import Role
from core.tabular import read_table
from core.text import fold
from units.models import Unit

# Column headings matched against the uploaded files (and written in the template file): data.
CADRE_COLUMNS = {
    "full_name": ("Họ và tên", "Ho ten", "Full name", "Name"),  # vi-only
    "login": ("E-mail hoặc tên đăng nhập", "Email hoac ten dang nhap", "E-mail", "Email", "Tên đăng nhập", "Username"),  # vi-only
    "position": ("Chức vụ", "Position"),  # vi-only
    "unit_code": ("Mã đơn vị", "Ma don vi", "Unit code", "Unit"),  # vi-only
}
CADRE_TEMPLATE_HEADERS = [names[0] for names in CADRE_COLUMNS.values()]
USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,150}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# The figure family of cadre memberships: the cadres a unit has, counted in every campaign
# (the figures are defined in registrations/figures.py, with the tasks cadres register).
CADRES = "cad"


def cadres_changed(*memberships) -> None:
    """Memberships (pass them before and after a change) were added, changed or removed: the cadre
    figures of their units are counted again (a role changed from or to cadre counts too)."""
    figures.changed(families=[CADRES], units=[m.unit_id for m in memberships if m.role == Role.CADRE])


def grantable_roles(scope, unit: Unit) -> list[str]:
    """Roles this scope may give at this unit (empty when it may not manage the unit)."""
    if not scope.manages(unit):
        return []
    roles = [Role.OFFICER, Role.CADRE, Role.REVIEWER, Role.OBSERVER]
    province_level = unit.level == Unit.Level.PROVINCE or (
        unit.level == Unit.Level.DEPARTMENT and unit.parent and unit.parent.level == Unit.Level.PROVINCE
    )
    if scope.is_province_staff and province_level:
        roles.insert(0, Role.PROVINCE_STAFF)
    return [r.value for r in roles]


def temporary_password() -> str:
    # 4 groups of letters and digits: long enough for the validators, easy to read out by phone.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@dataclass
class CreatedAccount:
    user: User
    membership: Membership
    temporary_password: str | None  # shown once when the account has no e-mail


def account_create(
    *, scope, by: User, full_name: str, username: str, email: str, unit: Unit, role: str, position: str = "", phone: str = ""
) -> CreatedAccount:
    if role not in grantable_roles(scope, unit):
        raise PermissionDenied(_("Bạn không được cấp vai trò này tại đơn vị này."))
    with transaction.atomic():
        user = User(username=username, full_name=full_name, email=email, phone=phone)
        password = None
        if email:
            user.set_unusable_password()
        else:
            password = temporary_password()
            user.set_password(password)
            user.must_change_password = True
        user.save()
        membership = Membership.objects.create(user=user, unit=unit, role=role, position=position, created_by=by)
        cadres_changed(membership)
        if email:
            from accounts.tasks import send_account_invitation

            enqueue(send_account_invitation, user.pk)
    return CreatedAccount(user, membership, password)


def membership_set_active(*, membership: Membership, active: bool, by) -> None:
    scope = Scope.for_user(by)
    if not scope.manages(membership.unit):
        raise PermissionDenied(_("Bạn không quản lý đơn vị của vai trò này."))
    if membership.user_id == scope.user.pk and not active:
        raise ValidationError(_("Bạn không thể tự khóa vai trò của chính mình."))
    membership.is_active = active
    with transaction.atomic():
        membership.save(update_fields=["is_active"])
        cadres_changed(membership)


@dataclass
class CadreImportResult:
    created: list[CreatedAccount] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _username_from(seed: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9._-]+", "", fold(seed).replace(" ", ".")) or "canbo"
    base = base[:140]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def cadres_import(*, by: User, uploaded) -> CadreImportResult:
    """Create cadre accounts from a table; any bad row aborts the whole import (nothing written)."""
    scope = Scope.for_user(by)
    rows = read_table(uploaded, columns=CADRE_COLUMNS, required=("full_name", "login", "unit_code"))
    result = CadreImportResult()
    codes = {r.values.get("unit_code", "") for r in rows}
    units = {u.code: u for u in Unit.objects.open().filter(code__in=codes).select_related("parent")}
    existing_usernames = set(User.objects.values_list("username", flat=True))
    existing_emails = {e.lower() for e in User.objects.exclude(email="").values_list("email", flat=True)}
    seen_logins: dict[str, int] = {}
    planned = []
    for row in rows:
        v = row.values
        name, login, code = v.get("full_name", ""), v.get("login", "").strip(), v.get("unit_code", "")
        problems = []
        if not name:
            problems.append(_("thiếu họ và tên"))
        elif len(name) > 150:
            problems.append(_("họ và tên dài quá 150 ký tự"))
        unit = units.get(code)
        if not code:
            problems.append(_("thiếu mã đơn vị"))
        elif unit is None or not scope.sees_unit(unit):
            problems.append(_("mã đơn vị “%(code)s” không có hoặc không thuộc phạm vi của bạn") % {"code": code})
        elif Role.CADRE not in grantable_roles(scope, unit):
            problems.append(_("bạn không được thêm cán bộ cho %(unit)s") % {"unit": unit.name})
        email, username = "", ""
        if not login:
            problems.append(_("thiếu e-mail hoặc tên đăng nhập"))
        elif "@" in login:
            email = login.lower()
            if not EMAIL_RE.match(email):
                problems.append(_("e-mail “%(login)s” không hợp lệ") % {"login": login})
            elif email in existing_emails:
                problems.append(_("e-mail %(email)s đã gắn với một tài khoản") % {"email": email})
        else:
            username = login.lower()
            if not USERNAME_RE.match(username):
                problems.append(
                    _("tên đăng nhập “%(login)s” chỉ được gồm chữ thường không dấu, số, . _ - (3–150 ký tự)") % {"login": login}
                )
            elif username in existing_usernames:
                problems.append(_("tên đăng nhập %(username)s đã có người dùng") % {"username": username})
        key = (email or username).lower()
        if key and key in seen_logins:
            problems.append(_("trùng với dòng %(line)s") % {"line": seen_logins[key]})
        elif key:
            seen_logins[key] = row.line
        if problems:
            result.errors.append(_("Dòng %(line)s: %(problems)s.") % {"line": row.line, "problems": "; ".join(problems)})
        else:
            planned.append((name, email, username, v.get("position", "")[:200], unit))
    if result.errors:
        return result
    with transaction.atomic():
        for name, email, username, position, unit in planned:
            if not username:
                username = _username_from(email.split("@")[0], existing_usernames)
            else:
                existing_usernames.add(username)
            result.created.append(
                account_create(
                    scope=scope,
                    by=by,
                    full_name=name,
                    username=username,
                    email=email,
                    unit=unit,
                    role=Role.CADRE,
                    position=position,
                )
            )
    return result
