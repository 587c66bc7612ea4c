"""The dashboards: a unit's whole subtree for the campaign the page works in (the chosen year, else
the current one) on one page, its child units on that campaign's map in a table with traffic
lights and drill-down, SVG charts, a print view and the table as CSV.

Who: provincial staff, reviewers, officers and observers, for any committee they see (outsiders
get 404); cadres get 403 (they follow their own tasks on the registrations pages)."""

from html import escape  # the standard library's: the row loop formats plain strings

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from campaigns.selection import selected_campaign
from core.exports import csv_response
from core.templatetags.vn import number_formatter, percent
from dashboards import charts, figures
from dashboards.access import get_dashboard_unit_for
from dashboards.selectors import KIND_SHORT, LIGHT_LABELS, SENT_STATUSES, STATUS_SHORT, dashboard
from reports.models import ReportingPeriod

STATUS_CSS = {s: f"st-{s}" for s in SENT_STATUSES}


def _campaign(request):
    campaign = selected_campaign(request)
    if campaign is None:
        raise Http404(_("Chưa có phong trào thi đua nào."))
    return campaign


# A dashboard drawn for one reader is kept for the next one while the unit's revision (raised with
# every change of a figure under it, a name it shows, a field, the campaign: dashboards/figures.py)
# stays the same, for the same day, period kind and language; at most this long.
CACHE_SECONDS = 600


def _shared(request, code) -> tuple[dict, object]:
    """(the page's context that is the same for everyone who may see this unit, the unit as read
    for this request). Permission is checked first, on every request; the figures come from the
    cache when the unit's revision has not moved and no issued plan waits to be counted."""
    # The unit is the row of the selected campaign's map (its code names another row on another map).
    unit, children = get_dashboard_unit_for(request, code, campaign=selected_campaign(request))
    campaign = _campaign(request)
    today = timezone.localdate()
    kind = request.GET.get("ky") or None
    if kind not in ReportingPeriod.Kind.values:
        kind = None
    rev, pending = figures.revision(campaign.pk, unit.pk)
    key = None
    if rev is not None and not pending:
        key = f"dashboard:{campaign.pk}:{unit.pk}:{rev}:{kind or ''}:{today.isoformat()}:{translation.get_language()}"
        shared = cache.get(key)
        if shared is not None:
            return shared, unit
    data = dashboard(unit=unit, campaign=campaign, today=today, kind=kind, children=children)
    shared = _shared_context(data)
    if key is not None:
        cache.set(key, shared, CACHE_SECONDS)
    return shared, unit


def _build(request, code):
    return _shared(request, code)[0]["d"]


def _charts(data) -> dict:
    statuses = [(STATUS_SHORT[s], STATUS_CSS[s]) for s in SENT_STATUSES]
    rows = [(r.unit.short_name or r.unit.name, list(r.figures.by_status().values())) for r in data.rows]
    if data.own.sent():
        rows.insert(0, (_("Cấp %(unit)s") % {"unit": data.unit.name_in_sentence}, list(data.own.by_status().values())))
    by_unit = charts.stacked(
        _("Đăng ký theo trạng thái của từng đơn vị"),
        _("Số đăng ký đã gửi (nội dung, việc làm, mô hình) của %(unit)s chia theo đơn vị trực thuộc và trạng thái.")
        % {"unit": data.unit.name},
        rows,
        statuses,
    )
    rep = data.reports
    timeliness = charts.stacked(
        _("Tình hình gửi báo cáo"),
        _("Số đơn vị gửi báo cáo đúng hạn, muộn và chưa gửi trong kỳ báo cáo đang xem."),
        [(_("Báo cáo"), [rep.on_time, rep.late, rep.missing])],
        [(_("Đúng hạn"), "rp-on-time"), (_("Muộn"), "rp-late"), (_("Chưa gửi"), "rp-missing")],
    )
    fields = charts.stacked(
        _("Đăng ký theo lĩnh vực"),
        _("Số đăng ký đã gửi của %(unit)s theo lĩnh vực.") % {"unit": data.unit.name},
        [(name, [n]) for name, n in data.fields],
        [(_("Số đăng ký"), "fd-bar")],
    )
    return {"chart_units": by_unit, "chart_reports": timeliness, "chart_fields": fields}


def _light(light, labels: dict) -> str:
    return f'<span class="dash-light dash-light-{light.state}"><span class="dash-dot" aria-hidden="true"></span>{labels[light.state]}</span>'


def _rows_html(data) -> str:
    """The per-child rows, written here rather than in the template (707 rows at most, each with
    five lights: the template engine would take most of the page's time at national scale)."""
    out = []
    url_of = reverse("dashboards:unit", kwargs={"code": "__code__"})
    labels = {state: escape(str(label)) for state, label in LIGHT_LABELS.items()}  # translated once, not per cell
    number = number_formatter()
    for r in data.rows:
        f = r.figures
        url = url_of.replace("__code__", r.unit.code)
        cadre_pct = f" ({percent(f.cadre_pct)})" if f.cadres else ""
        out.append(
            f'<tr data-unit="{escape(r.unit.code)}">'
            f'<th scope="row"><a href="{escape(url)}">{escape(r.unit.name)}</a></th>'
            f"<td>{f.plans}/{f.committees} {_light(f.plan_light, labels)}</td>"
            f'<td class="text-end">{number(f.sent())}</td>'
            f'<td class="text-end">{number(f.sent("model"))}</td>'
            f"<td>{number(f.cadres_reg)}/{number(f.cadres)}{cadre_pct} {_light(f.cadre_light, labels)}</td>"
            f"<td>{escape(str(r.report.label))} {_light(r.report.light, labels)}</td>"
            f"<td>{number(f.overdue)} {_light(f.overdue_light, labels)}</td>"
            f"<td>{_light(r.overall, labels)}</td></tr>"
        )
    return mark_safe("\n".join(out))  # every text above is escaped or a number


def _kind_rows(data) -> list[dict]:
    rows = []
    for kind, label in KIND_SHORT.items():
        values = list(data.total.by_status(kind).values())
        rows.append({"label": label, "values": values, "total": sum(values), "drafts": data.total.get(f"reg:{kind}:draft")})
    values = list(data.total.by_status().values())
    rows.append({"label": _("Cộng"), "values": values, "total": sum(values), "drafts": data.total.drafts()})
    return rows


def _shared_context(data) -> dict:
    models = data.total.by_status("model")
    return {
        "d": data,
        "kind_rows": _kind_rows(data),
        "rows_html": _rows_html(data),
        "model_advanced": sum(models[s] for s in SENT_STATUSES if s not in ("submitted", "returned")),
        "statuses": [(s, str(STATUS_SHORT[s])) for s in SENT_STATUSES],
        **_charts(data),
    }


def _page(request, code, template: str):
    shared, unit = _shared(request, code)
    parent = unit.parent
    context = {**shared, "parent": parent if parent is not None and request.scope.sees_unit(parent) else None}
    return render(request, template, context)


@login_required
def overview(request):
    return _page(request, None, "dashboards/print.html" if request.GET.get("in") else "dashboards/dashboard.html")


@login_required
def unit(request, code: str):
    return _page(request, code, "dashboards/print.html" if request.GET.get("in") else "dashboards/dashboard.html")


@login_required
def print_view(request, code: str):
    return _page(request, code, "dashboards/print.html")


@login_required
def table_csv(request, code: str):
    # A spreadsheet exchanged between units: Vietnamese headings and labels whatever the page's language.
    with translation.override(settings.LANGUAGE_CODE):
        return _table_csv(request, code)


def _table_csv(request, code: str):
    data = _build(request, code)
    rows = [
        [
            "Mã", "Đơn vị", "Đơn vị đã ban hành kế hoạch", "Đơn vị phải có kế hoạch", "Đăng ký đã gửi", "Mô hình",  # vi-only
            "Cán bộ đã đăng ký", "Cán bộ", "Báo cáo", "Nhiệm vụ quá hạn", "Đánh giá chung",  # vi-only
        ]
    ]  # fmt: skip
    for r in data.rows:
        f = r.figures
        rows.append(
            [
                r.unit.code, r.unit.name, f.plans, f.committees, f.sent(), f.sent("model"), f.cadres_reg, f.cadres,
                r.report.label, f.overdue, r.overall.label,
            ]
        )  # fmt: skip
    t = data.total
    rows.append(
        [
            data.unit.code,
            f"Toàn {data.unit.name}",  # vi-only
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
    return csv_response(rows, filename=f"bang-dieu-khien-{data.unit.code}-{data.campaign.year}.csv")
