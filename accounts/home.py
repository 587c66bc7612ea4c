from django.urls import reverse
from django.utils.translation import gettext as _

from core import home


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
