from django.urls import reverse

from danvan import home


@home.register(order=5)
def account_setup(request, scope):
    """Everyone: what is missing from their own account."""
    user = request.user
    items = []
    if not user.email:
        items.append(
            home.HomeItem(
                text="Tài khoản chưa có e-mail: sẽ không nhận được thư nhắc hạn và không tự lấy lại được mật khẩu.",
                url=reverse("accounts:profile"),
                badge="Cần bổ sung",
                tone="warning",
            )
        )
    if not scope.memberships:
        items.append(
            home.HomeItem(
                text="Tài khoản chưa được giao vai trò ở đơn vị nào. Đề nghị liên hệ cán bộ Ủy ban MTTQ cấp trên.",
                badge="Chưa có vai trò",
                tone="danger",
            )
        )
    if not items:
        return None
    return home.HomeSection(title="Tài khoản của bạn", items=items)
