"""Small things the plan views share."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from accounts.models import Role
from core.concurrency import StaleObjectError
from core.dates import short_datetime

from ..models import Campaign

MANAGERS = (Role.PROVINCE_STAFF, Role.OFFICER)
FOLLOWERS = (Role.PROVINCE_STAFF, Role.OFFICER, Role.REVIEWER, Role.OBSERVER)


def require_any(request, roles) -> None:
    if not request.scope.has_role(*roles):
        raise PermissionDenied(_("Chức năng này không dành cho vai trò của bạn."))


def current_campaign():
    return Campaign.current()


def paginate(request, queryset, per_page: int = 50):
    page = Paginator(queryset, per_page).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return page, query.urlencode()


def stale_errors(exc: StaleObjectError) -> list[str]:
    """What someone else changed, for the form's error box (the user's input stays in the form)."""
    lines = [_("Người khác vừa lưu nội dung này sau khi bạn mở trang; nội dung bạn nhập chưa được ghi và vẫn còn trong ô nhập.")]
    for label, then, now in exc.changes[:8]:
        lines.append(_("Đã đổi “%(field)s”: từ “%(old)s” thành “%(new)s”.") % {"field": label, "old": _short(then), "new": _short(now)})
    lines.append(_("Hãy xem lại và bấm lưu lần nữa nếu vẫn muốn ghi nội dung của bạn."))
    return lines


def _short(value) -> str:
    if value is None or value == "":
        return _("(trống)")
    if hasattr(value, "tzinfo"):
        return short_datetime(value)
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def acted_committees(scope):
    """Committees this person acts for (officers; provincial staff for the province)."""
    seen, units = set(), []
    for m in scope.memberships:
        committee = m.unit.committee
        if m.role in MANAGERS and committee.pk not in seen:
            seen.add(committee.pk)
            units.append(committee)
    return units


def refresh_version(form, version: int) -> None:
    """After a refused stale save, the re-rendered form carries the current version, so saving
    again (after reading what changed) is accepted."""
    form.data = form.data.copy()
    form.data["version"] = str(version)
