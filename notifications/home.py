"""Home page: provincial staff see what the reminder sweep did today."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from danvan import home

from .models import EmailDelivery, Reminder


@home.register(order=80)
def reminders_today(request, scope):
    if not scope.has_role(Role.PROVINCE_STAFF):
        return None
    today = timezone.localdate()
    visible = scope.units_q("unit")
    counts = Reminder.objects.filter(visible, swept_on=today).aggregate(
        before=Count("pk", filter=Q(step__lte=0, status=Reminder.Status.SENT)),
        overdue=Count("pk", filter=Q(step__gt=0, status=Reminder.Status.SENT)),
        nobody=Count("pk", filter=Q(status=Reminder.Status.NO_RECIPIENTS)),
    )
    people = Membership.objects.filter(scope.units_q("unit")).values("user_id")
    failed = EmailDelivery.objects.filter(
        recipient__in=people, status=EmailDelivery.Status.FAILED, created_at__gte=timezone.now() - dt.timedelta(days=7)
    ).count()
    log = reverse("notifications:reminders")
    items = []
    if counts["before"]:
        items.append(home.HomeItem(text=f"{counts['before']} đơn vị được nhắc sắp đến hạn", url=f"{log}?ngay={today:%Y-%m-%d}&buoc=truoc"))
    if counts["overdue"]:
        items.append(
            home.HomeItem(
                text=f"{counts['overdue']} đơn vị được báo quá hạn", url=f"{log}?ngay={today:%Y-%m-%d}&buoc=qua", badge="Quá hạn", tone="danger"
            )
        )
    if counts["nobody"]:
        items.append(
            home.HomeItem(
                text=f"{counts['nobody']} đơn vị không có ai nhận nhắc hạn", url=f"{log}?ngay={today:%Y-%m-%d}&trang_thai=no_recipients",
                badge="Chưa có cán bộ", tone="warning", detail="Tạo tài khoản cán bộ phụ trách cho các đơn vị này.",
            )
        )
    if failed:
        items.append(
            home.HomeItem(
                text=f"{failed} thư gửi lỗi trong 7 ngày qua", url=reverse("notifications:mail_log") + "?trang_thai=failed",
                badge="Lỗi gửi thư", tone="danger",
            )
        )
    return home.HomeSection(
        title="Nhắc hạn hôm nay",
        items=items,
        empty_text="Hôm nay chưa có nhắc hạn nào được gửi.",
        action_label="Nhật ký nhắc hạn",
        action_url=log,
    )
