from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Membership
from accounts.scope import require_roles
from core.roles import Role
from notifications import kinds, services
from notifications.access import get_notification_for
from notifications.models import EmailDelivery, Notification


@login_required
def inbox(request):
    only_unread = request.GET.get("chua_doc") == "1"
    qs = Notification.objects.filter(recipient=request.user).select_related("unit", "actor")
    if only_unread:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 30).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "only_unread": only_unread, "query": "chua_doc=1" if only_unread else ""},
    )


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark one notification read and go to what it is about."""
    notification = get_notification_for(request, pk)
    services.mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(user=request.user)
    messages.success(
        request,
        ngettext("Đã đánh dấu %(n)s thông báo là đã đọc.", "Đã đánh dấu %(n)s thông báo là đã đọc.", count) % {"n": count},
    )
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    if request.method == "POST":
        chosen = {code for code in request.POST.getlist("email") if code in kinds.all_kinds()}
        services.preferences_save(user=request.user, email_kinds=chosen)
        messages.success(request, _("Đã lưu tùy chọn nhận e-mail."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"rows": services.preferences_for(request.user)})


@login_required
def mail_log(request):
    """Provincial staff: every e-mail sent to people of their subtree, with errors."""
    require_roles(request, Role.PROVINCE_STAFF)
    scope = request.scope
    people = Membership.objects.filter(scope.units_q("unit")).values("user_id")
    qs = EmailDelivery.objects.filter(recipient__in=people).select_related("recipient")
    status = request.GET.get("trang_thai", "")
    if status in EmailDelivery.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/mail_log.html",
        {
            "page": page,
            "status": status,
            "statuses": EmailDelivery.Status.choices,
            "query": f"trang_thai={status}" if status else "",
        },
    )
