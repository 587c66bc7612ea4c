"""Home page: provincial staff see what the reminder sweep did today."""

import datetime as dt

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership
from core import home
from core.dates import short_date
from core.roles import Role
from notifications.models import EmailDelivery
from reminders.models import Reminder


@home.register(order=80)
def reminders_today(request, scope):
    if not scope.has_role(Role.PROVINCE_STAFF):
        return None
    today = timezone.localdate()
    visible = scope.units_q("unit")
    # Today's sweep, or the last one before it (a weekend without deadlines, a sweep not run yet).
    day = Reminder.objects.filter(visible, swept_on__lte=today).aggregate(last=Max("swept_on"))["last"]
    counts = (
        Reminder.objects.filter(visible, swept_on=day).aggregate(
            before=Count("pk", filter=Q(step__lte=0, status=Reminder.Status.SENT)),
            overdue=Count("pk", filter=Q(step__gt=0, status=Reminder.Status.SENT)),
            nobody=Count("pk", filter=Q(status=Reminder.Status.NO_RECIPIENTS)),
        )
        if day
        else {"before": 0, "overdue": 0, "nobody": 0}
    )
    people = Membership.objects.filter(scope.units_q("unit")).values("user_id")
    failed = EmailDelivery.objects.filter(
        recipient__in=people, status=EmailDelivery.Status.FAILED, created_at__gte=timezone.now() - dt.timedelta(days=7)
    ).count()
    log = reverse("reminders:reminders")
    when = f"tu={day:%Y-%m-%d}&den={day:%Y-%m-%d}" if day else ""
    items = []
    if counts["before"]:
        n = counts["before"]
        text = ngettext("%(n)s lượt nhắc đơn vị sắp đến hạn", "%(n)s lượt nhắc đơn vị sắp đến hạn", n) % {"n": n}
        items.append(home.HomeItem(text=text, url=f"{log}?{when}&buoc=truoc"))
    if counts["overdue"]:
        n = counts["overdue"]
        items.append(
            home.HomeItem(
                text=ngettext("%(n)s lượt báo quá hạn", "%(n)s lượt báo quá hạn", n) % {"n": n},
                url=f"{log}?{when}&buoc=qua",
                badge=_("Quá hạn"),
                tone="danger",
            )
        )
    if counts["nobody"]:
        n = counts["nobody"]
        items.append(
            home.HomeItem(
                text=ngettext("%(n)s lượt nhắc không có ai nhận", "%(n)s lượt nhắc không có ai nhận", n) % {"n": n},
                url=f"{log}?{when}&trang_thai=no_recipients",
                badge=_("Chưa có cán bộ"),
                tone="warning",
                detail=_("Tạo tài khoản cán bộ phụ trách cho các đơn vị này."),
            )
        )
    if failed:
        items.append(
            home.HomeItem(
                text=ngettext("%(n)s thư gửi lỗi trong 7 ngày qua", "%(n)s thư gửi lỗi trong 7 ngày qua", failed) % {"n": failed},
                url=reverse("notifications:mail_log") + "?trang_thai=failed",
                badge=_("Lỗi gửi thư"),
                tone="danger",
            )
        )
    return home.HomeSection(
        title=_("Nhắc hạn hôm nay") if day in (None, today) else _("Nhắc hạn gần nhất (ngày %(day)s)") % {"day": short_date(day)},
        items=items,
        empty_text=_("Hôm nay chưa có nhắc hạn nào được gửi."),
        action_label=_("Nhật ký nhắc hạn"),
        action_url=log,
    )
