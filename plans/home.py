"""Home sections of the plans app: what a committee has to do next about plans and tasks, and
what the upper level should follow in its subtree."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.selection import selected_campaign
from core import home
from core.dates import short_date
from plans.models import Plan, TaskAssignment, Urging
from plans.selectors import AT_RISK_DAYS
from units.models import Unit


def _acted(scope):

    return scope.acted_committees()


@home.register(order=20)
def plan_todo(request, scope):
    """Officers: the unit's plan (to write, to issue), its late or near tasks, recent urgings."""
    units = _acted(scope)
    if not units:
        return None
    unit = units[0]
    campaign = selected_campaign(request)
    if campaign is None:
        return None
    today = timezone.localdate()
    items: list[home.HomeItem] = []
    own = list(Plan.objects.filter(campaign=campaign, unit=unit, superseded_at__isnull=True).order_by("status", "-id")[:2])
    if unit.parent_id and not own:
        parent_plan = Plan.objects.current().filter(campaign=campaign, unit_id=unit.parent_id).order_by("-issued_at").first()
        if parent_plan is not None:
            items.append(
                home.HomeItem(
                    text=_("Xây dựng kế hoạch của đơn vị căn cứ %(plan)s") % {"plan": parent_plan.display_label},
                    url=reverse("plans:plan_detail", kwargs={"pk": parent_plan.pk}),
                    badge=_("Chưa có kế hoạch"),
                    tone="warning",
                )
            )
    for plan in own:
        if plan.is_draft:
            items.append(
                home.HomeItem(
                    text=_("Dự thảo %(plan)s chưa ban hành") % {"plan": plan.display_label},
                    url=reverse("plans:plan_detail", kwargs={"pk": plan.pk}),
                    badge=_("Dự thảo"),
                    tone="secondary",
                )
            )
    soon = today + dt.timedelta(days=AT_RISK_DAYS)
    late = list(
        TaskAssignment.objects.in_force()
        .open()
        .filter(unit__in=units, due_on__lte=soon, task__plan__campaign=campaign)
        .select_related("task")
        .order_by("due_on", "id")[:5]
    )
    for a in late:
        overdue = a.due_on < today
        items.append(
            home.HomeItem(
                text=a.task.text[:110] + ("…" if len(a.task.text) > 110 else ""),
                url=reverse("plans:assignment_detail", kwargs={"pk": a.pk}),
                badge=(
                    ngettext("Quá hạn %(n)s ngày", "Quá hạn %(n)s ngày", (today - a.due_on).days) % {"n": (today - a.due_on).days}
                    if overdue
                    else _("Hạn %(date)s") % {"date": short_date(a.due_on)}
                ),
                tone="danger" if overdue else "warning",
            )
        )
    for u in (
        Urging.objects.filter(unit__in=units, created_at__gte=timezone.now() - dt.timedelta(days=30))
        .select_related("notice", "notice__unit")
        .order_by("-created_at")[:3]
    ):
        items.append(
            home.HomeItem(
                text=_("%(unit)s đôn đốc: %(subject)s") % {"unit": u.notice.unit.committee_name, "subject": u.notice.subject},
                url=reverse("plans:urging_detail", kwargs={"pk": u.notice_id}),
                badge=_("Đôn đốc"),
                tone="danger",
                detail=short_date(u.created_at),
            )
        )
    return home.HomeSection(
        title=_("Kế hoạch và việc được giao"),
        items=items,
        empty_text=_("Không có việc nào quá hạn hay sắp đến hạn."),
        action_label=_("Xem mọi việc được giao"),
        action_url=reverse("plans:my_tasks"),
    )


@home.register(order=25)
def lower_units_followup(request, scope):
    """Upper levels (and observers): lower plans issued, tasks overdue or near in the subtree."""
    if scope.is_cadre_only or not scope.visible_paths:
        return None
    campaign = selected_campaign(request)
    if campaign is None:
        return None
    roots = list(Unit.objects.filter(path__in=scope.visible_paths).order_by("depth"))
    roots = [r for r in roots if r.level != Unit.Level.COMMUNE]
    if not roots:
        return None
    today = timezone.localdate()
    items = []
    plans = list(
        Plan.objects.current()
        .filter(campaign=campaign, unit__in=roots)
        .select_related("unit")
        .order_by("unit__depth", "-issued_at")
    )
    children = campaign.units().committees().filter(parent__in=roots)
    total = children.count()
    issued = Plan.objects.current().filter(campaign=campaign, unit__in=children).values("unit_id").distinct().count()
    if plans and total:
        items.append(
            home.HomeItem(
                text=ngettext(
                    "%(issued)s/%(total)s đơn vị cấp dưới đã ban hành kế hoạch",
                    "%(issued)s/%(total)s đơn vị cấp dưới đã ban hành kế hoạch",
                    total,
                )
                % {"issued": issued, "total": total},
                url=reverse("plans:plan_cascade", kwargs={"pk": plans[0].pk}),
                badge=_("Đủ") if issued == total else _("Còn %(n)s") % {"n": total - issued},
                tone="success" if issued == total else "warning",
            )
        )
    below = Q(pk__in=[])
    for root in roots:
        below |= Q(unit__path__startswith=root.path) & ~Q(unit_id=root.pk)
    counts = (
        TaskAssignment.objects.in_force()
        .open()
        .filter(below, task__plan__campaign=campaign)
        .aggregate(
            overdue=_count(Q(due_on__lt=today)),
            at_risk=_count(Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=AT_RISK_DAYS))),
        )
    )
    url = reverse("plans:followup")
    if counts["overdue"]:
        n = counts["overdue"]
        text = ngettext("%(n)s việc của cấp dưới đã quá hạn", "%(n)s việc của cấp dưới đã quá hạn", n) % {"n": n}
        items.append(home.HomeItem(text=text, url=f"{url}?state=overdue", badge=_("Quá hạn"), tone="danger"))
    if counts["at_risk"]:
        n = counts["at_risk"]
        text = ngettext("%(n)s việc của cấp dưới sắp đến hạn (7 ngày)", "%(n)s việc của cấp dưới sắp đến hạn (7 ngày)", n) % {
            "n": n
        }
        items.append(home.HomeItem(text=text, url=f"{url}?state=at_risk", badge=_("Sắp đến hạn"), tone="warning"))
    return home.HomeSection(
        title=_("Theo dõi đơn vị cấp dưới"),
        items=items,
        empty_text=_("Chưa có việc nào của cấp dưới quá hạn hay sắp đến hạn."),
        action_label=_("Mở trang theo dõi, đôn đốc"),
        action_url=url,
    )


def _count(condition):
    from django.db.models import Count

    return Count("id", filter=condition)
