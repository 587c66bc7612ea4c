from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone, translation

from campaigns.selection import PARAM, selected_campaign
from core.dates import short_date, short_datetime
from core.exports import csv_streaming_response, xlsx_response
from core.paging import CappedPaginator
from core.roles import Role
from registrations import exports
from registrations.filter_units import filter_options
from registrations.forms import FilterForm
from registrations.selectors import registrations_for

PAGE_SIZE = 25


def _filter_form(request):
    scope = request.scope
    campaign = selected_campaign(request)
    units = options = None
    if scope.visible_paths and campaign is not None:
        # Any visible unit may be named (validation reads one row); the <select> offers the upper
        # levels only when the scope is large, cached under the tree's version (filter_units).
        units = (scope.visible_units() & campaign.units()).select_related("parent")
        options = filter_options(scope, campaign.map_date)
    form = FilterForm(_filters(request) or None, units=units, campaign=campaign, unit_options=options)
    data = {}
    if form.is_bound:
        form.is_valid()  # a wrong value in one filter leaves the others working
        data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
        form.show_unit(data.get("unit"))
    return form, data


def _filters(request):
    """The list's own parameters (the year comes from the year switcher, `nam`)."""
    data = request.GET.copy()
    data.pop(PARAM, None)
    return data


def _query_string(request, drop=("trang",)) -> str:
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


@login_required
def registration_list(request):
    scope = request.scope
    form, data = _filter_form(request)
    registrations = registrations_for(scope, data, selected_campaign(request)).select_related(
        "unit", "unit__parent", "person", "field", "campaign"
    )
    # The count stops a few pages past the one asked for (paging.py): no full count of a national list.
    page = CappedPaginator(registrations, PAGE_SIZE, requested_page=request.GET.get("trang")).get_page(request.GET.get("trang"))
    context = {
        "form": form,
        "page": page,
        "query": _query_string(request),
        "export_query": _query_string(request),
        "filtered": any(v for k, v in data.items() if k != "sort"),
        "more_filters": any(v for k, v in data.items() if k != "q"),
        "can_register_task": scope.has_role(Role.CADRE),
        "can_register_unit": scope.has_role(Role.OFFICER, Role.PROVINCE_STAFF),
        "can_manage_fields": scope.is_province_staff,
        "is_cadre_only": scope.is_cadre_only,
    }
    return render(request, "registrations/list.html", context)


def _filename(ext: str) -> str:
    return f"dang-ky-dan-van-kheo-{timezone.localdate():%Y-%m-%d}.{ext}"


def _subtitle(request, form, data) -> str:
    shown = []
    for name, value in data.items():
        if not value or name == "sort":
            continue
        field = form.fields[name]
        label = value if hasattr(value, "pk") or not hasattr(field, "choices") else dict(field.choices).get(value, value)
        shown.append(f"{field.label}: {label}")
    when = short_datetime(timezone.now())
    person = request.user.full_name or request.user.username
    return f"Xuất lúc {when} bởi {person}. " + ("Lọc theo " + "; ".join(shown) + "." if shown else "Không lọc.")  # vi-only


@login_required
def export_xlsx(request):
    form, data = _filter_form(request)
    registrations = registrations_for(request.scope, data, selected_campaign(request))
    # Spreadsheets are exchanged between units: Vietnamese labels whatever the page's language.
    with translation.override(settings.LANGUAGE_CODE):
        handle = exports.write_xlsx(
            registrations,
            title=f"DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO” (ngày {short_date(timezone.localdate())})",  # vi-only
            subtitle=_subtitle(request, form, data),
            creator=request.user.full_name or request.user.username,
        )
    return xlsx_response(handle, filename=_filename("xlsx"))


@login_required
def export_csv(request):
    _, data = _filter_form(request)
    registrations = registrations_for(request.scope, data, selected_campaign(request))
    # Written while the response streams: its labels in Vietnamese, like the .xlsx.
    return csv_streaming_response(exports.csv_rows(registrations), filename=_filename("csv"), language=settings.LANGUAGE_CODE)
