"""The campaign pages (the year's theme and movements) and its commemorations with the units' activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from campaigns import forms, services
from campaigns.access import (
    activity_visible_q,
    can_edit_campaign,
    can_open_campaign,
    get_activity_for,
    get_campaign_for,
    get_commemoration_for,
)
from campaigns.models import Campaign, Commemoration, CommemorationActivity, Movement
from campaigns.selection import pin_campaign, selected_campaign
from core.access import require
from core.concurrency import StaleObjectError, stale_form
from core.forms import new_token
from core.paging import paginate
from documents.selectors import attachments_of

FILE_ERRORS = {"too_large", "bad_type", "empty", "bad_image", "too_many_files"}


# --- commemorations ----------------------------------------------------------------------------------------
@login_required
def commemoration_list(request):
    scope = request.scope
    campaign = selected_campaign(request)
    events = (
        Commemoration.objects.filter(campaign=campaign)
        .annotate(
            activity_count=Count("activities", filter=activity_visible_q_prefixed(scope), distinct=True),
            held_count=Count(
                "activities", filter=activity_visible_q_prefixed(scope) & Q(activities__status="held"), distinct=True
            ),
        )
        .order_by("anniversary_on")
    )
    return render(request, "campaigns/commemoration_list.html", {"events": events, "campaign": campaign})


def activity_visible_q_prefixed(scope) -> Q:
    """activity_visible_q with the relation prefix "activities__" (for annotations on events)."""
    q = scope.units_q("activities__unit")
    cadre = [g.committee_id for g in scope.grants if g.role == "cadre"]
    if cadre:
        q |= Q(activities__unit_id__in=cadre)
    return q


def _managed_committees(scope, day):
    return scope.managed_units().valid_on(day).committees().order_by("path")


@login_required
def commemoration_detail(request, pk: int):
    scope = request.scope
    event = get_commemoration_for(request, pk)
    activities = (
        CommemorationActivity.objects.filter(commemoration=event)
        .filter(activity_visible_q(scope))
        .select_related("unit")
        .order_by("planned_on", "unit__path", "id")
    )
    page, query = paginate(request, activities, 50)
    can_register = bool(scope.acted_committees())
    form = None
    if can_register:
        units = _managed_committees(scope, event.campaign.map_date)
        if request.method == "POST":
            form = forms.ActivityForm(request.POST, request.FILES, units=units)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    activity, created = services.activity_save(
                        by=request.user,
                        commemoration=event,
                        unit=data["unit"],
                        files=data["files"],
                        token=data.get("token") or None,
                        **{k: data[k] for k in services.ACTIVITY_FIELDS if k in data},
                    )
                except ValidationError as exc:
                    form.add_error(
                        "files" if exc.code in FILE_ERRORS else "planned_on" if exc.code == "outside_campaign" else None, exc
                    )
                else:
                    messages.success(
                        request,
                        gettext("Đã đăng ký hoạt động “%(title)s”.") % {"title": activity.title}
                        if created
                        else gettext("Hoạt động này đã được đăng ký."),
                    )
                    return redirect("campaigns:commemoration_detail", pk=event.pk)
        else:
            home = scope.acted_committees()[0]
            form = forms.ActivityForm(
                initial={"token": new_token(), "unit": home, "planned_on": event.anniversary_on}, units=units
            )
    elif request.method == "POST":
        raise PermissionDenied(gettext("Chỉ cán bộ phụ trách đơn vị mới đăng ký hoạt động."))
    return render(
        request,
        "campaigns/commemoration_detail.html",
        {
            "event": event,
            "page": page,
            "query": query,
            "form": form,
            "managed": {u.pk for u in _managed_committees(scope, event.campaign.map_date)} if can_register else set(),
        },
    )


@login_required
def activity_edit(request, pk: int):
    activity = get_activity_for(request, pk, need="change")
    scope = request.scope
    units = _managed_committees(scope, activity.commemoration.campaign.map_date)
    if request.method == "POST":
        form = forms.ActivityForm(request.POST, request.FILES, units=units, instance=activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.activity_save(
                    by=request.user,
                    commemoration=activity.commemoration,
                    unit=data["unit"],
                    activity=activity,
                    expected_version=data.get("version") or 0,
                    files=data["files"],
                    **{k: data[k] for k in services.ACTIVITY_FIELDS if k in data},
                )
            except StaleObjectError as exc:
                stale_form(form, exc)
            except ValidationError as exc:
                form.add_error("files" if exc.code in FILE_ERRORS else None, exc)
            else:
                messages.success(request, gettext("Đã lưu hoạt động."))
                return redirect("campaigns:commemoration_detail", pk=activity.commemoration_id)
    else:
        form = forms.ActivityForm(units=units, instance=activity)
    return render(
        request, "campaigns/activity_form.html", {"form": form, "activity": activity, "files": list(attachments_of(activity))}
    )


# --- the campaign ------------------------------------------------------------------------------------------------
@login_required
def campaign_list(request):
    campaigns = Campaign.objects.annotate(
        plan_count=Count("plans", filter=Q(plans__status="issued", plans__superseded_at__isnull=True))
    ).order_by("-year")
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns, "can_open": can_open_campaign(request.scope)})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(
        Campaign.objects.select_related("opened_from").prefetch_related(
            Prefetch("movements", queryset=Movement.objects.order_by("position"))
        ),
        pk=pk,
    )
    pin_campaign(request, campaign)
    events = campaign.commemorations.order_by("anniversary_on")
    context = {
        "campaign": campaign,
        "events": events,
        "can_edit": can_edit_campaign(request.scope, campaign),
        "can_open_next": can_open_campaign(request.scope) and not Campaign.objects.filter(year=campaign.year + 1).exists(),
        "units_on_map": campaign.units().committees().count(),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def campaign_open(request):
    """Provincial staff open a year's campaign from the latest one (the year after it by default)."""
    require(can_open_campaign(request.scope), gettext("Chỉ cán bộ Ủy ban MTTQ tỉnh mở được phong trào năm mới."))
    source = Campaign.objects.order_by("-year").first()
    initial = {}
    if source is not None:
        initial = {"year": source.year + 1, "movements": list(source.movements.values_list("pk", flat=True))}
    form = forms.CampaignOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign, done = services.campaign_open(
                source=source, by=request.user, year=data["year"], name=data["name"], theme=data["theme"],
                description=data["description"], movements=data["movements"], map_on=data["map_on"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)  # {"year": …} lands on its field
        else:
            messages.success(
                request,
                gettext("Đã mở %(name)s. Mang sang từ năm trước: %(done)s.") % {"name": campaign.name, "done": "; ".join(done)}
                if source
                else gettext("Đã mở %(name)s.") % {"name": campaign.name},
            )
            return redirect(f"{reverse('campaigns:campaign_detail', args=[campaign.pk])}?nam={campaign.year}")
    return render(request, "campaigns/campaign_open.html", {"form": form, "source": source})


@login_required
def campaign_edit(request, pk: int):
    campaign = get_campaign_for(request, pk, need="change")
    form = forms.CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.campaign_update(
                campaign=campaign,
                by=request.user,
                expected_version=data["version"],
                theme=data["theme"],
                status=data["status"],
                description=data["description"],
                movements=data["movements"],
                name=data["name"],
                map_on=data["map_on"],
            )
        except StaleObjectError as exc:
            stale_form(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Đã lưu thông tin phong trào."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})
