"""The record of urging (who was reminded, when, of what, and whether it reached them) and the
reminder schedule page."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.scope import require_roles
from core.concurrency import StaleObjectError, stale_form
from core.dates import short_date
from core.roles import FOLLOWERS, Role
from core.text import fold
from notifications.models import Notification
from reminders import services
from reminders.forms import ReminderFilterForm, ReminderPolicyForm
from reminders.models import Reminder, ReminderPolicy
from reminders.steps import step_label
from reminders.texts import KIND_OVERDUE_BELOW


def _filtered(request, form):
    qs = Reminder.objects.filter(request.scope.units_q("unit"))
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["q"]:
        qs = qs.filter(unit__search_key__contains=fold(data["q"]))
    if data["loai"]:
        qs = qs.filter(subject_kind=data["loai"])
        if data["ma"]:
            qs = qs.filter(subject_id=data["ma"])
    if data["buoc"] == "truoc":
        qs = qs.filter(step__lte=0)
    elif data["buoc"] == "qua":
        qs = qs.filter(step__gt=0)
    if data["trang_thai"]:
        qs = qs.filter(status=data["trang_thai"])
    if data["tu"]:
        qs = qs.filter(swept_on__gte=data["tu"])
    if data["den"]:
        qs = qs.filter(swept_on__lte=data["den"])
    return qs


@login_required
def reminders(request):
    """Provincial staff (and any officer, reviewer or observer, for their own subtree): every
    reminder and overdue notice, with each recipient and whether the notice was read and mailed."""
    require_roles(request, *FOLLOWERS)
    form = ReminderFilterForm(request.GET or None)
    qs = _filtered(request, form)
    totals = qs.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=Reminder.Status.SENT)),
        nobody=Count("pk", filter=Q(status=Reminder.Status.NO_RECIPIENTS)),
        overdue=Count("pk", filter=Q(step__gt=0)),
    )
    notifications = (
        Notification.objects.select_related("recipient")
        .prefetch_related("deliveries")
        .order_by("kind", "recipient__full_name", "id")
    )
    page = Paginator(
        qs.select_related("unit", "upper_unit")
        .prefetch_related(Prefetch("notifications", queryset=notifications))
        .order_by("-swept_on", "-id"),
        50,
        allow_empty_first_page=True,
    ).get_page(request.GET.get("trang"))
    rows = []
    for reminder in page:
        own, upper = [], []
        for n in reminder.notifications.all():
            (upper if n.kind == KIND_OVERDUE_BELOW else own).append(_recipient_row(n))
        rows.append({"reminder": reminder, "own": own, "upper": upper})
    query = {k: v for k, v in request.GET.items() if k != "trang" and v}
    return render(
        request,
        "reminders/reminders.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "totals": totals,
            "query": urlencode(query),
            "can_configure": request.scope.has_role(Role.PROVINCE_STAFF),
        },
    )


def _recipient_row(notification) -> dict:
    deliveries = list(notification.deliveries.all())
    delivery = deliveries[-1] if deliveries else None
    if delivery is None:
        mail, tone = _("không gửi e-mail"), "secondary"
    elif delivery.status == delivery.Status.SENT:
        mail, tone = _("e-mail đã gửi"), "success"
    elif delivery.status == delivery.Status.FAILED:
        mail, tone = _("e-mail lỗi"), "danger"
    else:
        mail, tone = _("e-mail đang chờ gửi"), "warning"
    return {
        "person": notification.recipient,
        "read_at": notification.read_at,
        "mail": mail,
        "tone": tone,
        "error": delivery.error if delivery is not None and delivery.status == delivery.Status.FAILED else "",
    }


EXAMPLE_DUE = dt.date(2020, 6, 10)


def _example(policy) -> list[tuple[str, str]]:
    """(date, step) of each step for a deadline on 10/6/2020, to check a schedule at a glance."""
    try:
        offsets = policy.offsets()
    except ValidationError:
        return []
    return [(short_date(EXAMPLE_DUE + dt.timedelta(days=step)), step_label(step)) for step in offsets]


@login_required
def reminder_policy(request):
    """Provincial staff: when reminders go out (days before, the due day, days after)."""
    require_roles(request, Role.PROVINCE_STAFF)
    policies = services.reminder_policies()
    forms = {
        p.subject_kind: ReminderPolicyForm(instance=p, prefix=p.subject_kind, initial={"version": p.version}) for p in policies
    }
    if request.method == "POST":
        kind = request.POST.get("loai", "")
        policy = next((p for p in policies if p.subject_kind == kind), None)
        if policy is None:
            messages.error(request, _("Không rõ lịch nhắc hạn cần lưu; hãy thử lại."))
            return redirect("reminders:reminder_policy")
        form = ReminderPolicyForm(request.POST, instance=policy, prefix=kind)
        forms[kind] = form
        if form.is_valid():
            try:
                services.reminder_policy_save(
                    policy=policy, data=form.cleaned_data, by=request.user, expected_version=form.cleaned_data["version"]
                )
            except StaleObjectError as exc:
                changed = "; ".join(f"{label}: {then} → {now}" for label, then, now in exc.changes) or _("một số ô")
                lead = _("Người khác vừa lưu lịch này (%(changed)s). Nội dung bạn nhập vẫn còn dưới đây; kiểm tra rồi lưu lại.")
                stale_form(form, exc, lead=lead % {"changed": changed}, changes=False)
            else:
                kind = policy.get_subject_kind_display().lower()
                messages.success(request, _("Đã lưu lịch nhắc hạn: %(kind)s.") % {"kind": kind})
                return redirect("reminders:reminder_policy")
    cards = [{"policy": p, "form": forms[p.subject_kind], "example": _example(p)} for p in policies]
    return render(request, "reminders/reminder_policy.html", {"cards": cards, "kinds": ReminderPolicy.SubjectKind})
