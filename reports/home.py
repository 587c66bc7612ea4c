"""Home sections: the reports a unit has to send, and the reports waiting for the receiving side."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from danvan import home

from .access import reviews
from .models import Report, ReportingPeriod
from .selectors import periods_to_report, reporting_duties, reporting_units_of, required_count, with_counts


@home.register(order=20)
def reports_to_send(request, scope):
    units = reporting_units_of(scope)
    if not units:
        return None
    periods = list(
        periods_to_report(units).filter(status=ReportingPeriod.Status.OPEN).select_related("receiving_unit").order_by("due_on")
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
            badge, tone = "Bị trả lại, cần gửi lại", "warning"
        elif today > period.due_on:
            badge, tone = f"Quá hạn {(today - period.due_on).days} ngày", "danger"
        elif (period.due_on - today).days <= 7:
            badge, tone = f"Còn {(period.due_on - today).days} ngày", "warning"
        else:
            badge, tone = f"Hạn {period.due_on.day}/{period.due_on.month}/{period.due_on.year}", "secondary"
        items.append(
            home.HomeItem(
                text=period.title,
                url=reverse("reports:report_detail", kwargs={"pk": period.pk, "code": unit.code}),
                badge=badge,
                tone=tone,
                detail=f"{unit.name} gửi Ban Thường trực {period.receiving_unit.committee_name}"
                + (" · đang soạn" if report is not None and report.status == Report.Status.DRAFT else ""),
            )
        )
    return home.HomeSection(
        title="Báo cáo định kỳ phải gửi",
        items=items,
        empty_text="Đơn vị đã gửi đủ báo cáo của các kỳ đang mở.",
        action_label="Tất cả báo cáo",
        action_url=reverse("reports:index"),
    )


@home.register(order=21)
def reports_received(request, scope):
    """Receivers (Ban Tuyên giáo, provincial staff, a district asking its communes): open periods
    sent to their committee, with how many have reported and how many wait for a decision."""
    committees = {g.committee_id for g in scope.grants if g.role in ("reviewer", "province_staff", "officer")}
    if not committees:
        return None
    periods = list(
        with_counts(ReportingPeriod.objects.filter(Q(receiving_unit_id__in=committees), status=ReportingPeriod.Status.OPEN))
        .select_related("receiving_unit")
        .order_by("due_on")
    )
    periods = [p for p in periods if reviews(scope, p)]
    if not periods:
        return None
    items = []
    for p in periods:
        required = required_count(p)
        items.append(
            home.HomeItem(
                text=p.title,
                url=reverse("reports:period_detail", kwargs={"pk": p.pk}),
                badge=f"{p.n_awaiting} chờ tiếp nhận" if p.n_awaiting else f"{p.n_reported}/{required} đã gửi",
                tone="primary" if p.n_awaiting else ("success" if p.n_reported == required else "secondary"),
                detail=f"{p.n_reported}/{required} đơn vị đã gửi, {p.n_on_time} đúng hạn · hạn {p.due_on.day}/{p.due_on.month}/{p.due_on.year}",
            )
        )
    return home.HomeSection(
        title="Báo cáo cấp dưới gửi lên", items=items, action_label="Xem các kỳ báo cáo", action_url=reverse("reports:index")
    )
