"""The dashboards: a unit's whole subtree for the current campaign on one page, its child units
in a table with traffic lights and drill-down, SVG charts, a print view and the table as CSV.

Who: provincial staff, reviewers, officers and observers, for any committee they see (outsiders
get 404); cadres get 403 (they follow their own tasks on the registrations pages)."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.scope import SUBTREE_ROLES
from campaigns.models import Campaign
from danvan.templatetags.vn import percent, vn_number

from . import charts
from .selectors import KIND_SHORT, SENT_STATUSES, STATUS_SHORT, dashboard, unit_with_children

STATUS_CSS = {s: f"st-{s}" for s in SENT_STATUSES}


def _require_reader(request) -> None:
    if not request.scope.has_role(*SUBTREE_ROLES):
        raise PermissionDenied("Bảng điều khiển dành cho cán bộ Mặt trận phụ trách, theo dõi đơn vị.")


def _unit(request, code):
    """The unit and its child committees: the user's own committee, or the one with this code if
    the user sees it (404 otherwise); readers only (403)."""
    if code is None:
        _require_reader(request)
        unit = request.scope.home_unit
        if unit is None:
            raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
        return unit, None
    unit, children = unit_with_children(code)
    if unit is None or not request.scope.sees_unit(unit):
        raise Http404("Không tìm thấy đơn vị.")
    _require_reader(request)
    return unit, children


def _campaign(request):
    year = request.GET.get("nam", "")
    if year.isdigit():
        campaign = Campaign.objects.filter(year=int(year)).first()
    else:
        campaign = Campaign.current()
    if campaign is None:
        raise Http404("Chưa có phong trào thi đua nào.")
    return campaign


def _build(request, code):
    unit, children = _unit(request, code)
    campaign = _campaign(request)
    return dashboard(
        unit=unit, campaign=campaign, today=timezone.localdate(), kind=request.GET.get("ky") or None, children=children
    )


def _charts(data) -> dict:
    statuses = [(STATUS_SHORT[s], STATUS_CSS[s]) for s in SENT_STATUSES]
    rows = [(r.unit.short_name or r.unit.name, list(r.figures.by_status().values())) for r in data.rows]
    if data.own.sent():
        rows.insert(0, (f"Cấp {data.unit.name_in_sentence}", list(data.own.by_status().values())))
    by_unit = charts.stacked(
        "Đăng ký theo trạng thái của từng đơn vị",
        f"Số đăng ký đã gửi (nội dung, việc làm, mô hình) của {data.unit.name} chia theo đơn vị trực thuộc và trạng thái.",
        rows,
        statuses,
    )
    rep = data.reports
    timeliness = charts.stacked(
        "Tình hình gửi báo cáo",
        "Số đơn vị gửi báo cáo đúng hạn, muộn và chưa gửi trong kỳ báo cáo đang xem.",
        [("Báo cáo", [rep.on_time, rep.late, rep.missing])],
        [("Đúng hạn", "rp-on-time"), ("Muộn", "rp-late"), ("Chưa gửi", "rp-missing")],
    )
    fields = charts.stacked(
        "Đăng ký theo lĩnh vực",
        f"Số đăng ký đã gửi của {data.unit.name} theo lĩnh vực.",
        [(name, [n]) for name, n in data.fields],
        [("Số đăng ký", "fd-bar")],
    )
    return {"chart_units": by_unit, "chart_reports": timeliness, "chart_fields": fields}


def _light(light) -> str:
    return (
        f'<span class="dash-light dash-light-{light.state}"><span class="dash-dot" aria-hidden="true"></span>{light.label}</span>'
    )


def _rows_html(data) -> str:
    """The per-child rows, written here rather than in the template (707 rows at most, each with
    five lights: the template engine would take most of the page's time at national scale)."""
    out = []
    url_of = reverse("dashboards:unit", kwargs={"code": "__code__"})
    for r in data.rows:
        f = r.figures
        url = url_of.replace("__code__", r.unit.code)
        cadre_pct = f" ({percent(f.cadre_pct)})" if f.cadres else ""
        out.append(
            f'<tr data-unit="{escape(r.unit.code)}">'
            f'<th scope="row"><a href="{escape(url)}">{escape(r.unit.name)}</a></th>'
            f"<td>{f.plans}/{f.committees} {_light(f.plan_light)}</td>"
            f'<td class="text-end">{vn_number(f.sent())}</td>'
            f'<td class="text-end">{vn_number(f.sent("model"))}</td>'
            f"<td>{vn_number(f.cadres_reg)}/{vn_number(f.cadres)}{cadre_pct} {_light(f.cadre_light)}</td>"
            f"<td>{escape(r.report.label)} {_light(r.report.light)}</td>"
            f"<td>{vn_number(f.overdue)} {_light(f.overdue_light)}</td>"
            f"<td>{_light(r.overall)}</td></tr>"
        )
    return mark_safe("\n".join(out))  # every text above is escaped or a number


def _kind_rows(data) -> list[dict]:
    rows = []
    for kind, label in KIND_SHORT.items():
        values = list(data.total.by_status(kind).values())
        rows.append({"label": label, "values": values, "total": sum(values), "drafts": data.total.get(f"reg:{kind}:draft")})
    values = list(data.total.by_status().values())
    rows.append({"label": "Cộng", "values": values, "total": sum(values), "drafts": data.total.drafts()})
    return rows


def _context(request, data) -> dict:
    parent = data.unit.parent
    models = data.total.by_status("model")
    return {
        "d": data,
        "kind_rows": _kind_rows(data),
        "rows_html": _rows_html(data),
        "model_advanced": sum(models[s] for s in SENT_STATUSES if s not in ("submitted", "returned")),
        "statuses": [(s, STATUS_SHORT[s]) for s in SENT_STATUSES],
        "kind_labels": KIND_SHORT,
        "parent": parent if parent is not None and request.scope.sees_unit(parent) else None,
        **_charts(data),
    }


@login_required
def overview(request):
    data = _build(request, None)
    template = "dashboards/print.html" if request.GET.get("in") else "dashboards/dashboard.html"
    return render(request, template, _context(request, data))


@login_required
def unit(request, code: str):
    data = _build(request, code)
    template = "dashboards/print.html" if request.GET.get("in") else "dashboards/dashboard.html"
    return render(request, template, _context(request, data))


@login_required
def print_view(request, code: str):
    data = _build(request, code)
    return render(request, "dashboards/print.html", _context(request, data))


@login_required
def table_csv(request, code: str):
    data = _build(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bang-dieu-khien-{data.unit.code}-{data.campaign.year}.csv"'
    response.write("\ufeff")
    out = csv.writer(response)
    out.writerow(
        [
            "Mã", "Đơn vị", "Đơn vị đã ban hành kế hoạch", "Đơn vị phải có kế hoạch", "Đăng ký đã gửi", "Mô hình",
            "Cán bộ đã đăng ký", "Cán bộ", "Báo cáo", "Nhiệm vụ quá hạn", "Đánh giá chung",
        ]
    )  # fmt: skip
    for r in data.rows:
        f = r.figures
        out.writerow(
            [
                r.unit.code, r.unit.name, f.plans, f.committees, f.sent(), f.sent("model"), f.cadres_reg, f.cadres,
                r.report.label, f.overdue, r.overall.label,
            ]
        )  # fmt: skip
    t = data.total
    out.writerow(
        [
            data.unit.code,
            f"Toàn {data.unit.name}",
            t.plans,
            t.committees,
            t.sent(),
            t.sent("model"),
            t.cadres_reg,
            t.cadres,
            "",
            t.overdue,
            "",
        ]
    )
    return response
