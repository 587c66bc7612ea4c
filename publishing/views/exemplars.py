"""Exemplars: the list of the user's subtree, nominating (directly or from a registration), the
exemplar's page, the province's decision."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selection import pin_campaign, selected_campaign
from core.concurrency import StaleObjectError, stale_form
from core.text import fold
from publishing import access
from publishing.forms import DecideForm, ExemplarForm
from publishing.models import Exemplar
from publishing.services.exemplars import ExemplarInput, exemplar_decide, exemplar_nominate, exemplar_update
from units.access import map_date_of

PAGE_SIZE = 25


def _units(scope, day):
    return scope.managed_units().valid_on(day).committees().select_related("parent").order_by("depth", "position", "code")


def _attach_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def status_search_page(request, queryset, statuses) -> dict:
    """A list page filtered by status (`trang-thai`) and by words without diacritics (`q`): the
    page and what the template needs to keep the filters in its links."""
    status = request.GET.get("trang-thai", "")
    if status in statuses.values:
        queryset = queryset.filter(status=status)
    q = (request.GET.get("q") or "").strip()
    if q:
        queryset = queryset.filter(search_key__contains=fold(q))
    query = request.GET.copy()
    query.pop("trang", None)
    return {
        "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("trang")),
        "q": q,
        "status": status,
        "statuses": statuses.choices,
        "query": query.urlencode(),
    }


@login_required
def exemplar_list(request):
    scope = request.scope
    exemplars = (
        access.visible_exemplars(scope).filter(campaign=selected_campaign(request)).for_list().order_by("-nominated_at", "-id")
    )
    context = {
        **status_search_page(request, exemplars, Exemplar.Status),
        "can_nominate": access.may_write(scope),
    }
    return render(request, "publishing/exemplars/list.html", context)


@login_required
def exemplar_create(request):
    scope = request.scope
    if not access.may_write(scope):
        raise PermissionDenied(_("Vai trò của bạn không đề nghị gương điển hình."))
    registration = access.registration_for_nomination(request, request.POST.get("registration") or request.GET.get("dang-ky"))
    units = _units(scope, map_date_of(request))
    if request.method == "POST":
        form = ExemplarForm(request.POST, units=units)
        if form.is_valid():
            d = form.cleaned_data
            data = ExemplarInput(
                kind=d["kind"], unit=d["unit"], name=d["name"], position=d["position"], achievements=d["achievements"],
                period=d["period"], registration=registration, campaign=selected_campaign(request),
                person=registration.person if registration is not None and registration.is_task else None,
            )  # fmt: skip
            try:
                exemplar = exemplar_nominate(data=data, by=request.user, client_token=d.get("client_token"))
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Đã gửi đề nghị công nhận gương điển hình lên tỉnh."))
                return redirect("exemplars:detail", exemplar.pk)
    else:
        initial = {"client_token": uuid.uuid4(), "kind": Exemplar.Kind.COLLECTIVE, "unit": scope.home_unit}
        if registration is not None:
            initial.update(
                kind=Exemplar.Kind.INDIVIDUAL if registration.is_task else Exemplar.Kind.COLLECTIVE,
                unit=registration.unit,
                name=str(registration.person) if registration.is_task else registration.unit.name,
                achievements=f"{registration.title}.\n{registration.expected_result}".strip(),
                period=str(registration.campaign.year) if registration.campaign_id else "",
                registration=registration.pk,
            )
        form = ExemplarForm(initial=initial, units=units)
    return render(request, "publishing/exemplars/form.html", {"form": form, "registration": registration, "exemplar": None})


@login_required
def exemplar_detail(request, pk: int):
    exemplar = access.get_exemplar_for(request, pk)
    pin_campaign(request, exemplar.campaign)  # the page works in the exemplar's year
    scope = request.scope
    context = {
        "exemplar": exemplar,
        "can_edit": access.can_edit_exemplar(scope, exemplar),
        "can_decide": access.can_decide_exemplar(scope, exemplar),
        "decide_form": DecideForm(),
        "can_write": access.may_write(scope),
        "articles": list(access.visible_articles(scope).filter(exemplars=exemplar).order_by("-updated_at")[:20]),
    }
    return render(request, "publishing/exemplars/detail.html", context)


@login_required
def exemplar_edit(request, pk: int):
    exemplar = access.get_exemplar_for(request, pk, need="edit")
    units = _units(request.scope, exemplar.campaign.map_date)
    if request.method == "POST":
        form = ExemplarForm(request.POST, units=units)
        if form.is_valid():
            d = form.cleaned_data
            data = ExemplarInput(
                kind=d["kind"], unit=d["unit"], name=d["name"], position=d["position"], achievements=d["achievements"],
                period=d["period"], person=exemplar.person,
            )  # fmt: skip
            try:
                exemplar_update(exemplar=exemplar, data=data, by=request.user, expected_version=d.get("version") or 0)
            except StaleObjectError as exc:
                lead = _("Đề nghị đã được người khác sửa sau khi bạn mở trang. Hãy tải lại trang để xem bản mới.")
                stale_form(form, exc, lead=lead, changes=False, refresh=False)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu đề nghị."))
                return redirect("exemplars:detail", exemplar.pk)
    else:
        form = ExemplarForm(
            initial={
                "kind": exemplar.kind, "unit": exemplar.unit, "name": exemplar.name, "position": exemplar.position,
                "achievements": exemplar.achievements, "period": exemplar.period, "version": exemplar.version,
            },
            units=units,
        )  # fmt: skip
    return render(
        request, "publishing/exemplars/form.html", {"form": form, "exemplar": exemplar, "registration": exemplar.registration}
    )


@login_required
@require_POST
def exemplar_decide_view(request, pk: int):
    exemplar = access.get_exemplar_for(request, pk, need="decide")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            done = exemplar_decide(
                exemplar=exemplar,
                by=request.user,
                recognise=form.cleaned_data["decision"] == "recognise",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if done is None:
                messages.info(request, _("Gương điển hình đã ở trạng thái này."))
            else:
                messages.success(request, _("Đã ghi kết quả xét: %(status)s.") % {"status": exemplar.get_status_display()})
    else:
        messages.error(request, _("Hãy chọn kết quả xét."))
    return redirect("exemplars:detail", exemplar.pk)
