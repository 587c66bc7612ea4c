"""Reads the report pages share: who must report, who has not, the completeness table of a
period, the periods a person deals with. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_noop

from reports.models import Report, ReportingPeriod
from units.models import Unit


# --- who must report -------------------------------------------------------------------------------
def units_required(*, period: ReportingPeriod, under: Unit | None = None):
    """The units that must report in this period (committees valid on the due date), in tree order.

    `audience == children`: every committee directly under the receiving unit (the districts of
    the province in 2020; the communes of a district when the district asks; since July 2025 the
    communes of the province). `audience == selected`: the units chosen for the period.
    """
    if period.audience == ReportingPeriod.Audience.SELECTED:
        units = period.selected_units.all()
    else:
        units = Unit.objects.valid_on(period.due_on).committees().filter(parent_id=period.receiving_unit_id)
    if under is not None:
        units = units.filter(path__startswith=under.path)
    return units.order_by("position", "code")


def reports_missing(*, period: ReportingPeriod, under: Unit | None = None):
    """Units that must report and have not sent their report yet (a draft does not count)."""
    sent = Report.objects.filter(period=period, submitted_at__isnull=False).values("unit_id")
    return units_required(period=period, under=under).exclude(pk__in=sent)


def is_required(period: ReportingPeriod, unit: Unit) -> bool:
    return units_required(period=period).filter(pk=unit.pk).exists()


# --- completeness and timeliness -------------------------------------------------------------------
@dataclass
class UnitRow:
    unit: Unit
    report: Report | None
    state: str  # on_time | late | missing
    child_period: ReportingPeriod | None = None
    child_required: int = 0
    child_reported: int = 0

    @property
    def state_label(self) -> str:
        return gettext(STATE_LABELS[self.state])

    @property
    def review_label(self) -> str:
        if self.report is None:
            return gettext("Chưa có báo cáo")
        return self.report.get_status_display()


# Marked with gettext_noop: reports.tables reads them for the PDF appendix and the .xlsx, which stay
# Vietnamese; UnitRow.state_label translates them for pages.
STATE_LABELS = {"on_time": gettext_noop("Đúng hạn"), "late": gettext_noop("Muộn"), "missing": gettext_noop("Chưa gửi")}


@dataclass
class Completeness:
    period: ReportingPeriod
    rows: list[UnitRow] = field(default_factory=list)

    def _count(self, test) -> int:
        return sum(1 for r in self.rows if test(r))

    @property
    def required(self) -> int:
        return len(self.rows)

    @property
    def on_time(self) -> int:
        return self._count(lambda r: r.state == "on_time")

    @property
    def late(self) -> int:
        return self._count(lambda r: r.state == "late")

    @property
    def missing(self) -> int:
        return self._count(lambda r: r.state == "missing")

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def drafting(self) -> int:
        return self._count(lambda r: r.report is not None and r.report.status == Report.Status.DRAFT)

    @property
    def awaiting_review(self) -> int:
        return self._count(lambda r: r.report is not None and r.report.status == Report.Status.SUBMITTED)

    @property
    def returned(self) -> int:
        return self._count(lambda r: r.report is not None and r.report.status == Report.Status.RETURNED)

    @property
    def accepted(self) -> int:
        return self._count(lambda r: r.report is not None and r.report.status == Report.Status.ACCEPTED)

    @property
    def total_days_late(self) -> int:
        return sum(r.report.days_late for r in self.rows if r.state == "late")

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return None if not whole else 100.0 * part / whole

    @property
    def reporting_rate(self) -> float | None:
        """Share of the units that must report which have sent their report (on time or late)."""
        return self._rate(self.reported, self.required)

    @property
    def on_time_rate(self) -> float | None:
        """Share of the units that must report which sent it by the end of the due day."""
        return self._rate(self.on_time, self.required)


def _state(report: Report | None) -> str:
    if report is None or report.submitted_at is None:
        return "missing"
    return "on_time" if report.days_late == 0 else "late"


def completeness(*, period: ReportingPeriod, with_children: bool = True) -> Completeness:
    """Every unit that must report, with its report and state; for the drill-down, the period each
    unit may have opened for its own lower units (same campaign and kind) and how many of those have
    reported. Five queries whatever the number of units."""
    units = list(units_required(period=period))
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(period=period, unit_id__in=[u.pk for u in units]).only(
            "id", "unit_id", "status", "submitted_at", "days_late", "last_submitted_at", "accepted_at", "version", "period_id"
        )
    }
    result = Completeness(period)
    for u in units:
        report = reports.get(u.pk)
        result.rows.append(UnitRow(u, report, _state(report)))
    if with_children and units:
        _attach_child_periods(period, result.rows)
    return result


def _attach_child_periods(period: ReportingPeriod, rows: list[UnitRow]) -> None:
    by_unit = {row.unit.pk: row for row in rows}
    children = list(
        ReportingPeriod.objects.filter(campaign_id=period.campaign_id, kind=period.kind, receiving_unit_id__in=by_unit)
    )
    if not children:
        return
    for child in children:
        by_unit[child.receiving_unit_id].child_period = child
    reported = dict(
        Report.objects.filter(period__in=children, submitted_at__isnull=False)
        .order_by()
        .values("period_id")
        .annotate(n=Count("pk"))
        .values_list("period_id", "n")
    )
    # Required units of each child period: committees under the child's receiving unit valid on its
    # due date (one query for all), or the selected units (one query for all).
    lower = list(
        Unit.objects.committees()
        .filter(parent_id__in=[c.receiving_unit_id for c in children if c.audience == ReportingPeriod.Audience.CHILDREN])
        .values_list("parent_id", "valid_from", "valid_to")
    )
    selected = dict(
        ReportingPeriod.selected_units.through.objects.filter(
            reportingperiod_id__in=[c.pk for c in children if c.audience == ReportingPeriod.Audience.SELECTED]
        )
        .order_by()
        .values("reportingperiod_id")
        .annotate(n=Count("pk"))
        .values_list("reportingperiod_id", "n")
    )
    for child in children:
        row = by_unit[child.receiving_unit_id]
        if child.audience == ReportingPeriod.Audience.SELECTED:
            row.child_required = selected.get(child.pk, 0)
        else:
            day = child.due_on
            row.child_required = sum(
                1
                for parent_id, start, end in lower
                if parent_id == child.receiving_unit_id and start <= day and (end is None or end > day)
            )
        row.child_reported = reported.get(child.pk, 0)


# --- which periods a person deals with ---------------------------------------------------------------
def reporting_units_of(scope) -> list[Unit]:
    """The committees the scope writes reports for (officers and provincial staff, their own unit)."""
    from core.roles import MANAGERS

    ids = {g.committee_id for g in scope.grants if g.role in MANAGERS}
    return list(Unit.objects.filter(pk__in=ids))


def with_counts(periods):
    """Annotate periods with required / reported / on_time / late / awaiting (for lists): one query."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    children = (
        Unit.objects.committees()
        .filter(parent=OuterRef("receiving_unit"), valid_from__lte=OuterRef("due_on"))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("due_on")))
        .order_by()
        .values("parent")
        .annotate(c=Count("pk"))
        .values("c")
    )
    selected = (
        ReportingPeriod.selected_units.through.objects.filter(reportingperiod=OuterRef("pk"))
        .order_by()
        .values("reportingperiod")
        .annotate(c=Count("pk"))
        .values("c")
    )
    reports = Report.objects.filter(period=OuterRef("pk")).order_by().values("period")

    def count(qs):
        return Coalesce(Subquery(qs.annotate(c=Count("pk")).values("c"), output_field=IntegerField()), 0)

    return periods.annotate(
        n_children=Coalesce(Subquery(children, output_field=IntegerField()), 0),
        n_selected=Coalesce(Subquery(selected, output_field=IntegerField()), 0),
        n_reported=count(reports.filter(submitted_at__isnull=False)),
        n_on_time=count(reports.filter(submitted_at__isnull=False, days_late=0)),
        n_awaiting=count(reports.filter(status=Report.Status.SUBMITTED)),
    )


def required_count(period) -> int:
    """For a period annotated by with_counts."""
    if period.audience == ReportingPeriod.Audience.SELECTED:
        return period.n_selected
    return period.n_children


def periods_to_report(units, campaign=None):
    """Periods (of the campaign year, when given) in which any of these committees must report."""
    q = Q(pk__in=[])
    for u in units:
        if u.parent_id:
            q |= Q(receiving_unit_id=u.parent_id, audience=ReportingPeriod.Audience.CHILDREN)
        q |= Q(audience=ReportingPeriod.Audience.SELECTED, selected_units=u.pk)
    periods = ReportingPeriod.objects.filter(q)
    if campaign is not None:
        periods = periods.filter(campaign=campaign)
    return periods.distinct()


def reporting_duties(units, periods) -> list[tuple[ReportingPeriod, Unit]]:
    """(period, unit) for each of these committees that must report in each of these periods.
    Two queries at most (the periods' selected units, when some period names its units)."""
    selected_ids = [p.pk for p in periods if p.audience == ReportingPeriod.Audience.SELECTED]
    chosen = set()
    if selected_ids:
        chosen = set(
            ReportingPeriod.selected_units.through.objects.filter(reportingperiod_id__in=selected_ids).values_list(
                "reportingperiod_id", "unit_id"
            )
        )
    duties = []
    for period in periods:
        for unit in units:
            if period.audience == ReportingPeriod.Audience.SELECTED:
                if (period.pk, unit.pk) in chosen:
                    duties.append((period, unit))
            elif unit.parent_id == period.receiving_unit_id:
                duties.append((period, unit))
    return duties
