"""The list of fields of work, kept by provincial staff (others: 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.scope import require_roles
from campaigns.selection import selected_campaign
from core.roles import Role
from registrations import access, services
from registrations.forms import FieldForm
from registrations.models import Field


@login_required
def field_list(request):
    require_roles(request, Role.PROVINCE_STAFF)
    campaign = selected_campaign(request)
    fields = Field.objects.filter(campaign=campaign).annotate(used=Count("registrations")).order_by("position", "name")
    return render(request, "registrations/fields.html", {"fields": fields, "campaign": campaign})


def _save(request, field=None):
    initial = {"name": field.name, "position": field.position, "is_active": field.is_active} if field else None
    form = FieldForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.field_save(
                by=request.user,
                campaign=selected_campaign(request),
                name=data["name"],
                position=data["position"],
                is_active=data["is_active"],
                field=field,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu lĩnh vực “%(name)s”.") % {"name": saved.name})
            return redirect("registrations:fields")
    return render(request, "registrations/field_form.html", {"form": form, "field": field})


@login_required
def field_create(request):
    require_roles(request, Role.PROVINCE_STAFF)
    return _save(request)


@login_required
def field_edit(request, pk: int):
    return _save(request, access.get_field_for(request, pk))
