"""Home sections: the reports a unit has to send, and the reports waiting for the receiving side."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.selection import selected_campaign
from core import home
from reports.access import can_review_period
from reports.models import Report, ReportingPeriod
from reports.selectors import periods_to_report, reporting_duties, reporting_units_of, required_count, with_counts


@home.register(order=20)
def reports_to_send(request, scope):
    units = reporting_units_of(scope)
    if not units:
        return None
    campaign = selected_campaign(request)
    if campaign is None or campaign.is_closed:
        return None
    periods = list(
        periods_to_report(units, campaign)
        .filter(status=ReportingPeriod.Status.OPEN)
        .select_related("receiving_unit")
        .order_by("due_on")
    )
    if not periods:
        return None
    reports = {(r.period_id, r.unit_id): r for r in Report.objects.filter(period__in=periods, unit__in=units)}
    today = timezone.localdate()
    items = []
    for period, unit in reporting_duties(units, periods):
        report = reports.get((period.pk, unit.pk))
        if report is not None and report.status in (Report.Status.SUBMITTED, Report.Status.ACCEPTED):
            continue
        if report is not None and report.status == Report.Status.RETURNED:
            badge, tone = _("Bị trả lại, cần gửi lại"), "warning"
        elif today > period.due_on:
            days = (today - period.due_on).days
            badge, tone = ngettext("Quá hạn %(n)s ngày", "Quá hạn %(n)s ngày", days) % {"n": days}, "danger"
        elif (period.due_on - today).days <= 7:
            days = (period.due_on - today).days
            badge, tone = ngettext("Còn %(n)s ngày", "Còn %(n)s ngày", days) % {"n": days}, "warning"
        else:
            badge, tone = (
                _("Hạn %(date)s") % {"date": f"{period.due_on.day}/{period.due_on.month}/{period.due_on.year}"},
                "secondary",
            )
        items.append(
            home.HomeItem(
                text=period.title,
                url=reverse("reports:report_detail", kwargs={"pk": period.pk, "code": unit.code}),
                badge=badge,
                tone=tone,
                detail=(
                    _("%(unit)s gửi Ban Thường trực %(committee)s · đang soạn")
                    if report is not None and report.status == Report.Status.DRAFT
                    else _("%(unit)s gửi Ban Thường trực %(committee)s")
                )
                % {"unit": unit.name, "committee": period.receiving_unit.committee_name},
            )
        )
    return home.HomeSection(
        title=_("Báo cáo định kỳ phải gửi"),
        items=items,
        empty_text=_("Đơn vị đã gửi đủ báo cáo của các kỳ đang mở."),
        action_label=_("Tất cả báo cáo"),
        action_url=reverse("reports:index"),
    )


@home.register(order=21)
def reports_received(request, scope):
    """Receivers (Ban Tuyên giáo, provincial staff, a district asking its communes): open periods
    sent to their committee, with how many have reported and how many wait for a decision."""
    committees = {g.committee_id for g in scope.grants if g.role in ("reviewer", "province_staff", "officer")}
    if not committees:
        return None
    campaign = selected_campaign(request)
    if campaign is None or campaign.is_closed:
        return None
    periods = list(
        with_counts(
            ReportingPeriod.objects.filter(
                Q(receiving_unit_id__in=committees), status=ReportingPeriod.Status.OPEN, campaign=campaign
            )
        )
        .select_related("receiving_unit")
        .order_by("due_on")
    )
    periods = [p for p in periods if can_review_period(scope, p)]
    if not periods:
        return None
    items = []
    for p in periods:
        required = required_count(p)
        items.append(
            home.HomeItem(
                text=p.title,
                url=reverse("reports:period_detail", kwargs={"pk": p.pk}),
                badge=_("%(n)s chờ tiếp nhận") % {"n": p.n_awaiting}
                if p.n_awaiting
                else _("%(reported)s/%(required)s đã gửi") % {"reported": p.n_reported, "required": required},
                tone="primary" if p.n_awaiting else ("success" if p.n_reported == required else "secondary"),
                detail=_("%(reported)s/%(required)s đơn vị đã gửi, %(on_time)s đúng hạn · hạn %(date)s")
                % {
                    "reported": p.n_reported,
                    "required": required,
                    "on_time": p.n_on_time,
                    "date": f"{p.due_on.day}/{p.due_on.month}/{p.due_on.year}",
                },
            )
        )
    return home.HomeSection(
        title=_("Báo cáo cấp dưới gửi lên"),
        items=items,
        action_label=_("Xem các kỳ báo cáo"),
        action_url=reverse("reports:index"),
    )
