"""Home page: provincial staff see what the reminder sweep did today."""

import datetime as dt

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from danvan import home
from danvan.dates import short_date

from .models import EmailDelivery, Reminder


@home.register(order=80)
def reminders_today(request, scope):
    if not scope.has_role(Role.PROVINCE_STAFF):
        return None
    today = timezone.localdate()
    visible = scope.units_q("unit")
    # Today's sweep, or the last one before it (a weekend without deadlines, a sweep not run yet).
    day = Reminder.objects.filter(visible, swept_on__lte=today).aggregate(last=Max("swept_on"))["last"]
    counts = Reminder.objects.filter(visible, swept_on=day).aggregate(
        before=Count("pk", filter=Q(step__lte=0, status=Reminder.Status.SENT)),
        overdue=Count("pk", filter=Q(step__gt=0, status=Reminder.Status.SENT)),
        nobody=Count("pk", filter=Q(status=Reminder.Status.NO_RECIPIENTS)),
    ) if day else {"before": 0, "overdue": 0, "nobody": 0}
    people = Membership.objects.filter(scope.units_q("unit")).values("user_id")
    failed = EmailDelivery.objects.filter(
        recipient__in=people, status=EmailDelivery.Status.FAILED, created_at__gte=timezone.now() - dt.timedelta(days=7)
    ).count()
    log = reverse("notifications:reminders")
    when = f"tu={day:%Y-%m-%d}&den={day:%Y-%m-%d}" if day else ""
    items = []
    if counts["before"]:
        items.append(home.HomeItem(text=f"{counts['before']} lượt nhắc đơn vị sắp đến hạn", url=f"{log}?{when}&buoc=truoc"))
    if counts["overdue"]:
        items.append(
            home.HomeItem(
                text=f"{counts['overdue']} lượt báo quá hạn", url=f"{log}?{when}&buoc=qua", badge="Quá hạn", tone="danger"
            )
        )
    if counts["nobody"]:
        items.append(
            home.HomeItem(
                text=f"{counts['nobody']} lượt nhắc không có ai nhận", url=f"{log}?{when}&trang_thai=no_recipients",
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
        title="Nhắc hạn hôm nay" if day in (None, today) else f"Nhắc hạn gần nhất (ngày {short_date(day)})",
        items=items,
        empty_text="Hôm nay chưa có nhắc hạn nào được gửi.",
        action_label="Nhật ký nhắc hạn",
        action_url=log,
    )
