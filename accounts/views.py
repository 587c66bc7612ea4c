from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import forms, services
from accounts.access import get_membership_for, get_person_for, get_reform_membership_for, reform_scope_for, visible_people
from accounts.models import Membership, User
from accounts.scope import require_roles
from accounts.selectors import reform_counts, reform_pending, reform_targets
from core.client_ip import client_ip
from core.exports import xlsx_response
from core.roles import MANAGERS, Role
from core.tabular import xlsx_template
from core.text import fold
from units.models import Unit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            User.objects.filter(pk=self.request.user.pk).update(must_change_password=False)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The mail goes through the queue (accounts.tasks.send_password_reset), within limits per client
    address and per account; the next page is the same whether a mail was sent or not."""

    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        services.password_reset_request(email=form.cleaned_data["email"], address=client_ip(self.request))
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        User.objects.filter(pk=form.user.pk).update(must_change_password=False)
        return response


@login_required
def people(request):
    require_roles(request, *MANAGERS)
    scope = request.scope
    units = scope.visible_units().open().committees().order_by("depth", "position")
    form = forms.PeopleFilterForm(request.GET or None, units=units)
    memberships = Membership.objects.filter(scope.units_q("unit")).select_related("unit")
    users = visible_people(scope)
    if form.is_valid():
        data = form.cleaned_data
        if not data.get("include_inactive"):
            users = users.filter(is_active=True)
            memberships = memberships.filter(is_active=True)
        if data.get("unit"):
            memberships = memberships.filter(unit__path__startswith=data["unit"].path)
        if data.get("role"):
            memberships = memberships.filter(role=data["role"])
        if data.get("unit") or data.get("role"):
            users = users.filter(pk__in=memberships.values("user_id"))
        if data.get("q"):
            users = users.filter(search_key__contains=fold(data["q"]))
    else:
        users = users.filter(is_active=True)
        memberships = memberships.filter(is_active=True)
    users = users.order_by("full_name", "username").prefetch_related(
        Prefetch("memberships", queryset=memberships.order_by("unit__depth", "unit__position"), to_attr="shown_memberships")
    )
    page = Paginator(users, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "accounts/people.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def person_detail(request, pk: int):
    person = get_person_for(request, pk)
    scope = request.scope
    memberships = [
        (m, scope.manages(m.unit))
        for m in person.memberships.select_related("unit").order_by("unit__depth", "unit__position")
        if scope.sees_unit(m.unit)
    ]
    return render(request, "accounts/person_detail.html", {"person": person, "memberships": memberships})


@login_required
@require_POST
def membership_toggle(request, pk: int):
    membership = get_membership_for(request, pk)
    activate = request.POST.get("active") == "1"
    try:
        services.membership_set_active(membership=membership, active=activate, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if activate:
            text = _("Đã mở lại vai trò %(role)s của %(person)s tại %(unit)s.")
        else:
            text = _("Đã khóa vai trò %(role)s của %(person)s tại %(unit)s.")
        messages.success(
            request, text % {"role": membership.get_role_display(), "person": membership.user, "unit": membership.unit}
        )
    return redirect("accounts:person_detail", pk=membership.user_id)


@login_required
def person_create(request):
    require_roles(request, *MANAGERS)
    scope = request.scope
    units = scope.managed_units().open().order_by("depth", "position")
    initial_unit = request.GET.get("don_vi")
    form = forms.AccountCreateForm(request.POST or None, units=units, initial={"unit": initial_unit, "role": Role.CADRE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.account_create(
                scope=scope,
                by=request.user,
                full_name=data["full_name"],
                username=data["username"],
                email=data["email"],
                unit=data["unit"],
                role=data["role"],
                position=data["position"],
                phone=data["phone"],
            )
        except PermissionDenied as exc:
            form.add_error("role", str(exc))
        else:
            return render(request, "accounts/person_created.html", {"created": [created]})
    return render(request, "accounts/person_form.html", {"form": form})


@login_required
def cadres_import(request):
    require_roles(request, *MANAGERS)
    scope = request.scope
    form = forms.CadreImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.cadres_import(by=request.user, uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.errors:
                errors = result.errors
            else:
                return render(request, "accounts/person_created.html", {"created": result.created, "imported": True})
    managed = scope.managed_units().open().committees().order_by("depth", "position")[:1].first()
    return render(request, "accounts/cadres_import.html", {"form": form, "errors": errors, "example_unit": managed})


@login_required
def cadres_import_template(request):
    require_roles(request, *MANAGERS)
    unit = request.scope.home_unit
    content = xlsx_template(
        services.CADRE_TEMPLATE_HEADERS,
        ["Nguyễn Văn An", "nguyenvanan@example.vn", "Phó Chủ tịch", unit.code if unit else ""],  # vi-only
        title="Cán bộ",  # vi-only
    )
    return xlsx_response(content, filename="mau-nhap-can-bo.xlsx")


@login_required
def profile(request):
    scope = request.scope
    return render(request, "accounts/profile.html", {"memberships": scope.memberships})


# --- the reform page: moving people from units a map change closed -------------------------------
REFORM_PAGE_SIZE = 100


def _reform_list_url(request) -> str:
    """The list, on the page the form was sent from."""
    url = reverse("accounts:reform")
    page = request.POST.get("trang", "")
    return f"{url}?trang={page}" if page.isdigit() else url


def _reform_refused(request, membership, exc: ValidationError):
    """A refused move or end: the reason, then the chooser while the role still waits (with the
    search typed there), else the list (the role was moved or ended meanwhile)."""
    messages.error(request, " ".join(exc.messages))
    still_waiting = Membership.objects.filter(pk=membership.pk, is_active=True, unit__valid_to__isnull=False).exists()
    if not still_waiting:
        return redirect(_reform_list_url(request))
    url = reverse("accounts:reform_choose", kwargs={"pk": membership.pk})
    query = request.POST.get("q", "")[:100]
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@login_required
def reform(request):
    """Provincial staff: the people still holding roles at units that closed in a map change,
    grouped by the closed unit, with the unit that kept its code proposed as the successor."""
    scope = reform_scope_for(request)
    paths = scope.staff_paths
    pending = reform_pending(paths).select_related("user", "unit", "unit__parent")
    page = Paginator(pending, REFORM_PAGE_SIZE).get_page(request.GET.get("trang"))
    successors = Unit.objects.in_bulk({m.successor_id for m in page if m.successor_id})
    groups = []
    for m in page:
        if not groups or groups[-1]["unit"].pk != m.unit_id:
            groups.append({"unit": m.unit, "successor": successors.get(m.successor_id), "rows": []})
        groups[-1]["rows"].append(m)
    return render(
        request,
        "accounts/reform.html",
        {"page": page, "groups": groups, "counts": reform_counts(paths), "query": ""},
    )


@login_required
def reform_choose(request, pk: int):
    """One role of a closed unit: search a commune-level unit to move it to, or end it."""
    membership = get_reform_membership_for(request, pk)
    paths = request.scope.staff_paths
    waiting = reform_pending(paths).filter(pk=membership.pk).first()
    if waiting is None:
        messages.info(
            request,
            _("Vai trò %(role)s của %(person)s tại %(unit)s không còn chờ chuyển (đã được chuyển hoặc kết thúc).")
            % {"role": membership.get_role_display(), "person": membership.user, "unit": membership.unit},
        )
        return redirect("accounts:reform")
    form = forms.ReformUnitSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    targets, total, suggested = reform_targets(unit=membership.unit, paths=paths, query=query)
    successor = Unit.objects.filter(pk=waiting.successor_id).first() if waiting.successor_id else None
    context = {
        "membership": membership,
        "successor": successor,
        "form": form,
        "query": query,
        "targets": targets,
        "total": total,
        "more": total - len(targets),
        "suggested": suggested,
    }
    return render(request, "accounts/reform_choose.html", context)


@login_required
@require_POST
def reform_move(request, pk: int):
    membership = get_reform_membership_for(request, pk, "move")
    form = forms.ReformMoveForm(request.POST)
    if not form.is_valid():
        return _reform_refused(request, membership, ValidationError([e for errors in form.errors.values() for e in errors]))
    old_unit = membership.unit
    try:
        moved = services.membership_move(
            membership=membership,
            to_unit=form.cleaned_data["to_unit"],
            by=request.user,
            expected_unit_id=form.cleaned_data["from_unit"],
        )
    except ValidationError as exc:
        return _reform_refused(request, membership, exc)
    messages.success(
        request,
        _("Đã chuyển %(person)s (%(role)s) từ %(old)s sang %(new)s.")
        % {"person": membership.user, "role": membership.get_role_display(), "old": old_unit, "new": moved.unit},
    )
    return redirect(_reform_list_url(request))


@login_required
@require_POST
def reform_end(request, pk: int):
    membership = get_reform_membership_for(request, pk, "move")
    form = forms.ReformEndForm(request.POST)
    if not form.is_valid():
        return _reform_refused(request, membership, ValidationError([e for errors in form.errors.values() for e in errors]))
    try:
        services.membership_end(membership=membership, by=request.user, expected_unit_id=form.cleaned_data["from_unit"])
    except ValidationError as exc:
        return _reform_refused(request, membership, exc)
    messages.success(
        request,
        _("Đã kết thúc vai trò %(role)s của %(person)s tại %(unit)s; tài khoản và các vai trò khác vẫn giữ.")
        % {"role": membership.get_role_display(), "person": membership.user, "unit": membership.unit},
    )
    return redirect(_reform_list_url(request))


@login_required
@require_POST
def reform_move_all(request):
    reform_scope_for(request)
    form = forms.ReformMoveAllForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Không tìm thấy đơn vị đã chọn; danh sách đã được cập nhật, hãy xem lại."))
        return redirect(_reform_list_url(request))
    result = services.memberships_move_all(by=request.user, under=form.cleaned_data["under"])
    if result.moved:
        n = len(result.moved)
        messages.success(
            request,
            ngettext("Đã chuyển %(n)s vai trò sang đơn vị kế thừa.", "Đã chuyển %(n)s vai trò sang đơn vị kế thừa.", n)
            % {"n": n},
        )
    elif not result.refused:
        messages.info(
            request,
            _("Không còn vai trò nào có đơn vị kế thừa để chuyển: có thể đã được xác nhận trước đó. Không có gì thay đổi."),
        )
    for refusal in result.refused[:10]:
        messages.warning(request, refusal)
    return redirect(_reform_list_url(request))
