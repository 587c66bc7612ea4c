"""Who may see and do what with reporting periods, reports and summaries (one helper per object
type; the rules themselves are the Scope's, accounts/scope.py).

- A period is seen by whoever sees its receiving unit, and by the officers of the units that must
  report in it (a district officer sees the province's periods, not the other districts' reports).
- A unit's report is seen by whoever sees the unit (its own officers, the levels above, reviewers,
  observers); it is written and sent by the officers of exactly that committee.
- The receiving side accepts or returns: reviewers (Ban Tuyên giáo) and provincial staff at or above
  the receiving unit, and the officers of the receiving committee (a district receiving its
  communes' reports). Reopening an accepted report is for managers at or above the receiving unit
  (provincial staff for the province's periods), and is recorded.
- The receiving committee's own officers or staff write and issue the consolidated report.
Outsiders get 404; insiders without the right get 403.
"""

from typing import NamedTuple

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.scope import require_roles
from core.access import checked
from core.roles import FOLLOWERS, RECEIVERS, Role
from documents import access as documents_access
from reports.models import ConsolidatedReport, Report, ReportingPeriod, ReportVersion
from reports.selectors import is_required
from units.models import Unit


# --- rules (scope, object) → bool ---------------------------------------------------------------
def can_view_period(scope, period: ReportingPeriod) -> bool:
    if scope.sees_unit(period.receiving_unit):
        return True
    committees = {m.unit.committee for m in scope.memberships if m.role in FOLLOWERS and m.is_active}
    if period.audience == ReportingPeriod.Audience.CHILDREN:
        return any(c.parent_id == period.receiving_unit_id for c in committees)
    return period.selected_units.filter(pk__in=[c.pk for c in committees]).exists()


def can_receive_period(scope, period: ReportingPeriod) -> bool:
    """Sees the whole period: the completeness table, every unit's report, the export, the summary."""
    return scope.sees_unit(period.receiving_unit)


def can_configure_period(scope, period_or_unit) -> bool:
    unit = period_or_unit.receiving_unit if isinstance(period_or_unit, ReportingPeriod) else period_or_unit
    return scope.acts_for(unit)


def can_write_report(scope, unit: Unit) -> bool:
    return scope.acts_for(unit)


def can_review_period(scope, period: ReportingPeriod) -> bool:
    receiver = period.receiving_unit
    return any(
        (g.role in RECEIVERS and receiver.path.startswith(g.committee_path))
        or (g.role == Role.OFFICER and g.committee_id == receiver.id)
        for g in scope.grants
    )


def can_reopen_period(scope, period: ReportingPeriod) -> bool:
    return scope.manages(period.receiving_unit)


def can_write_summary(scope, period: ReportingPeriod) -> bool:
    return scope.acts_for(period.receiving_unit)


# --- helpers for views: load or refuse ----------------------------------------------------------
def get_period_for(request, pk: int, need: str = "view", *, with_parent: bool = False) -> ReportingPeriod:
    """need: "view" (the receiver and the units that report in it), "receive" (the whole period:
    completeness, every report, the export, the summary), "manage" (the receiving committee edits it).
    `with_parent`: the same query also reads the period one level up (same campaign and kind:
    `parent_period_id`, `parent_unit_name`, `parent_unit_path`), for the drill-down breadcrumb,
    so a page has as many queries under a province as under the central level."""
    require_roles(request, *FOLLOWERS)
    periods = ReportingPeriod.objects.select_related("campaign", "receiving_unit").filter(pk=pk)
    if with_parent:
        from django.db.models import OuterRef, Subquery

        up = ReportingPeriod.objects.filter(
            campaign_id=OuterRef("campaign_id"), kind=OuterRef("kind"), receiving_unit_id=OuterRef("receiving_unit__parent_id")
        ).order_by("pk")[:1]
        periods = periods.annotate(
            parent_period_id=Subquery(up.values("pk")),
            parent_unit_name=Subquery(up.values("receiving_unit__name")),
            parent_unit_path=Subquery(up.values("receiving_unit__path")),
        )
    return checked(
        periods.first(),
        request.scope,
        need,
        view=can_view_period,
        not_found=_("Không tìm thấy kỳ báo cáo."),
        needs={
            "receive": (can_receive_period, _("Chỉ đơn vị nhận báo cáo và cấp trên xem được tình hình của cả kỳ.")),
            "manage": (can_configure_period, _("Chỉ cán bộ của đơn vị nhận báo cáo được sửa kỳ báo cáo.")),
        },
    )


class ReportTarget(NamedTuple):
    """A unit's report in a period, or the place it will be written (report None before the first save)."""

    period: ReportingPeriod
    unit: Unit
    report: Report | None


_WRITE_REFUSALS = {
    "write": _lazy("Chỉ cán bộ phụ trách của đơn vị được viết báo cáo."),
    "send": _lazy("Chỉ cán bộ phụ trách của đơn vị được gửi báo cáo."),
    "draft": _lazy("Chỉ đơn vị viết báo cáo xem được bản dự thảo."),
    "attach": _lazy("Chỉ cán bộ phụ trách của đơn vị được đính kèm tệp."),
    "detach": _lazy("Chỉ cán bộ phụ trách của đơn vị được gỡ tệp."),
}


def get_report_for(request, pk: int, code: str, need: str = "view") -> ReportTarget:
    """The period, the reporting unit and its report: 404 when the period or the unit is not the
    user's to see, or the unit does not report in this period; need "write", "send", "draft",
    "attach", "detach": 403 unless the user acts for the unit."""
    period = get_period_for(request, pk)
    units = Unit.objects.select_related("parent").filter(code=code)
    unit = units.valid_on(period.due_on).first() or units.open().first()
    checked(
        unit,
        request.scope,
        need,
        view=lambda scope, u: scope.sees_unit(u),
        not_found=_("Không tìm thấy đơn vị."),
        needs={n: (can_write_report, refusal) for n, refusal in _WRITE_REFUSALS.items()},
    )
    report = (
        Report.objects.select_related("period", "unit", "period__receiving_unit", "period__campaign")
        .filter(period=period, unit=unit)
        .first()
    )
    if report is None and not is_required(period, unit):
        raise Http404(_("Đơn vị này không phải báo cáo trong kỳ."))
    return ReportTarget(period, unit, report)


class SummaryTarget(NamedTuple):
    """A period's consolidated report, or the place it will be written (summary None before)."""

    period: ReportingPeriod
    summary: ConsolidatedReport | None


def get_summary_for(request, pk: int, need: str = "view") -> SummaryTarget:
    """need: "view" (whoever receives the period), "write", "issue", "reopen" (the receiving committee)."""
    period = get_period_for(request, pk, need="receive")
    checked(
        period,
        request.scope,
        need,
        view=lambda scope, p: True,
        not_found="",
        needs={
            "write": (can_write_summary, _("Chỉ cán bộ của đơn vị nhận báo cáo được viết báo cáo tổng hợp.")),
            "issue": (can_write_summary, _("Chỉ cán bộ của đơn vị nhận báo cáo được ban hành báo cáo tổng hợp.")),
            "reopen": (can_write_summary, _("Chỉ cán bộ của đơn vị nhận báo cáo được mở lại báo cáo tổng hợp.")),
        },
    )
    return SummaryTarget(period, ConsolidatedReport.objects.filter(period=period).first())


# --- documents.access: who may see a report's files and PDFs -------------------------------------
def _report_can_view(scope, report: Report) -> bool:
    return scope.has_role(*FOLLOWERS) and scope.sees_unit(report.unit)


documents_access.register(
    Report,
    can_view=_report_can_view,
    can_change=lambda scope, report: report.is_editable and can_write_report(scope, report.unit),
)
documents_access.register(ReportVersion, can_view=lambda scope, version: _report_can_view(scope, version.report))
documents_access.register(
    ConsolidatedReport, can_view=lambda scope, summary: scope.has_role(*FOLLOWERS) and can_receive_period(scope, summary.period)
)
