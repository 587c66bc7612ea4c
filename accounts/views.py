from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, services
from accounts.access import get_membership_for, get_person_for, visible_people
from accounts.models import Membership, User
from accounts.scope import require_roles
from core.exports import xlsx_response
from core.roles import MANAGERS, Role
from core.tabular import xlsx_template
from core.text import fold


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
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "emails/password_reset/body.txt"
    html_email_template_name = "emails/password_reset/body.html"
    subject_template_name = "emails/password_reset/subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
