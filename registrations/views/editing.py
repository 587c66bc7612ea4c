"""Registering and changing a draft: the full form (works without JavaScript) and the autosave
endpoint the same form posts to as one types (htmx), which answers with a small "saved at" note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selection import selected_campaign
from core.concurrency import StaleObjectError
from core.roles import Role
from registrations import access, services
from registrations.forms import RegistrationForm, target_formset
from registrations.models import Registration
from registrations.services.editing import find_by_token
from units.models import Unit

Kind = Registration.Kind


# --- building the form --------------------------------------------------------------------------
def _cadre_units(scope, campaign=None):
    """The units a cadre registers a task in: their own (those of the campaign's map)."""
    ids = [m.unit_id for m in scope.memberships if m.role == Role.CADRE]
    units = campaign.units() if campaign is not None else Unit.objects.all()
    return units.filter(pk__in=ids).select_related("parent").order_by("depth", "position")


def _kind_requested(request) -> str:
    """The kind the page is for: a cadre registers a task; an officer a unit's content or model."""
    scope = request.scope
    asked = request.POST.get("loai") or request.GET.get("loai") or ""
    can_task = scope.has_role(Role.CADRE)
    can_unit = scope.has_role(Role.OFFICER, Role.PROVINCE_STAFF)
    if asked == Kind.TASK or (not asked and can_task and not can_unit):
        if not can_task:
            raise PermissionDenied(_("Việc làm cá nhân do cán bộ, đảng viên tự đăng ký."))
        return Kind.TASK
    if not can_unit:
        raise PermissionDenied(_("Chỉ cán bộ phụ trách đơn vị mới đăng ký nội dung, mô hình của tập thể."))
    return asked if asked in (Kind.CONTENT, Kind.MODEL) else Kind.CONTENT


def _build_form(request, *, kind, registration=None, data=None):
    scope = request.scope
    # A registration belongs to a campaign year, and chooses among that year's units.
    campaign = registration.campaign if registration is not None else selected_campaign(request)
    if kind == Kind.TASK:
        units = _cadre_units(scope, campaign)
        area_units = None
    else:
        mine = scope.managed_units() & campaign.units() if campaign else scope.managed_units().open()
        units = mine.select_related("parent").order_by("depth", "position", "code")
        area_units = mine.filter(level=Unit.Level.COMMUNE).select_related("parent").order_by("path")
    initial = {}
    if registration is not None:
        initial = {
            "kind": registration.kind,
            "unit": registration.unit.code,
            "title": registration.title,
            "field": registration.field_id,
            "description": registration.description,
            "starts_on": registration.starts_on,
            "ends_on": registration.ends_on,
            "responsible": registration.responsible,
            "expected_result": registration.expected_result,
            "movements": [m.pk for m in registration.movements.all()],
            "areas": [a.pk for a in registration.areas.all()],
            "area_note": registration.area_note,
            "version": registration.version,
        }
        targets = [
            {"name": t.name, "unit_of_measure": t.unit_of_measure, "target_value": f"{t.target_value.normalize():f}"}
            for t in registration.targets.all()
        ]
    else:
        home = units.first()
        initial = {"kind": kind, "unit": home.code if home else None}
        if campaign is not None:
            today = timezone.localdate()
            initial["starts_on"] = today if campaign.starts_on <= today <= campaign.ends_on else campaign.starts_on
            initial["ends_on"] = campaign.ends_on
        targets = []
    form = RegistrationForm(
        data, kind=kind, units=units, campaign=campaign, area_units=area_units, initial=initial, editing=registration is not None,
        current_field=registration.field if registration is not None else None,
    )  # fmt: skip
    if registration is not None:
        form.fields["version"].required = True
    formset = target_formset(data, initial=targets)
    return form, formset


def _input(request, form, formset, *, kind, registration=None) -> services.RegistrationInput:
    cd = form.cleaned_data
    person = (registration.person if registration else request.user) if kind == Kind.TASK else None
    targets = [
        services.TargetInput(f.cleaned_data["name"], f.cleaned_data["target_value"], f.cleaned_data.get("unit_of_measure") or "")
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]
    return services.RegistrationInput(
        kind=kind,
        unit=registration.unit if registration else cd["unit"],
        campaign=registration.campaign if registration else selected_campaign(request),
        title=cd["title"],
        person=person,
        description=cd.get("description", ""),
        field=cd.get("field"),
        movements=list(cd.get("movements") or []),
        areas=list(cd.get("areas") or []),
        area_note=cd.get("area_note", ""),
        starts_on=cd.get("starts_on"),
        ends_on=cd.get("ends_on"),
        responsible=cd.get("responsible") or (person.full_name if person else ""),
        expected_result=cd.get("expected_result", ""),
        targets=targets,
    )


def _only_own_changes(registration, since_version, user) -> bool:
    """True when every save after `since_version` was this user's own (an autosave of this very
    form that the final submit overtook): then the newer form wins and nothing of anyone is lost."""
    return not registration.history.filter(version__gt=since_version).exclude(history_user_id=user.pk).exists()


def _save(request, form, formset, *, kind, registration=None) -> Registration:
    """Create or update the draft from a valid form. Raises ValidationError, PermissionDenied,
    StaleObjectError."""
    user = request.user
    if registration is None:
        registration = find_by_token(by=user, client_token=form.cleaned_data.get("client_token"))
        if registration is None:
            data = _input(request, form, formset, kind=kind)
            return services.registration_create(data=data, by=user, client_token=form.cleaned_data.get("client_token"))
        registration = Registration.objects.select_related("unit", "unit__parent", "person", "campaign").get(pk=registration.pk)
        if not registration.is_editable:
            return registration  # this form was already sent (a double tap): nothing to change
        expected = form.cleaned_data.get("version") or registration.version
    else:
        expected = form.cleaned_data["version"]
    data = _input(request, form, formset, kind=registration.kind, registration=registration)
    try:
        return services.registration_update(registration=registration, data=data, by=user, expected_version=expected)
    except StaleObjectError as exc:
        if not _only_own_changes(exc.instance, expected, user):
            raise
        return services.registration_update(registration=registration, data=data, by=user, expected_version=exc.instance.version)


def _render_form(request, form, formset, *, kind, registration=None, stale=None, status=200):
    context = {
        "form": form,
        "formset": formset,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "registration": registration,
        "stale": stale,
        "single_unit": len(form.fields["unit"].queryset) == 1,
        "action_url": reverse("registrations:edit", args=[registration.pk])
        if registration
        else reverse("registrations:create") + f"?loai={kind}",
        "autosave_url": reverse("registrations:autosave_edit", args=[registration.pk])
        if registration
        else reverse("registrations:autosave"),
    }
    return render(request, "registrations/form.html", context, status=status)


def _handle_post(request, *, kind, registration=None):
    form, formset = _build_form(request, kind=kind, registration=registration, data=request.POST)
    if not (form.is_valid() and formset.is_valid()):
        messages.error(request, _("Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới."))
        return _render_form(request, form, formset, kind=kind, registration=registration)
    try:
        saved = _save(request, form, formset, kind=kind, registration=registration)
    except StaleObjectError as exc:
        # Keep what the user typed; carry the current version so that saving again, after reading
        # what the other person changed, is a deliberate choice.
        data = request.POST.copy()
        data["version"] = exc.instance.version
        form, formset = _build_form(request, kind=kind, registration=registration, data=data)
        form.is_valid()
        formset.is_valid()
        return _render_form(request, form, formset, kind=kind, registration=registration, stale=exc, status=409)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_form(request, form, formset, kind=kind, registration=registration)
    if saved.status not in Registration.EDITABLE:
        # The same form arrived again after it was sent: nothing more to do.
        messages.info(request, _("Đăng ký này đã được gửi duyệt."))
        return redirect("registrations:detail", pk=saved.pk)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Đã lưu bản nháp lúc %(time)s.") % {"time": f"{timezone.localtime():%H:%M}"})
        return redirect("registrations:edit", pk=saved.pk)
    missing = form.missing_for_submit()
    if missing:
        # The draft is saved; show what a submission still needs, on the edit page's form.
        data = request.POST.copy()
        data["version"] = saved.version
        form, formset = _build_form(request, kind=saved.kind, registration=saved, data=data)
        form.is_valid()
        formset.is_valid()
        for name, message in missing.items():
            form.add_error(name, message)
        messages.warning(request, _("Đã lưu bản nháp, nhưng chưa gửi duyệt được: còn thiếu thông tin được đánh dấu."))
        return _render_form(request, form, formset, kind=saved.kind, registration=saved)
    try:
        services.registration_submit(registration=saved, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrations:edit", pk=saved.pk)
    messages.success(request, _("Đã gửi đăng ký để cấp có thẩm quyền duyệt."))
    return redirect("registrations:detail", pk=saved.pk)


# --- views --------------------------------------------------------------------------------------
@login_required
def registration_create(request):
    kind = _kind_requested(request)
    if selected_campaign(request) is None:
        messages.error(request, _("Chưa có phong trào thi đua nào để đăng ký."))
        return redirect("registrations:list")
    if request.method == "POST":
        return _handle_post(request, kind=kind)
    form, formset = _build_form(request, kind=kind)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied(_("Bạn chưa có đơn vị nào để đăng ký."))
    return _render_form(request, form, formset, kind=kind)


@login_required
def registration_edit(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    if not registration.is_editable:
        messages.info(
            request,
            _("Đăng ký đang ở trạng thái “%(status)s”, không sửa được nữa.") % {"status": registration.get_status_display()},
        )
        return redirect("registrations:detail", pk=pk)
    if request.method == "POST":
        return _handle_post(request, kind=registration.kind, registration=registration)
    form, formset = _build_form(request, kind=registration.kind, registration=registration)
    return _render_form(request, form, formset, kind=registration.kind, registration=registration)


def _autosave_reply(request, *, message, tone="secondary", registration=None, replace_url=None):
    response = render(
        request,
        "registrations/_autosave.html",
        {"message": message, "tone": tone, "registration": registration},
    )
    if replace_url:
        response["HX-Replace-Url"] = replace_url
    return response


def _autosave(request, *, kind, registration=None):
    form, formset = _build_form(request, kind=kind, registration=registration, data=request.POST)
    if not (request.POST.get("title") or "").strip():
        return _autosave_reply(request, message=_("Nhập tên để bắt đầu lưu nháp tự động."))
    if not (form.is_valid() and formset.is_valid()):
        problems = [e for errors in form.errors.values() for e in errors]
        problems += [e for f in formset.forms for errors in f.errors.values() for e in errors]
        return _autosave_reply(
            request, message=_("Chưa lưu nháp: %(problems)s") % {"problems": " ".join(problems[:3])}, tone="danger"
        )
    try:
        saved = _save(request, form, formset, kind=kind, registration=registration)
    except StaleObjectError:
        return _autosave_reply(
            request, message=_("Chưa lưu: đăng ký vừa được thay đổi ở nơi khác. Hãy tải lại trang."), tone="danger"
        )
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return _autosave_reply(request, message=_("Chưa lưu nháp: %(problems)s") % {"problems": text}, tone="danger")
    if saved.status not in Registration.EDITABLE:
        return _autosave_reply(request, message=_("Đăng ký đã được gửi; không lưu nháp nữa."), registration=saved)
    return _autosave_reply(
        request,
        message=_("Đã lưu nháp lúc %(time)s") % {"time": f"{timezone.localtime():%H:%M}"},
        tone="success",
        registration=saved,
        replace_url=reverse("registrations:edit", args=[saved.pk]) if registration is None else None,
    )


@login_required
@require_POST
def registration_autosave(request):
    """Autosave of the new-registration form: the form's key finds the draft it already made."""
    return _autosave(request, kind=_kind_requested(request))


@login_required
@require_POST
def registration_autosave_edit(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    if not registration.is_editable:
        return _autosave_reply(request, message=_("Đăng ký đã được gửi; không lưu nháp nữa."), registration=registration)
    return _autosave(request, kind=registration.kind, registration=registration)


@login_required
@require_POST
def registration_delete(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    if request.POST.get("confirm") != "1":
        messages.info(request, _("Bản nháp chưa bị xóa: hãy bấm “Xóa bản nháp” và xác nhận."))
        return redirect("registrations:detail", pk=pk)
    try:
        services.registration_delete(registration=registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrations:detail", pk=pk)
    except Registration.DoesNotExist as exc:  # pragma: no cover - deleted meanwhile
        raise Http404 from exc
    messages.success(request, _("Đã xóa bản nháp “%(title)s”.") % {"title": registration.title})
    return redirect("registrations:list")
