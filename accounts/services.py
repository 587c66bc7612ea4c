"""Accounts: creating people for units, importing a unit's cadres, and moving people from units a
map change closed to their successors (the reform page), within the actor's scope."""

import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.scope import Scope
from accounts.selectors import reform_pending
from core import figures
from core.cache import within_limit
from core.dates import short_date
from core.queue import enqueue
from core.roles import Role
from core.tabular import read_table
from core.text import fold
from units.models import Unit

logger = logging.getLogger(__name__)

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


# --- forgotten passwords --------------------------------------------------------------------------
RESET_WINDOW_SECONDS = 3600


def _same_email(a: str, b: str) -> bool:
    """As Django's reset form checks it: the database's case-insensitive match can pair addresses
    that differ (a dotless ı matches i, CVE-2019-19844); mail only where they are the same."""
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


def password_reset_request(*, email: str, address: str | None) -> int:
    """Queue a link to choose a new password for each active account with this e-mail, within
    PASSWORD_RESET_LIMIT_PER_HOUR requests an hour from one client address and mails an hour to one
    account (nobody can flood a colleague's inbox or the mail server). The page answers the same
    whatever happens here, so it does not tell whether an account exists; the number of mails
    queued is for the tests and the log."""
    limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
    if not within_limit(f"accounts:password-reset:address:{address}", limit=limit, window=RESET_WINDOW_SECONDS):
        logger.warning("Password reset refused: more than %s requests this hour from %s", limit, address)
        return 0
    from accounts.tasks import send_password_reset

    queued = 0
    for user in User.objects.filter(email__iexact=email, is_active=True).order_by("pk"):
        if not user.has_usable_password() or not _same_email(email, user.email):
            continue
        if not within_limit(f"accounts:password-reset:account:{user.pk}", limit=limit, window=RESET_WINDOW_SECONDS):
            logger.warning("Password reset refused: more than %s mails this hour to account %s", limit, user.pk)
            continue
        enqueue(send_password_reset, user.pk)
        queued += 1
    return queued


def membership_set_active(*, membership: Membership, active: bool, by) -> None:
    scope = Scope.for_user(by)
    if not scope.manages(membership.unit):
        raise PermissionDenied(_("Bạn không quản lý đơn vị của vai trò này."))
    if membership.user_id == scope.user.pk and not active:
        raise ValidationError(_("Bạn không thể tự khóa vai trò của chính mình."))
    membership.is_active = active
    if active:
        membership.ended_on = None  # a role ended after a map change, given back
    membership._history_user = by
    with transaction.atomic():
        membership.save(update_fields=["is_active", "ended_on"])
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


# --- the reform: moving people from units a map change closed --------------------------------------
# What the audit trail shows as the reason of each change (stored data, read in Vietnamese; the
# history keeps at most 100 characters).
REFORM_MOVED_TO = "Sắp xếp đơn vị hành chính: chuyển sang %(unit)s"  # vi-only
REFORM_MOVED_FROM = "Sắp xếp đơn vị hành chính: chuyển từ %(unit)s"  # vi-only
REFORM_ENDED = "Sắp xếp đơn vị hành chính: kết thúc vai trò tại %(unit)s"  # vi-only


def _reform_scope(by) -> Scope:
    scope = Scope.for_user(by)
    if not scope.is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh chuyển người dùng sang đơn vị mới."))
    return scope


def _pending_locked(membership: Membership, *, scope: Scope, expected_unit_id: int | None = None) -> Membership:
    """The membership re-read under a row lock, still waiting to be moved; else a refusal saying why
    (someone moved or ended it since the page was shown, or the form was sent twice)."""
    if not scope.is_staff_for(membership.unit):
        raise PermissionDenied(_("Vai trò này không thuộc phạm vi bạn quản lý."))
    current = Membership.objects.select_for_update().select_related("unit", "user").filter(pk=membership.pk).first()
    if current is None or not current.is_active:
        raise ValidationError(
            _(
                "Vai trò %(role)s của %(person)s tại %(unit)s đã được chuyển hoặc kết thúc trước đó "
                "(có thể do người khác, hoặc do bấm gửi hai lần). Không có gì thay đổi thêm; danh sách đã được cập nhật."
            )
            % {"role": membership.get_role_display(), "person": membership.user, "unit": membership.unit}
        )
    if (expected_unit_id is not None and current.unit_id != expected_unit_id) or current.unit.is_open:
        raise ValidationError(
            _("Vai trò %(role)s của %(person)s không còn ở đơn vị đã hết hiệu lực; không có gì thay đổi.")
            % {"role": current.get_role_display(), "person": current.user}
        )
    return current


def _reform_target_problem(scope: Scope, membership: Membership, to_unit: Unit) -> str | None:
    """Why the role may not move to this unit (None when it may)."""
    if not to_unit.is_open:
        return _("%(unit)s đã hết hiệu lực từ %(date)s; hãy chọn một đơn vị đang hoạt động.") % {
            "unit": to_unit.name,
            "date": short_date(to_unit.valid_to),
        }
    if not scope.is_staff_for(to_unit):
        return _("%(unit)s không thuộc phạm vi bạn quản lý; hãy chọn một đơn vị trong tỉnh.") % {"unit": to_unit.name}
    # A role keeps its rank: it goes to the unit that kept the code, or to a commune-level unit (the
    # level every unit of a closed level ends up at), never up to the province.
    if to_unit.code != membership.unit.code and to_unit.level != Unit.Level.COMMUNE:
        return _("Chỉ chuyển được sang đơn vị kế thừa (cùng mã) hoặc một đơn vị cấp xã; %(unit)s không phải.") % {
            "unit": to_unit.name
        }
    if membership.role not in grantable_roles(scope, to_unit):
        return _("Không giao được vai trò %(role)s tại %(unit)s.") % {
            "role": membership.get_role_display(),
            "unit": to_unit.name,
        }
    return None


def _reform_move(current: Membership, to_unit: Unit, by: User) -> Membership:
    """End the old role and give the same role at the new unit (a role held there before is opened
    again); nothing is deleted, and each change is in the history with who made it. The caller
    counts the cadre figures again (once for a whole batch)."""
    current.is_active = False
    current.ended_on = timezone.localdate()
    current._history_user = by
    current._change_reason = (REFORM_MOVED_TO % {"unit": to_unit.name})[:100]
    current.save(update_fields=["is_active", "ended_on"])
    successor = Membership.objects.select_for_update().filter(user_id=current.user_id, unit=to_unit, role=current.role).first()
    if successor is None:
        successor = Membership(user_id=current.user_id, unit=to_unit, role=current.role, position=current.position, created_by=by)
        successor._history_user = by
        successor._change_reason = (REFORM_MOVED_FROM % {"unit": current.unit.name})[:100]
        successor.save()
    elif not successor.is_active:
        successor.is_active = True
        successor.ended_on = None
        successor._history_user = by
        successor._change_reason = (REFORM_MOVED_FROM % {"unit": current.unit.name})[:100]
        successor.save(update_fields=["is_active", "ended_on"])
    return successor


def membership_move(*, membership: Membership, to_unit: Unit, by: User, expected_unit_id: int | None = None) -> Membership:
    """Move a role held at a closed unit to `to_unit` (provincial staff, within their subtree).

    `expected_unit_id` is the unit the page showed: a role that moved since is refused, as is a role
    already moved or ended (a form sent twice). Returns the role at the new unit."""
    scope = _reform_scope(by)
    with transaction.atomic():
        current = _pending_locked(membership, scope=scope, expected_unit_id=expected_unit_id)
        problem = _reform_target_problem(scope, current, to_unit)
        if problem:
            raise ValidationError(problem)
        moved = _reform_move(current, to_unit, by)
        cadres_changed(current, moved)
    return moved


def membership_end(*, membership: Membership, by: User, expected_unit_id: int | None = None) -> Membership:
    """End a role held at a closed unit (e.g. an officer of a district, a level that no longer exists):
    the role is kept as ended, the person's account and other roles stay."""
    scope = _reform_scope(by)
    with transaction.atomic():
        current = _pending_locked(membership, scope=scope, expected_unit_id=expected_unit_id)
        if current.user_id == scope.user.pk:
            raise ValidationError(_("Bạn không thể tự khóa vai trò của chính mình."))
        current.is_active = False
        current.ended_on = timezone.localdate()
        current._history_user = by
        current._change_reason = (REFORM_ENDED % {"unit": current.unit.name})[:100]
        current.save(update_fields=["is_active", "ended_on"])
        cadres_changed(current)
    return current


@dataclass
class MoveAllResult:
    moved: list[Membership] = field(default_factory=list)  # the roles at the new units
    refused: list[str] = field(default_factory=list)  # why a proposed move was not made


def memberships_move_all(*, by: User, under: Unit | None = None) -> MoveAllResult:
    """Move every role waiting under the actor's subtree (or under `under`, e.g. one closed unit) that
    has a proposed successor, the open unit with the same code, in one transaction. Roles without
    one wait for a choice on the page; a form sent twice finds nothing left to move."""
    scope = _reform_scope(by)
    pending = reform_pending(scope.staff_paths).filter(successor_id__isnull=False)
    if under is not None:
        if not scope.is_staff_for(under):
            raise PermissionDenied(_("Đơn vị này không thuộc phạm vi bạn quản lý."))
        pending = pending.filter(unit__path__startswith=under.path)
    result, ended = MoveAllResult(), []
    with transaction.atomic():
        pending = list(pending.values_list("pk", "successor_id"))
        successors = Unit.objects.in_bulk({successor_id for pk, successor_id in pending})
        locked = (
            Membership.objects.select_for_update().select_related("unit", "user").in_bulk([pk for pk, successor_id in pending])
        )
        for pk, successor_id in pending:
            current, to_unit = locked.get(pk), successors[successor_id]
            if current is None or not current.is_active or current.unit.is_open:
                continue
            problem = _reform_target_problem(scope, current, to_unit)
            if problem:
                result.refused.append(f"{current.user}: {problem}")
                continue
            result.moved.append(_reform_move(current, to_unit, by))
            ended.append(current)
        cadres_changed(*ended, *result.moved)
    return result
