"""Inspection and supervision records, commemorations and their activities, the campaign page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from accounts.scope import require_roles
from campaigns.selection import selected_campaign
from core.concurrency import StaleObjectError, stale_form
from core.forms import new_token
from core.paging import paginate
from core.roles import FOLLOWERS
from core.text import fold
from documents.selectors import attachments_of
from plans import forms
from plans.access import (
    get_inspection_for,
    inspection_visible_q,
)
from plans.models import Inspection, Plan
from plans.services import followup as followup_services
from units.models import Unit

FILE_ERRORS = {"too_large", "bad_type", "empty", "bad_image", "too_many_files"}


# --- inspections ------------------------------------------------------------------------------------------
def _inspecting_unit(scope):
    units = scope.acted_committees()
    return units[0] if units else None


def _inspectable_units(unit, campaign):
    """The committees below the inspecting one, on the campaign year's map."""
    units = campaign.units() if campaign is not None else Unit.objects.open()
    return units.committees().filter(path__startswith=unit.path).exclude(pk=unit.pk).order_by("path")


def _inspection_plans(unit):
    ancestors = [a.pk for a in unit.ancestors()] + [unit.pk]
    return Plan.objects.current().filter(unit_id__in=ancestors).select_related("unit").order_by("-issued_on")


@login_required
def inspection_list(request):
    require_roles(request, *FOLLOWERS)
    scope = request.scope
    qs = Inspection.objects.filter(inspection_visible_q(scope)).select_related("unit", "inspected_unit")
    q = (request.GET.get("q") or "").strip()[:100]
    follow = request.GET.get("kien-nghi", "")
    if q:
        qs = qs.filter(search_key__contains=fold(q))
    if follow in Inspection.FollowUp.values:
        qs = qs.filter(follow_up_status=follow)
    page, query = paginate(request, qs.order_by("-inspected_on", "-id"), 30)
    return render(
        request,
        "plans/inspection_list.html",
        {
            "page": page,
            "query": query,
            "q": q,
            "follow": follow,
            "follow_choices": Inspection.FollowUp.choices,
            "can_create": _inspecting_unit(scope) is not None and _inspecting_unit(scope).children.exists(),
        },
    )


@login_required
def inspection_create(request):
    scope = request.scope
    unit = _inspecting_unit(scope)
    if unit is None:
        raise PermissionDenied(gettext("Chỉ cán bộ của đơn vị cấp trên mới ghi biên bản kiểm tra, giám sát."))
    units = _inspectable_units(unit, selected_campaign(request))
    if not units.exists():
        raise PermissionDenied(
            gettext("%(unit)s không có đơn vị cấp dưới để kiểm tra, giám sát.") % {"unit": unit.committee_name}
        )
    kwargs = {"units": units, "plans": _inspection_plans(unit)}
    if request.method == "POST":
        form = forms.InspectionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inspection, _created = followup_services.inspection_save(
                    by=request.user,
                    unit=unit,
                    inspected_unit=data["inspected_unit"],
                    files=data["files"],
                    token=data.get("token") or None,
                    campaign=selected_campaign(request),
                    **{k: data[k] for k in followup_services.INSPECTION_FIELDS if k in data},
                )
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(
                    request,
                    gettext("Đã ghi biên bản; %(unit)s đã nhận thông báo.") % {"unit": inspection.inspected_unit.committee_name},
                )
                return redirect("plans:inspection_detail", pk=inspection.pk)
    else:
        initial = {"token": new_token(), "inspected_on": timezone.localdate()}
        if request.GET.get("don_vi"):
            initial["inspected_unit"] = units.filter(code=request.GET["don_vi"]).first()
        form = forms.InspectionForm(initial=initial, **kwargs)
    return render(request, "plans/inspection_form.html", {"form": form, "unit": unit, "inspection": None})


@login_required
def inspection_edit(request, pk: int):
    inspection = get_inspection_for(request, pk, need="edit")
    kwargs = {
        "units": _inspectable_units(inspection.unit, inspection.campaign),
        "plans": _inspection_plans(inspection.unit),
        "instance": inspection,
    }
    if request.method == "POST":
        form = forms.InspectionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                followup_services.inspection_save(
                    by=request.user,
                    unit=inspection.unit,
                    inspected_unit=data["inspected_unit"],
                    inspection=inspection,
                    expected_version=data.get("version") or 0,
                    files=data["files"],
                    **{k: data[k] for k in followup_services.INSPECTION_FIELDS if k in data},
                )
            except StaleObjectError as exc:
                stale_form(form, exc)
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(request, gettext("Đã lưu biên bản."))
                return redirect("plans:inspection_detail", pk=inspection.pk)
    else:
        form = forms.InspectionForm(**kwargs)
    return render(request, "plans/inspection_form.html", {"form": form, "unit": inspection.unit, "inspection": inspection})


def _inspection_page(request, inspection, form=None):
    scope = request.scope
    can_follow_up = scope.acts_for(inspection.inspected_unit) or scope.acts_for(inspection.unit)
    if can_follow_up and form is None:
        form = forms.InspectionFollowUpForm(
            initial={
                "version": inspection.version,
                "follow_up_status": inspection.follow_up_status,
                "follow_up_note": inspection.follow_up_note,
            }
        )
    return render(
        request,
        "plans/inspection_detail.html",
        {
            "inspection": inspection,
            "files": list(attachments_of(inspection)),
            "form": form if can_follow_up else None,
            "can_edit": scope.acts_for(inspection.unit),
        },
    )


@login_required
def inspection_detail(request, pk: int):
    return _inspection_page(request, get_inspection_for(request, pk))


@login_required
def inspection_follow_up(request, pk: int):
    inspection = get_inspection_for(request, pk, need="follow_up")
    if request.method != "POST":
        return redirect("plans:inspection_detail", pk=inspection.pk)
    form = forms.InspectionFollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup_services.inspection_follow_up(
                inspection=inspection,
                by=request.user,
                status=data["follow_up_status"],
                note=data.get("follow_up_note") or "",
                expected_version=data["version"],
                files=data["files"],
            )
        except StaleObjectError as exc:
            stale_form(form, exc)
        except ValidationError as exc:
            form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
        else:
            messages.success(request, gettext("Đã ghi việc thực hiện kiến nghị."))
            return redirect("plans:inspection_detail", pk=inspection.pk)
    return _inspection_page(request, inspection, form)
