from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.selectors import reform_counts
from core import home
from core.roles import Role


@home.register(order=5)
def account_setup(request, scope):
    """Everyone: what is missing from their own account."""
    user = request.user
    items = []
    if not user.email:
        items.append(
            home.HomeItem(
                text=_("Tài khoản chưa có e-mail: sẽ không nhận được thư nhắc hạn và không tự lấy lại được mật khẩu."),
                url=reverse("accounts:profile"),
                badge=_("Cần bổ sung"),
                tone="warning",
            )
        )
    if not scope.memberships:
        items.append(
            home.HomeItem(
                text=_("Tài khoản chưa được giao vai trò ở đơn vị nào. Đề nghị liên hệ cán bộ Ủy ban MTTQ cấp trên."),
                badge=_("Chưa có vai trò"),
                tone="danger",
            )
        )
    if not items:
        return None
    return home.HomeSection(title=_("Tài khoản của bạn"), items=items)


@home.register(order=90)
def units_without_officers(request, scope):
    """Managers: lower units that nobody can act for yet (no active officer account)."""
    unit = scope.home_unit
    if unit is None or not scope.acts_for(unit):
        return None
    children = list(
        unit.children.open()
        .committees()
        .annotate(
            officers=Count(
                "memberships",
                filter=Q(memberships__is_active=True, memberships__user__is_active=True, memberships__role=Role.OFFICER),
            )
        )
        .filter(officers=0)
        .order_by("position")
    )
    if not unit.children.exists():
        return None
    items = [
        home.HomeItem(
            text=child.name,
            url=reverse("accounts:person_create") + f"?don_vi={child.code}",
            badge=_("Chưa có cán bộ phụ trách"),
            tone="warning",
        )
        for child in children[:8]
    ]
    section = home.HomeSection(
        title=_("Đơn vị cấp dưới chưa có tài khoản cán bộ phụ trách"),
        items=items,
        empty_text=_("Mọi đơn vị cấp dưới đều đã có cán bộ phụ trách."),
        action_label=ngettext("Xem %(n)s đơn vị", "Xem %(n)s đơn vị", len(children)) % {"n": len(children)}
        if len(children) > 8
        else "",
        action_url=reverse("units:unit_detail", kwargs={"code": unit.code}) if len(children) > 8 else "",
    )
    return section


@home.register(order=8)
def reform_pending_people(request, scope):
    """Provincial staff, after a map change: the people still holding roles at closed units, who
    cannot act in the new tree until they are moved."""
    if not scope.is_province_staff:
        return None
    counts = reform_counts(scope.staff_paths)
    if not counts["total"]:
        return None
    n, proposed = counts["total"], counts["with_successor"]
    item = home.HomeItem(
        text=ngettext(
            "%(n)s vai trò còn ở đơn vị đã hết hiệu lực: những người này chưa làm việc được ở đơn vị mới.",
            "%(n)s vai trò còn ở đơn vị đã hết hiệu lực: những người này chưa làm việc được ở đơn vị mới.",
            n,
        )
        % {"n": n},
        url=reverse("accounts:reform"),
        badge=_("Cần chuyển"),
        tone="warning",
        detail=ngettext(
            "%(n)s vai trò có đơn vị kế thừa đề xuất, xác nhận được một lần.",
            "%(n)s vai trò có đơn vị kế thừa đề xuất, xác nhận được một lần.",
            proposed,
        )
        % {"n": proposed}
        if proposed
        else "",
    )
    return home.HomeSection(title=_("Sắp xếp đơn vị hành chính"), items=[item])
