"""Inspection and supervision records, commemorations and their activities, the campaign page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.concurrency import StaleObjectError
from core.text import fold
from documents.models import Attachment

from .. import forms
from ..models import Campaign, Commemoration, CommemorationActivity, Inspection, Movement, Plan, Unit
from ..plan_access import (
    activity_for_edit,
    activity_visible_q,
    inspection_for_edit,
    inspection_for_follow_up,
    inspection_for_view,
    inspection_visible_q,
)
from ..services import followup as followup_services
from .common import FOLLOWERS, acted_committees, current_campaign, paginate, refresh_version, require_any, stale_errors

FILE_ERRORS = {"too_large", "bad_type", "empty", "bad_image", "too_many_files"}


def _files_of(obj) -> list:
    return list(Attachment.objects.filter(owner_type=ContentType.objects.get_for_model(type(obj)), owner_id=obj.pk).order_by("uploaded_at"))


# --- inspections ------------------------------------------------------------------------------------------
def _inspecting_unit(scope):
    units = acted_committees(scope)
    return units[0] if units else None


def _inspectable_units(unit):
    return Unit.objects.open().committees().filter(path__startswith=unit.path).exclude(pk=unit.pk).order_by("path")


def _inspection_plans(unit):
    ancestors = [a.pk for a in unit.ancestors()] + [unit.pk]
    return Plan.objects.current().filter(unit_id__in=ancestors).select_related("unit").order_by("-issued_on")


@login_required
def inspection_list(request):
    require_any(request, FOLLOWERS)
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
        "campaigns/plans/inspection_list.html",
        {"page": page, "query": query, "q": q, "follow": follow, "follow_choices": Inspection.FollowUp.choices,
         "can_create": _inspecting_unit(scope) is not None and _inspecting_unit(scope).children.exists()},
    )


@login_required
def inspection_create(request):
    scope = request.scope
    unit = _inspecting_unit(scope)
    if unit is None:
        raise PermissionDenied(gettext("Chỉ cán bộ của đơn vị cấp trên mới ghi biên bản kiểm tra, giám sát."))
    units = _inspectable_units(unit)
    if not units.exists():
        raise PermissionDenied(gettext("%(unit)s không có đơn vị cấp dưới để kiểm tra, giám sát.") % {"unit": unit.committee_name})
    kwargs = {"units": units, "plans": _inspection_plans(unit)}
    if request.method == "POST":
        form = forms.InspectionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inspection, _created = followup_services.inspection_save(
                    scope=scope, by=request.user, unit=unit, inspected_unit=data["inspected_unit"], files=data["files"],
                    token=data.get("token") or None, campaign=current_campaign(),
                    **{k: data[k] for k in followup_services.INSPECTION_FIELDS if k in data},
                )
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(request, gettext("Đã ghi biên bản; %(unit)s đã nhận thông báo.") % {"unit": inspection.inspected_unit.committee_name})
                return redirect("plans:inspection_detail", pk=inspection.pk)
    else:
        initial = {"token": forms.new_token(), "inspected_on": timezone.localdate()}
        if request.GET.get("don_vi"):
            initial["inspected_unit"] = units.filter(code=request.GET["don_vi"]).first()
        form = forms.InspectionForm(initial=initial, **kwargs)
    return render(request, "campaigns/plans/inspection_form.html", {"form": form, "unit": unit, "inspection": None})


@login_required
def inspection_edit(request, pk: int):
    inspection = inspection_for_edit(request, pk)
    scope = request.scope
    kwargs = {"units": _inspectable_units(inspection.unit), "plans": _inspection_plans(inspection.unit), "instance": inspection}
    if request.method == "POST":
        form = forms.InspectionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                followup_services.inspection_save(
                    scope=scope, by=request.user, unit=inspection.unit, inspected_unit=data["inspected_unit"], inspection=inspection,
                    expected_version=data.get("version") or 0, files=data["files"],
                    **{k: data[k] for k in followup_services.INSPECTION_FIELDS if k in data},
                )
            except StaleObjectError as exc:
                for line in stale_errors(exc):
                    form.add_error(None, line)
                refresh_version(form, exc.instance.version)
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(request, gettext("Đã lưu biên bản."))
                return redirect("plans:inspection_detail", pk=inspection.pk)
    else:
        form = forms.InspectionForm(**kwargs)
    return render(request, "campaigns/plans/inspection_form.html", {"form": form, "unit": inspection.unit, "inspection": inspection})


def _inspection_page(request, inspection, form=None):
    scope = request.scope
    can_follow_up = scope.acts_for(inspection.inspected_unit) or scope.acts_for(inspection.unit)
    if can_follow_up and form is None:
        form = forms.InspectionFollowUpForm(
            initial={"version": inspection.version, "follow_up_status": inspection.follow_up_status, "follow_up_note": inspection.follow_up_note}
        )
    return render(
        request,
        "campaigns/plans/inspection_detail.html",
        {"inspection": inspection, "files": _files_of(inspection), "form": form if can_follow_up else None,
         "can_edit": scope.acts_for(inspection.unit)},
    )


@login_required
def inspection_detail(request, pk: int):
    return _inspection_page(request, inspection_for_view(request, pk))


@login_required
def inspection_follow_up(request, pk: int):
    inspection = inspection_for_follow_up(request, pk)
    if request.method != "POST":
        return redirect("plans:inspection_detail", pk=inspection.pk)
    form = forms.InspectionFollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup_services.inspection_follow_up(
                scope=request.scope, inspection=inspection, by=request.user, status=data["follow_up_status"],
                note=data.get("follow_up_note") or "", expected_version=data["version"], files=data["files"],
            )
        except StaleObjectError as exc:
            for line in stale_errors(exc):
                form.add_error(None, line)
            refresh_version(form, exc.instance.version)
        except ValidationError as exc:
            form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
        else:
            messages.success(request, gettext("Đã ghi việc thực hiện kiến nghị."))
            return redirect("plans:inspection_detail", pk=inspection.pk)
    return _inspection_page(request, inspection, form)


# --- commemorations ----------------------------------------------------------------------------------------
@login_required
def commemoration_list(request):
    scope = request.scope
    campaign = current_campaign()
    events = (
        Commemoration.objects.filter(campaign=campaign)
        .annotate(
            activity_count=Count("activities", filter=activity_visible_q_prefixed(scope), distinct=True),
            held_count=Count("activities", filter=activity_visible_q_prefixed(scope) & Q(activities__status="held"), distinct=True),
        )
        .order_by("anniversary_on")
    )
    return render(request, "campaigns/plans/commemoration_list.html", {"events": events, "campaign": campaign})


def activity_visible_q_prefixed(scope) -> Q:
    """activity_visible_q with the relation prefix "activities__" (for annotations on events)."""
    q = scope.units_q("activities__unit")
    cadre = [g.committee_id for g in scope.grants if g.role == "cadre"]
    if cadre:
        q |= Q(activities__unit_id__in=cadre)
    return q


def _managed_committees(scope):
    return scope.managed_units().open().committees().order_by("path")


@login_required
def commemoration_detail(request, pk: int):
    scope = request.scope
    event = get_object_or_404(Commemoration.objects.select_related("campaign"), pk=pk)
    activities = (
        CommemorationActivity.objects.filter(commemoration=event)
        .filter(activity_visible_q(scope))
        .select_related("unit")
        .order_by("planned_on", "unit__path", "id")
    )
    page, query = paginate(request, activities, 50)
    can_register = bool(acted_committees(scope))
    form = None
    if can_register:
        units = _managed_committees(scope)
        if request.method == "POST":
            form = forms.ActivityForm(request.POST, request.FILES, units=units)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    activity, created = followup_services.activity_save(
                        scope=scope, by=request.user, commemoration=event, unit=data["unit"], files=data["files"],
                        token=data.get("token") or None, **{k: data[k] for k in followup_services.ACTIVITY_FIELDS if k in data},
                    )
                except ValidationError as exc:
                    form.add_error("files" if exc.code in FILE_ERRORS else "planned_on" if exc.code == "outside_campaign" else None, exc)
                else:
                    messages.success(
                        request,
                        gettext("Đã đăng ký hoạt động “%(title)s”.") % {"title": activity.title}
                        if created
                        else gettext("Hoạt động này đã được đăng ký."),
                    )
                    return redirect("plans:commemoration_detail", pk=event.pk)
        else:
            home = acted_committees(scope)[0]
            form = forms.ActivityForm(initial={"token": forms.new_token(), "unit": home, "planned_on": event.anniversary_on}, units=units)
    elif request.method == "POST":
        raise PermissionDenied(gettext("Chỉ cán bộ phụ trách đơn vị mới đăng ký hoạt động."))
    return render(
        request,
        "campaigns/plans/commemoration_detail.html",
        {"event": event, "page": page, "query": query, "form": form, "managed": {u.pk for u in _managed_committees(scope)} if can_register else set()},
    )


@login_required
def activity_edit(request, pk: int):
    activity = activity_for_edit(request, pk)
    scope = request.scope
    units = _managed_committees(scope)
    if request.method == "POST":
        form = forms.ActivityForm(request.POST, request.FILES, units=units, instance=activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                followup_services.activity_save(
                    scope=scope, by=request.user, commemoration=activity.commemoration, unit=data["unit"], activity=activity,
                    expected_version=data.get("version") or 0, files=data["files"],
                    **{k: data[k] for k in followup_services.ACTIVITY_FIELDS if k in data},
                )
            except StaleObjectError as exc:
                for line in stale_errors(exc):
                    form.add_error(None, line)
                refresh_version(form, exc.instance.version)
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(request, gettext("Đã lưu hoạt động."))
                return redirect("plans:commemoration_detail", pk=activity.commemoration_id)
    else:
        form = forms.ActivityForm(units=units, instance=activity)
    return render(request, "campaigns/plans/activity_form.html", {"form": form, "activity": activity, "files": _files_of(activity)})


# --- the campaign ------------------------------------------------------------------------------------------------
@login_required
def campaign_list(request):
    campaigns = Campaign.objects.annotate(plan_count=Count("plans", filter=Q(plans__status="issued", plans__superseded_at__isnull=True))).order_by("-year")
    return render(request, "campaigns/plans/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(
        Campaign.objects.prefetch_related(Prefetch("movements", queryset=Movement.objects.order_by("position"))), pk=pk
    )
    events = campaign.commemorations.order_by("anniversary_on")
    return render(
        request,
        "campaigns/plans/campaign_detail.html",
        {"campaign": campaign, "events": events, "can_edit": request.scope.is_province_staff},
    )


@login_required
def campaign_edit(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.scope.is_province_staff:
        raise PermissionDenied(gettext("Chỉ cán bộ Ủy ban MTTQ tỉnh sửa được thông tin phong trào."))
    form = forms.CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup_services.campaign_update(
                scope=request.scope, campaign=campaign, by=request.user, expected_version=data["version"], theme=data["theme"],
                status=data["status"], description=data["description"], movements=data["movements"],
            )
        except StaleObjectError as exc:
            for line in stale_errors(exc):
                form.add_error(None, line)
            refresh_version(form, exc.instance.version)
        else:
            messages.success(request, gettext("Đã lưu thông tin phong trào."))
            return redirect("plans:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/plans/campaign_form.html", {"form": form, "campaign": campaign})
