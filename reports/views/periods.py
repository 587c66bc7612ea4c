"""Reporting periods: the list, configuring a period, its completeness table, the .xlsx by unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import require_roles
from campaigns.selection import pin_campaign, selected_campaign
from core.concurrency import StaleObjectError
from core.exports import xlsx_response
from reports import access, exports, services
from reports.forms import PeriodForm, VersionOnlyForm
from reports.models import Report, ReportingPeriod
from reports.selectors import completeness, periods_to_report, reporting_duties, reporting_units_of, required_count, with_counts
from units.access import map_date_of
from units.models import Unit


def _receivers(scope, day):
    """Committees the user may open periods for: those they act for that have lower committees on
    the map of `day` (the campaign year's)."""
    units = reporting_units_of(scope)
    ids = [u.pk for u in units if scope.acts_for(u)]
    with_lower = Unit.objects.valid_on(day).committees().filter(parent_id__in=ids).values("parent_id")
    return Unit.objects.filter(pk__in=ids).committees().filter(pk__in=with_lower).order_by("depth", "position")


def _lower_units(receivers, day):
    """The committees directly under the receivers: those a period may single out."""
    return (
        Unit.objects.valid_on(day)
        .committees()
        .filter(parent__in=receivers)
        .select_related("parent")
        .order_by("parent__depth", "parent__position", "position")
    )


@login_required
def index(request):
    require_roles(request, *access.FOLLOWERS)
    scope = request.scope
    campaign = selected_campaign(request)  # the periods of the year the page works in
    own_units = reporting_units_of(scope)
    own_periods = list(periods_to_report(own_units, campaign).select_related("receiving_unit", "campaign").order_by("-due_on"))
    own_reports = {
        (r.period_id, r.unit_id): r
        for r in Report.objects.filter(period__in=own_periods, unit__in=own_units).only(
            "id", "period_id", "unit_id", "status", "submitted_at", "days_late"
        )
    }
    own = [{"period": p, "unit": u, "report": own_reports.get((p.pk, u.pk))} for p, u in reporting_duties(own_units, own_periods)]
    q = Q(pk__in=[])
    for path in scope.visible_paths:
        q |= Q(receiving_unit__path__startswith=path)
    received = (
        with_counts(ReportingPeriod.objects.filter(q, campaign=campaign))
        .select_related("receiving_unit", "campaign")
        .order_by("-due_on", "receiving_unit__path")
    )
    page = Paginator(received, 30).get_page(request.GET.get("trang"))
    for period in page:
        period.n_required = required_count(period)
    return render(
        request,
        "reports/index.html",
        {"own": own, "page": page, "can_create": _receivers(scope, map_date_of(request)).exists()},
    )


def _period_form(request, *, period=None):
    scope = request.scope
    receivers = _receivers(scope, map_date_of(request))
    if period is not None:
        receivers = Unit.objects.filter(Q(pk__in=receivers.values("pk")) | Q(pk=period.receiving_unit_id))
    initial = {}
    if period is not None:
        initial = {
            "campaign": period.campaign_id,
            "kind": period.kind,
            "title": period.title,
            "covers_from": period.covers_from,
            "covers_to": period.covers_to,
            "due_on": period.due_on,
            "receiving_unit": period.receiving_unit.code,
            "audience": period.audience,
            "selected_units": [u.code for u in period.selected_units.all()],
            "instructions": period.instructions,
            "version": period.version,
        }
    else:
        campaign = selected_campaign(request)
        initial = {"campaign": campaign.pk if campaign else None, "audience": ReportingPeriod.Audience.CHILDREN, "version": 0}
    return PeriodForm(
        request.POST or None, initial=initial, receivers=receivers, lower_units=_lower_units(receivers, map_date_of(request))
    )


@login_required
def period_create(request):
    require_roles(request, *access.FOLLOWERS)
    if not _receivers(request.scope, map_date_of(request)).exists():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Chỉ cán bộ của đơn vị có đơn vị trực thuộc được mở kỳ báo cáo."))
    form = _period_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.period_create(by=request.user, data=data, selected_units=data.get("selected_units") or [])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã mở kỳ báo cáo “%(title)s”.") % {"title": period.title})
            return redirect("reports:period_detail", pk=period.pk)
    return render(request, "reports/period_form.html", {"form": form, "period": None})


@login_required
def period_edit(request, pk: int):
    period = access.get_period_for(request, pk, need="manage")
    form = _period_form(request, period=period)
    changes = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.period_update(
                period=period,
                by=request.user,
                expected_version=data.get("version") or 0,
                data=data,
                selected_units=data.get("selected_units") or [],
            )
        except StaleObjectError as exc:
            changes = exc.changes
            form.add_error(
                None,
                _(
                    "Kỳ báo cáo vừa được người khác sửa. Nội dung bạn nhập vẫn còn dưới đây; xem các thay đổi rồi lưu lại nếu vẫn muốn."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = exc.instance.version
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã lưu kỳ báo cáo."))
            return redirect("reports:period_detail", pk=period.pk)
    return render(request, "reports/period_form.html", {"form": form, "period": period, "changes": changes})


@login_required
@require_POST
def period_status(request, pk: int):
    period = access.get_period_for(request, pk, need="manage")
    form = VersionOnlyForm(request.POST)
    status = request.POST.get("status")
    if not form.is_valid() or status not in ReportingPeriod.Status.values:
        messages.error(request, _("Yêu cầu không hợp lệ; hãy tải lại trang."))
        return redirect("reports:period_detail", pk=period.pk)
    try:
        services.period_set_status(period=period, by=request.user, status=status, expected_version=form.cleaned_data["version"])
    except StaleObjectError:
        messages.error(request, _("Kỳ báo cáo vừa được người khác thay đổi; hãy xem lại rồi thao tác lại."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if status == ReportingPeriod.Status.CLOSED:
            messages.success(request, _("Đã khóa sổ kỳ báo cáo: không nhận báo cáo mới (báo cáo bị trả lại vẫn được gửi lại)."))
        else:
            messages.success(request, _("Đã mở lại kỳ báo cáo."))
    return redirect("reports:period_detail", pk=period.pk)


@login_required
def period_detail(request, pk: int):
    """Completeness and timeliness: every unit that must report, on time, late, returned, missing."""
    period = access.get_period_for(request, pk, need="receive", with_parent=True)
    pin_campaign(request, period.campaign)  # the page works in the period's year
    scope = request.scope
    state = completeness(period=period)
    ancestors = _parent_periods(period, scope)
    loc = request.GET.get("loc")
    rows = state.rows
    filters = {
        "on_time": (_("Đúng hạn"), lambda r: r.state == "on_time"),
        "late": (_("Gửi muộn"), lambda r: r.state == "late"),
        "missing": (_("Chưa gửi"), lambda r: r.state == "missing"),
        "awaiting": (_("Chờ tiếp nhận"), lambda r: r.report is not None and r.report.status == Report.Status.SUBMITTED),
        "returned": (_("Bị trả lại"), lambda r: r.report is not None and r.report.status == Report.Status.RETURNED),
    }
    filter_label = ""
    if loc in filters:
        filter_label, test = filters[loc]
        rows = [r for r in rows if test(r)]
    return render(
        request,
        "reports/period_detail.html",
        {
            "period": period,
            "state": state,
            "rows": rows,
            "filter_label": filter_label,
            "ancestors": ancestors,
            "can_configure": access.can_configure_period(scope, period),
            "can_summary": access.can_write_summary(scope, period),
        },
    )


def _parent_periods(period, scope):
    """The period one level up (same campaign and kind), for the breadcrumb of a drill-down, when
    the person may see it; read with the period itself (access.get_period_for(with_parent=True))."""
    from types import SimpleNamespace

    if period.parent_period_id is None:
        return []
    parent_unit = SimpleNamespace(id=period.receiving_unit.parent_id, path=period.parent_unit_path)
    if not access.can_receive_period(scope, SimpleNamespace(receiving_unit=parent_unit)):
        return []
    return [{"pk": period.parent_period_id, "receiving_unit": {"name": period.parent_unit_name}}]


@login_required
def period_export(request, pk: int):
    period = access.get_period_for(request, pk, need="receive")
    return xlsx_response(exports.period_xlsx(period), filename=exports.period_filename(period))
